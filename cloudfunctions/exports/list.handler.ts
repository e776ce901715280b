import type { z } from 'zod';
import type { exportsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { EXPORT_JOBS, withUrls, type JobRow } from './jobs';

type In = z.output<(typeof exportsContract)['actions']['list']['input']>;

/** 我发起的导出（只看自己的：汇总表与材料含个人信息，不给别人看到链接）；完成的附 30 分钟临时链接 */
export async function listJobs({ ctx, actor, input }: HandlerArgs<In>) {
  const _ = ctx.db.command;
  const owner = { ownerPersonId: actor.person!._id };
  if (input.ids) {
    const res = await ctx.db.collection(EXPORT_JOBS).where({ ...owner, _id: _.in(input.ids) }).orderBy('createdAtMs', 'desc').orderBy('_id', 'desc').limit(10).get();
    return { items: await withUrls(ctx, res.data as unknown as JobRow[]), nextCursor: null };
  }
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const where = cursor ? _.and([owner, _.or([{ createdAtMs: _.lt(cursor.at) }, { createdAtMs: cursor.at, _id: _.lt(cursor.id) }])]) : owner;
  const res = await ctx.db.collection(EXPORT_JOBS).where(where).orderBy('createdAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1).get();
  const rows = res.data as unknown as JobRow[];
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: await withUrls(ctx, page),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: last.createdAtMs, id: last._id }) : null,
  };
}
