import type { z } from 'zod';
import { toCstIso, type Assignment, type DeclaredConflict, type Entry, type Person, type reviewsContract, type Unit } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import type { CloudTransaction } from '../_lib/db';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { ENTRIES, loadCampaign, loadEntry, trackOf } from '../_lib/engine/load';
import { assignmentId, conflictReason, planAssignments } from '../_lib/engine/assign';
import {
  ASSIGNMENTS, assignableStatuses, conflictFacts, conflictId, CONFLICTS, correspondenceReview, entryFacts, isDepartment, judgeFor, judgesOf, PANELS,
  publicAssignment, readAll, readByIds, reviewerFacts, seatOf, TRACK_MAX, trackPanels, txSeats, type Panel, type StoredAssignment,
} from './collections';

type In<K extends keyof (typeof reviewsContract)['actions']> = z.output<(typeof reviewsContract)['actions'][K]['input']>;

const entryLabel = (e: Pick<Entry, 'content' | 'entrantName'>) => `《${e.content.title || '未命名'}》（${e.entrantName}）`;

async function loadPerson(ctx: FunctionContext, id: string): Promise<Person> {
  const res = await ctx.db.collection('people').where({ _id: id }).limit(1).get();
  const p = res.data[0] as unknown as Person | undefined;
  if (!p) throw new AppError('NOT_FOUND', '人员不存在');
  return p;
}

/** 可指派的评委及工作量（本类别已指派/已提交） */
export async function listReviewers({ ctx, input }: HandlerArgs<In<'reviewers'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  correspondenceReview(trackOf(campaign, input.trackKey));
  const judges = await judgesOf(ctx, input.campaignId);
  // 工作量从评审组的席位数（每份材料一条），不读评分表
  const seats = (await trackPanels(ctx, input.campaignId, input.trackKey)).flatMap((p) => p.seats);
  const units = await readByIds<Unit>(ctx, 'units', judges.map((j) => j.unitId).filter((u): u is string => !!u), { name: true });
  return {
    items: judges.map((j) => ({
      personId: j._id,
      name: j.name,
      unitId: j.unitId,
      unitName: j.unitId ? (units.get(j.unitId)?.name ?? null) : null,
      assigned: seats.filter((a) => a.reviewerId === j._id).length,
      submitted: seats.filter((a) => a.reviewerId === j._id && a.status === 'submitted').length,
    })),
  };
}

interface AssignRequest {
  entry: Entry;
  reviewer: Person;
  how: Assignment['assignedHow'];
  /** 自动分配时的每份材料人数上限：事务里按评审组核对，并发的分配不会多派 */
  perEntry?: number;
}

/**
 * 在一个事务里指派一位评委：读评审组与两条可能的回避声明（对材料、对单位），
 * 回避的拒绝（中文原因）；已指派的原样答复；写指派、评审组与审计。
 * 返回 null 表示评审组已满（只在自动分配时）。
 */
async function assignOne(ctx: FunctionContext, actor: Actor, req: AssignRequest): Promise<{ assignment: Assignment; repeated: boolean } | null> {
  const { entry, reviewer } = req;
  const id = assignmentId(entry._id, reviewer._id);
  const now = ctx.clock.now();
  return ctx.db.runTransaction(async (tx) => {
    const existing = await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, id);
    if (existing) return { assignment: publicAssignment({ ...existing, _id: id }), repeated: true };
    const panel = (await txGetOrNull<Panel>(tx, PANELS, entry._id)) ?? { _id: entry._id, campaignId: entry.campaignId, trackKey: entry.trackKey, reviewerIds: [] };
    if (req.perEntry !== undefined && panel.reviewerIds.length >= req.perEntry) return null;
    const declared = await txDeclaredConflicts(tx, entry, reviewer._id);
    const why = conflictReason(reviewerFacts(reviewer), entryFacts(entry), declared.map(conflictFacts));
    if (why) throw new AppError('CONFLICT', `不能指派：${why}`);
    const at = toCstIso(now);
    const assignment = newAssignment(entry, reviewer, req.how, at, actor.person?.name ?? null);
    const { _id: _a, ...data } = assignment;
    await tx.collection(ASSIGNMENTS).doc(id).set({ data: { ...data, updatedAtMs: now.getTime() } });
    const seats = await txSeats(tx, { ...panel, _id: entry._id });
    const { _id: _p, ...panelData } = panel;
    await tx.collection(PANELS).doc(entry._id).set({ data: { ...panelData, reviewerIds: [...panel.reviewerIds, reviewer._id], seats: [...seats, seatOf(assignment)] } });
    await writeAudit(tx, ctx, actor, {
      action: 'reviews.assign',
      targetCollection: ASSIGNMENTS,
      targetId: id,
      unitId: entry.unitId,
      summary: `${req.how === 'auto' ? '自动分配' : '指派'}评委 ${reviewer.name}：${entryLabel(entry)}`,
      before: null,
      after: { reviewerId: reviewer._id, entryId: entry._id },
    });
    return { assignment, repeated: false };
  });
}

