import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { campaignBodySchema, type LaggingTrack, type Notification } from '../../types';
import { engineFixture, entryRecord, TEST_CAMPAIGN_BODY } from '../support/engine-fixture';
import { PUBLISH_BATCH } from '../../cloudfunctions/entries/transitions.handler';
import { orgFixture } from '../support/org-fixture';

/**
 * 消息（issue 6）：结果公布、补正（A8）、逾期取消资格（A8）、截止提醒（前 3 天、前 1 天，北京时间精确到秒；B3 类别自己的截止）、
 * 单位进度与一键提醒（E3 最低推荐数、B4 全覆盖）。每条要发的消息都在发件箱（有授权时）或“我的”通知里（无授权时）。
 */
let cloud: LocalCloud;
afterEach(async () => {
  jest.restoreAllMocks();
  await cloud?.close();
});

const DEPT = 'o-dept-admin';
const ok = <T = Record<string, unknown>>(reply: unknown): T => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
};
interface OutboxRow {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}
const outbox = async () => (await cloud.database.db.collection('outbox').limit(100).get()).data as unknown as OutboxRow[];
const mine = async (openid: string) => ok<{ items: Notification[] }>(await cloud.call('notifications', { action: 'mine' }, openid)).items;
const grant = (personId: string, key: 'result' | 'correction' | 'deadline', unused = 1) =>
  cloud.database.db.collection('subscriptionGrants').doc(`${personId}_${key}`).set({ data: { personId, key, unused, accepted: unused, declined: 0, lastAnswer: 'accept', updatedAt: null } });
const put = async (collection: string, rows: ({ _id: string } & Record<string, unknown>)[]) => {
  for (const { _id, ...rest } of rows) await cloud.database.db.collection(collection).doc(_id).set({ data: rest });
};
const person = (id: string, unitId: string, branchId: string | null, roles: object[]) => ({ _id: id, name: id, personNo: id.toUpperCase(), phone: null, unitId, branchId, roles, version: 1 });
const binding = (openid: string, personId: string) => ({ _id: openid, personId, boundAt: '2026-11-01T00:00:00+08:00', boundBy: 'test' });

