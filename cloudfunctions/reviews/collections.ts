import { findStage, transitionsFor, type Assignment, type Campaign, type DeclaredConflict, type Entry, type EntryStatus, type Person, type Track } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { ENTRIES } from '../_lib/engine/load';
import { assignmentId, type ConflictFacts, type ReviewerFacts } from '../_lib/engine/assign';
import { txGetOrNull } from '../_lib/records';

/** 函评的指派（_id = `${entryId}_${reviewerId}`）：评委的分数、评语、状态都在这里 */
export const ASSIGNMENTS = 'reviewAssignments';
/** 声明的回避（_id 由评选、评委、对象确定，重复声明落在同一条） */
export const CONFLICTS = 'reviewConflicts';
/**
 * 评审组：每份材料一条（_id = 材料 id），列出指派的评委。指派、撤回、回避都在事务里改它——
 * 与名额台账同理，两次并发的自动分配都要写这一条，写冲突使后者重试后看到已配齐而不再多派；
 * 守卫据它判断“评委是否被指派了这份材料”（reviewerOfEntry 落点）。
 */
export const PANELS = 'reviewPanels';

export interface Panel {
  _id: string;
  campaignId: string;
  trackKey: string;
  reviewerIds: string[];
  /**
   * 每位指派评委一席（与 reviewerIds 同序）：姓名、状态、已提交的总分。与指派在同一事务里维护
   * （指派、撤回、回避撤回、暂存、提交、退回），进度、催办、汇总、结束、评委工作量只读评审组（每份材料一条），
   * 不再读全部评分表（一个类别一年上万张）。此字段之前写入的评审组没有它：读时按指派重建（见 trackPanels），
   * 写时在事务里重建（见 txSeats）。
   */
  seats?: Seat[];
}

export interface Seat {
  reviewerId: string;
  reviewerName: string;
  status: Assignment['status'];
  /** 已提交的总分；未提交记 0（汇总只计已提交的） */
  total: number;
}

export type StoredAssignment = Assignment & { updatedAtMs: number };

export const reviewIndexes: IndexDeclaration[] = [
  // 评委的“我的评审”
  { collection: ASSIGNMENTS, name: 'reviewer_campaign', keys: { reviewerId: 1, campaignId: 1, _id: 1 } },
  // 组织部的进度、汇总、结束：某评选某类别的全部指派；一份材料的评分
  { collection: ASSIGNMENTS, name: 'campaign_track', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: ASSIGNMENTS, name: 'entry', keys: { entryId: 1 } },
  { collection: CONFLICTS, name: 'campaign_reviewer', keys: { campaignId: 1, reviewerId: 1 } },
  { collection: PANELS, name: 'campaign_track', keys: { campaignId: 1, trackKey: 1, _id: 1 } },
  { collection: PANELS, name: 'campaign', keys: { campaignId: 1, _id: 1 } },
  // 某评选某类别、某些状态的材料；持“评委”角色的人员（与 defence/rules.ts 的声明相同，名称与字段须一致）
  { collection: ENTRIES, name: 'campaign_track_status', keys: { campaignId: 1, trackKey: 1, status: 1 } },
  { collection: 'people', name: 'roles_role', keys: { 'roles.role': 1 } },
];

/** 声明回避记录的 _id：对材料 e_<id>，对单位 u_<id> */
export function conflictId(campaignId: string, reviewerId: string, target: { entryId: string } | { unitId: string }): string {
  return `${campaignId}_${reviewerId}_${'entryId' in target ? `e_${target.entryId}` : `u_${target.unitId}`}`;
}

/**
 * 一次评选一个类别里材料与评审组的安全上限。一年的创新奖约五百份进入评审（issue 8 的量），
 * 十倍余量仍在此内；这里的读取按评选、类别限定，本来就有界，上限只防数据异常时读个没完。
 */
export const TRACK_MAX = 20000;

/**
 * 按 _id 升序分批读完（每批 100 条，云端单次读取上限）；max 为安全上限，超过即报错而不是悄悄截断。
 * fields：只取需要的字段（材料正文很大，进度、汇总只要标题与申报人）。
 */