/** 指派前的共同核对：类别有函评、材料处于可指派状态、此人是本评选的评委 */
function checkAssignable(entry: Entry, track: ReturnType<typeof trackOf>, reviewer: Person) {
  correspondenceReview(track);
  if (!assignableStatuses(track).includes(entry.status)) throw new AppError('CONFLICT', `${entryLabel(entry)}当前不在评审环节，不能指派评委`);
  if (!judgeFor(reviewer, entry.campaignId)) throw new AppError('BAD_INPUT', `${reviewer.name}不是本次评选的评委`);
}

export async function assign({ ctx, actor, input }: HandlerArgs<In<'assign'>>) {
  const entry = await loadEntry(ctx, input.entryId);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  const track = trackOf(campaign, entry.trackKey);
  const reviewer = await loadPerson(ctx, input.reviewerId);
  checkAssignable(entry, track, reviewer);
  return (await assignOne(ctx, actor, { entry, reviewer, how: 'manual' }))!;
}

/** 撤回一份指派（含其评分，审计里留有撤回前的分数与原因） */
async function removeAssignment(ctx: FunctionContext, actor: Actor, id: string, reason: string, action: string): Promise<boolean> {
  return ctx.db.runTransaction(async (tx) => {
    const a = await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, id);
    if (!a) return false;
    const panel = await txGetOrNull<Panel>(tx, PANELS, a.entryId);
    if (panel) {
      const seats = await txSeats(tx, { ...panel, _id: a.entryId });
      const { _id: _p, ...panelData } = panel;
      await tx.collection(PANELS).doc(a.entryId).set({
        data: { ...panelData, reviewerIds: panel.reviewerIds.filter((r) => r !== a.reviewerId), seats: seats.filter((x) => x.reviewerId !== a.reviewerId) },
      });
    }
    await tx.collection(ASSIGNMENTS).doc(id).remove();
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, a.entryId);
    await writeAudit(tx, ctx, actor, {
      action,
      targetCollection: ASSIGNMENTS,
      targetId: id,
      unitId: entry?.unitId ?? null,
      summary: `撤回评委 ${a.reviewerName} 的指派：${entry ? entryLabel(entry) : a.entryId}；${reason}`,
      before: publicAssignment({ ...a, _id: id }),
      after: null,
    });
    return true;
  });
}

export async function unassign({ ctx, actor, input }: HandlerArgs<In<'unassign'>>) {
  const removed = await removeAssignment(ctx, actor, input.assignmentId, input.reason, 'reviews.unassign');
  if (!removed) throw new AppError('NOT_FOUND', '评审指派不存在或已撤回');
  return { removed };
}

/** 自动分配一个事务最多处理的指派条数：大批量时往返按批摊薄，又不让一个事务大到与手动指派久久争写 */
const AUTO_BATCH = 25;

/** 自动分配列材料时要的字段（entryFacts、标题、状态；不读正文） */
const AUTO_ENTRY_FIELDS = { unitId: true, unitName: true, branchId: true, entrantName: true, campaignId: true, trackKey: true, status: true, 'content.title': true } as const;

/**
 * 自动分配的一批（一个事务）：按材料分组，每份材料读一次评审组、写一次；每条指派仍各自核对已有指派、
 * 两条可能的回避声明（读取之后才声明的也挡得住），各自写审计。评审组已满（并发的分配先写了）、
 * 刚声明回避的跳过，记为缺额。两次并发的分配都要写同一份评审组，写冲突使后者整批重试、看到已配齐。
 */
