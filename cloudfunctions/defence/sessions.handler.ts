import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  toCstIso,
  type defenceContract,
  type DefenceSessionSummary,
  type Entry,
  type Person,
  type SessionJudge,
  type Unit,
} from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { ENTRIES, loadCampaign, trackOf } from '../_lib/engine/load';
import { applyTransition, checkStage } from '../_lib/engine/transition';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { expectedCount, nextWaiting, recusedJudges, SESSIONS, type StoredSession } from './rules';

type In<K extends keyof (typeof defenceContract)['actions']> = z.output<(typeof defenceContract)['actions'][K]['input']>;

/** 入围：初审通过（尚未进入评审）或已在评审中（E3 组织部确定参加终审答辩的项目） */
const FINALIST_STATUSES = ['screened', 'underReview'] as const;

export async function loadSession(ctx: FunctionContext, id: string): Promise<StoredSession> {
  const res = await ctx.db.collection(SESSIONS).where({ _id: id }).limit(1).get();
  const s = res.data[0] as StoredSession | undefined;
  if (!s) throw new AppError('NOT_FOUND', '答辩场次不存在');
  return s;
}

export function summaryOf(s: StoredSession): DefenceSessionSummary {
  const current = s.presenters.find((p) => p.entryId === s.currentEntryId);
  return {
    _id: s._id,
    campaignId: s.campaignId,
    campaignTitle: s.campaignTitle,
    trackKey: s.trackKey,
    trackLabel: s.trackLabel,
    title: s.title,
    status: s.status,
    currentEntryId: s.currentEntryId,
    createdAt: s.createdAt,
    version: s.version,
    presenters: s.presenters.length,
    closed: s.presenters.filter((p) => p.state === 'closed').length,
    judges: s.judgeIds.length,
    currentTitle: current?.title ?? null,
  };
}

async function byIds<T>(ctx: FunctionContext, collection: string, ids: string[]): Promise<T[]> {
  const _ = ctx.db.command;
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const res = await ctx.db.collection(collection).where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get();
    out.push(...(res.data as T[]));
  }
  return out;
}

/** 持评委角色的人员；授权限定了评选的，只算该评选的评委 */
function judgeGrantFor(p: Person, campaignId: string): boolean {
  return p.roles.some((g) => g.role === 'judge' && (!g.campaignId || g.campaignId === campaignId));
}

async function judgesOf(ctx: FunctionContext, people: Person[]): Promise<SessionJudge[]> {
  const unitIds = [...new Set(people.map((p) => p.unitId).filter((u): u is string => !!u))];
  const units = new Map((await byIds<Unit>(ctx, 'units', unitIds)).map((u) => [u._id, u.name]));
  return people.map((p) => ({ personId: p._id, name: p.name, unitId: p.unitId, unitName: p.unitId ? (units.get(p.unitId) ?? null) : null }));
}

/** 本评选里尚未结束的场次占用的材料（一份材料只在一场答辩里） */
async function busyEntries(ctx: FunctionContext, campaignId: string, exceptSessionId?: string): Promise<Set<string>> {
  const _ = ctx.db.command;
  const res = await ctx.db.collection(SESSIONS).where({ campaignId, status: _.in(['open', 'locked']) }).field({ presenters: true }).limit(100).get();
  const busy = new Set<string>();
  for (const s of res.data as StoredSession[]) if (s._id !== exceptSessionId) for (const p of s.presenters) busy.add(p.entryId);
  return busy;
}

export async function candidates({ ctx, input }: HandlerArgs<In<'candidates'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const track = trackOf(campaign, input.trackKey);
  if (track.pipeline.review?.mode !== 'defence') throw new AppError('CONFLICT', `“${track.label}”不是现场答辩评审`);
  const _ = ctx.db.command;
  const entries = await ctx.db
    .collection(ENTRIES)
    .where({ campaignId: input.campaignId, trackKey: input.trackKey, status: _.in([...FINALIST_STATUSES]) })
    .field({ _id: true, content: true, entrantName: true, unitName: true, status: true })
    .limit(100)
    .get();
  const people = await ctx.db.collection('people').where({ 'roles.role': 'judge' }).limit(100).get();
  const judges = (people.data as Person[]).filter((p) => judgeGrantFor(p, input.campaignId)).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const busy = await busyEntries(ctx, input.campaignId);
  const finalists = (entries.data as Entry[]).map((e) => ({ entryId: e._id, title: e.content.title, entrantName: e.entrantName, unitName: e.unitName, status: e.status }));
  return {
    finalists: finalists.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.entryId.localeCompare(b.entryId)),
    judges: await judgesOf(ctx, judges),
    inOtherSessions: finalists.filter((f) => busy.has(f.entryId)).map((f) => f.entryId),
  };
}

