import type { z } from 'zod';
import {
  contentFileIds, formatCst, rubricMax, scoreIssues, scoreTotal, stageOpen, toCstIso, findStage,
  type Assignment, type Campaign, type DeclaredConflict, type Entry, type MyAssignment, type Person, type reviewsContract, type ScoreRow, type ScoreSheet, type Track,
} from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { CAMPAIGNS, ENTRIES, loadCampaign, loadEntry, trackOf } from '../_lib/engine/load';
import { conflictReason } from '../_lib/engine/assign';
import { maskNames, redactForReviewer } from '../_lib/engine/redact';
import {
  ASSIGNMENTS, conflictFacts, conflictId, CONFLICTS, correspondenceReview, entryFacts, isDepartment, publicAssignment, readAll, readByIds, reviewDeadline, reviewerFacts, txSyncSeat, type StoredAssignment,
} from './collections';

type In<K extends keyof (typeof reviewsContract)['actions']> = z.output<(typeof reviewsContract)['actions'][K]['input']>;

async function loadAssignment(ctx: FunctionContext, id: string): Promise<StoredAssignment> {
  const res = await ctx.db.collection(ASSIGNMENTS).where({ _id: id }).limit(1).get();
  const a = res.data[0] as unknown as StoredAssignment | undefined;
  if (!a) throw new AppError('NOT_FOUND', '评审指派不存在或已撤回');
  return a;
}

/** 评委能否此刻打分：材料评审中、函评阶段进行中（北京时间）、本人未提交；不能时给出原因 */
function scoringBlock(campaign: Campaign, track: Track, entry: Pick<Entry, 'status'>, a: Pick<Assignment, 'status'>, now: Date): { code: 'CONFLICT' | 'NOT_OPEN' | 'DEADLINE_PASSED'; message: string } | null {
  if (a.status === 'submitted') return { code: 'CONFLICT', message: '评分已提交定稿；如需修改，请联系组织部退回' };
  if (entry.status !== 'underReview') return { code: 'CONFLICT', message: entry.status === 'scored' || entry.status === 'decided' || entry.status === 'published' ? '本材料的评审已结束' : '本材料尚未进入评审，请等待组织部开始评审' };
  const stage = findStage(campaign, 'review', track.key);
  if (!stage) return null;
  if (stageOpen(stage, now)) return null;
  if (now.getTime() < Date.parse(stage.startsAt)) return { code: 'NOT_OPEN', message: `${stage.label}尚未开始：${formatCst(stage.startsAt)} 开始（北京时间）` };
  return { code: 'DEADLINE_PASSED', message: `${stage.label}已于 ${formatCst(stage.endsAt, 'YYYY-MM-DD HH:mm:ss')}（北京时间）截止` };
}

/** 回避的评委即使有指派（如单位调动后）也看不到材料：每次读取都重新核对（C1.5） */
async function ensureNotConflicted(ctx: FunctionContext, reviewer: Person, entry: Entry): Promise<void> {
  const ids = [conflictId(entry.campaignId, reviewer._id, { entryId: entry._id }), conflictId(entry.campaignId, reviewer._id, { unitId: entry.unitId })];
  const declared = [...(await readByIds<DeclaredConflict>(ctx, CONFLICTS, ids)).values()];
  const why = conflictReason(reviewerFacts(reviewer), entryFacts(entry), declared.map(conflictFacts));
  if (why) throw new AppError('FORBIDDEN', `须回避：${why}`);
}

