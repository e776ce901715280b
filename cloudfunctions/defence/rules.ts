import { createHash } from 'node:crypto';
import {
  AGGREGATE_METHOD_LABELS,
  SCORE_STEP,
  type BoardRow,
  type Criterion,
  type DefenceBoard,
  type DefenceSession,
  type MyScoreState,
  type Presenter,
  type ScoreSheet,
} from '../../types';
import { AppError } from '../_lib/app-error';
import type { IndexDeclaration } from '../_lib/db';
import type { RankedEntry } from '../_lib/engine/aggregate';

/** 现场答辩的场次与评分（E3） */
export const SESSIONS = 'defenceSessions';
export const SCORES = 'defenceScores';

/** 场次文档在库里的形状：锁定时算好的成绩、逐项亮出的分数也存在这里（大屏只读这一条） */
export interface StoredPresenter extends Presenter {
  revealedValue?: number | null;
  revealedNote?: string | null;
}
export interface StoredSession extends Omit<DefenceSession, 'presenters'> {
  presenters: StoredPresenter[];
  /** 锁定时的汇总与名次（锁定前为 null） */
  results: RankedEntry[] | null;
}

export const defenceIndexes: IndexDeclaration[] = [
  // 组织部的场次列表（可按评选）、评委的“我参加的场次”
  { collection: SESSIONS, name: 'created_desc', keys: { createdAtMs: -1, _id: -1 } },
  { collection: SESSIONS, name: 'campaign_created', keys: { campaignId: 1, createdAtMs: -1, _id: -1 } },
  { collection: SESSIONS, name: 'judge_created', keys: { judgeIds: 1, createdAtMs: -1 } },
  // 汇总时按场次分页读全部评分；亮分时读一个项目的评分
  { collection: SCORES, name: 'session_id', keys: { sessionId: 1, _id: 1 } },
  { collection: SCORES, name: 'session_entry', keys: { sessionId: 1, entryId: 1 } },
  // 建场候选：某类别的入围材料；持评委角色的人员
  { collection: 'entries', name: 'campaign_track_status', keys: { campaignId: 1, trackKey: 1, status: 1 } },
  { collection: 'people', name: 'roles_role', keys: { 'roles.role': 1 } },
];

/**
 * 一位评委对一个项目只有一份评分：_id 由（场次, 项目, 评委）确定，
 * 同时到达的两份请求写同一条记录，事务只让一份落地（E3 现场评分，每人一票）
 */
export function defenceScoreId(sessionId: string, entryId: string, judgeId: string): string {
  return `dsc-${createHash('sha256').update(`${sessionId}\n${entryId}\n${judgeId}`).digest('hex').slice(0, 40)}`;
}

/** 应收份数：到场评委减去须回避的 */
export function expectedCount(session: Pick<DefenceSession, 'judgeIds'>, p: Pick<Presenter, 'recusedJudgeIds'>): number {
  return session.judgeIds.filter((j) => !p.recusedJudgeIds.includes(j)).length;
}

/** 同单位回避（E3）：评委所在单位与项目的申报单位相同 */
export function recusedJudges(judges: { personId: string; unitId: string | null }[], entryUnitId: string): string[] {
  return judges.filter((j) => j.unitId !== null && j.unitId === entryUnitId).map((j) => j.personId);
}

/** 出场顺序里第一个待答辩的 */
export function nextWaiting(session: Pick<DefenceSession, 'presenters'>): Presenter | null {
  return session.presenters.find((p) => p.state === 'waiting') ?? null;
}

/**
 * 核对一张评分表：评分细则的每一项都要打，0 到该项满分，步长 SCORE_STEP；不收细则以外的项。
 * 返回总分。
 */
export function checkSheet(rubric: Criterion[], scores: ScoreSheet): number {
  const keys = new Set(rubric.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!keys.has(k)) throw new AppError('BAD_INPUT', `评分细则里没有“${k}”这一项`);
  let total = 0;
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) throw new AppError('BAD_INPUT', `请为“${c.label}”打分`);
    if (v < 0 || v > c.maxScore) throw new AppError('BAD_INPUT', `“${c.label}”的分数须在 0 到 ${c.maxScore} 之间`);
    if (Math.abs(v / SCORE_STEP - Math.round(v / SCORE_STEP)) > 1e-9) throw new AppError('BAD_INPUT', `“${c.label}”的分数按 ${SCORE_STEP} 分一档`);
    total += v;
  }
  return Math.round(total * 100) / 100;
}

export function sameSheet(a: ScoreSheet, b: ScoreSheet): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** 评委手机上的状态（纯函数） */
export function myStateOf(session: Pick<DefenceSession, 'status'>, presenter: Presenter | null, judgeId: string, submitted: boolean): MyScoreState {
  if (!presenter) return session.status === 'open' ? 'waiting' : 'locked';
  if (presenter.recusedJudgeIds.includes(judgeId)) return 'recused';
  if (submitted) return 'submitted';
  if (session.status !== 'open') return 'locked';
  if (presenter.state === 'presenting') return 'open';
  if (presenter.state === 'closed') return 'closed';
  return 'waiting';
}

/**
 * 大屏（纯函数）：大屏在会场公开，锁定前只给份数（主持人逐项亮分的给该项分数），锁定后给汇总分与名次。
 */
export function boardOf(session: StoredSession): DefenceBoard {
  const locked = session.status !== 'open' && !!session.results;
  const results = new Map((session.results ?? []).map((r) => [r.entryId, r]));
  const rows: BoardRow[] = session.presenters.map((p, i) => {
    const r = locked ? results.get(p.entryId) : undefined;
    const shownValue = locked ? (r?.value ?? null) : p.revealed ? (p.revealedValue ?? null) : null;
    return {
      order: i + 1,
      entryId: p.entryId,
      title: p.title,
      entrantName: p.entrantName,
      unitName: p.unitName,
      state: p.state,
      received: p.scoredBy.length,
      expected: expectedCount(session, p),
      value: shownValue,
      rank: r?.rank ?? null,
      note: locked ? (r?.note ?? '没有收到评分') : p.revealed ? (p.revealedNote ?? null) : null,
    };
  });
  const ranking = locked ? [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.order - b.order) : [];
  return {
    sessionId: session._id,
    title: session.title,
    campaignTitle: session.campaignTitle,
    status: session.status,
    currentEntryId: session.currentEntryId,
    scaleMax: session.scaleMax,
    methodLabel: AGGREGATE_METHOD_LABELS[session.method],
    revealed: locked,
    rows,
    ranking,
  };
}
