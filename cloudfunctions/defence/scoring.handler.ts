import type { z } from 'zod';
import { formatCst, SCORE_STEP, toCstIso, type defenceContract, type DefenceScore } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { defenceScoreId, myStateOf, sameSheet, SCORES, SESSIONS, checkSheet, type StoredSession } from './rules';
import { loadSession, summaryOf } from './sessions.handler';

type In<K extends keyof (typeof defenceContract)['actions']> = z.output<(typeof defenceContract)['actions'][K]['input']>;

/** 评委手机每几秒读一次：当前项目、评分细则、我的状态（回避 / 可打分 / 已提交 / 已截止） */
export async function current({ ctx, actor, input }: HandlerArgs<In<'current'>>) {
  const s = await loadSession(ctx, input.id);
  const judgeId = actor.person!._id;
  const i = s.presenters.findIndex((p) => p.entryId === s.currentEntryId);
  const p = i >= 0 ? s.presenters[i] : null;
  let submitted: DefenceScore | null = null;
  if (p && p.scoredBy.includes(judgeId)) {
    const res = await ctx.db.collection(SCORES).where({ _id: defenceScoreId(s._id, p.entryId, judgeId) }).limit(1).get();
    submitted = (res.data[0] as DefenceScore | undefined) ?? null;
  }
  return {
    session: summaryOf(s),
    presenter: p ? { entryId: p.entryId, title: p.title, entrantName: p.entrantName, unitName: p.unitName, order: i + 1, state: p.state } : null,
    rubric: s.rubric,
    scaleMax: s.scaleMax,
    step: SCORE_STEP,
    mine: {
      state: myStateOf(s, p, judgeId, !!submitted),
      submitted: submitted ? { scores: submitted.scores, total: submitted.total, comment: submitted.comment, submittedAt: submitted.submittedAt } : null,
    },
  };
}

/**
 * 给当前项目打分（E3 现场评分）。一个事务里：
 * 1. 已有我对该项目的评分：同一 requestId 且内容相同 → 原样答复（网络重试）；否则 DUPLICATE；
 * 2. 回避（同单位）→ FORBIDDEN；场次已锁定、本项已截止 → DEADLINE_PASSED；尚未开始 → NOT_OPEN；
 * 3. 写评分（_id 由场次+项目+评委确定）并在场次记录上登记“已交”，与截止评分写同一条记录——
 *    所以同时到达的评分与“截止”谁先谁后由事务定，截止之后不会再有评分落地；多位评委同时交分，冲突的事务重试后各自落地一次。
 */
export async function score({ ctx, actor, input }: HandlerArgs<In<'score'>>) {
  const judgeId = actor.person!._id;
  const scoreId = defenceScoreId(input.id, input.entryId, judgeId);
  return ctx.db.runTransaction(async (tx) => {
    const s = await txGetOrNull<StoredSession>(tx, SESSIONS, input.id);
    if (!s) throw new AppError('NOT_FOUND', '答辩场次不存在');
    const i = s.presenters.findIndex((p) => p.entryId === input.entryId);
    if (i < 0) throw new AppError('NOT_FOUND', '该项目不在本场答辩中');
    const p = s.presenters[i];

    const existing = await txGetOrNull<DefenceScore>(tx, SCORES, scoreId);
    if (existing) {
      if (existing.requestId === input.requestId && sameSheet(existing.scores, input.scores) && existing.comment === input.comment) {
        return { entryId: p.entryId, total: existing.total, submittedAt: existing.submittedAt, repeated: true };
      }
      throw new AppError('DUPLICATE', `您已于 ${formatCst(existing.submittedAt, 'HH:mm:ss')} 为《${p.title}》提交评分（${existing.total} 分），每位评委每个项目只评一次`);
    }
    if (p.recusedJudgeIds.includes(judgeId)) throw new AppError('FORBIDDEN', `您与《${p.title}》的申报单位同属${p.unitName}，须回避，不参与该项目评分（E3）`);
    if (s.status !== 'open') throw new AppError('DEADLINE_PASSED', '本场成绩已锁定，不再接收评分');
    if (p.state === 'closed') throw new AppError('DEADLINE_PASSED', `本项评分已截止：《${p.title}》已于 ${formatCst(p.closedAt ?? toCstIso(ctx.clock.now()), 'HH:mm:ss')} 截止评分`);
    if (p.state === 'waiting') throw new AppError('NOT_OPEN', `《${p.title}》尚未开始答辩`);
    const total = checkSheet(s.rubric, input.scores);

    const at = toCstIso(ctx.clock.now());
    const record: Omit<DefenceScore, '_id'> = { sessionId: s._id, entryId: p.entryId, judgeId, scores: input.scores, total, comment: input.comment, requestId: input.requestId, submittedAt: at };
    await tx.collection(SCORES).doc(scoreId).set({ data: record });
    const presenters = s.presenters.map((x, j) => (j === i ? { ...x, scoredBy: [...x.scoredBy, judgeId] } : x));
    await tx.collection(SESSIONS).doc(s._id).update({ data: { presenters: ctx.db.command.set(presenters) } });
    await writeAudit(tx, ctx, actor, {
      action: 'defence.score', targetCollection: SCORES, targetId: scoreId, unitId: null,
      summary: `${s.title}：${actor.person!.name}为《${p.title}》评分 ${total}`,
      before: null, after: record,
    });
    return { entryId: p.entryId, total, submittedAt: at, repeated: false };
  }, 20);
}