/**
 * 建场：核对入围材料（本类别、初审通过或评审中、不在别的场次）与评委（持本评选的评委角色），
 * 算好每个项目须回避的评委；初审通过的材料先“进入评审”（startReview 须在答辩阶段内），再写场次。
 * 同一 _id 重试：内容相同则原样答复。
 */
export async function createSession({ ctx, actor, input }: HandlerArgs<In<'create'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const track = trackOf(campaign, input.trackKey);
  const review = track.pipeline.review;
  if (review?.mode !== 'defence') throw new AppError('CONFLICT', `“${track.label}”不是现场答辩评审`);
  if (new Set(input.entryIds).size !== input.entryIds.length) throw new AppError('BAD_INPUT', '入围项目有重复');
  if (new Set(input.judgeIds).size !== input.judgeIds.length) throw new AppError('BAD_INPUT', '评委有重复');

  if (input._id) {
    const existing = (await ctx.db.collection(SESSIONS).where({ _id: input._id }).limit(1).get()).data[0] as StoredSession | undefined;
    if (existing) {
      const same = existing.campaignId === input.campaignId && existing.presenters.map((p) => p.entryId).join() === input.entryIds.join();
      if (!same) throw new AppError('CONFLICT', '场次编号已被使用');
      return { _id: existing._id, version: existing.version, started: [] };
    }
  }

  const entries = new Map((await byIds<Entry>(ctx, ENTRIES, input.entryIds)).map((e) => [e._id, e]));
  for (const id of input.entryIds) {
    const e = entries.get(id);
    if (!e || e.campaignId !== input.campaignId || e.trackKey !== input.trackKey) throw new AppError('BAD_INPUT', `材料 ${id} 不属于“${track.label}”`);
    if (!(FINALIST_STATUSES as readonly string[]).includes(e.status)) throw new AppError('CONFLICT', `《${e.content.title}》不是入围材料（须初审通过或评审中）`);
  }
  const busy = await busyEntries(ctx, input.campaignId);
  const taken = input.entryIds.filter((id) => busy.has(id));
  if (taken.length) throw new AppError('CONFLICT', `《${entries.get(taken[0])!.content.title}》已在另一场答辩中`);

  const people = new Map((await byIds<Person>(ctx, 'people', input.judgeIds)).map((p) => [p._id, p]));
  for (const id of input.judgeIds) {
    const p = people.get(id);
    if (!p) throw new AppError('BAD_INPUT', `人员 ${id} 不存在`);
    if (!judgeGrantFor(p, input.campaignId)) throw new AppError('BAD_INPUT', `${p.name}不是本评选的评委`);
  }
  const judges = await judgesOf(ctx, input.judgeIds.map((id) => people.get(id)!));

  // 初审通过的先进入评审（E3：入围即进入答辩评审）；阶段不对时先整体拒绝，不留半截
  const toStart = input.entryIds.filter((id) => entries.get(id)!.status === 'screened');
  const now = ctx.clock.now();
  if (toStart.length) checkStage(campaign, track, { correction: null }, { stage: 'defence' }, now, '进入答辩');
  for (const id of toStart) await applyTransition(ctx, actor, { entryId: id, action: 'startReview', note: `入围现场答辩：${input.title}` });

  const at = toCstIso(now);
  const _id = input._id ?? `ds-${randomBytes(8).toString('hex')}`;
  const session: Omit<StoredSession, '_id'> = {
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    trackKey: track.key,
    trackLabel: track.label,
    title: input.title,
    status: 'open',
    rubric: review.rubric,
    scaleMax: Math.round(review.rubric.reduce((a, c) => a + c.maxScore, 0) * 100) / 100,
    method: input.method,
    presenters: input.entryIds.map((id) => {
      const e = entries.get(id)!;
      return {
        entryId: id, title: e.content.title || '（未命名）', entrantName: e.entrantName, unitId: e.unitId, unitName: e.unitName,
        state: 'waiting' as const, scoredBy: [], recusedJudgeIds: recusedJudges(judges, e.unitId), revealed: false, openedAt: null, closedAt: null,
      };
    }),
    judges,
    judgeIds: input.judgeIds,
    currentEntryId: null,
    createdAt: at,
    createdAtMs: now.getTime(),
    lockedAt: null,
    finishedAt: null,
    results: null,
    version: 1,
  };
  await ctx.db.runTransaction(async (tx) => {
    if (await txGetOrNull(tx, SESSIONS, _id)) throw new AppError('CONFLICT', '场次编号已被使用');
    await tx.collection(SESSIONS).doc(_id).set({ data: session });
    await writeAudit(tx, ctx, actor, {
      action: 'defence.create', targetCollection: SESSIONS, targetId: _id, unitId: null,
      summary: `建立现场答辩“${input.title}”：${input.entryIds.length} 个入围项目，${judges.length} 位评委（${judges.map((j) => j.name).join('、')}）`,
      before: null, after: { presenters: input.entryIds, judgeIds: input.judgeIds, method: input.method },
    });
  });
  return { _id, version: 1, started: toStart };
}