export async function readAll<T>(ctx: FunctionContext, collection: string, where: Record<string, unknown>, opts: { max?: number; fields?: Record<string, true> } = {}): Promise<T[]> {
  const max = opts.max ?? 2000;
  const _ = ctx.db.command;
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    const cond = last === null ? where : { ...where, _id: _.gt(last) };
    let q = ctx.db.collection(collection).where(cond).orderBy('_id', 'asc').limit(100);
    if (opts.fields) q = q.field({ ...opts.fields, _id: true });
    const res = await q.get();
    const rows = res.data as unknown as (T & { _id: string })[];
    out.push(...rows);
    if (rows.length < 100) return out;
    if (out.length >= max) throw new AppError('INTERNAL', `记录过多（超过 ${max} 条），请缩小范围`);
    last = rows[rows.length - 1]._id;
  }
}

/** 按 id 批量读（每批 100） */
export async function readByIds<T>(ctx: FunctionContext, collection: string, ids: readonly string[], fields?: Record<string, true>): Promise<Map<string, T>> {
  const _ = ctx.db.command;
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let q = ctx.db.collection(collection).where({ _id: _.in(unique.slice(i, i + 100)) }).limit(100);
    if (fields) q = q.field({ ...fields, _id: true });
    const res = await q.get();
    for (const row of res.data as unknown as (T & { _id: string })[]) out.set(row._id, row);
  }
  return out;
}

/** 评分表在评审组上的一席（未提交的不带分数） */
export function seatOf(a: Pick<Assignment, 'reviewerId' | 'reviewerName' | 'status' | 'total'>): Seat {
  return { reviewerId: a.reviewerId, reviewerName: a.reviewerName, status: a.status, total: a.status === 'submitted' ? a.total : 0 };
}

type Tx = Parameters<typeof txGetOrNull>[0];

/** 事务里取评审组的席位；此字段之前写入的评审组按其 reviewerIds 逐条读指派重建（一组至多十来位评委） */
export async function txSeats(tx: Tx, panel: Panel): Promise<Seat[]> {
  if (panel.seats) return panel.seats;
  const seats: Seat[] = [];
  for (const reviewerId of panel.reviewerIds) {
    const a = await txGetOrNull<StoredAssignment>(tx, ASSIGNMENTS, assignmentId(panel._id, reviewerId));
    if (a) seats.push(seatOf(a));
  }
  return seats;
}

/**
 * 评分表的状态或总分变了：在同一事务里改评审组上的那一席（席位没变就不写，暂存不与同组评委争写）。
 */
export async function txSyncSeat(tx: Tx, next: Pick<Assignment, 'entryId' | 'reviewerId' | 'reviewerName' | 'status' | 'total'>): Promise<void> {
  const panel = await txGetOrNull<Panel>(tx, PANELS, next.entryId);
  if (!panel) return;
  const seat = seatOf(next);
  const seats = await txSeats(tx, { ...panel, _id: next.entryId });
  const old = seats.find((s) => s.reviewerId === next.reviewerId);
  if (panel.seats && old && old.status === seat.status && old.total === seat.total && old.reviewerName === seat.reviewerName) return;
  const updated = old ? seats.map((s) => (s.reviewerId === next.reviewerId ? seat : s)) : [...seats, seat];
  const { _id, ...data } = panel;
  await tx.collection(PANELS).doc(next.entryId).set({ data: { ...data, seats: updated } });
}

/** 一份材料的评审组（读时视图）：席位按指派编号排序，与逐条读评分表时的顺序相同 */
export interface PanelView {
  entryId: string;
  seats: (Seat & { assignmentId: string })[];
}

/**
 * 某评选某类别的全部评审组（每份材料一条，100 条一读，只取席位）。
 * 此字段之前写入的评审组（一次性迁移）：按 reviewerIds 算出的指派编号成批读评分表（只取状态、总分等几个字段）
 * 补出席位，并写回——条件是“仍没有席位”，所以期间已被事务（指派、打分、退回都会先重建席位）写过的不会被旧读数覆盖；
 * 写回之后，下一次只读评审组。
 */
