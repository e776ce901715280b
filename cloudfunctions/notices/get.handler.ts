import { toCstIso, type Notice } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { NOTICES } from './collection';

export async function getNotice({ ctx, input }: HandlerArgs<{ id: string }>): Promise<Notice> {
  const res = await ctx.db.collection(NOTICES).where({ _id: input.id, status: 'published' }).limit(1).get();
  const row = res.data[0] as (Omit<Notice, 'publishedAt'> & { publishedAt: Date; status: string }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', '通知不存在或已撤回');
  const { status: _status, ...notice } = row;
  // 附件带临时链接：H5 在新标签页打开，小程序仍按 fileID 下载后预览
  const urls = notice.attachments.length ? await ctx.files.tempUrls(notice.attachments.map((a) => a.fileID), 3600) : [];
  const urlOf = new Map(urls.filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
  const attachments = notice.attachments.map((a) => (urlOf.has(a.fileID) ? { ...a, url: urlOf.get(a.fileID) } : a));
  return { ...notice, attachments, publishedAt: toCstIso(row.publishedAt) };
}
