import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  availableTransitions,
  belongsToEntry,
  checkTrackContent,
  contentFileIds,
  EDITABLE_STATUSES,
  ENTRY_STATUS_LABELS,
  emptyContent,
  findStage,
  toCstIso,
  transitionsFor,
  type Campaign,
  type Entry,
  type EntryContent,
  type EntrySummary,
  type RuleResult,
  type TransitionAction,
  type entriesContract,
} from '../../types';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { isDuplicateKeyError } from '../_lib/db';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { ENTRIES, loadCampaign, loadEntrant, loadEntry, loadPriors, trackOf } from '../_lib/engine/load';
import { eligibilityResults, submissionRuleResults } from '../_lib/engine/rules';
import { actorKinds, checkStage, replaceObjects } from '../_lib/engine/transition';
import { summarizeCampaign } from '../campaigns/summary';
import { sweepOrphans, trackFileReferences } from './entry-files';

type In<K extends keyof (typeof entriesContract)['actions']> = z.output<(typeof entriesContract)['actions'][K]['input']>;

/** 开始申报：资格（含阶段）不满足时拒绝并写明规则；同一主体已有材料时直接返回那一份（两位编辑同时点也只建一份） */
export async function createEntry({ ctx, actor, input }: HandlerArgs<In<'create'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const track = trackOf(campaign, input.trackKey);
  const entrant = await loadEntrant(ctx, input.entrant);
  const existing = await findExisting(ctx, campaign._id, track.key, entrant.key);
  if (existing) return { _id: existing._id, version: existing.version };
  const priors = await loadPriors(ctx, campaign.kind, entrant.key, campaign._id);
  const now = ctx.clock.now();
  const results = eligibilityResults({ campaign, track, entrant, priors, now });
  const blocked = results.find((r) => !r.ok && r.severity === 'block');
  if (blocked) throw new AppError(blocked.message.includes('截止') ? 'DEADLINE_PASSED' : campaign.status !== 'open' || blocked.message.includes('尚未开始') ? 'NOT_OPEN' : 'FORBIDDEN', blocked.message);

  const at = toCstIso(now);
  const content: EntryContent = { ...emptyContent(), title: input.title };
  const entry: Omit<Entry, '_id'> & { updatedAtMs: number } = {
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    trackKey: track.key,
    kind: campaign.kind,
    year: campaign.year,
    entrantLevel: entrant.level,
    entrantKey: entrant.key,
    entrantName: entrant.name,
    unitId: entrant.unit._id,
    unitName: entrant.unit.name,
    generalBranchId: entrant.generalBranchId,
    branchId: entrant.branch?._id ?? null,
    content,
    status: 'draft',
    level: null,
    rating: null,
    quotaExempt: false,
    correction: null,
    unitComment: '',
    progress: [],
    inspections: [],
    closingReport: '',
    history: [{ at, action: 'create', from: null, to: 'draft', actorPersonId: actor.person?._id ?? null, actorName: actor.person?.name ?? null, note: '' }],
    createdAt: at,
    updatedAt: at,
    updatedAtMs: now.getTime(),
    submittedAt: null,
    version: 1,
  };
  const _id = `e${randomBytes(12).toString('hex')}`;
  try {
    await ctx.db.runTransaction(async (tx) => {
      await tx.collection(ENTRIES).doc(_id).set({ data: entry });
      await writeAudit(tx, ctx, actor, {
        action: 'entries.create', targetCollection: ENTRIES, targetId: _id, unitId: entry.unitId,
        summary: `开始申报：${campaign.title} · ${track.label}（${entrant.name}）`, before: null, after: { status: 'draft' },
      });
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await findExisting(ctx, campaign._id, track.key, entrant.key);
    if (!winner) throw err;
    return { _id: winner._id, version: winner.version };
  }
  return { _id, version: 1 };
}

async function findExisting(ctx: HandlerArgs<unknown>['ctx'], campaignId: string, trackKey: string, entrantKey: string) {
  const res = await ctx.db.collection(ENTRIES).where({ campaignId, trackKey, entrantKey }).field({ _id: true, version: true }).limit(1).get();
  return res.data[0] as { _id: string; version: number } | undefined;
}

/**
 * 保存草稿（含自动保存）：只在可编辑状态、申报期内（待补正的在补正期限内）；
 * 版本不符答 CONFLICT——两位编辑同时改，后保存者被告知而不是悄悄覆盖。
 * 内容不完整也能存，返回逐项检查结果供清单显示。
 */
export async function saveEntry({ ctx, actor, input }: HandlerArgs<In<'save'>>) {
  const now = ctx.clock.now();
  const saved = await ctx.db.runTransaction(async (tx) => {
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, input.id);
    if (!entry) throw new AppError('NOT_FOUND', '申报材料不存在');
    if (!actorKinds(actor, entry).includes('entrant')) throw new AppError('FORBIDDEN');
    if (entry.version !== input.expectedVersion) throw new AppError('CONFLICT', '这份材料已被他人修改，请刷新后再编辑（您的内容仍保留在本机）');
    const foreign = contentFileIds(input.content).filter((f) => !belongsToEntry(f, entry._id));
    if (foreign.length) throw new AppError('FILE_REJECTED', '材料里引用了不属于这份材料的文件，请重新上传', foreign.slice(0, 5).map((f) => ({ path: 'content', message: f })));
    if (!EDITABLE_STATUSES.includes(entry.status)) throw new AppError('CONFLICT', `材料当前为“${ENTRY_STATUS_LABELS[entry.status]}”，不能修改`);
    const campaign = await txGetOrNull<Campaign>(tx, 'campaigns', entry.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', '评选不存在');
    const track = trackOf(campaign, entry.trackKey);
    checkStage(campaign, track, entry, { stage: entry.status === 'correctionRequested' ? 'correctionWindow' : 'submission' }, now, '修改');
    const at = toCstIso(now);
    const version = entry.version + 1;
    // 换掉、删掉的文件记下时刻，宽限期后清理；已清理的文件不能再引用（entry-files.ts）
    await trackFileReferences(tx, entry._id, entry.content, input.content, now.getTime());
    await tx.collection(ENTRIES).doc(entry._id).update({ data: replaceObjects(ctx, { content: input.content, version, updatedAt: at, updatedAtMs: now.getTime() }) });
    return { version, updatedAt: at, entry: { ...entry, content: input.content }, campaign };
  });
  // 保存已提交：清理这份材料里不再被引用满宽限期的文件；清理失败不影响这次保存（下次保存再清）
  await sweepOrphans(ctx, actor, saved.entry._id).catch((err) => console.error('[entries.save] 清理文件失败', err));
  // 与提交时相同的全部检查（含 A1 实施满一年、往届获奖），客户端清单不必再读一次
  return { version: saved.version, updatedAt: saved.updatedAt, results: await contentResults(ctx, saved.campaign, saved.entry) };
}

/** 读一份材料：附上评选摘要、内容检查结果、调用者此刻可做的操作 */
export async function getEntry({ ctx, actor, input }: HandlerArgs<In<'get'>>) {
  const entry = await loadEntry(ctx, input.id);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  const track = trackOf(campaign, entry.trackKey);
  const kinds = actorKinds(actor, entry);
  const now = ctx.clock.now();
  const actions = new Set<TransitionAction>();
  for (const kind of kinds) {
    for (const def of availableTransitions(track.pipeline, entry.status, kind)) {
      try {
        checkStage(campaign, track, entry, def, now, '');
        actions.add(def.action);
      } catch {
        // 阶段未到或已过：不显示这个按钮
      }
    }
  }
  const ids = contentFileIds(entry.content);
  const urls = ids.length ? await ctx.files.tempUrls(ids, 3600) : [];
  return {
    entry,
    fileUrls: Object.fromEntries(urls.filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL])),
    campaign: summarizeCampaign(campaign),
    results: await contentResults(ctx, campaign, entry),
    actions: transitionsFor(track.pipeline).map((d) => d.action).filter((a) => actions.has(a)),
  };
}