describe('results: every entrant hears, with the level; only grant holders by WeChat', () => {
  it('publishing sends the grant holder a fitted result message and leaves a pending notice for the one without a grant; a rerun sends nothing twice', async () => {
    cloud = await engineFixture();
    // 外单位第一支部的书记：已绑定，未订阅
    await put('people', [person('a-far-editor', 'u-far', 'b-far', [{ role: 'branchEditor', unitId: 'u-far', branchId: 'b-far' }])]);
    await put('bindings', [binding('o-far-editor', 'a-far-editor')]);
    await grant('a-editor', 'result');

    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: 'o-editor',
      templateId: 'local-result',
      page: 'entry/detail/index?id=e-own-award-decided',
      data: {
        thing1: { value: '2026 年度测试评选' },
        thing2: { value: '本单位第一支部awarddecided' },
        thing3: { value: '入选' },
        time4: { value: '2026年11月21日 09:00' },
      },
    });
    expect(await mine('o-editor')).toEqual([]); // 已经在微信里收到，不再列在“我的”
    const far = await mine('o-far-editor');
    expect(far).toEqual([expect.objectContaining({ key: 'result', status: 'pending', body: '结果已公布：《外单位第一支部awarddecided》获“入选”', page: 'entry/detail/index?id=e-far-award-decided' })]);
    expect(far[0].reason).toMatch(/未订阅“评选结果通知”/);

    const notices = (await cloud.database.db.collection('notifications').count()).total;
    await grant('a-far-editor', 'result'); // 之后才订阅：重跑也不会再发已记下的通知
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    expect(await outbox()).toHaveLength(1);
    expect((await cloud.database.db.collection('notifications').count()).total).toBe(notices);
  });

  it('a rerun after a crash between publishing and notifying fills in only the missing notices', async () => {
    cloud = await engineFixture();
    await grant('a-editor', 'result', 2);
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    expect(await outbox()).toHaveLength(1);
    // 模拟：公布的事务已提交，通知还没记下就中断了
    await cloud.database.db.collection('notifications').where({ personId: 'a-editor' }).remove();
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    const sent = await outbox();
    expect(sent.map((m) => `${m.touser} ${m.page}`)).toEqual(Array(2).fill('o-editor entry/detail/index?id=e-own-award-decided'));
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    expect(await outbox()).toHaveLength(2);
  });

  it('a large track is published in batches (E4/A7): each call publishes at most a batch and says how many remain; every entrant hears exactly once', async () => {
    cloud = await engineFixture();
    // 夹具里本类别已有 2 份已评定（本单位、外单位各一）；再加 58 份本单位第一支部的，共 60 份
    const extra = Array.from({ length: 58 }, (_, i) => {
      const { _id, ...rest } = entryRecord('own', 'award', 'decided', { level: 'win' });
      return { ...rest, _id: `${_id}-${String(i).padStart(2, '0')}`, entrantKey: `${rest.entrantKey}#batch-${i}` };
    });
    await cloud.database.db.collection('entries').add({ data: extra });
    const replies: { published: number; already: number; remaining: number }[] = [];
    for (let i = 0; i < 10; i++) {
      const r = ok<{ published: number; already: number; remaining: number }>(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
      replies.push(r);
      if (!r.remaining) break;
    }
    expect(replies.map((r) => [r.published, r.remaining])).toEqual([
      [PUBLISH_BATCH, 60 - PUBLISH_BATCH],
      [PUBLISH_BATCH, 60 - 2 * PUBLISH_BATCH],
      [60 - 2 * PUBLISH_BATCH, 0],
    ]);
    expect(replies[0].already).toBe(4); // 夹具里此前已公布（含已进入实施）的四份：本单位、外单位各两份
    expect((await cloud.database.db.collection('entries').where({ campaignId: 'c-test', trackKey: 'award', status: 'decided' }).count()).total).toBe(0);
    // 本单位第一支部的书记（a-editor）每份一条结果通知，不多不少
    const results = (await cloud.database.db.collection('notifications').where({ personId: 'a-editor', key: 'result' }).limit(100).get()).data;
    expect(results).toHaveLength(59);
    expect(new Set(results.map((n) => n.entryId)).size).toBe(59);
    // 再点一次：没有新公布的，只补缺的通知（这里没有缺的）
    expect(ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT))).toEqual({ published: 0, already: 64, remaining: 0 });
    expect((await cloud.database.db.collection('notifications').where({ personId: 'a-editor', key: 'result' }).count()).total).toBe(59);
  });

  it('a non-winner hears the outcome too, worded as a result and not as an award', async () => {
    cloud = await engineFixture();
    await cloud.database.db.collection('entries').doc('e-own-award-decided').update({ data: { level: 'none' } });
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    expect((await mine('o-editor'))[0]).toMatchObject({ body: '结果已公布：《本单位第一支部awarddecided》评定结果为“未入选”' });
  });
});

