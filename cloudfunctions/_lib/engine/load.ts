import type { Branch, Campaign, Entry, EntrantRef, GeneralBranch, Track, Unit } from '../../../types';
import { AppError } from '../app-error';
import type { FunctionContext } from '../context';
import type { IndexDeclaration } from '../db';
import { entrantKeyOf, type EntrantFacts, type PriorEntry } from './rules';

export const CAMPAIGNS = 'campaigns';
export const ENTRIES = 'entries';
/** 名额与等级比例的台账：每个（评选, 类别, 单位）一条；推荐与定级都在事务里改它，并发时由写冲突保证不超额 */
export const QUOTA_LEDGERS = 'quotaLedgers';

/** 评选与申报的查询所需索引 */
export const engineIndexes: IndexDeclaration[] = [
  { collection: CAMPAIGNS, name: 'status_year', keys: { status: 1, year: -1, _id: -1 } },
  { collection: CAMPAIGNS, name: 'year_desc', keys: { year: -1, _id: -1 } },
  // 一个主体在一个评选类别里只有一份材料：两位编辑同时点“开始填写”也只会建成一份
  { collection: ENTRIES, name: 'campaign_track_entrant_unique', keys: { campaignId: 1, trackKey: 1, entrantKey: 1 }, unique: true },
  { collection: ENTRIES, name: 'campaign_unit_updated', keys: { campaignId: 1, unitId: 1, updatedAtMs: -1, _id: -1 } },
  { collection: ENTRIES, name: 'campaign_updated', keys: { campaignId: 1, updatedAtMs: -1, _id: -1 } },
  { collection: ENTRIES, name: 'branch_updated', keys: { branchId: 1, updatedAtMs: -1, _id: -1 } },
  { collection: ENTRIES, name: 'unit_updated', keys: { unitId: 1, updatedAtMs: -1, _id: -1 } },
  // 组织部不带筛选地浏览全校材料（entries.list 无 campaignId/unitId/branchId 时）
  { collection: ENTRIES, name: 'updated', keys: { updatedAtMs: -1, _id: -1 } },
  { collection: ENTRIES, name: 'kind_entrant', keys: { kind: 1, entrantKey: 1 } },
  { collection: ENTRIES, name: 'status_correction_deadline', keys: { status: 1, 'correction.deadlineMs': 1 } },
];

export interface Ledger {
  _id: string;
  campaignId: string;
  trackKey: string;
  unitId: string;
  /** 占名额的已推荐材料 */
  recommended: string[];
  /** 不占名额的（D1） */
  exempt: string[];
  /** 各等级已评的材料（B5） */
  grades: Record<string, string[]>;
}

export function ledgerId(campaignId: string, trackKey: string, unitId: string): string {
  return `q_${campaignId}_${trackKey}_${unitId}`.slice(0, 64);
}

export function emptyLedger(campaignId: string, trackKey: string, unitId: string): Ledger {
  return { _id: ledgerId(campaignId, trackKey, unitId), campaignId, trackKey, unitId, recommended: [], exempt: [], grades: {} };
}

async function byId<T>(ctx: FunctionContext, collection: string, id: string): Promise<T | null> {
  const res = await ctx.db.collection(collection).where({ _id: id }).limit(1).get();
  return (res.data[0] as T | undefined) ?? null;
}

export async function loadCampaign(ctx: FunctionContext, id: string): Promise<Campaign> {
  const c = await byId<Campaign>(ctx, CAMPAIGNS, id);
  if (!c) throw new AppError('NOT_FOUND', '评选不存在');
  return c;
}

export function trackOf(campaign: Campaign, trackKey: string): Track {
  const t = campaign.tracks.find((x) => x.key === trackKey);
  if (!t) throw new AppError('NOT_FOUND', '申报类别不存在');
  return t;
}

export async function loadEntry(ctx: FunctionContext, id: string): Promise<Entry> {
  const e = await byId<Entry>(ctx, ENTRIES, id);
  if (!e) throw new AppError('NOT_FOUND', '申报材料不存在');
  return e;
}

/** 申报主体 → 名称、所属单位、支部（资格与名额判断用） */
export async function loadEntrant(ctx: FunctionContext, ref: EntrantRef): Promise<EntrantFacts & { generalBranchId: string | null }> {
  if (ref.level === 'unit') {
    const unit = await byId<Unit>(ctx, 'units', ref.id);
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
    return { level: 'unit', id: ref.id, key: entrantKeyOf('unit', ref.id), name: unit.name, unit, branch: null, active: unit.active, generalBranchId: null };
  }
  if (ref.level === 'generalBranch') {
    const g = await byId<GeneralBranch>(ctx, 'generalBranches', ref.id);
    if (!g) throw new AppError('NOT_FOUND', '党总支不存在');
    const unit = await byId<Unit>(ctx, 'units', g.unitId);
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
    return { level: 'generalBranch', id: ref.id, key: entrantKeyOf('generalBranch', ref.id), name: `${unit.name}${g.name}`, unit, branch: null, active: g.active && unit.active, generalBranchId: g._id };
  }
  const branch = await byId<Branch>(ctx, 'branches', ref.id);
  if (!branch) throw new AppError('NOT_FOUND', '支部不存在');
  const unit = await byId<Unit>(ctx, 'units', branch.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  return { level: 'branch', id: ref.id, key: entrantKeyOf('branch', ref.id), name: branch.name, unit, branch, active: branch.active && unit.active, generalBranchId: branch.generalBranchId };
}

/** 该主体在同类评选里的往届材料（A1、B2、D1），带等级的含义 */
export async function loadPriors(ctx: FunctionContext, kind: Campaign['kind'], entrantKey: string, excludeCampaignId: string): Promise<PriorEntry[]> {
  const res = await ctx.db.collection(ENTRIES).where({ kind, entrantKey }).limit(100).get();
  const entries = (res.data as Entry[]).filter((e) => e.campaignId !== excludeCampaignId);
  // 往届各次评选一次读出（至多 100 份材料，评选数不超过 100）：不逐个评选查
  const campaignIds = [...new Set(entries.map((e) => e.campaignId))];
  const campaigns = new Map<string, Campaign>();
  if (campaignIds.length) {
    const found = await ctx.db.collection(CAMPAIGNS).where({ _id: ctx.db.command.in(campaignIds) }).limit(100).get();
    for (const c of found.data as unknown as Campaign[]) campaigns.set(c._id, c);
  }
  return entries.map((e) => {
    const level = campaigns.get(e.campaignId)?.tracks.find((t) => t.key === e.trackKey)?.pipeline.outcome?.levels.find((l) => l.key === e.level);
    return {
      _id: e._id,
      campaignId: e.campaignId,
      year: e.year,
      status: e.status,
      title: e.content.title,
      levelLabel: level?.label ?? null,
      levelIsWin: !!level?.isWin,
      levelAdmits: !!level?.admits,
      quotaExempt: e.quotaExempt,
    };
  });
}

/** 单位当前在用的支部数（D5 按规模定名额） */
export async function countUnitBranches(ctx: FunctionContext, unitId: string): Promise<number> {
  return (await ctx.db.collection('branches').where({ unitId, active: true }).count()).total;
}
