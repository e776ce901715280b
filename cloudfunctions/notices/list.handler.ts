import { noticeSummarySchema, toCstIso, type NoticeSummary } from '../../types';
import type { IndexDeclaration } from '../_lib/db';
import type { HandlerArgs } from '../_lib/define';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import { NOTICES } from './collection';

/** 列表排序键：发布时间倒序，_id 为并列时的决胜键，配合游标分页 */
export const noticeListIndexes: IndexDeclaration[] = [
  { collection: NOTICES, name: 'publishedAt_desc_id_desc', keys: { publishedAt: -1, _id: -1 } },
];

const SUMMARY_FIELDS = Object.fromEntries(Object.keys(noticeSummarySchema.shape).map((k) => [k, true]));

/**
 * 游标分页（keyset）：每页一次读、只读 pageSize+1 条，成本不随集合增长；
 * 标题搜索用转义后的正则，用户输入不会变成查询操作符。
 */
export async function listNotices({
  ctx,
  input,
}: HandlerArgs<{ keyword?: string; cursor?: string; pageSize: number }>): Promise<{
  items: NoticeSummary[];
  nextCursor: string | null;
}> {
  const db = ctx.db;
  const _ = db.command;
  const conditions: object[] = [{ status: 'published' }];
  if (input.keyword) {
    conditions.push({ title: db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' }) });
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) throw new AppError('BAD_INPUT', '分页位置无效，请刷新列表');
    const at = new Date(c.at);
    conditions.push(_.or([{ publishedAt: _.lt(at) }, { publishedAt: at, _id: _.lt(c.id) }]));
  }
  const res = await db
    .collection(NOTICES)
    .where(_.and(conditions))
    .orderBy('publishedAt', 'desc')
    .orderBy('_id', 'desc')
    .field(SUMMARY_FIELDS)
    .limit(input.pageSize + 1)
    .get();
  const rows = res.data as StoredNoticeRow[];
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: new Date(last.publishedAt).getTime(), id: last._id }) : null,
  };
}

interface StoredNoticeRow extends Omit<NoticeSummary, 'publishedAt'> {
  publishedAt: Date;
}

function toSummary(row: StoredNoticeRow): NoticeSummary {
  return { ...row, publishedAt: toCstIso(row.publishedAt) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