describe('corrections (A8)', () => {
  it('a correction request messages the branch’s 支部书记/支委 with the deadline in CST; a retry sends nothing more', async () => {
    cloud = await engineFixture();
    await grant('a-editor', 'correction', 3);
    const request = { action: 'requestCorrection', id: 'e-own-award-recommended', reason: '缺少加盖公章的扫描件，请补充上传' };
    ok(await cloud.call('entries', request, DEPT));
    ok(await cloud.call('entries', request, DEPT));
    const sent = await outbox();
    expect(sent).toEqual([
      expect.objectContaining({
        touser: 'o-editor',
        templateId: 'local-correction',
        page: 'entry/detail/index?id=e-own-award-recommended',
        // T0 = 2026-11-21 09:00 北京时间；补正 3 天，到当天 23:59:59
        data: { thing1: { value: '《本单位第一支部awardrecomm…' }, thing2: { value: '缺少加盖公章的扫描件，请补充上传' }, time3: { value: '2026年11月24日 23:59' }, phrase4: { value: '待补正' } },
      }),
    ]);
    // 分党委管理员不是这份支部材料的申报方，不收
    expect(sent.some((m) => m.touser === 'o-unit-admin')).toBe(false);
  });

  it('the timer’s disqualification of an overdue correction tells the entrant (A8)', async () => {
    const now = new Date('2026-11-26T00:05:00+08:00');
    cloud = await engineFixture(now);
    await cloud.database.db.collection('entries').doc('e-own-award-correctionRequested').update({ data: { 'correction.deadlineMs': Date.parse('2026-11-25T23:59:59+08:00') } });
    ok(await cloud.call('entries', { Type: 'Timer', TriggerName: 'disqualifyOverdue', Time: '2026-11-26T00:05:00+08:00' }, ''));
    const items = await mine('o-editor');
    expect(items).toEqual([expect.objectContaining({ key: 'correction', title: '已取消评选资格', body: '《本单位第一支部awardcorrectionRequested》已取消评选资格：逾期未补正，取消资格（A8）' })]);
  });
});

// ── 截止提醒与单位进度 ──────────────────────────────────────────────────

/**
 * 提醒用的评选（2027 年）：支部立项 project（分党委定级，B4 全覆盖），3 月 31 日 23:59:59 截止；
 * 分党委年度总结 summary（只收单位，B3 类别自己的截止 4 月 1 日 17:00）；
 * 创新活动 activity（分党委推荐，E3 学院党委 ≥2、其他 ≥1），推荐 4 月 10 日 23:59:59 截止。
 */
const REMIND_BODY = campaignBodySchema.parse({
  ...TEST_CAMPAIGN_BODY,
  title: '2027 年度基层党组织活动方案立项与创新活动',
  year: 2027,
  stages: [
    { key: 'submission', label: '申报', startsAt: '2027-03-01T00:00:00+08:00', endsAt: '2027-03-31T23:59:59+08:00', note: '', track: null },
    { key: 'submission', label: '分党委总结报送', startsAt: '2027-03-01T00:00:00+08:00', endsAt: '2027-04-01T17:00:00+08:00', note: '4 月 1 日 17:00 前', track: 'summary' },
    { key: 'unitReview', label: '分党委审核推荐', startsAt: '2027-03-01T00:00:00+08:00', endsAt: '2027-04-10T23:59:59+08:00', note: '', track: null },
  ],
  tracks: [
    TEST_CAMPAIGN_BODY.tracks[1],
    {
      ...TEST_CAMPAIGN_BODY.tracks[1],
      key: 'summary',
      label: '分党委年度总结',
      entrant: { ...TEST_CAMPAIGN_BODY.tracks[1].entrant, levels: ['unit'], rule: 'B3' },
      pipeline: { ...TEST_CAMPAIGN_BODY.tracks[1].pipeline, unitStep: 'none', outcome: null, execution: null, closing: null },
    },
    {
      ...TEST_CAMPAIGN_BODY.tracks[0],
      key: 'activity',
      label: '创新活动',
      entrant: { ...TEST_CAMPAIGN_BODY.tracks[0].entrant, rule: 'E2' },
      quota: { maxPerUnit: null, maxBySize: null, minPerUnit: 1, minByUnitKind: { college: 2 }, exemptModelBatch: null, rule: 'E3' },
    },
  ],
});

