import type { z } from 'zod';
import { formatCst, toCstIso, type defenceContract, type DefenceScore, type Entry } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { CloudTransaction } from '../_lib/db';
import type { HandlerArgs } from '../_lib/define';
import { aggregateScores, type RankedEntry } from '../_lib/engine/aggregate';
import { applyTransition } from '../_lib/engine/transition';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { loadSession } from './sessions.handler';
import { boardOf, expectedCount, nextWaiting, SCORES, SESSIONS, type StoredPresenter, type StoredSession } from './rules';

type Step = { version: number; repeated: boolean };
type In<K extends keyof (typeof defenceContract)['actions']> = z.output<(typeof defenceContract)['actions'][K]['input']>;

/** 本场的全部评分（按 _id 分页，每次最多 100 条） */
async function readScores(ctx: FunctionContext, sessionId: string): Promise<DefenceScore[]> {
  const _ = ctx.db.command;
  const out: DefenceScore[] = [];
  let after = '';
  for (;;) {
    const where = after ? { sessionId, _id: _.gt(after) } : { sessionId };
    const res = await ctx.db.collection(SCORES).where(where).orderBy('_id', 'asc').limit(100).get();
    const page = res.data as DefenceScore[];
    out.push(...page);
    if (page.length < 100) return out;
    after = page[page.length - 1]._id;
  }
}

/** 汇总（复用 aggregate.ts：平均 / 不少于 5 位评委时去掉最高最低 / 标准化）；回避的评委没有评分，自然不计入 */
function aggregateSession(session: StoredSession, scores: DefenceScore[]): RankedEntry[] {
  const inSession = new Set(session.presenters.map((p) => p.entryId));
  return aggregateScores(
    scores.filter((s) => inSession.has(s.entryId)).map((s) => ({ entryId: s.entryId, reviewerId: s.judgeId, total: s.total })),
    session.method,
    session.scaleMax,
  );
}

/** 主持人对场次的一次修改：事务里读场次 → 改 → 版本 +1 → 审计 */
async function changeSession<T>(
  ctx: FunctionContext,
  actor: Actor,
  id: string,
  change: (s: StoredSession, tx: CloudTransaction) => Promise<{ set: Partial<StoredSession>; audit: { action: string; summary: string }; reply: T } | { repeated: T }>,
): Promise<T> {
  return ctx.db.runTransaction(async (tx) => {
    const s = await txGetOrNull<StoredSession>(tx, SESSIONS, id);
    if (!s) throw new AppError('NOT_FOUND', '答辩场次不存在');
    const out = await change(s, tx);
    if ('repeated' in out) return out.repeated;
    const version = s.version + 1;
    const _ = ctx.db.command;
    const data = Object.fromEntries(Object.entries({ ...out.set, version }).map(([k, v]) => [k, v !== null && typeof v === 'object' ? _.set(v) : v]));
    await tx.collection(SESSIONS).doc(id).update({ data });
    await writeAudit(tx, ctx, actor, {
      action: out.audit.action, targetCollection: SESSIONS, targetId: id, unitId: null, summary: `${s.title}：${out.audit.summary}`,
      before: { status: s.status, currentEntryId: s.currentEntryId, version: s.version },
      after: { ...out.set, version },
    });
    return out.reply;
  }, 10);
}

function presenterIn(s: StoredSession, entryId: string): { p: StoredPresenter; i: number } {
  const i = s.presenters.findIndex((p) => p.entryId === entryId);
  if (i < 0) throw new AppError('NOT_FOUND', '该项目不在本场答辩中');
  return { p: s.presenters[i], i };
}

function withPresenter(s: StoredSession, i: number, patch: Partial<StoredPresenter>): StoredPresenter[] {
  return s.presenters.map((p, j) => (j === i ? { ...p, ...patch } : p));
}

/** 开始下一位：同一时刻只有一个“答辩中”；须按出场顺序（要跳过请先调整顺序） */
export async function openNext({ ctx, actor, input }: HandlerArgs<In<'openNext'>>) {
  return changeSession<Step>(ctx, actor, input.id, async (s) => {
    const { p, i } = presenterIn(s, input.entryId);
    if (p.state === 'presenting') return { repeated: { version: s.version, repeated: true } };
    if (s.status !== 'open') throw new AppError('CONFLICT', '成绩已锁定，答辩已结束');
    if (p.state === 'closed') throw new AppError('CONFLICT', `《${p.title}》已答辩完毕`);
    const presenting = s.presenters.find((x) => x.state === 'presenting');
    if (presenting) throw new AppError('CONFLICT', `《${presenting.title}》还在评分中，请先截止评分`);
    const next = nextWaiting(s);
    if (next && next.entryId !== p.entryId) throw new AppError('CONFLICT', `下一位是《${next.title}》；如需先请《${p.title}》，请先调整出场顺序`);
    const at = toCstIso(ctx.clock.now());
    return {
      set: { presenters: withPresenter(s, i, { state: 'presenting', openedAt: at }), currentEntryId: p.entryId },
      audit: { action: 'defence.openNext', summary: `第 ${i + 1} 位《${p.title}》（${p.entrantName}）开始答辩` },
      reply: { version: s.version + 1, repeated: false },
    };
  });
}

