import type { z } from 'zod';
import { SUBMITTED_STATUSES, type Campaign, type Eligibility, type EntrantRef, type Entry, type QuotaStatus, type Track, type Unit, type campaignsContract } from '../../types';
import type { Actor } from '../_lib/actor';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { countUnitBranches, ENTRIES, ledgerId, loadCampaign, loadEntrant, loadPriors, QUOTA_LEDGERS, trackOf, type Ledger } from '../_lib/engine/load';
import { campaignMonth, eligibilityResults, gradeCap, maxFor, minFor, quotaExemption, quotaRuleText } from '../_lib/engine/rules';
import { AppError } from '../_lib/app-error';

type In<K extends keyof (typeof campaignsContract)['actions']> = z.output<(typeof campaignsContract)['actions'][K]['input']>;

async function readLedger(ctx: FunctionContext, campaignId: string, trackKey: string, unitId: string): Promise<Ledger | null> {
  const res = await ctx.db.collection(QUOTA_LEDGERS).where({ _id: ledgerId(campaignId, trackKey, unitId) }).limit(1).get();
  return (res.data[0] as Ledger | undefined) ?? null;
}

async function describe(ctx: FunctionContext, ids: string[]) {
  if (!ids.length) return [];
  const res = await ctx.db.collection(ENTRIES).where({ _id: ctx.db.command.in(ids) }).field({ 'content.title': true, entrantName: true }).limit(ids.length).get();
  const rows = new Map((res.data as Pick<Entry, '_id' | 'entrantName' | 'content'>[]).map((r) => [r._id, r]));
  return ids.map((id) => ({ entryId: id, title: rows.get(id)?.content?.title ?? '', entrantName: rows.get(id)?.entrantName ?? '' }));
}

/** 某单位在某类别的名额状态（A3、D5、E3；D1 豁免单列） */
export async function quotaStatusFor(ctx: FunctionContext, campaign: Campaign, track: Track, unit: Unit): Promise<QuotaStatus> {
  const ledger = await readLedger(ctx, campaign._id, track.key, unit._id);
  const branchCount = await countUnitBranches(ctx, unit._id);
  const max = maxFor(track.quota, branchCount);
  const min = minFor(track.quota, unit.kind);
  const usedBy = await describe(ctx, ledger?.recommended ?? []);
  const exemptUsed = await describe(ctx, ledger?.exempt ?? []);
  const used = usedBy.length;
  const rule = quotaRuleText(track.quota, max, min, branchCount);
  const list = usedBy.map((u) => `《${u.title || '未命名'}》（${u.entrantName}）`).join('、');
  let message: string;
  if (max !== null && used >= max) message = `名额已满：${rule}，本单位已推荐：${list}`;
  else if (used < min) message = `${rule}，本单位已推荐 ${used} 项，还需至少 ${min - used} 项`;
  else message = `${rule}，本单位已推荐 ${used} 项${max !== null ? `，还可推荐 ${max - used} 项` : ''}${list ? `：${list}` : ''}`;
  return { trackKey: track.key, unitId: unit._id, unitName: unit.name, max, min, used, usedBy, exemptUsed, rule, message };
}

/** 一个申报主体在本评选里与类别无关的事实：主体本身、往届材料、各类别已有的材料 */
interface EntrantContext {
  entrant: Awaited<ReturnType<typeof loadEntrant>>;
  priors: Awaited<ReturnType<typeof loadPriors>>;
  /** 类别 → 已有材料 id */
  existing: Map<string, string>;
}

async function entrantContext(ctx: FunctionContext, campaign: Campaign, ref: EntrantRef): Promise<EntrantContext> {
  const entrant = await loadEntrant(ctx, ref);
  const [priors, existing] = await Promise.all([
    loadPriors(ctx, campaign.kind, entrant.key, campaign._id),
    // 本评选各类别里此主体已有的材料：一次查询（每类别至多一份），按 kind_entrant 索引只看此主体的几份
    ctx.db.collection(ENTRIES).where({ kind: campaign.kind, entrantKey: entrant.key, campaignId: campaign._id }).field({ _id: true, trackKey: true }).limit(100).get(),
  ]);
  return { entrant, priors, existing: new Map((existing.data as { _id: string; trackKey: string }[]).map((e) => [e.trackKey, e._id])) };
}

