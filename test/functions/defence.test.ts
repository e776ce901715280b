import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { defenceScoreId } from '../../cloudfunctions/defence/rules';
import type { DefenceBoard, DefenceCurrent, Entry } from '../../types';
import { seedDefenceCampaign, sheet } from '../support/defence-fixture';
import { engineFixture } from '../support/engine-fixture';

/**
 * 现场答辩（E3：组织部确定入围项目，项目负责人现场展示，到场评委现场打分）经 defence 云函数在本地运行时上走完：
 * 三位评委（评委戊与本单位的项目同单位，须回避），逐个开始、打分、截止；迟到与重复的评分被拒，网络重试原样答复；
 * 多位评委同时交分各落地一次；大屏锁定前不出分；结束后材料转为“已评分”，组织部评定奖项。
 */
const DEPT = 'o-dept-admin';
const JUDGE_OWN = 'o-judge'; // 评委戊 a-judge，属本单位 u-own
const JUDGE_TWO = 'o-j-two';
const JUDGE_THREE = 'o-j-three';

let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});

type Reply = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };
const call = (action: string, input: object, openid: string) => cloud.call('defence', { action, ...input }, openid) as Promise<Reply>;
const ok = async <T = Record<string, unknown>>(p: Promise<Reply>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data as T;
};
const entry = async (id: string) => (await cloud.database.db.collection('entries').doc(id).get()).data as Entry;

/** engineFixture + 答辩评选 c-def + 另两位评委（评委庚属空单位，评委辛不属任何单位） */
async function defenceCloud(extraJudges = 0): Promise<void> {
  cloud = await engineFixture();
  await seedDefenceCampaign(cloud);
  const db = cloud.database.db;
  const judge = async (id: string, name: string, unitId: string | null, openid: string) => {
    await db.collection('people').doc(id).set({ data: { name, personNo: id.toUpperCase(), phone: null, unitId, branchId: null, roles: [{ role: 'judge' }], version: 1 } });
    await db.collection('bindings').doc(openid).set({ data: { personId: id, boundAt: new Date(), boundBy: 'fixture' } });
  };
  await judge('j-two', '评委庚', 'u-empty', JUDGE_TWO);
  await judge('j-three', '评委辛', null, JUDGE_THREE);
  for (let i = 0; i < extraJudges; i++) await judge(`j-x${i}`, `评委${i}`, null, `o-j-x${i}`);
}

const FINALISTS = ['e-def-far-1', 'e-def-own-1', 'e-def-far-9'];
async function createSession(judgeIds = ['a-judge', 'j-two', 'j-three']): Promise<string> {
  const created = await ok<{ _id: string; started: string[] }>(call('create', { campaignId: 'c-def', trackKey: 'activity', title: '终审答辩', entryIds: FINALISTS, judgeIds }, DEPT));
  return created._id;
}
const board = (id: string) => ok<DefenceBoard>(call('board', { id }, DEPT));
const current = (id: string, openid: string) => ok<DefenceCurrent>(call('current', { id }, openid));

