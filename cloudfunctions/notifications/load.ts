import { SUBMITTED_STATUSES, type Branch, type Track, type Unit } from '../../types';
import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { ENTRIES, QUOTA_LEDGERS, type Ledger } from '../_lib/engine/load';
import { readAllById, readByIds } from '../_lib/paged';
import { COVERAGE_KINDS, type EntryFact, type TrackFacts } from './progress';

/**
 * 本函数的查询所需索引：按 _id 分页读一次评选的材料、台账（整次评选或某单位），读在用的单位与支部，
 * 按 _id 批量读名单上的支部。
 */
export const progressIndexes: IndexDeclaration[] = [
  { collection: ENTRIES, name: 'campaign_track_id', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: ENTRIES, name: 'campaign_id', keys: { campaignId: 1, _id: 1 } },
  { collection: ENTRIES, name: 'campaign_unit_id', keys: { campaignId: 1, unitId: 1, _id: 1 } },
  { collection: QUOTA_LEDGERS, name: 'campaign_track_id', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: QUOTA_LEDGERS, name: 'campaign_id', keys: { campaignId: 1, _id: 1 } },
  { collection: QUOTA_LEDGERS, name: 'campaign_unit_id', keys: { campaignId: 1, unitId: 1, _id: 1 } },
  { collection: 'units', name: 'active_id', keys: { active: 1, _id: 1 } },
  { collection: 'branches', name: 'active_id', keys: { active: 1, _id: 1 } },
  { collection: 'branches', name: 'unit_active_id', keys: { unitId: 1, active: 1, _id: 1 } },
];

const ENTRY_FIELDS = { _id: true, trackKey: true, entrantKey: true, entrantLevel: true, entrantName: true, branchId: true, unitId: true, status: true } as const;
/** progress.ts 判断进度只用到支部的这些字段 */
const BRANCH_FIELDS = { _id: true, unitId: true, name: true, kind: true, active: true } as const;
const STARTED = new Set(['draft', 'returned', 'withdrawn']);

/** B4 立项全覆盖的类别（分党委定级、无名单）：要看每个在用的教职工、学生支部 */
const isCoverage = (t: Track) => t.entrant.levels.includes('branch') && !t.entrant.invitedBranchIds && t.pipeline.unitStep === 'grade';

export interface FactsOptions {
  /** 只读该单位的（一键提醒一个单位） */
  unitId?: string;
  /**
   * 也读还在填写的材料（草稿、退回、撤回）及其支部：只有截止提醒的申报阶段要（自愿申报提醒已开始填写的主体）；
   * 单位进度只看已提交的（unitProgress 只数已提交、待审核的）
   */
  started?: boolean;
}

/**
 * 一次评选若干类别的进度事实，查询次数与类别数、单位数无关（issue 8）：
 * 单位、材料（field 投影，默认只读已提交的）、名额台账各按 _id 分页读一遍，再在内存里按类别分组；
 * 支部只读用得着的——B4 全覆盖的读在用的教职工/学生支部，C 名单的按 _id 批量读名单上的，
 * 截止提醒的自愿申报按 _id 批量读已开始填写的材料所属支部。给每个类别的 branches 是这些的并集：
 * progress.ts 按类别自己的规则（名单、支部类型、在用）再筛，多给的不影响结果。
 */
export async function loadCampaignFacts(ctx: FunctionContext, campaignId: string, tracks: Track[], opts: FactsOptions = {}): Promise<Map<string, TrackFacts>> {
  const _ = ctx.db.command;
  const scope = opts.unitId ? { unitId: opts.unitId } : {};
  const keys = new Set(tracks.map((t) => t.key));
  const byTrack = tracks.length === 1 ? { trackKey: tracks[0].key } : {};
  const [units, entries, ledgers, coverageBranches] = await Promise.all([
    opts.unitId
      ? ctx.db.collection('units').where({ _id: opts.unitId }).limit(1).get().then((r) => r.data as unknown as Unit[])
      : readAllById<Unit>(ctx, 'units', { active: true }),
    readAllById<EntryFact & { trackKey: string }>(ctx, ENTRIES, { campaignId, ...byTrack, ...scope, ...(opts.started ? {} : { status: _.in([...SUBMITTED_STATUSES]) }) }, ENTRY_FIELDS),
    readAllById<Ledger>(ctx, QUOTA_LEDGERS, { campaignId, ...byTrack, ...scope }),
    tracks.some(isCoverage) ? readAllById<Branch>(ctx, 'branches', { active: true, kind: _.in([...COVERAGE_KINDS]), ...scope }, BRANCH_FIELDS) : Promise.resolve([] as Branch[]),
  ]);
  const branches = new Map(coverageBranches.map((b) => [b._id, b]));
  const wanted = new Set<string>();
  for (const t of tracks) if (t.entrant.levels.includes('branch')) for (const id of t.entrant.invitedBranchIds ?? []) wanted.add(id);
  if (opts.started) for (const e of entries) if (keys.has(e.trackKey) && e.entrantLevel === 'branch' && e.branchId && STARTED.has(e.status)) wanted.add(e.branchId);
  const missing = [...wanted].filter((id) => !branches.has(id));
  for (const b of await readByIds<Branch>(ctx, 'branches', missing, BRANCH_FIELDS)) {
    if (b.active && (!opts.unitId || b.unitId === opts.unitId)) branches.set(b._id, b);
  }
  const branchList = [...branches.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const out = new Map<string, TrackFacts>();
  for (const t of tracks) {
    const recommended = new Map<string, number>();
    for (const l of ledgers) if (l.trackKey === t.key) recommended.set(l.unitId, new Set([...(l.recommended ?? []), ...(l.exempt ?? [])]).size);
    out.set(t.key, { units, branches: branchList, entries: entries.filter((e) => e.trackKey === t.key), recommended });
  }
  return out;
}