function entry(id: string, trackKey: string, level: 'branch' | 'unit', unitId: string, branchId: string | null, status: string) {
  return {
    _id: id, campaignId: 'c-remind', campaignTitle: REMIND_BODY.title, trackKey, kind: 'B', year: 2027, entrantLevel: level,
    entrantKey: level === 'branch' ? `branch:${branchId}` : `unit:${unitId}`, entrantName: id, unitId, unitName: unitId, generalBranchId: null, branchId,
    content: { title: id, sections: {}, choices: {}, dates: {}, photos: {}, video: null, documents: [], stampedScan: null, declarations: [] },
    status, level: null, rating: null, quotaExempt: false, correction: null, unitComment: '', progress: [], inspections: [], closingReport: '', history: [],
    createdAt: '2027-03-02T10:00:00+08:00', updatedAt: '2027-03-02T10:00:00+08:00', updatedAtMs: 0, submittedAt: null, version: 1,
  };
}

/** 提醒夹具：在 orgFixture 之上，b-own 已提交立项、b-own2 未提交（书记 a-editor2）、b-own3 已撤销、b-own4 已合并（各有书记）；
 * u-far 管理员 a-far-admin；本单位已交年度总结，外单位未交；E3 推荐台账：u-own 1 项（学院党委应 ≥2）、u-far 2 项、u-empty 0 项（分党委应 ≥1） */
async function reminderFixture(clock: Date): Promise<void> {
  cloud = await orgFixture(clock);
  await put('campaigns', [{ _id: 'c-remind', ...REMIND_BODY, status: 'open', version: 1 }]);
  const branch = (id: string, active: boolean, extra: object = {}) => ({ _id: id, unitId: 'u-own', generalBranchId: null, name: `支部${id}`, kind: 'student', memberCount: 9, model: null, active, version: 1, ...extra });
  await put('branches', [branch('b-own3', false), branch('b-own4', false, { mergedInto: 'b-own' })]);
  await put('people', [
    person('a-editor2', 'u-own', 'b-own2', [{ role: 'branchEditor', unitId: 'u-own', branchId: 'b-own2' }]),
    person('a-editor3', 'u-own', 'b-own3', [{ role: 'branchEditor', unitId: 'u-own', branchId: 'b-own3' }]),
    person('a-editor4', 'u-own', 'b-own4', [{ role: 'branchEditor', unitId: 'u-own', branchId: 'b-own4' }]),
    person('a-far-admin', 'u-far', null, [{ role: 'unitAdmin', unitId: 'u-far' }]),
  ]);
  await put('bindings', [binding('o-editor2', 'a-editor2'), binding('o-editor3', 'a-editor3'), binding('o-editor4', 'a-editor4'), binding('o-far-admin', 'a-far-admin')]);
  await put('entries', [
    entry('r-b-own', 'project', 'branch', 'u-own', 'b-own', 'submitted'),
    entry('r-b-own2', 'project', 'branch', 'u-own', 'b-own2', 'draft'),
    entry('r-sum-own', 'summary', 'unit', 'u-own', null, 'submitted'),
  ]);
  const ledger = (unitId: string, ids: string[]) => ({ _id: `q_c-remind_activity_${unitId}`, campaignId: 'c-remind', trackKey: 'activity', unitId, recommended: ids, exempt: [], grades: {} });
  await put('quotaLedgers', [ledger('u-own', ['x1']), ledger('u-far', ['x2', 'x3'])]);
  for (const p of ['a-editor', 'a-editor2', 'a-editor3', 'a-editor4', 'a-unit-admin', 'a-far-admin']) await grant(p, 'deadline', 10);
}

type Reminded = { campaignId: string; trackKey: string; stage: string; offset: string; target: { level: string; id: string }; notices: number }[];
const remind = async (at: string, clock: Date) => {
  clock.setTime(Date.parse(at));
  return ok<{ reminded: Reminded }>(await cloud.call('notifications', { Type: 'Timer', TriggerName: 'remindDeadlines', Time: at }, '')).reminded;
};
const short = (r: Reminded) => r.map((x) => `${x.trackKey}/${x.stage}/${x.offset}/${x.target.id}`).sort();

