import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { builtInTemplate } from '../../cloudfunctions/campaigns/templates';
import { defenceScoreId, type StoredSession } from '../../cloudfunctions/defence/rules';
import { campaignBodySchema, toCstIso, type CampaignBody, type EntryStatus } from '../../types';
import { entryRecord, filledContent, T0 } from './engine-fixture';

/**
 * 现场答辩（E3）的测试数据，叠加在 engineFixture（u-own / u-far / u-empty，评委 a-judge 属 u-own）之上：
 * - 评选 c-def：E 模板（创新活动，评审方式为现场答辩，四项评分细则各 25 分），阶段全部覆盖夹具时刻 T0；
 * - 入围材料 e-def-<单位>-<n>；
 * - 授权矩阵用的四个场次（seedDefenceSessions）：
 *   ds-own：a-judge 在评委名单里；第 1 位已截止（a-judge 已交分）、第 2 位答辩中、第 3、4 位待答辩（第 4 位与 a-judge 同单位，须回避）；
 *   ds-far：a-judge 不在名单里，唯一项目已截止（可锁定）；ds-ready：唯一项目待答辩（可开始）；ds-done：已锁定（可结束）。
 */
const WHOLE_2026 = { startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00' };

export const DEFENCE_CAMPAIGN_BODY: CampaignBody = (() => {
  const e = builtInTemplate('E');
  return campaignBodySchema.parse({ ...e, title: '2026 年基层党建工作创新活动', year: 2026, noticeId: null, stages: e.stages.map((s) => ({ ...s, ...WHOLE_2026 })) });
})();

/** 四项评分细则（E 模板：创新性、实效性、示范性、现场展示，各 25 分） */
export const RUBRIC_KEYS = DEFENCE_CAMPAIGN_BODY.tracks[0].pipeline.review!.rubric.map((c) => c.key);
export const sheet = (...values: number[]) => Object.fromEntries(RUBRIC_KEYS.map((k, i) => [k, values[i] ?? values[values.length - 1]]));

export function defenceEntry(side: 'own' | 'far', n: number, status: EntryStatus) {
  const base = entryRecord(side, 'award', status);
  const title = `${side === 'own' ? '本单位' : '外单位'}创新活动${n}`;
  return {
    ...base,
    _id: `e-def-${side}-${n}`,
    campaignId: 'c-def',
    campaignTitle: DEFENCE_CAMPAIGN_BODY.title,
    trackKey: 'activity',
    kind: 'E' as const,
    entrantKey: `${base.entrantKey}#def-${n}`,
    content: { ...filledContent(title), choices: { direction: '服务型党组织' } },
  };
}

/** 评选 c-def 与入围材料：本单位 1 份、外单位 4 份评审中，外单位 1 份初审通过（e-def-far-9） */
export async function seedDefenceCampaign(cloud: LocalCloud): Promise<void> {
  const db = cloud.database.db;
  await db.collection('campaigns').doc('c-def').set({ data: { ...DEFENCE_CAMPAIGN_BODY, status: 'open', version: 1 } });
  const rows = [defenceEntry('own', 1, 'underReview'), ...[1, 2, 3, 4].map((n) => defenceEntry('far', n, 'underReview')), defenceEntry('far', 9, 'screened')];
  for (const { _id, ...rest } of rows) await db.collection('entries').doc(_id).set({ data: rest });
}

function presenter(entryId: string, title: string, unitId: 'u-own' | 'u-far', state: 'waiting' | 'presenting' | 'closed', extra: Partial<StoredSession['presenters'][number]> = {}) {
  return {
    entryId, title, entrantName: unitId === 'u-own' ? '本单位第一支部' : '外单位第一支部', unitId, unitName: unitId === 'u-own' ? '本单位党委' : '外单位党委',
    state, scoredBy: [], recusedJudgeIds: [], revealed: false, openedAt: state === 'waiting' ? null : toCstIso(T0), closedAt: state === 'closed' ? toCstIso(T0) : null, ...extra,
  };
}

function sessionDoc(title: string, judges: { personId: string; name: string; unitId: string | null; unitName: string | null }[], presenters: ReturnType<typeof presenter>[], extra: Partial<StoredSession> = {}): Omit<StoredSession, '_id'> {
  const rubric = DEFENCE_CAMPAIGN_BODY.tracks[0].pipeline.review!.rubric;
  return {
    campaignId: 'c-def', campaignTitle: DEFENCE_CAMPAIGN_BODY.title, trackKey: 'activity', trackLabel: '创新活动', title, status: 'open',
    rubric, scaleMax: 100, method: 'trimmed', presenters, judges, judgeIds: judges.map((j) => j.personId),
    currentEntryId: presenters.find((p) => p.state === 'presenting')?.entryId ?? null,
    createdAt: toCstIso(T0), createdAtMs: T0.getTime(), lockedAt: null, finishedAt: null, results: null, version: 1, ...extra,
  };
}

const A_JUDGE = { personId: 'a-judge', name: '评委戊', unitId: 'u-own', unitName: '本单位党委' };
const OTHER_JUDGE = { personId: 'j-other', name: '评委己', unitId: 'u-empty', unitName: '空单位' };

/** 授权矩阵的样例场次（见文件头） */
export async function seedDefenceSessions(cloud: LocalCloud): Promise<void> {
  await seedDefenceCampaign(cloud);
  const db = cloud.database.db;
  const sessions: Record<string, Omit<StoredSession, '_id'>> = {
    'ds-own': sessionDoc('第一场', [A_JUDGE, OTHER_JUDGE], [
      presenter('e-def-far-1', '外单位创新活动1', 'u-far', 'closed', { scoredBy: ['a-judge'] }),
      presenter('e-def-far-2', '外单位创新活动2', 'u-far', 'presenting'),
      presenter('e-def-far-3', '外单位创新活动3', 'u-far', 'waiting'),
      presenter('e-def-own-1', '本单位创新活动1', 'u-own', 'waiting', { recusedJudgeIds: ['a-judge'] }),
    ]),
    'ds-far': sessionDoc('第二场', [OTHER_JUDGE], [presenter('e-def-far-4', '外单位创新活动4', 'u-far', 'closed')], { currentEntryId: 'e-def-far-4' }),
    'ds-ready': sessionDoc('第三场', [OTHER_JUDGE], [presenter('e-def-far-4', '外单位创新活动4', 'u-far', 'waiting')]),
    'ds-done': sessionDoc('第四场', [OTHER_JUDGE], [presenter('e-def-far-4', '外单位创新活动4', 'u-far', 'closed', { scoredBy: ['j-other'] })], {
      status: 'locked', lockedAt: toCstIso(T0), currentEntryId: 'e-def-far-4',
      results: [{ entryId: 'e-def-far-4', value: 88, count: 1, trimmed: false, rank: 1, tiedWith: [], note: '1 位评委平均 88（不足 5 位，未去分）' }],
    }),
  };
  for (const [id, data] of Object.entries(sessions)) await db.collection('defenceSessions').doc(id).set({ data });
  await db.collection('defenceScores').doc(defenceScoreId('ds-own', 'e-def-far-1', 'a-judge')).set({
    data: { sessionId: 'ds-own', entryId: 'e-def-far-1', judgeId: 'a-judge', scores: sheet(20), total: 80, comment: '', requestId: 'fixture-0001', submittedAt: toCstIso(T0) },
  });
  await db.collection('defenceScores').doc(defenceScoreId('ds-done', 'e-def-far-4', 'j-other')).set({
    data: { sessionId: 'ds-done', entryId: 'e-def-far-4', judgeId: 'j-other', scores: sheet(22), total: 88, comment: '', requestId: 'fixture-0002', submittedAt: toCstIso(T0) },
  });
}