/** 提交前的全部检查：表单逐项（A5、B3、C1…）+ 提交时核对的资格（A1） */
export async function contentResults(ctx: HandlerArgs<unknown>['ctx'], campaign: Campaign, entry: Entry): Promise<RuleResult[]> {
  const track = trackOf(campaign, entry.trackKey);
  const priors = track.entrant.excludePriorWinnersSameProject ? await loadPriors(ctx, campaign.kind, entry.entrantKey, campaign._id) : [];
  const submission = findStage(campaign, 'submission', track.key);
  return [
    ...checkTrackContent(track, entry.content),
    ...submissionRuleResults({ track, content: entry.content, priors, campaignYear: campaign.year, submissionEndsAt: submission?.endsAt ?? null }),
  ];
}

/** 列表只取摘要字段，不读正文与时间线 */
const SUMMARY_FIELDS = Object.fromEntries(
  ['campaignId', 'campaignTitle', 'trackKey', 'kind', 'year', 'entrantLevel', 'entrantName', 'unitId', 'unitName', 'branchId', 'status', 'level', 'rating', 'quotaExempt', 'updatedAt', 'updatedAtMs', 'submittedAt', 'version', 'content.title', 'correction.deadline'].map((f) => [f, true]),
);

/**
 * 材料列表：按最近更新倒序，游标分页（每页至多 50，从不一次读全部）。
 * 落点由守卫核对：给 branchId 的限本支部，给 unitId 的限本单位，都不给的只有组织部。
 */
export async function listEntries({ ctx, input }: HandlerArgs<In<'list'>>) {
  const where: Record<string, unknown> = {};
  if (input.campaignId) where.campaignId = input.campaignId;
  if (input.unitId) where.unitId = input.unitId;
  if (input.branchId) where.branchId = input.branchId;
  if (input.trackKey) where.trackKey = input.trackKey;
  if (input.status) where.status = input.status;
  const _ = ctx.db.command;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const query = cursor
    ? _.and([where, _.or([{ updatedAtMs: _.lt(cursor.at) }, { updatedAtMs: cursor.at, _id: _.lt(cursor.id) }])])
    : where;
  const res = await ctx.db.collection(ENTRIES).where(query).orderBy('updatedAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1)
    .field(SUMMARY_FIELDS)
    .get();
  const rows = res.data as (Entry & { updatedAtMs: number })[];
  const page = rows.slice(0, input.pageSize);
  const items: EntrySummary[] = page.map((e) => ({
    _id: e._id, campaignId: e.campaignId, campaignTitle: e.campaignTitle ?? '', trackKey: e.trackKey, kind: e.kind, year: e.year, entrantLevel: e.entrantLevel, entrantName: e.entrantName,
    unitId: e.unitId, unitName: e.unitName, branchId: e.branchId, status: e.status, level: e.level, rating: e.rating, quotaExempt: e.quotaExempt,
    updatedAt: e.updatedAt, submittedAt: e.submittedAt, version: e.version, title: e.content?.title ?? '', correctionDeadline: e.correction?.deadline ?? null,
  }));
  const lastRow = page[page.length - 1];
  return { items, nextCursor: rows.length > input.pageSize && lastRow ? encodeCursor({ at: lastRow.updatedAtMs, id: lastRow._id }) : null };
}