export async function trackPanels(ctx: FunctionContext, campaignId: string, trackKey: string): Promise<PanelView[]> {
  const panels = await readAll<Panel>(ctx, PANELS, { campaignId, trackKey }, { max: TRACK_MAX, fields: { reviewerIds: true, seats: true } });
  const legacy = panels.filter((p) => !p.seats);
  if (legacy.length) {
    const rebuilt = await readByIds<StoredAssignment>(ctx, ASSIGNMENTS, legacy.flatMap((p) => p.reviewerIds.map((r) => assignmentId(p._id, r))), {
      reviewerId: true, reviewerName: true, status: true, total: true,
    });
    for (const p of legacy) p.seats = p.reviewerIds.map((r) => rebuilt.get(assignmentId(p._id, r))).filter((a): a is StoredAssignment => !!a).map(seatOf);
    const _ = ctx.db.command;
    for (let i = 0; i < legacy.length; i += 20) {
      await Promise.all(legacy.slice(i, i + 20).map((p) => ctx.db.collection(PANELS).where({ _id: p._id, seats: _.exists(false) }).update({ data: { seats: p.seats } })));
    }
  }
  return panels.map((p) => {
    const seats = p.seats!;
    return {
      entryId: p._id,
      seats: seats.map((s) => ({ ...s, assignmentId: assignmentId(p._id, s.reviewerId) })).sort((a, b) => a.assignmentId.localeCompare(b.assignmentId)),
    };
  });
}

/** 类别须有函评（C1.5）；现场答辩（E3）由答辩功能负责 */
export function correspondenceReview(track: Track): NonNullable<Track['pipeline']['review']> {
  const review = track.pipeline.review;
  if (!review) throw new AppError('CONFLICT', `“${track.label}”没有评审环节`);
  if (review.mode !== 'correspondence') throw new AppError('CONFLICT', `“${track.label}”的评审方式是现场答辩，不在函评中指派评委`);
  return review;
}

/** 可以指派评委的材料状态：可“进入评审”的（初审通过等）与评审中的 */
export function assignableStatuses(track: Track): EntryStatus[] {
  const start = transitionsFor(track.pipeline).find((d) => d.action === 'startReview');
  return [...new Set<EntryStatus>([...(start?.from ?? []), 'underReview'])];
}

/** 进度与汇总要列的材料状态：可指派的，及评审之后的 */
export function reviewedStatuses(track: Track): EntryStatus[] {
  return [...new Set<EntryStatus>([...assignableStatuses(track), 'scored', 'decided', 'published'])];
}

/** 函评阶段截止（北京时间）：类别专属的阶段优先 */
export function reviewDeadline(campaign: Campaign, trackKey: string): string | null {
  return findStage(campaign, 'review', trackKey)?.endsAt ?? null;
}

/** 此人持有的评委授权是否覆盖这次评选（授权可限定某次评选） */
export function judgeFor(person: Pick<Person, 'roles'>, campaignId: string): boolean {
  return person.roles.some((g) => g.role === 'judge' && (!g.campaignId || g.campaignId === campaignId));
}

export function isDepartment(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'deptAdmin');
}

export function reviewerFacts(p: Pick<Person, '_id' | 'name' | 'unitId' | 'branchId'>): ReviewerFacts {
  return { personId: p._id, name: p.name, unitId: p.unitId, branchId: p.branchId };
}

export function entryFacts(e: Pick<Entry, '_id' | 'unitId' | 'unitName' | 'branchId' | 'entrantName'>) {
  return { entryId: e._id, unitId: e.unitId, unitName: e.unitName, branchId: e.branchId, entrantName: e.entrantName };
}

export function conflictFacts(c: Pick<DeclaredConflict, 'reviewerId' | 'entryId' | 'unitId' | 'reason'>): ConflictFacts {
  return { reviewerId: c.reviewerId, entryId: c.entryId, unitId: c.unitId, reason: c.reason };
}

/** 评选里持评委授权的人员（授权不限评选的，或限定本评选的） */
export async function judgesOf(ctx: FunctionContext, campaignId: string): Promise<Person[]> {
  const people = await readAll<Person>(ctx, 'people', { 'roles.role': 'judge' });
  return people.filter((p) => judgeFor(p, campaignId)).sort((a, b) => a._id.localeCompare(b._id));
}

/** 去掉存储专用字段（updatedAtMs），只留契约里的 */
export function publicAssignment(a: StoredAssignment | Assignment): Assignment {
  const { updatedAtMs: _ms, ...rest } = a as StoredAssignment;
  return rest;
}