describe('live defence (E3) through the defence function', () => {
  it('E3: runs a live defence with three judges — one recused for his own unit — then board reveals after lock, finish → scored → decide', async () => {
    await defenceCloud();
    const created = await ok<{ _id: string; started: string[] }>(call('create', { campaignId: 'c-def', trackKey: 'activity', title: '终审答辩', entryIds: FINALISTS, judgeIds: ['a-judge', 'j-two', 'j-three'] }, DEPT));
    const id = created._id;
    // 初审通过的入围材料随建场进入评审（E3 答辩阶段内）
    expect(created.started).toEqual(['e-def-far-9']);
    expect((await entry('e-def-far-9')).status).toBe('underReview');

    // 还没开始：评委手机显示等待
    expect((await current(id, JUDGE_TWO)).mine.state).toBe('waiting');

    const plan: Record<string, [string, number[]][]> = {
      'e-def-far-1': [[JUDGE_OWN, [20, 20, 20, 20]], [JUDGE_TWO, [22, 22, 22, 22]], [JUDGE_THREE, [21, 21, 21, 21]]],
      'e-def-own-1': [[JUDGE_TWO, [23, 23, 23, 23]], [JUDGE_THREE, [24, 24, 24, 24.5]]],
      'e-def-far-9': [[JUDGE_OWN, [15, 15, 15, 15]], [JUDGE_TWO, [18, 18, 18, 18]], [JUDGE_THREE, [16, 16, 16, 16]]],
    };
    for (const [n, entryId] of FINALISTS.entries()) {
      await ok(call('openNext', { id, entryId }, DEPT));
      if (entryId === 'e-def-own-1') {
        // 评委戊与该项目同属本单位：手机上显示“回避”，交分被拒
        const mine = await current(id, JUDGE_OWN);
        expect(mine).toMatchObject({ presenter: { entryId, order: n + 1, state: 'presenting' }, mine: { state: 'recused' } });
        const refused = await call('score', { id, entryId, scores: sheet(25), requestId: 'own-recused-1' }, JUDGE_OWN);
        expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('回避') });
      }
      expect((await current(id, JUDGE_TWO)).mine.state).toBe('open');
      for (const [who, values] of plan[entryId]) {
        const reply = await ok<{ total: number; repeated: boolean }>(call('score', { id, entryId, scores: sheet(...values), comment: '展示清楚', requestId: `${who}-${entryId}` }, who));
        expect(reply.repeated).toBe(false);
      }
      // 大屏：只有份数，没有分数（会场公开，锁定前不出分）
      const b = await board(id);
      const row = b.rows.find((r) => r.entryId === entryId)!;
      expect(row).toMatchObject({ received: plan[entryId].length, expected: entryId === 'e-def-own-1' ? 2 : 3, value: null, rank: null });
      expect(b.ranking).toEqual([]);
      expect((await current(id, JUDGE_TWO)).mine).toMatchObject({ state: 'submitted', submitted: { total: plan[entryId].find(([who]) => who === JUDGE_TWO)![1].reduce((a, v) => a + v, 0) } });
      await ok(call('closeScoring', { id, entryId }, DEPT));
    }
    const beforeLock = await board(id);
    expect(beforeLock.revealed).toBe(false);
    expect(beforeLock.rows.every((r) => r.value === null && r.rank === null && r.note === null)).toBe(true);

    await ok(call('lock', { id }, DEPT));
    const after = await board(id);
    expect(after.revealed).toBe(true);
    expect(after.ranking.map((r) => [r.entryId, r.value, r.rank])).toEqual([
      ['e-def-own-1', 94.25, 1], // 评委戊回避：只有两位评委的平均（92 与 96.5）
      ['e-def-far-1', 84, 2],
      ['e-def-far-9', 65.33, 3],
    ]);
    expect(after.rows.find((r) => r.entryId === 'e-def-own-1')!.note).toContain('2 位评委平均');
    expect((await current(id, JUDGE_TWO)).session.status).toBe('locked');

    const finished = await ok<{ finished: string[] }>(call('finish', { id }, DEPT));
    expect(finished.finished.sort()).toEqual([...FINALISTS].sort());
    const top = await entry('e-def-own-1');
    expect(top).toMatchObject({ status: 'scored', defenceResult: { sessionId: id, value: 94.25, rank: 1, count: 2, scaleMax: 100, method: 'trimmed' } });
    expect(top.history[top.history.length - 1]).toMatchObject({ action: 'finishReview', note: expect.stringContaining('第 1 名') });
    // 再点一次“结束答辩”：不重复生效
    expect(await ok(call('finish', { id }, DEPT))).toMatchObject({ finished: [], already: expect.arrayContaining(FINALISTS) });

    // 评定奖项（获奖等级须经评审：已评分的材料可以评为获奖）
    const decided = await cloud.call('entries', { action: 'decide', id: 'e-def-own-1', level: 'award' }, DEPT);
    expect(decided).toMatchObject({ ok: true, data: { status: 'decided' } });

    const audit = await cloud.database.db.collection('audit').where({ targetId: id }).limit(100).get();
    const actions = audit.data.map((a) => (a as unknown as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['defence.create', 'defence.openNext', 'defence.closeScoring', 'defence.lock', 'defence.finish']));
    expect((await cloud.database.db.collection('audit').where({ action: 'defence.score' }).count()).total).toBe(8);
  });

  it('E3: refuses a late score after scoring closed (DEADLINE_PASSED), a second score (DUPLICATE), and answers an exact retry with the same reply', async () => {
    await defenceCloud();
    const id = await createSession();
    const entryId = 'e-def-far-1';
    // 尚未开始的项目：NOT_OPEN
    expect(await call('score', { id, entryId, scores: sheet(20), requestId: 'early-0001' }, JUDGE_TWO)).toMatchObject({ ok: false, code: 'NOT_OPEN' });
    await ok(call('openNext', { id, entryId }, DEPT));

    const first = await ok<{ total: number; submittedAt: string; repeated: boolean }>(call('score', { id, entryId, scores: sheet(20), comment: '好', requestId: 'two-req-0001' }, JUDGE_TWO));
    const digest = await cloud.database.digest();
    // 同一请求（同一 requestId、同样内容）重试：原样答复，什么也不改
    const retry = await ok<{ total: number; submittedAt: string; repeated: boolean }>(call('score', { id, entryId, scores: sheet(20), comment: '好', requestId: 'two-req-0001' }, JUDGE_TWO));
    expect(retry).toEqual({ ...first, repeated: true });
    expect(await cloud.database.digest()).toBe(digest);
    // 同一 requestId 换了内容、或换个 requestId 再交：重复，拒收
    expect(await call('score', { id, entryId, scores: sheet(25), comment: '好', requestId: 'two-req-0001' }, JUDGE_TWO)).toMatchObject({ ok: false, code: 'DUPLICATE' });
    expect(await call('score', { id, entryId, scores: sheet(20), comment: '好', requestId: 'two-req-0002' }, JUDGE_TWO)).toMatchObject({ ok: false, code: 'DUPLICATE' });
    expect(await cloud.database.digest()).toBe(digest);

    await ok(call('closeScoring', { id, entryId }, DEPT));
    // 截止后：还没交的评委再交即“迟到”；评委手机显示“本项评分已截止”
    expect((await current(id, JUDGE_THREE)).mine.state).toBe('closed');
    const late = await call('score', { id, entryId, scores: sheet(20), requestId: 'three-late-01' }, JUDGE_THREE);
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED', message: expect.stringContaining('本项评分已截止') });
    // 截止前已交的那份，网络重试仍原样答复
    expect(await ok(call('score', { id, entryId, scores: sheet(20), comment: '好', requestId: 'two-req-0001' }, JUDGE_TWO))).toEqual({ ...first, repeated: true });
    expect((await board(id)).rows[0]).toMatchObject({ received: 1, expected: 3 });
  });

  it('E3: refuses a score sheet that misses a criterion, exceeds a maximum or is off the 0.5 step', async () => {
    await defenceCloud();
    const id = await createSession();
    const entryId = 'e-def-far-1';
    await ok(call('openNext', { id, entryId }, DEPT));
    const bad = async (scores: Record<string, number>) => (await call('score', { id, entryId, scores, requestId: `bad-${Math.random().toString(36).slice(2, 10)}` }, JUDGE_TWO));
    expect(await bad({ c1: 20, c2: 20, c3: 20 })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('现场展示') });
    expect(await bad(sheet(25.5))).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await bad(sheet(20.3))).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('0.5') });
    expect(await bad({ ...sheet(20), c9: 1 })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await board(id)).rows[0].received).toBe(0);
  });

  it('E3: scores sent at the same moment by 12 judges (each sent twice) all land exactly once', async () => {
    await defenceCloud(10);
    const judgeIds = ['j-two', 'j-three', ...Array.from({ length: 10 }, (_, i) => `j-x${i}`)];
    const openids = [JUDGE_TWO, JUDGE_THREE, ...Array.from({ length: 10 }, (_, i) => `o-j-x${i}`)];
    const id = await createSession(judgeIds);
    const entryId = 'e-def-far-1';
    await ok(call('openNext', { id, entryId }, DEPT));
    const sends = openids.flatMap((o, i) => [0, 1].map(() => call('score', { id, entryId, scores: sheet(10 + i), requestId: `conc-${i}-abcdef` }, o)));
    const replies = await Promise.all(sends);
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(replies.filter((r) => r.ok && r.data.repeated === false)).toHaveLength(12);
    const stored = await cloud.database.db.collection('defenceScores').where({ sessionId: id }).limit(100).get();
    expect(stored.data).toHaveLength(12);
    expect(new Set(stored.data.map((d) => d._id))).toEqual(new Set(judgeIds.map((j) => defenceScoreId(id, entryId, j))));
    expect((await board(id)).rows[0]).toMatchObject({ received: 12, expected: 12 });
  });

  it('E3: a close racing with arriving scores leaves every score either counted or refused as late, never both', async () => {
    await defenceCloud(10);
    const judgeIds = ['j-two', 'j-three', ...Array.from({ length: 10 }, (_, i) => `j-x${i}`)];
    const openids = [JUDGE_TWO, JUDGE_THREE, ...Array.from({ length: 10 }, (_, i) => `o-j-x${i}`)];
    const id = await createSession(judgeIds);
    const entryId = 'e-def-far-1';
    await ok(call('openNext', { id, entryId }, DEPT));
    const scoreCalls = openids.map((o, i) => call('score', { id, entryId, scores: sheet(15), requestId: `race-${i}-abcdef` }, o));
    const [closeReply, ...replies] = await Promise.all([call('closeScoring', { id, entryId }, DEPT), ...scoreCalls]);
    expect(closeReply.ok).toBe(true);
    const landed = replies.filter((r) => r.ok).length;
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'DEADLINE_PASSED')).toBe(true);
    const stored = await cloud.database.db.collection('defenceScores').where({ sessionId: id }).count();
    expect(stored.total).toBe(landed);
    expect((await board(id)).rows[0].received).toBe(landed);
  });

  it('E3: the host opens one presenter at a time in order, reveals a closed presenter early, and cannot lock while a finalist has not presented', async () => {
    await defenceCloud();
    const id = await createSession();
    // 顺序：第一位之前不能开始第二位
    expect(await call('openNext', { id, entryId: 'e-def-own-1' }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('下一位') });
    await ok(call('openNext', { id, entryId: 'e-def-far-1' }, DEPT));
    // 同一请求重试原样答复；当前项目未截止时不能开始下一位
    expect(await ok(call('openNext', { id, entryId: 'e-def-far-1' }, DEPT))).toMatchObject({ repeated: true });
    // 调整顺序：已开始的项目位置不变
    const v = (await ok<{ session: { version: number } }>(call('get', { id }, DEPT))).session.version;
    expect(await call('reorder', { id, expectedVersion: v, entryIds: ['e-def-own-1', 'e-def-far-1', 'e-def-far-9'] }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    await ok(call('reorder', { id, expectedVersion: v, entryIds: ['e-def-far-1', 'e-def-far-9', 'e-def-own-1'] }, DEPT));
    expect(await call('openNext', { id, entryId: 'e-def-far-9' }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('请先截止') });

    await ok(call('score', { id, entryId: 'e-def-far-1', scores: sheet(20), requestId: 'rev-two-0001' }, JUDGE_TWO));
    await ok(call('score', { id, entryId: 'e-def-far-1', scores: sheet(22.5), requestId: 'rev-three-001' }, JUDGE_THREE));
    expect(await call('reveal', { id, entryId: 'e-def-far-1' }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const closed = await ok(call('closeScoring', { id, entryId: 'e-def-far-1' }, DEPT));
    expect(closed).toMatchObject({ received: 2, expected: 3 });
    // 主持人看板：谁交了、谁没交（不含分数）
    const host = await ok<{ presenters: { scoredNames: string[]; pendingNames: string[] }[]; nextEntryId: string }>(call('get', { id }, DEPT));
    expect(host.presenters[0]).toMatchObject({ scoredNames: ['评委庚', '评委辛'], pendingNames: ['评委戊'] });
    expect(host.nextEntryId).toBe('e-def-far-9');

    await ok(call('reveal', { id, entryId: 'e-def-far-1' }, DEPT));
    const b = await board(id);
    expect(b.rows[0]).toMatchObject({ value: 85, rank: null, note: '2 位评委平均 85（不足 5 位，未去分）' });
    expect(b.rows.slice(1).every((r) => r.value === null)).toBe(true);
    expect(await call('lock', { id }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('还有 2 个项目未答辩') });
    expect(await call('finish', { id }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('E3: only judges listed in the session may read or score it; a judge grant bound to another campaign does not cover it', async () => {
    await defenceCloud();
    const id = await createSession(['j-two', 'j-three']);
    await ok(call('openNext', { id, entryId: 'e-def-far-1' }, DEPT));
    expect(await call('current', { id }, JUDGE_OWN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('score', { id, entryId: 'e-def-far-1', scores: sheet(20), requestId: 'not-listed-1' }, JUDGE_OWN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await cloud.database.db.collection('people').doc('j-two').update({ data: { roles: [{ role: 'judge', campaignId: 'c-test' }] } });
    expect(await call('current', { id }, JUDGE_TWO)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // 大屏只给主持人（组织部）
    expect(await call('board', { id }, JUDGE_THREE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // 评委的“我参加的场次”
    const mine = await ok<{ items: { _id: string; currentTitle: string }[] }>(call('mine', {}, JUDGE_THREE));
    expect(mine.items).toEqual([expect.objectContaining({ _id: id, currentTitle: '外单位创新活动1' })]);
  });

  it('E3: refuses a session whose finalists are not in the defence track or already in another open session', async () => {
    await defenceCloud();
    await createSession();
    expect(await call('create', { campaignId: 'c-def', trackKey: 'activity', title: '第二场', entryIds: ['e-def-far-1'], judgeIds: ['j-two'] }, DEPT)).toMatchObject({
      ok: false, code: 'CONFLICT', message: expect.stringContaining('另一场'),
    });
    expect(await call('create', { campaignId: 'c-test', trackKey: 'award', title: '函评不是答辩', entryIds: ['e-own-award-screened'], judgeIds: ['j-two'] }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await call('create', { campaignId: 'c-def', trackKey: 'activity', title: '第三场', entryIds: ['e-def-far-2'], judgeIds: ['a-member'] }, DEPT)).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const cands = await ok<{ finalists: unknown[]; inOtherSessions: string[]; judges: { personId: string }[] }>(call('candidates', { campaignId: 'c-def', trackKey: 'activity' }, DEPT));
    expect(cands.inOtherSessions.sort()).toEqual([...FINALISTS].sort());
    expect(cands.judges.map((j) => j.personId)).toEqual(expect.arrayContaining(['a-judge', 'j-two', 'j-three']));
  });
});