describe('deadline reminders: 3 days and 1 day before, in CST, to exactly those who have not submitted', () => {
  it('sends the 3-day reminder from 09:00:00 CST three calendar days before, once, and not a second earlier', async () => {
    const clock = new Date('2027-03-28T08:59:59+08:00');
    await reminderFixture(clock);
    expect(await remind('2027-03-28T08:59:59+08:00', clock)).toEqual([]);
    // 立项（B4）：b-own 已提交不提醒；b-own3 已撤销、b-own4 已合并不提醒；b-far、b-far2 没有支部书记/支委，提醒外单位管理员
    expect(short(await remind('2027-03-28T09:00:00+08:00', clock))).toEqual(['project/submission/3d/b-far', 'project/submission/3d/b-far2', 'project/submission/3d/b-own2']);
    const sent = await outbox();
    expect(sent.map((m) => m.touser).sort()).toEqual(['o-editor2', 'o-far-admin', 'o-far-admin']);
    expect(sent.filter((m) => m.touser === 'o-editor2')).toEqual([
      expect.objectContaining({
        touser: 'o-editor2',
        templateId: 'local-deadline',
        page: 'entry/start/index?campaignId=c-remind',
        data: { thing1: { value: '测试立项申报填报' }, time2: { value: '2027年3月31日 23:59' }, thing3: { value: '还剩3天，本支部尚未提交' } },
      }),
    ]);
    expect(sent.map((m) => m.touser)).not.toEqual(expect.arrayContaining(['o-editor', 'o-editor3', 'o-editor4']));
    // 同一小时重跑、下一小时再跑：已提醒过，不再发
    expect(await remind('2027-03-28T09:00:00+08:00', clock)).toEqual([]);
    expect(await remind('2027-03-28T10:00:00+08:00', clock)).toEqual([]);
    expect(await outbox()).toHaveLength(3);
  });

  it('B3’s own deadline (04-01 17:00) gets its own reminders: only the unit that has not sent its summary', async () => {
    const clock = new Date('2027-03-29T09:00:00+08:00');
    await reminderFixture(clock);
    expect(short(await remind('2027-03-29T09:00:00+08:00', clock))).toEqual(['project/submission/3d/b-far', 'project/submission/3d/b-far2', 'project/submission/3d/b-own2', 'summary/submission/3d/u-far']);
    const toFar = (await outbox()).filter((m) => m.touser === 'o-far-admin' && m.data.thing1.value.startsWith('分党委'));
    expect(toFar).toEqual([expect.objectContaining({ data: { thing1: { value: '分党委年度总结申报填报' }, time2: { value: '2027年4月1日 17:00' }, thing3: { value: '还剩3天，本单位尚未提交' } } })]);
    expect((await outbox()).some((m) => m.touser === 'o-unit-admin')).toBe(false); // 本单位已交总结
    expect(short(await remind('2027-03-31T08:59:59+08:00', clock))).toEqual(['project/submission/1d/b-far', 'project/submission/1d/b-far2', 'project/submission/1d/b-own2']);
    expect(short(await remind('2027-03-31T09:00:00+08:00', clock))).toEqual(['summary/submission/1d/u-far']);
  });

  it('sends the 1-day reminder from 09:00:00 the day before, stops after the deadline second, and never sends both bands at once', async () => {
    const clock = new Date('2027-03-30T08:59:59+08:00');
    await reminderFixture(clock);
    // 定时任务错过了 3 天那次：此刻仍在 3 天档，只补发 3 天档
    expect(short(await remind('2027-03-30T08:59:59+08:00', clock))).toEqual(['project/submission/3d/b-far', 'project/submission/3d/b-far2', 'project/submission/3d/b-own2', 'summary/submission/3d/u-far']);
    expect(short(await remind('2027-03-30T09:00:00+08:00', clock))).toEqual(['project/submission/1d/b-far', 'project/submission/1d/b-far2', 'project/submission/1d/b-own2']);
    // 截止后（4 月 1 日 00:00:00 起）不再提醒立项；总结仍按自己的截止
    expect(short(await remind('2027-04-01T00:00:00+08:00', clock))).toEqual(['summary/submission/1d/u-far']);
    const bodies = (await cloud.database.db.collection('notifications').where({ personId: 'a-editor2' }).limit(10).get()).data.map((n) => (n as unknown as { data: { thing3: { value: string } } }).data.thing3.value);
    expect(bodies.sort()).toEqual(['还剩1天，本支部尚未提交', '还剩3天，本支部尚未提交']);
  });

  it('a branch that submits between the 3-day and the 1-day reminder is not reminded again', async () => {
    const clock = new Date('2027-03-28T09:00:00+08:00');
    await reminderFixture(clock);
    expect(short(await remind('2027-03-28T09:00:00+08:00', clock))).toContain('project/submission/3d/b-own2');
    await cloud.database.db.collection('entries').doc('r-b-own2').update({ data: { status: 'submitted' } });
    expect(short(await remind('2027-03-30T09:00:00+08:00', clock)).filter((s) => s.endsWith('/b-own2'))).toEqual([]);
    expect((await outbox()).filter((m) => m.touser === 'o-editor2')).toHaveLength(1);
  });

  it('the recommendation stage reminds units below the E3 minimum and units with entries waiting for them', async () => {
    const clock = new Date('2027-04-07T09:00:00+08:00');
    await reminderFixture(clock);
    const r = short(await remind('2027-04-07T09:00:00+08:00', clock));
    // activity：u-own 已推荐 1（学院党委应 ≥2）；u-far 已推荐 2 达标；u-empty 没有管理员可收
    // project：u-own 有 1 份待定级
    expect(r).toEqual(['activity/unitReview/3d/u-own', 'project/unitReview/3d/u-own']);
    const tips = (await outbox()).filter((m) => m.touser === 'o-unit-admin').map((m) => m.data.thing3.value).sort();
    expect(tips).toEqual(['还剩3天，1份材料待审核', '还剩3天，已推荐1项，至少2项']);
    // 推荐阶段的提醒点开是分党委工作台
    expect(new Set((await outbox()).filter((m) => m.touser === 'o-unit-admin').map((m) => m.page))).toEqual(new Set(['workbench/unit/index?unitId=u-own']));
  });
});

