import type { Branch, Unit } from '../../types';
import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { ENTRIES, QUOTA_LEDGERS, type Ledger } from '../_lib/engine/load';
import type { EntryFact, TrackFacts } from './progress';

/** 本函数的查询所需索引（按 _id 分页读一个评选类别的材料、台账，读在用的单位与支部） */
export const progressIndexes: IndexDeclaration[] = [
  { collection: ENTRIES, name: 'campaign_track_id', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: QUOTA_LEDGERS, name: 'campaign_track_id', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: 'units', name: 'active_id', keys: { active: 1, _id: 1 } },
  { collection: 'branches', name: 'active_id', keys: { active: 1, _id: 1 } },
];

/** 按 _id 升序分页读完（每次至多 100 条，云数据库单次读取上限） */
async function readAll<T extends { _id: string }>(ctx: FunctionContext, collection: string, where: Record<string, unknown>, field?: Record<string, true>): Promise<T[]> {
  const _ = ctx.db.command;
  const out: T[] = [];
  let after = '';
  for (let page = 0; page < 200; page++) {
    let q = ctx.db.collection(collection).where({ ...where, _id: _.gt(after) });
    if (field) q = q.field(field);
    const rows = (await q.orderBy('_id', 'asc').limit(100).get()).data as unknown as T[];
    out.push(...rows);
    if (rows.length < 100) break;
    after = rows[rows.length - 1]._id;
  }
  return out;
}

const ENTRY_FIELDS = { _id: true, entrantKey: true, entrantLevel: true, entrantName: true, branchId: true, unitId: true, status: true } as const;

/** 一个评选类别的进度事实：在用的单位与支部、材料的状态、名额台账；给出 unitId 时只读该单位的 */
export async function loadTrackFacts(ctx: FunctionContext, campaignId: string, trackKey: string, unitId?: string): Promise<TrackFacts> {
  const scope = unitId ? { unitId } : {};
  const units = unitId
    ? ((await ctx.db.collection('units').where({ _id: unitId }).limit(1).get()).data as unknown as Unit[])
    : await readAll<Unit>(ctx, 'units', { active: true });
  const branches = await readAll<Branch>(ctx, 'branches', { active: true, ...scope });
  const entries = await readAll<EntryFact>(ctx, ENTRIES, { campaignId, trackKey, ...scope }, ENTRY_FIELDS);
  const ledgers = await readAll<Ledger>(ctx, QUOTA_LEDGERS, { campaignId, trackKey, ...scope });
  const recommended = new Map(ledgers.map((l) => [l.unitId, new Set([...(l.recommended ?? []), ...(l.exempt ?? [])]).size]));
  return { units, branches, entries, recommended };
}
