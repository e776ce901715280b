import { toCstIso, type Notice } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { NOTICES } from './collection';

export async function getNotice({ ctx, input }: HandlerArgs<{ id: string }>): Promise<Notice> {
  const res = await ctx.db.collection(NOTICES).where({ _id: input.id, status: 'published' }).limit(1).get();
  const row = res.data[0] as (Omit<Notice, 'publishedAt'> & { publishedAt: Date; status: string }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', '通知不存在或已撤回');
  const { status: _status, ...notice } = row;
  return { ...notice, publishedAt: toCstIso(row.publishedAt) };
}