export async function listSessions({ ctx, input }: HandlerArgs<In<'list'>>) {
  const _ = ctx.db.command;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效');
  const where: Record<string, unknown> = {};
  if (input.campaignId) where.campaignId = input.campaignId;
  const query = cursor
    ? _.and([where, _.or([{ createdAtMs: _.lt(cursor.at) }, { createdAtMs: cursor.at, _id: _.lt(cursor.id) }])])
    : where;
  const res = await ctx.db.collection(SESSIONS).where(query).orderBy('createdAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1).get();
  const rows = res.data as StoredSession[];
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return { items: page.map(summaryOf), nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: last.createdAtMs, id: last._id }) : null };
}

/** 主持人看板：谁交了、谁没交、谁回避——不含分数 */
export async function getSession({ ctx, input }: HandlerArgs<In<'get'>>) {
  const s = await loadSession(ctx, input.id);
  const names = new Map(s.judges.map((j) => [j.personId, j.name]));
  const { presenters, results: _results, ...rest } = s;
  return {
    session: rest,
    presenters: presenters.map((p) => ({
      entryId: p.entryId, title: p.title, entrantName: p.entrantName, unitId: p.unitId, unitName: p.unitName, state: p.state, revealed: p.revealed, openedAt: p.openedAt, closedAt: p.closedAt,
      received: p.scoredBy.length,
      expected: expectedCount(s, p),
      scoredNames: p.scoredBy.map((j) => names.get(j) ?? j),
      pendingNames: s.judgeIds.filter((j) => !p.scoredBy.includes(j) && !p.recusedJudgeIds.includes(j)).map((j) => names.get(j) ?? j),
      recusedNames: p.recusedJudgeIds.map((j) => names.get(j) ?? j),
    })),
    nextEntryId: s.status === 'open' ? (nextWaiting(s)?.entryId ?? null) : null,
  };
}

/** 调整出场顺序：只动待答辩的，已开始或已截止的项目留在原位 */
export async function reorder({ ctx, actor, input }: HandlerArgs<In<'reorder'>>) {
  return ctx.db.runTransaction(async (tx) => {
    const s = await txGetOrNull<StoredSession>(tx, SESSIONS, input.id);
    if (!s) throw new AppError('NOT_FOUND', '答辩场次不存在');
    if (s.version !== input.expectedVersion) throw new AppError('CONFLICT', '场次已有变化，请刷新后再调整顺序');
    if (s.status !== 'open') throw new AppError('CONFLICT', '成绩已锁定，不能再调整顺序');
    const old = s.presenters.map((p) => p.entryId);
    if (input.entryIds.length !== old.length || [...input.entryIds].sort().join() !== [...old].sort().join()) {
      throw new AppError('BAD_INPUT', '新的顺序须包含本场的全部入围项目，且各出现一次');
    }
    s.presenters.forEach((p, i) => {
      if (p.state !== 'waiting' && input.entryIds[i] !== p.entryId) throw new AppError('CONFLICT', `《${p.title}》已开始答辩，位置不能调整`);
    });
    const byId = new Map(s.presenters.map((p) => [p.entryId, p]));
    const presenters = input.entryIds.map((id) => byId.get(id)!);
    const version = s.version + 1;
    await tx.collection(SESSIONS).doc(s._id).update({ data: { presenters: ctx.db.command.set(presenters), version } });
    await writeAudit(tx, ctx, actor, {
      action: 'defence.reorder', targetCollection: SESSIONS, targetId: s._id, unitId: null,
      summary: `调整“${s.title}”的出场顺序：${presenters.map((p) => p.title).join(' → ')}`,
      before: old, after: input.entryIds,
    });
    return { version };
  });
}

/** 我参加的场次（评委）：未结束的在前，最多 20 场 */
export async function mine({ ctx, actor }: HandlerArgs<In<'mine'>>) {
  const res = await ctx.db.collection(SESSIONS).where({ judgeIds: actor.person!._id }).orderBy('createdAtMs', 'desc').limit(20).get();
  const rows = (res.data as StoredSession[]).map(summaryOf);
  const rank = { open: 0, locked: 1, finished: 2 } as const;
  return { items: rows.sort((a, b) => rank[a.status] - rank[b.status]) };
}