describe('lagging units and the one-tap reminder', () => {
  it('lists per track the units behind, with reasons citing E3/B4/B3, and marks who was reminded today', async () => {
    const clock = new Date('2027-03-20T10:00:00+08:00');
    await reminderFixture(clock);
    const { tracks } = ok<{ tracks: LaggingTrack[] }>(await cloud.call('notifications', { action: 'lagging', campaignId: 'c-remind' }, DEPT));
    const byTrack = Object.fromEntries(tracks.map((t) => [t.trackKey, t]));
    expect(byTrack.activity.units.map((u) => [u.unitId, u.reasons])).toEqual([
      ['u-empty', ['已推荐 0 项，至少应推荐 1 项（E3）']],
      ['u-own', ['已推荐 1 项，至少应推荐 2 项（E3）']],
    ]);
    expect(byTrack.activity).toMatchObject({ deadline: '2027-03-31T23:59:59+08:00' });
    expect(byTrack.summary.units.map((u) => [u.unitId, u.reasons])).toEqual([
      ['u-empty', ['尚未提交“分党委年度总结”（B3）']],
      ['u-far', ['尚未提交“分党委年度总结”（B3）']],
    ]);
    expect(byTrack.summary.deadline).toBe('2027-04-01T17:00:00+08:00');
    const own = byTrack.project.units.find((u) => u.unitId === 'u-own')!;
    expect(own.missingBranches).toEqual([{ branchId: 'b-own2', name: '本单位第二支部' }]); // 撤销、合并的不算
    expect(own.reasons).toEqual(['1 个支部尚未提交（B4）', '1 份材料待本单位定级']);
    expect(byTrack.project.units.find((u) => u.unitId === 'u-far')!.reasons).toEqual(['2 个支部尚未提交（B4）']);
  });

  it('remind reaches the unit admins and the missing branches’ editors, at most once per unit per campaign per CST day, audited', async () => {
    const clock = new Date('2027-03-20T10:00:00+08:00');
    await reminderFixture(clock);
    const first = ok<{ recipients: number; sent: number; pending: number }>(await cloud.call('notifications', { action: 'remindUnit', campaignId: 'c-remind', trackKey: 'project', unitId: 'u-own' }, DEPT));
    expect(first).toEqual({ recipients: 2, sent: 2, pending: 0 });
    const sent = await outbox();
    expect(sent.map((m) => m.touser).sort()).toEqual(['o-editor2', 'o-unit-admin']);
    // 各按自己的身份：单位管理员看到本单位差什么，支部书记看到本支部未交，点开去申报
    expect(sent.find((m) => m.touser === 'o-unit-admin')!.data.thing3.value).toBe('1 个支部尚未提交（B4）');
    expect(sent.find((m) => m.touser === 'o-editor2')).toMatchObject({ page: 'entry/start/index?campaignId=c-remind', data: { thing3: { value: '本支部尚未提交' }, time2: { value: '2027年3月31日 23:59' } } });
    // 同一天再点（换一个类别也算同一评选）：限流
    const again = await cloud.call('notifications', { action: 'remindUnit', campaignId: 'c-remind', trackKey: 'activity', unitId: 'u-own' }, DEPT);
    expect(again).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((again as { message: string }).message).toMatch(/今天 10:00 已提醒过本单位党委/);
    const { tracks } = ok<{ tracks: LaggingTrack[] }>(await cloud.call('notifications', { action: 'lagging', campaignId: 'c-remind' }, DEPT));
    expect(tracks.find((t) => t.trackKey === 'project')!.units.find((u) => u.unitId === 'u-own')!.remindedToday).toBe(true);
    const audit = await cloud.database.db.collection('audit').where({ action: 'notifications.remindUnit' }).count();
    expect(audit.total).toBe(1);
    // 北京时间第二天 00:00:00 起可再提醒
    clock.setTime(Date.parse('2027-03-20T23:59:59+08:00'));
    expect(await cloud.call('notifications', { action: 'remindUnit', campaignId: 'c-remind', trackKey: 'activity', unitId: 'u-own' }, DEPT)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    clock.setTime(Date.parse('2027-03-21T00:00:00+08:00'));
    ok(await cloud.call('notifications', { action: 'remindUnit', campaignId: 'c-remind', trackKey: 'activity', unitId: 'u-own' }, DEPT));
  });

  it('refuses to remind a unit that is not behind', async () => {
    const clock = new Date('2027-03-20T10:00:00+08:00');
    await reminderFixture(clock);
    expect(await cloud.call('notifications', { action: 'remindUnit', campaignId: 'c-remind', trackKey: 'activity', unitId: 'u-far' }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await outbox()).toHaveLength(0);
  });
});

describe('我的 notices', () => {
  it('markRead hides one’s own notices and cannot touch someone else’s', async () => {
    cloud = await engineFixture();
    ok(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT));
    const [n] = await mine('o-editor');
    expect(n).toMatchObject({ status: 'pending' });
    expect(ok(await cloud.call('notifications', { action: 'markRead', ids: [n._id] }, 'o-unit-admin'))).toEqual({ marked: 0 });
    expect(await mine('o-editor')).toHaveLength(1);
    expect(ok(await cloud.call('notifications', { action: 'markRead', ids: [n._id] }, 'o-editor'))).toEqual({ marked: 1 });
    expect(await mine('o-editor')).toEqual([]);
  });
});
