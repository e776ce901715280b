import type { z } from 'zod';
import type { Case, CaseSummary, casesContract } from '../../types';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { CASES } from '../_lib/engine/cases';

type In<K extends keyof (typeof casesContract)['actions']> = z.output<(typeof casesContract)['actions'][K]['input']>;
type Row = Case & { publishedAtMs: number };

/** 案例列表：只读已公布的；每页一次查询 + 一次取封面临时链接 */
export async function listCases({ ctx, input }: HandlerArgs<In<'list'>>) {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { status: 'published' };
  if (input.year) where.year = input.year;
  if (input.kind) where.kind = input.kind;
  if (input.unitId) where.unitId = input.unitId;
  if (input.levelKey) where.levelKey = input.levelKey;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const query = cursor ? _.and([where, _.or([{ publishedAtMs: _.lt(cursor.at) }, { publishedAtMs: cursor.at, _id: _.lt(cursor.id) }])]) : where;
  const res = await ctx.db.collection(CASES).where(query).orderBy('publishedAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1)
    .field({ sections: false, video: false })
    .get();
  const rows = res.data as unknown as Row[];
  const page = rows.slice(0, input.pageSize);
  const covers = page.map((r) => r.photos[0]?.fileID).filter((f): f is string => !!f);
  const urls = new Map((covers.length ? await ctx.files.tempUrls(covers, 3600) : []).filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
  const items: CaseSummary[] = page.map((r) => ({
    _id: r._id, campaignId: r.campaignId, campaignTitle: r.campaignTitle, kind: r.kind, year: r.year, unitId: r.unitId, unitName: r.unitName,
    entrantName: r.entrantName, levelKey: r.levelKey, levelLabel: r.levelLabel, title: r.title, summary: r.summary, publishedAt: r.publishedAt,
    coverUrl: r.photos[0] ? (urls.get(r.photos[0].fileID) ?? null) : null, photoCount: r.photos.length,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: last.publishedAtMs, id: last._id }) : null };
}

/** 案例全文：照片、视频附 1 小时有效的临时链接 */
export async function getCase({ ctx, input }: HandlerArgs<In<'get'>>) {
  const res = await ctx.db.collection(CASES).where({ _id: input.id, status: 'published' }).limit(1).get();
  const c = res.data[0] as unknown as Row | undefined;
  if (!c) throw new AppError('NOT_FOUND', '案例不存在或已撤下');
  const ids = [...c.photos.map((p) => p.fileID), ...(c.video ? [c.video.fileID] : [])];
  const urls = new Map((ids.length ? await ctx.files.tempUrls(ids, 3600) : []).filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
  return {
    ...c,
    photos: c.photos.map((p) => ({ ...p, url: urls.get(p.fileID) ?? '' })),
    video: c.video ? { ...c.video, url: urls.get(c.video.fileID) ?? '' } : null,
  };
}
