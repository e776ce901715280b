import type { z } from 'zod';
import { toCstIso, type Case, type CaseSummary, type casesContract } from '../../types';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { CASES } from '../_lib/engine/cases';

type In<K extends keyof (typeof casesContract)['actions']> = z.output<(typeof casesContract)['actions'][K]['input']>;
export type CaseRow = Case & { publishedAtMs: number };
type Row = CaseRow;

/** 照片、视频、封面的临时链接有效期（秒）；回复里附上到期时刻，页面开着超过它就重新取 */
export const CASE_LINK_SECONDS = 3600;
export const linksExpireAt = (now: Date) => toCstIso(new Date(now.getTime() + CASE_LINK_SECONDS * 1000));

/** 案例文件的临时链接（去重后一次取齐）：fileID → 链接；取不到的不在表里 */
export async function caseFileUrls(ctx: HandlerArgs<unknown>['ctx'], fileIDs: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(fileIDs)];
  const urls = ids.length ? await ctx.files.tempUrls(ids, CASE_LINK_SECONDS) : [];
  return new Map(urls.filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
}

/**
 * 一页案例摘要（按 publishedAtMs、_id 倒序取了 pageSize + 1 条）：取封面链接、摘要字段、下一页游标。
 * extra 给每条补充字段（如案例编辑列表的状态与版本）。
 */
export async function caseSummaryPage<X extends object>(ctx: HandlerArgs<unknown>['ctx'], rows: Row[], pageSize: number, extra: (r: Row) => X) {
  const page = rows.slice(0, pageSize);
  const urls = await caseFileUrls(ctx, page.map((r) => r.photos[0]?.fileID).filter((f): f is string => !!f));
  const items: (CaseSummary & X)[] = page.map((r) => ({
    _id: r._id, campaignId: r.campaignId, campaignTitle: r.campaignTitle, kind: r.kind, year: r.year, unitId: r.unitId, unitName: r.unitName,
    entrantName: r.entrantName, levelKey: r.levelKey, levelLabel: r.levelLabel, title: r.title, summary: r.summary, publishedAt: r.publishedAt,
    coverUrl: r.photos[0] ? (urls.get(r.photos[0].fileID) ?? null) : null, photoCount: r.photos.length, ...extra(r),
  }));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > pageSize && last ? encodeCursor({ at: last.publishedAtMs, id: last._id }) : null,
    linksExpireAt: linksExpireAt(ctx.clock.now()),
  };
}

/** 案例列表：只读已公布的；每页一次查询 + 一次取封面临时链接 */
export async function listCases({ ctx, input }: HandlerArgs<In<'list'>>) {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { status: 'published' };
  if (input.year) where.year = input.year;
  if (input.kind) where.kind = input.kind;
  if (input.unitId) where.unitId = input.unitId;
  if (input.levelKey) where.levelKey = input.levelKey;
  if (input.campaignId) where.campaignId = input.campaignId;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const query = cursor ? _.and([where, _.or([{ publishedAtMs: _.lt(cursor.at) }, { publishedAtMs: cursor.at, _id: _.lt(cursor.id) }])]) : where;
  const res = await ctx.db.collection(CASES).where(query).orderBy('publishedAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1)
    .field({ sections: false, video: false })
    .get();
  return caseSummaryPage(ctx, res.data as unknown as Row[], input.pageSize, () => ({}));
}

/** 案例全文：照片、视频附 1 小时有效的临时链接（到期时刻一并返回） */
export async function getCase({ ctx, input }: HandlerArgs<In<'get'>>) {
  const res = await ctx.db.collection(CASES).where({ _id: input.id, status: 'published' }).limit(1).get();
  const c = res.data[0] as unknown as Row | undefined;
  if (!c) throw new AppError('NOT_FOUND', '案例不存在或已撤下');
  const ids = [...c.photos.map((p) => p.fileID), ...(c.video ? [c.video.fileID] : [])];
  const urls = await caseFileUrls(ctx, ids);
  return {
    ...c,
    linksExpireAt: linksExpireAt(ctx.clock.now()),
    photos: c.photos.map((p) => ({ ...p, url: urls.get(p.fileID) ?? '' })),
    video: c.video ? { ...c.video, url: urls.get(c.video.fileID) ?? '' } : null,
  };
}

/**
 * 可按“评选”筛选的评选：储备库里有已公布案例的每一次评选，年份新的在前。
 * 按 campaignId 升序读已公布案例的这几个字段，每次 100 条（status_campaign_published 索引）：一页里出现的评选都记下，
 * 下一页从本页最后一个评选之后读起（跳过它余下的案例）；不足 100 条即读完。
 * 查询次数 ≤ min(评选数, ⌈案例数 / 100⌉) + 1——通常一次（issue 8；原先每个评选各一次）。不列没有案例的评选。
 */
export async function listCaseCampaigns({ ctx }: HandlerArgs<In<'campaigns'>>) {
  const _ = ctx.db.command;
  type Found = Pick<Row, 'campaignId' | 'campaignTitle' | 'year' | 'kind'>;
  const found = new Map<string, Found>();
  let after: string | null = null;
  while (found.size < 100) {
    const where: Record<string, unknown> = after === null ? { status: 'published' } : { status: 'published', campaignId: _.gt(after) };
    const res = await ctx.db.collection(CASES).where(where).orderBy('campaignId', 'asc').limit(100)
      .field({ campaignId: true, campaignTitle: true, year: true, kind: true })
      .get();
    const rows = res.data as unknown as Found[];
    for (const row of rows) if (!found.has(row.campaignId)) found.set(row.campaignId, row);
    if (rows.length < 100) break;
    after = rows[rows.length - 1].campaignId;
  }
  const list = [...found.values()].slice(0, 100);
  list.sort((a, b) => b.year - a.year || a.campaignTitle.localeCompare(b.campaignTitle, 'zh-CN'));
  return { campaigns: list.map((c) => ({ _id: c.campaignId, title: c.campaignTitle, year: c.year, kind: c.kind })) };
}

/** 重新取列表封面的临时链接：只给已公布的案例；撤下或没有照片的为 null */
export async function caseCovers({ ctx, input }: HandlerArgs<In<'covers'>>) {
  const _ = ctx.db.command;
  const ids = [...new Set(input.ids)];
  const res = await ctx.db.collection(CASES).where({ _id: _.in(ids), status: 'published' }).limit(100).field({ photos: true }).get();
  const rows = res.data as unknown as Pick<Row, '_id' | 'photos'>[];
  const urls = await caseFileUrls(ctx, rows.map((r) => r.photos[0]?.fileID).filter((f): f is string => !!f));
  const found = new Map(rows.map((r) => [r._id, r.photos[0] ? (urls.get(r.photos[0].fileID) ?? null) : null]));
  return { covers: Object.fromEntries(ids.map((id) => [id, found.get(id) ?? null])), linksExpireAt: linksExpireAt(ctx.clock.now()) };
}
