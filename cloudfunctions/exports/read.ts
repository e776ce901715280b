import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { CASES } from '../_lib/engine/cases';
import { ENTRIES } from '../_lib/engine/load';

/** 导出的查询所需索引：汇总表按评选与类别读全部材料（按 _id 分页） */
export const exportReadIndexes: IndexDeclaration[] = [
  { collection: ENTRIES, name: 'campaign_track_id', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  // 汇编按评选类型筛选（按年份的已有 status_year_published）
  { collection: CASES, name: 'status_kind_published', keys: { status: 1, kind: 1, publishedAtMs: -1, _id: -1 } },
];

/** 云端每次最多读 100 条：按 _id 升序逐页读完（汇总表一个评选全校约 1,200 条） */
export async function readAll<T>(ctx: FunctionContext, collection: string, where: object): Promise<T[]> {
  const _ = ctx.db.command;
  const out: T[] = [];
  let after = '';
  for (;;) {
    const cond = after ? _.and([where, { _id: _.gt(after) }]) : where;
    const res = await ctx.db.collection(collection).where(cond).orderBy('_id', 'asc').limit(100).get();
    out.push(...(res.data as T[]));
    if (res.data.length < 100) return out;
    after = String(res.data[res.data.length - 1]._id);
  }
}

/** 按 _id 批量取（每批 100 个） */
export async function readByIds<T extends { _id: string }>(ctx: FunctionContext, collection: string, ids: string[]): Promise<Map<string, T>> {
  const _ = ctx.db.command;
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 100) {
    const res = await ctx.db.collection(collection).where({ _id: _.in(unique.slice(i, i + 100)) }).limit(100).get();
    for (const r of res.data as T[]) out.set(r._id, r);
  }
  return out;
}