async function assignBatch(ctx: FunctionContext, actor: Actor, steps: { entry: Entry; reviewer: Person }[], perEntry: number): Promise<{ created: number; skipped: string[] }> {
  const now = ctx.clock.now();
  const at = toCstIso(now);
  const groups = new Map<string, { entry: Entry; reviewers: Person[] }>();
  for (const { entry, reviewer } of steps) {
    const g = groups.get(entry._id) ?? { entry, reviewers: [] };
    g.reviewers.push(reviewer);
    groups.set(entry._id, g);
  }
  return ctx.db.runTransaction(async (tx) => {
    let created = 0;
    const skipped: string[] = [];
    for (const { entry, reviewers } of groups.values()) {
      const panel = (await txGetOrNull<Panel>(tx, PANELS, entry._id)) ?? { _id: entry._id, campaignId: entry.campaignId, trackKey: entry.trackKey, reviewerIds: [] };
      let reviewerIds = panel.reviewerIds;
      let seats = await txSeats(tx, { ...panel, _id: entry._id });
      for (const reviewer of reviewers) {
        const id = assignmentId(entry._id, reviewer._id);
        if (reviewerIds.includes(reviewer._id) || (await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, id))) continue;
        if (reviewerIds.length >= perEntry) {
          skipped.push(entry._id);
          continue;
        }
        const declared = await txDeclaredConflicts(tx, entry, reviewer._id);
        if (conflictReason(reviewerFacts(reviewer), entryFacts(entry), declared.map(conflictFacts))) {
          // 读取后刚声明的回避：这一条不派，记为缺额
          skipped.push(entry._id);
          continue;
        }
        const assignment = newAssignment(entry, reviewer, 'auto', at, actor.person?.name ?? null);
        const { _id: _a, ...data } = assignment;
        await tx.collection(ASSIGNMENTS).doc(id).set({ data: { ...data, updatedAtMs: now.getTime() } });
        await writeAudit(tx, ctx, actor, {
          action: 'reviews.assign',
          targetCollection: ASSIGNMENTS,
          targetId: id,
          unitId: entry.unitId,
          summary: `自动分配评委 ${reviewer.name}：${entryLabel(entry)}`,
          before: null,
          after: { reviewerId: reviewer._id, entryId: entry._id },
        });
        reviewerIds = [...reviewerIds, reviewer._id];
        seats = [...seats, seatOf(assignment)];
        created += 1;
      }
      if (reviewerIds !== panel.reviewerIds) {
        const { _id: _p, ...panelData } = panel;
        await tx.collection(PANELS).doc(entry._id).set({ data: { ...panelData, reviewerIds, seats } });
      }
    }
    return { created, skipped };
  });
}

/**
 * 自动分配（见 planAssignments）：材料、评委、整次评选的评审组（只取 reviewerIds，算工作量）与回避声明
 * 各用分页查询一次读齐；指派按 AUTO_BATCH 条一个事务写（见 assignBatch）。
 */