/** 我的评审：指派给我的材料，按“能评、未交、截止早”的顺序 */
export async function mine({ ctx, actor, input }: HandlerArgs<In<'mine'>>) {
  const me = actor.person!;
  const where: Record<string, unknown> = { reviewerId: me._id };
  if (input.campaignId) where.campaignId = input.campaignId;
  // 授权限定某次评选的评委只看该评选的指派
  const covered = (campaignId: string) => actor.grants.some((g) => g.role === 'judge' && (!g.campaignId || g.campaignId === campaignId));
  // 列表只要状态与总分：不读各项分数与评语
  const assignments = (
    await readAll<StoredAssignment>(ctx, ASSIGNMENTS, where, { fields: { entryId: true, campaignId: true, trackKey: true, status: true, total: true } })
  ).filter((a) => covered(a.campaignId));
  // 列表只要名称：不读正文
  const entries = await readByIds<Entry>(ctx, ENTRIES, assignments.map((a) => a.entryId), { 'content.title': true, entrantName: true, unitName: true, status: true });
  const campaigns = await readByIds<Campaign>(ctx, CAMPAIGNS, assignments.map((a) => a.campaignId));
  const items: MyAssignment[] = [];
  for (const a of assignments) {
    const e = entries.get(a.entryId);
    const c = campaigns.get(a.campaignId);
    const track = c?.tracks.find((t) => t.key === a.trackKey);
    if (!e || !c || !track?.pipeline.review) continue;
    items.push({
      assignmentId: a._id,
      entryId: a.entryId,
      campaignId: a.campaignId,
      campaignTitle: c.title,
      trackKey: a.trackKey,
      trackLabel: track.label,
      // 匿名评审：标题里的本单位、本支部名称也隐去（见 ../_lib/engine/redact.ts）
      title: (track.pipeline.review.anonymous ? maskNames(e.content.title, [e.entrantName, e.unitName]) : e.content.title) || '未命名',
      entrantName: track.pipeline.review.anonymous ? null : e.entrantName,
      status: a.status,
      total: a.total,
      maxTotal: rubricMax(track.pipeline.review.rubric),
      deadline: reviewDeadline(c, a.trackKey),
      open: e.status === 'underReview',
    });
  }
  const rank = (i: MyAssignment) => (i.open && i.status !== 'submitted' ? 0 : i.status !== 'submitted' ? 1 : 2);
  items.sort((x, y) => rank(x) - rank(y) || (x.deadline ?? '9').localeCompare(y.deadline ?? '9') || x.assignmentId.localeCompare(y.assignmentId));
  return { items, done: items.filter((i) => i.status === 'submitted').length, total: items.length };
}

/** 打开一份指派给我的材料（守卫已核对是本人的指派） */
export async function getAssigned({ ctx, actor, input }: HandlerArgs<In<'getAssigned'>>) {
  const a = await loadAssignment(ctx, input.assignmentId);
  const entry = await loadEntry(ctx, a.entryId);
  await ensureNotConflicted(ctx, actor.person!, entry);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  const track = trackOf(campaign, entry.trackKey);
  const review = correspondenceReview(track);
  const { content, redacted } = redactForReviewer(entry.content, review.anonymous, [entry.entrantName, entry.unitName]);
  const ids = contentFileIds(content);
  const urls = ids.length ? await ctx.files.tempUrls(ids, 3600) : [];
  const block = scoringBlock(campaign, track, entry, a, ctx.clock.now());
  return {
    assignment: publicAssignment(a),
    campaignTitle: campaign.title,
    trackLabel: track.label,
    rubric: review.rubric,
    anonymous: review.anonymous,
    redacted,
    entry: {
      entryId: entry._id,
      status: entry.status,
      content,
      entrantName: review.anonymous ? null : entry.entrantName,
      unitName: review.anonymous ? null : entry.unitName,
    },
    form: track.form,
    fileUrls: Object.fromEntries(urls.filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL])),
    deadline: reviewDeadline(campaign, track.key),
    canScore: block === null,
    whyNot: block?.message ?? null,
  };
}

/** 暂存与提交共用：事务里核对版本、状态、阶段与分数，写指派与审计 */
async function writeScore(ctx: FunctionContext, actor: Actor, input: In<'saveScore'>, final: boolean) {
  const now = ctx.clock.now();
  const assignment = await ctx.db.runTransaction(async (tx) => {
    const a = await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, input.assignmentId);
    if (!a) throw new AppError('NOT_FOUND', '评审指派不存在或已撤回');
    if (a.status === 'submitted') throw new AppError('CONFLICT', '评分已提交定稿；如需修改，请联系组织部退回');
    if (a.version !== input.expectedVersion) throw new AppError('CONFLICT', '评分已在另一台设备上修改，请刷新后再改');
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, a.entryId);
    const campaign = await txGetOrNull<Campaign>(tx, CAMPAIGNS, a.campaignId);
    if (!entry || !campaign) throw new AppError('NOT_FOUND', '申报材料不存在');
    const track = campaign.tracks.find((t) => t.key === a.trackKey);
    if (!track) throw new AppError('NOT_FOUND', '申报类别不存在');
    const review = correspondenceReview(track);
    const block = scoringBlock(campaign, track, entry, a, now);
    if (block) throw new AppError(block.code, block.message);
    const issues = scoreIssues(review.rubric, input.scores, input.comment, final);
    if (issues.length) throw new AppError('BAD_INPUT', issues[0].message, issues);
    const at = toCstIso(now);
    const next: StoredAssignment = {
      ...a,
      _id: input.assignmentId,
      scores: input.scores,
      comment: input.comment.trim(),
      total: scoreTotal(input.scores),
      status: final ? 'submitted' : 'draft',
      submittedAt: final ? at : null,
      updatedAt: at,
      updatedAtMs: now.getTime(),
      version: a.version + 1,
    };
    const { _id, ...data } = next;
    // scores 整体替换（update 会按字段合并，删掉的项会留下）
    await tx.collection(ASSIGNMENTS).doc(input.assignmentId).set({ data });
    // 评审组上的席位（进度、汇总读它）同一事务更新
    await txSyncSeat(tx, next);
    await writeAudit(tx, ctx, actor, {
      action: final ? 'reviews.submitScore' : 'reviews.saveScore',
      targetCollection: ASSIGNMENTS,
      targetId: input.assignmentId,
      unitId: null, // 不写单位：审计按单位筛选时，分党委管理员不应看到评委对本单位材料的评分
      summary: `${final ? '提交评分' : '暂存评分'}：${a.reviewerName}，《${entry.content.title || '未命名'}》总分 ${next.total}`,
      before: { status: a.status, scores: a.scores, version: a.version },
      after: { status: next.status, scores: next.scores, version: next.version },
    });
    return next;
  });
  return { assignment: publicAssignment(assignment) };
}