async function evaluate(ctx: FunctionContext, campaign: Campaign, track: Track, ref: EntrantRef, known?: EntrantContext): Promise<Eligibility> {
  const { entrant, priors, existing } = known ?? (await entrantContext(ctx, campaign, ref));
  const results = eligibilityResults({ campaign, track, entrant, priors, now: ctx.clock.now() });
  const hasQuota = track.quota.maxPerUnit !== null || !!track.quota.maxBySize?.length || track.quota.minPerUnit > 0 || Object.keys(track.quota.minByUnitKind).length > 0;
  const quota = hasQuota && track.pipeline.unitStep === 'recommend' ? await quotaStatusFor(ctx, campaign, track, entrant.unit) : null;
  if (quota && quota.max !== null && quota.used >= quota.max) {
    const exempt = quotaExemption(track.quota, entrant.branch, campaignMonth(campaign), priors);
    results.push({
      rule: track.quota.rule,
      ok: exempt,
      severity: exempt ? 'info' : 'warn',
      path: '',
      message: exempt ? '本单位名额已满，但本支部入围第四批全国党建工作样板支部，可不占名额（D1）' : `${quota.message}。仍可填写，是否推荐由分党委决定`,
    });
  }
  const existingEntryId = existing.get(track.key) ?? null;
  return {
    trackKey: track.key,
    trackLabel: track.label,
    entrant: { ...ref, name: entrant.name },
    eligible: !results.some((r) => !r.ok && r.severity === 'block'),
    results,
    quota,
    existingEntryId,
  };
}

export async function eligibility({ ctx, input }: HandlerArgs<In<'eligibility'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  if (campaign.status === 'draft') throw new AppError('NOT_OPEN', '该评选尚未发布');
  return evaluate(ctx, campaign, trackOf(campaign, input.trackKey), input.entrant);
}

/** 调用者能代表谁申报：支部书记/支委 → 本支部；分党委管理员 → 本单位（接受单位申报的类别） */
export async function startOptions({ ctx, actor, input }: HandlerArgs<In<'startOptions'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  if (campaign.status === 'draft') throw new AppError('NOT_OPEN', '该评选尚未发布');
  const refs = entrantRefsOf(actor);
  // 主体、往届材料、已有材料与类别无关：每个主体读一次，各类别共用（issue 8：不按类别重复读）
  const known = new Map<string, EntrantContext>();
  const options: Eligibility[] = [];
  for (const track of campaign.tracks) {
    for (const ref of refs) {
      if (!track.entrant.levels.includes(ref.level)) continue;
      const key = `${ref.level}:${ref.id}`;
      if (!known.has(key)) known.set(key, await entrantContext(ctx, campaign, ref));
      options.push(await evaluate(ctx, campaign, track, ref, known.get(key)));
    }
  }
  return { options };
}

function entrantRefsOf(actor: Actor): EntrantRef[] {
  const refs = new Map<string, EntrantRef>();
  for (const g of actor.grants) {
    if (g.role === 'branchEditor' && g.branchId) refs.set(`branch:${g.branchId}`, { level: 'branch', id: g.branchId });
    if (g.role === 'unitAdmin' && g.unitId) refs.set(`unit:${g.unitId}`, { level: 'unit', id: g.unitId });
  }
  return [...refs.values()];
}

/** 某单位各类别的名额与等级比例（B5） */
export async function quotaStatus({ ctx, input }: HandlerArgs<In<'quotaStatus'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const unitRes = await ctx.db.collection('units').where({ _id: input.unitId }).limit(1).get();
  const unit = unitRes.data[0] as Unit | undefined;
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  const quotas: QuotaStatus[] = [];
  const gradeCaps = [];
  for (const track of campaign.tracks) {
    if (track.pipeline.unitStep === 'recommend') quotas.push(await quotaStatusFor(ctx, campaign, track, unit));
    const capped = track.pipeline.outcome?.levels.filter((l) => l.capPercent !== null) ?? [];
    if (track.pipeline.unitStep === 'grade' && capped.length) {
      const ledger = await readLedger(ctx, campaign._id, track.key, unit._id);
      const base = (await ctx.db.collection(ENTRIES).where({ campaignId: campaign._id, trackKey: track.key, unitId: unit._id, status: ctx.db.command.in([...SUBMITTED_STATUSES]) }).count()).total;
      for (const l of capped) gradeCaps.push({ trackKey: track.key, levelKey: l.key, label: l.label, used: ledger?.grades[l.key]?.length ?? 0, cap: gradeCap(l.capPercent, base), base });
    }
  }
  return { quotas, gradeCaps };
}