export async function autoAssign({ ctx, actor, input }: HandlerArgs<In<'autoAssign'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const track = trackOf(campaign, input.trackKey);
  correspondenceReview(track);
  const _ = ctx.db.command;
  // 读取都按本次评选（类别）限定，量随评选规模（一年几百到几千份材料），不随历年累积
  const entries = await readAll<Entry>(ctx, ENTRIES, { campaignId: input.campaignId, trackKey: input.trackKey, status: _.in(assignableStatuses(track)) }, { max: TRACK_MAX, fields: AUTO_ENTRY_FIELDS });
  const judges = await judgesOf(ctx, input.campaignId);
  // 工作量按整次评选计（一位评委在几个类别里的材料都算）
  const campaignPanels = () => readAll<Pick<Panel, '_id' | 'reviewerIds'>>(ctx, PANELS, { campaignId: input.campaignId }, { max: TRACK_MAX, fields: { reviewerIds: true } });
  const loadOf = (panels: Pick<Panel, 'reviewerIds'>[]) => {
    const m = new Map<string, number>();
    for (const p of panels) for (const r of p.reviewerIds) m.set(r, (m.get(r) ?? 0) + 1);
    return m;
  };
  const panels = await campaignPanels();
  const declared = await readAll<DeclaredConflict>(ctx, CONFLICTS, { campaignId: input.campaignId }, { max: TRACK_MAX });
  const panelOf = new Map(panels.map((p) => [p._id, p]));
  const load = loadOf(panels);
  const plan = planAssignments({
    entries: entries.map((e) => ({ ...entryFacts(e), reviewerIds: panelOf.get(e._id)?.reviewerIds ?? [] })),
    reviewers: judges.map((j) => ({ ...reviewerFacts(j), load: load.get(j._id) ?? 0 })),
    declared: declared.map(conflictFacts),
    perEntry: input.perEntry,
  });
  const entryById = new Map(entries.map((e) => [e._id, e]));
  const judgeById = new Map(judges.map((j) => [j._id, j]));
  let created = 0;
  for (let i = 0; i < plan.add.length; i += AUTO_BATCH) {
    const steps = plan.add.slice(i, i + AUTO_BATCH).map((step) => ({ entry: entryById.get(step.entryId)!, reviewer: judgeById.get(step.reviewerId)! }));
    created += (await assignBatch(ctx, actor, steps, input.perEntry)).created;
  }
  // 有写入才重读（看到并发分配后的实情）；没有可派的，刚读的就是现状
  const after = plan.add.length ? await campaignPanels() : panels;
  const afterOf = new Map(after.map((p) => [p._id, p.reviewerIds.length]));
  const afterLoad = loadOf(after);
  const shortfallOf = new Map<string, string>();
  for (const s of plan.shortfalls) if (!shortfallOf.has(s.entryId)) shortfallOf.set(s.entryId, s.reason);
  const shortfalls = entries
    .map((e) => ({ e, got: afterOf.get(e._id) ?? 0 }))
    .filter(({ got }) => got < input.perEntry)
    .map(({ e, got }) => ({
      entryId: e._id,
      title: e.content.title || '未命名',
      needed: input.perEntry,
      got,
      reason: shortfallOf.get(e._id) ?? '分配时评审组有变动（刚声明的回避或并发分配），请再次执行自动分配',
    }));
  return {
    created,
    shortfalls,
    load: judges.map((j) => ({ personId: j._id, name: j.name, assigned: afterLoad.get(j._id) ?? 0 })),
  };
}

/**
 * 声明回避：写入声明（与审计同一事务），再撤回相应的已有指派（各自一个事务、各自审计）。
 * 评委本人声明时只能针对指派给自己的材料（守卫）或任一单位。
 */