export async function saveScore({ ctx, actor, input }: HandlerArgs<In<'saveScore'>>) {
  return writeScore(ctx, actor, input, false);
}

export async function submitScore({ ctx, actor, input }: HandlerArgs<In<'submitScore'>>) {
  return writeScore(ctx, actor, input, true);
}

/** 退回重评：已提交的回到暂存（组织部，写明原因，记入审计）；评审已结束的不退 */
export async function reopenScore({ ctx, actor, input }: HandlerArgs<In<'reopenScore'>>) {
  const now = ctx.clock.now();
  const assignment = await ctx.db.runTransaction(async (tx) => {
    const a = await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, input.assignmentId);
    if (!a) throw new AppError('NOT_FOUND', '评审指派不存在或已撤回');
    if (a.status !== 'submitted') throw new AppError('CONFLICT', '这份评分尚未提交，无需退回');
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, a.entryId);
    if (entry?.status !== 'underReview') throw new AppError('CONFLICT', '本材料的评审已结束，不能退回重评');
    const at = toCstIso(now);
    const next: StoredAssignment = { ...a, _id: input.assignmentId, status: 'draft', submittedAt: null, updatedAt: at, updatedAtMs: now.getTime(), version: a.version + 1 };
    const { _id, ...data } = next;
    await tx.collection(ASSIGNMENTS).doc(input.assignmentId).set({ data });
    await txSyncSeat(tx, next);
    await writeAudit(tx, ctx, actor, {
      action: 'reviews.reopenScore',
      targetCollection: ASSIGNMENTS,
      targetId: input.assignmentId,
      unitId: null,
      summary: `退回 ${a.reviewerName} 的评分重评：《${entry.content.title || '未命名'}》；${input.reason}`,
      before: { status: a.status, scores: a.scores, total: a.total, submittedAt: a.submittedAt },
      after: { status: next.status },
    });
    return next;
  });
  return { assignment: publicAssignment(assignment) };
}

/**
 * 一份材料的评分。组织部：全部（含暂存与未评，带评委姓名）。
 * 评委（守卫已核对被指派了这份材料）：自己未提交前只有自己的一行；提交后加上其他评委已提交的，
 * 以“评委 1、2…”称呼（按指派编号排序，稳定），不给姓名与人员编号。
 */
export async function scoresFor({ ctx, actor, input }: HandlerArgs<In<'scoresFor'>>) {
  const entry = await loadEntry(ctx, input.entryId);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  const review = correspondenceReview(trackOf(campaign, entry.trackKey));
  const all = (await readAll<StoredAssignment>(ctx, ASSIGNMENTS, { entryId: entry._id })).sort((a, b) => a._id.localeCompare(b._id));
  const dept = isDepartment(actor);
  const meId = actor.person?._id;
  if (!dept) await ensureNotConflicted(ctx, actor.person!, entry);
  const own = all.find((a) => a.reviewerId === meId);
  const othersHidden = !dept && own?.status !== 'submitted';
  const row = (a: StoredAssignment, i: number): ScoreRow => ({
    reviewerLabel: dept ? a.reviewerName : a.reviewerId === meId ? '我' : `评委 ${i + 1}`,
    reviewerId: dept ? a.reviewerId : null,
    mine: a.reviewerId === meId,
    status: a.status,
    scores: a.scores as ScoreSheet,
    total: a.total,
    comment: a.comment,
    submittedAt: a.submittedAt,
  });
  const rows = all
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => dept || a.reviewerId === meId || (!othersHidden && a.status === 'submitted'))
    .map(({ a, i }) => row(a, i));
  const submitted = rows.filter((r) => r.status === 'submitted');
  const mean = submitted.length ? Math.round((submitted.reduce((s, r) => s + r.total, 0) / submitted.length) * 100) / 100 : null;
  return { entryId: entry._id, rubric: review.rubric, rows, mean: othersHidden ? null : mean, othersHidden };
}