/** 截止当前项目的评分：此后到达的评分一律答“本项评分已截止”（与评分写同一条场次记录，先后由事务决定） */
export async function closeScoring({ ctx, actor, input }: HandlerArgs<In<'closeScoring'>>) {
  return changeSession<Step & { received: number; expected: number }>(ctx, actor, input.id, async (s) => {
    const { p, i } = presenterIn(s, input.entryId);
    const counts = { received: p.scoredBy.length, expected: expectedCount(s, p) };
    if (p.state === 'closed') return { repeated: { version: s.version, repeated: true, ...counts } };
    if (p.state === 'waiting') throw new AppError('CONFLICT', `《${p.title}》还没有开始答辩`);
    const at = toCstIso(ctx.clock.now());
    return {
      set: { presenters: withPresenter(s, i, { state: 'closed', closedAt: at }) },
      audit: { action: 'defence.closeScoring', summary: `《${p.title}》截止评分（${formatCst(at, 'HH:mm:ss')}），收到 ${counts.received}/${counts.expected} 份` },
      reply: { version: s.version + 1, repeated: false, ...counts },
    };
  });
}

/** 逐项亮分：已截止的项目在大屏上显示汇总分（名次要到锁定后才定） */
export async function reveal({ ctx, actor, input }: HandlerArgs<In<'reveal'>>) {
  const scores = await readScores(ctx, input.id);
  return changeSession<Step>(ctx, actor, input.id, async (s) => {
    const { p, i } = presenterIn(s, input.entryId);
    if (p.revealed || s.status !== 'open') return { repeated: { version: s.version, repeated: true } };
    if (p.state !== 'closed') throw new AppError('CONFLICT', `《${p.title}》的评分尚未截止，不能亮分`);
    const r = aggregateSession(s, scores).find((x) => x.entryId === p.entryId);
    return {
      set: { presenters: withPresenter(s, i, { revealed: true, revealedValue: r?.value ?? null, revealedNote: r ? r.note.replace(/；与.*$/, '') : '没有收到评分' }) },
      audit: { action: 'defence.reveal', summary: `亮分《${p.title}》：${r ? r.value : '无评分'}` },
      reply: { version: s.version + 1, repeated: false },
    };
  });
}

/** 锁定成绩（最终）：每个项目都已答辩并截止评分；汇总与名次在此刻算定并存下 */
export async function lock({ ctx, actor, input }: HandlerArgs<In<'lock'>>) {
  const scores = await readScores(ctx, input.id);
  return changeSession<Step>(ctx, actor, input.id, async (s) => {
    if (s.status !== 'open') return { repeated: { version: s.version, repeated: true } };
    const presenting = s.presenters.find((p) => p.state === 'presenting');
    if (presenting) throw new AppError('CONFLICT', `《${presenting.title}》还在评分中，请先截止评分`);
    const waiting = s.presenters.filter((p) => p.state === 'waiting');
    if (waiting.length) throw new AppError('CONFLICT', `还有 ${waiting.length} 个项目未答辩：${waiting.slice(0, 3).map((p) => `《${p.title}》`).join('、')}`);
    // 评分与截止写同一条场次记录，截止后不会再有评分落地：锁定前读到的即全部
    const counted = scores.filter((x) => s.presenters.some((p) => p.entryId === x.entryId && p.scoredBy.includes(x.judgeId)));
    if (counted.length !== s.presenters.reduce((a, p) => a + p.scoredBy.length, 0)) throw new AppError('CONFLICT', '评分还在写入，请稍后再锁定');
    const results = aggregateSession(s, counted);
    const at = toCstIso(ctx.clock.now());
    return {
      set: { status: 'locked', lockedAt: at, results },
      audit: { action: 'defence.lock', summary: `锁定成绩：${results.map((r) => `${s.presenters.find((p) => p.entryId === r.entryId)?.title} ${r.value}（第 ${r.rank} 名）`).join('；')}` },
      reply: { version: s.version + 1, repeated: false },
    };
  });
}

/**
 * 结束答辩：锁定后，各入围材料经 finishReview 转为“已评分”，答辩成绩记在材料上与办理记录里；
 * 组织部随后评定奖项（decide）。没有任何评分的项目不动（留在评审中），列在结果里。可重试。
 */
export async function finish({ ctx, actor, input }: HandlerArgs<In<'finish'>>) {
  const s = await loadSession(ctx, input.id);
  if (s.status === 'open' || !s.results) throw new AppError('CONFLICT', '请先锁定成绩，再结束答辩');
  const results = new Map(s.results.map((r) => [r.entryId, r]));
  const finished: string[] = [];
  const already: string[] = [];
  for (const p of s.presenters) {
    const r = results.get(p.entryId);
    if (!r) continue;
    const defenceResult: NonNullable<Entry['defenceResult']> = { sessionId: s._id, value: r.value, rank: r.rank, count: r.count, scaleMax: s.scaleMax, method: s.method, note: r.note };
    const res = await applyTransition(ctx, actor, {
      entryId: p.entryId,
      action: 'finishReview',
      note: `现场答辩“${s.title}”：${r.note}，第 ${r.rank} 名（满分 ${s.scaleMax}）`,
      sameAs: (e) => e.status !== 'underReview' && e.defenceResult?.sessionId === s._id,
      apply: async () => ({ set: { defenceResult } }),
    });
    (res.repeated ? already : finished).push(p.entryId);
  }
  if (s.status !== 'finished') {
    await changeSession<null>(ctx, actor, s._id, async (cur) =>
      cur.status === 'finished'
        ? { repeated: null }
        : { set: { status: 'finished', finishedAt: toCstIso(ctx.clock.now()) }, audit: { action: 'defence.finish', summary: `结束答辩，${finished.length + already.length} 项转为已评分` }, reply: null },
    );
  }
  return {
    finished,
    already,
    results: s.presenters.map((p) => ({ entryId: p.entryId, value: results.get(p.entryId)?.value ?? null, rank: results.get(p.entryId)?.rank ?? null })),
  };
}

/** 大屏：只读场次这一条记录（每 2–3 秒一次），锁定前不出分 */
export async function board({ ctx, input }: HandlerArgs<In<'board'>>) {
  return boardOf(await loadSession(ctx, input.id));
}