export async function declareConflict({ ctx, actor, input }: HandlerArgs<In<'declareConflict'>>) {
  if (!!input.entryId === !!input.unitId) throw new AppError('BAD_INPUT', '请选择一份材料或一个单位（二选一）');
  const isJudge = actor.grants.some((g) => g.role === 'judge' && (!g.campaignId || g.campaignId === input.campaignId));
  const reviewerId = input.reviewerId ?? (isJudge ? actor.person!._id : null);
  if (!reviewerId) throw new AppError('BAD_INPUT', '请选择要回避的评委');
  const reviewer = await loadPerson(ctx, reviewerId);
  if (!judgeFor(reviewer, input.campaignId)) throw new AppError('BAD_INPUT', `${reviewer.name}不是本次评选的评委`);
  await loadCampaign(ctx, input.campaignId);
  let targetLabel: string;
  let unitOfEntry: string | null = null;
  if (input.entryId) {
    const entry = await loadEntry(ctx, input.entryId);
    if (entry.campaignId !== input.campaignId) throw new AppError('BAD_INPUT', '这份材料不属于本次评选');
    targetLabel = entryLabel(entry);
    unitOfEntry = entry.unitId;
  } else {
    const units = await readByIds<Unit>(ctx, 'units', [input.unitId!], { name: true });
    const unit = units.get(input.unitId!);
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
    targetLabel = unit.name;
  }
  const byReviewer = reviewerId === actor.person?._id && !isDepartment(actor);
  const id = conflictId(input.campaignId, reviewerId, input.entryId ? { entryId: input.entryId } : { unitId: input.unitId! });
  const now = ctx.clock.now();
  const conflict: DeclaredConflict = {
    _id: id,
    campaignId: input.campaignId,
    reviewerId,
    reviewerName: reviewer.name,
    entryId: input.entryId ?? null,
    unitId: input.unitId ?? null,
    targetLabel,
    reason: input.reason,
    declaredBy: byReviewer ? 'reviewer' : 'department',
    declaredByName: actor.person?.name ?? null,
    at: toCstIso(now),
  };
  const stored = await ctx.db.runTransaction(async (tx) => {
    const existing = await txGetOrNull<DeclaredConflict>(tx, CONFLICTS, id);
    if (existing) return { ...existing, _id: id };
    const { _id, ...data } = conflict;
    await tx.collection(CONFLICTS).doc(id).set({ data });
    await writeAudit(tx, ctx, actor, {
      action: 'reviews.declareConflict',
      targetCollection: CONFLICTS,
      targetId: id,
      unitId: input.unitId ?? unitOfEntry,
      summary: `${reviewer.name}回避${targetLabel}：${input.reason}`,
      before: null,
      after: conflict,
    });
    return conflict;
  });
  // 已有的指派随即撤回：对材料的只有一条（按指派编号直接读）；对单位的读此评委在本评选的全部指派（只取材料编号，
  // 量以一次评选里一位评委的指派数为界），逐条核对材料所属单位
  let hits: Pick<StoredAssignment, '_id' | 'entryId'>[];
  if (input.entryId) {
    hits = [...(await readByIds<StoredAssignment>(ctx, ASSIGNMENTS, [assignmentId(input.entryId, reviewerId)], { entryId: true })).values()];
  } else {
    const mine = await readAll<StoredAssignment>(ctx, ASSIGNMENTS, { reviewerId, campaignId: input.campaignId }, { max: TRACK_MAX, fields: { entryId: true } });
    const entries = await readByIds<Entry>(ctx, ENTRIES, mine.map((a) => a.entryId), { unitId: true });
    hits = mine.filter((a) => entries.get(a.entryId)?.unitId === input.unitId);
  }
  const removedAssignments: string[] = [];
  for (const a of hits) {
    if (await removeAssignment(ctx, actor, a._id, `因回避撤回：${input.reason}`, 'reviews.unassignConflict')) removedAssignments.push(a._id);
  }
  return { conflict: stored, removedAssignments };
}

/** 声明的回避：组织部看全部；评委只看自己的 */
export async function listConflicts({ ctx, actor, input }: HandlerArgs<In<'listConflicts'>>) {
  const where: Record<string, unknown> = { campaignId: input.campaignId };
  if (!isDepartment(actor)) {
    // 评委授权限定了别的评选：这次评选与他无关
    if (!judgeFor({ roles: actor.grants }, input.campaignId)) throw new AppError('FORBIDDEN', '您不是本次评选的评委');
    where.reviewerId = actor.person!._id;
  }
  const items = await readAll<DeclaredConflict>(ctx, CONFLICTS, where);
  return { items: items.sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id)) };
}

/** 事务内读评委对这份材料、对申报单位声明过的回避（C1.5） */
async function txDeclaredConflicts(tx: CloudTransaction, entry: Pick<Entry, '_id' | 'campaignId' | 'unitId'>, reviewerId: string): Promise<DeclaredConflict[]> {
  return [
    await txGetOrNull<DeclaredConflict>(tx, CONFLICTS, conflictId(entry.campaignId, reviewerId, { entryId: entry._id })),
    await txGetOrNull<DeclaredConflict>(tx, CONFLICTS, conflictId(entry.campaignId, reviewerId, { unitId: entry.unitId })),
  ].filter((c): c is DeclaredConflict => !!c);
}

/** 新指派的评分表（未评） */
function newAssignment(entry: Pick<Entry, '_id' | 'campaignId' | 'trackKey'>, reviewer: Pick<Person, '_id' | 'name'>, how: Assignment['assignedHow'], at: string, byName: string | null): Assignment {
  return {
    _id: assignmentId(entry._id, reviewer._id),
    campaignId: entry.campaignId,
    trackKey: entry.trackKey,
    entryId: entry._id,
    reviewerId: reviewer._id,
    reviewerName: reviewer.name,
    status: 'assigned',
    scores: {},
    comment: '',
    total: 0,
    assignedAt: at,
    assignedByName: byName,
    assignedHow: how,
    submittedAt: null,
    updatedAt: at,
    version: 1,
  };
}
