import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import type { Entry } from '../../types';
import { engineFixture, entryRecord, filledContent } from '../support/engine-fixture';

/**
 * 申报材料的生命周期，经 entries 云函数在本地运行时上走完：
 * 每一步都核对状态、执行者、阶段与规则，写审计，并且重试同一请求不重复生效。
 */
const EDITOR = 'o-editor';
const UNIT = 'o-unit-admin';
const DEPT = 'o-dept-admin';

let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});

const call = (action: string, input: object, openid: string) => cloud.call('entries', { action, ...input }, openid);
const getEntry = async (id: string) => (await cloud.database.db.collection('entries').doc(id).get()).data as Entry;
const ok = (reply: unknown) => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: Record<string, unknown> }).data;
};

describe('entry lifecycle through the entries function', () => {
  it('runs draft → submitted → recommended → screened → underReview → scored → decided → published → inProgress, audited at every step', async () => {
    cloud = await engineFixture();
    const created = ok(await call('create', { campaignId: 'c-test', trackKey: 'award', entrant: { level: 'branch', id: 'b-own' }, title: '红色引擎' }, EDITOR));
    const id = created._id as string;
    const saved = ok(await call('save', { id, expectedVersion: 1, content: filledContent('红色引擎') }, EDITOR));
    expect(saved.version).toBe(2);
    expect(ok(await call('submit', { id }, EDITOR)).status).toBe('submitted');
    expect(ok(await call('recommend', { id }, UNIT)).status).toBe('recommended');
    expect(ok(await call('pass', { id }, DEPT)).status).toBe('screened');
    expect(ok(await call('startReview', { id }, DEPT)).status).toBe('underReview');
    expect(ok(await call('finishReview', { id }, DEPT)).status).toBe('scored');
    expect(ok(await call('decide', { id, level: 'win' }, DEPT)).status).toBe('decided');
    expect(ok(await call('publishResults', { campaignId: 'c-test', trackKey: 'award' }, DEPT))).toMatchObject({ published: 3 }); // 本条 + 夹具里两条已评定的
    expect(ok(await call('begin', { id }, EDITOR)).status).toBe('inProgress');

    const entry = await getEntry(id);
    expect(entry.history.map((h) => `${h.from ?? ''}>${h.to}`)).toEqual([
      '>draft', 'draft>submitted', 'submitted>recommended', 'recommended>screened', 'screened>underReview', 'underReview>scored', 'scored>decided', 'decided>published', 'published>inProgress',
    ]);
    expect(entry.history[2]).toMatchObject({ action: 'recommend', actorName: expect.any(String) });
    const audit = await cloud.database.db.collection('audit').where({ targetId: id }).limit(100).get();
    expect(audit.data.map((a) => (a as unknown as { action: string }).action).sort()).toEqual(
      ['entries.create', 'entries.submit', 'entries.recommend', 'entries.pass', 'entries.startReview', 'entries.finishReview', 'entries.decide', 'entries.publish', 'entries.begin'].sort(),
    );
  });

  it('answers a retried request with the same result and changes nothing the second time (idempotent)', async () => {
    cloud = await engineFixture();
    const id = 'e-own-award-submitted';
    const first = ok(await call('recommend', { id }, UNIT));
    const before = await cloud.database.digest();
    const again = ok(await call('recommend', { id }, UNIT));
    expect(again).toMatchObject({ status: 'recommended', version: first.version, repeated: true });
    expect(await cloud.database.digest()).toBe(before);
  });

  it('refuses a transition from the wrong state with CONFLICT naming the current state', async () => {
    cloud = await engineFixture();
    const reply = await call('recommend', { id: 'e-own-award-draft' }, UNIT);
    expect(reply).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((reply as { message: string }).message).toContain('草稿');
  });

  it('keeps the unit step for the unit: an editor cannot recommend their own entry, a department admin cannot submit for a branch', async () => {
    cloud = await engineFixture();
    expect(await call('recommend', { id: 'e-own-award-submitted' }, EDITOR)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('submit', { id: 'e-own-award-draft' }, DEPT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('withdraws before the deadline and reopens the draft; after the deadline both are refused with the CST time', async () => {
    cloud = await engineFixture();
    expect(ok(await call('withdraw', { id: 'e-own-award-submitted' }, EDITOR)).status).toBe('withdrawn');
    expect(ok(await call('reopen', { id: 'e-own-award-submitted' }, EDITOR)).status).toBe('draft');
    await cloud.close();
    cloud = await engineFixture(new Date('2026-12-31T16:00:00Z')); // 2027-01-01 00:00 北京时间，申报期已过
    const late = await call('withdraw', { id: 'e-own-award-submitted' }, EDITOR);
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
    expect((late as { message: string }).message).toContain('2026-12-31 23:59:59（北京时间）');
  });

  it('detects two editors saving one draft: the second save with the old version gets CONFLICT and nothing is overwritten', async () => {
    cloud = await engineFixture();
    const id = 'e-own-award-draft';
    const [a, b] = await Promise.all([
      call('save', { id, expectedVersion: 1, content: filledContent('甲的标题') }, EDITOR),
      call('save', { id, expectedVersion: 1, content: filledContent('乙的标题') }, UNIT),
    ]);
    const replies = [a, b] as { ok: boolean; code?: string }[];
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    const entry = await getEntry(id);
    expect(entry.version).toBe(2);
    expect(['甲的标题', '乙的标题']).toContain(entry.content.title);
  });

  it('replaces the content on save, so a removed photo or section is really gone', async () => {
    cloud = await engineFixture();
    const id = 'e-own-award-draft';
    const prefix = cloud.files.prefix;
    const withPhoto = { ...filledContent(), photos: { main: [{ fileID: `${prefix}entries/${id}/1.jpg`, caption: '活动现场' }] } };
    await cloud.files.upload(`entries/${id}/1.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    ok(await call('registerUpload', { id, fileID: `${prefix}entries/${id}/1.jpg` }, EDITOR));
    ok(await call('save', { id, expectedVersion: 1, content: withPhoto }, EDITOR));
    ok(await call('save', { id, expectedVersion: 2, content: filledContent() }, EDITOR));
    expect((await getEntry(id)).content.photos).toEqual({});
  });

  it('holds a quota of one under 50 concurrent recommendations (A3)', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { _id, ...rest } = entryRecord('own', 'award', 'submitted', { _id: `e-race-${i}` });
      await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: `branch:race-${i}` } });
      ids.push(_id);
    }
    const replies = (await Promise.all(ids.map((id) => call('recommend', { id }, UNIT)))) as { ok: boolean; code?: string; message?: string }[];
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).every((r) => r.code === 'QUOTA_EXCEEDED' && r.message!.includes('（A3）'))).toBe(true);
    const recommended = await db.collection('entries').where({ unitId: 'u-own', trackKey: 'award', status: 'recommended' }).count();
    expect(recommended.total).toBe(2); // 夹具里原有一条“已推荐”（未记入台账）+ 本次一条
    const ledger = await db.collection('quotaLedgers').where({ campaignId: 'c-test', unitId: 'u-own' }).get();
    expect((ledger.data[0] as unknown as { recommended: string[] }).recommended).toHaveLength(1);
  });

  it('holds the 最佳 cap under 20 concurrent grade changes (B5)', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { _id, ...rest } = entryRecord('own', 'project', 'submitted', { _id: `e-grade-${i}` });
      await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: `branch:grade-${i}` } });
      ids.push(_id);
    }
    // 本单位本类别已提交：20 + 夹具 3 条（已提交、实施中、待验收）= 23，最佳上限 round(23 × 30%) = 7
    const replies = (await Promise.all(ids.map((id) => call('grade', { id, level: 'best' }, UNIT)))) as { ok: boolean; code?: string; message?: string }[];
    expect(replies.filter((r) => r.ok)).toHaveLength(7);
    expect(replies.filter((r) => !r.ok).every((r) => r.code === 'QUOTA_EXCEEDED' && r.message!.includes('B5'))).toBe(true);
    const best = await db.collection('entries').where({ trackKey: 'project', unitId: 'u-own', level: 'best' }).count();
    expect(best.total).toBe(7);
  });

  it('frees the quota when a recommendation is withdrawn by the unit, so another branch can be recommended', async () => {
    cloud = await engineFixture();
    ok(await call('recommend', { id: 'e-own-award-submitted' }, UNIT));
    const { _id, ...rest } = entryRecord('own', 'award', 'submitted', { _id: 'e-second' });
    await cloud.database.db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: 'branch:second' } });
    expect(await call('recommend', { id: 'e-second' }, UNIT)).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    ok(await call('unrecommend', { id: 'e-own-award-submitted' }, UNIT));
    expect(ok(await call('recommend', { id: 'e-second' }, UNIT)).status).toBe('recommended');
  });

  it('disqualifies overdue corrections when the timer fires, as the system, and leaves entries inside their deadline (A8)', async () => {
    cloud = await engineFixture(new Date('2026-11-25T16:00:00Z')); // 11-26 00:00 北京时间：夹具里的补正期限 11-25 23:59:59 已过
    const db = cloud.database.db;
    const { _id, ...rest } = entryRecord('own', 'award', 'correctionRequested', {
      _id: 'e-still-time',
      correction: { reason: '缺照片', items: [], deadline: '2026-11-27T23:59:59+08:00', requestedAt: '2026-11-24T10:00:00+08:00', requestedBy: '组织部' },
    });
    await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: 'branch:still', correction: { ...rest.correction, deadlineMs: Date.parse('2026-11-27T23:59:59+08:00') } } });
    for (const side of ['own', 'far']) {
      await db.collection('entries').doc(`e-${side}-award-correctionRequested`).update({ data: { 'correction.deadlineMs': Date.parse('2026-11-25T23:59:59+08:00') } });
    }
    // 定时触发器：平台不给 openid，事件为 { Type: 'Timer', TriggerName }
    const reply = await cloud.call('entries', { Type: 'Timer', TriggerName: 'disqualifyOverdue', Time: '2026-11-26T00:05:00+08:00' }, '');
    expect(reply).toMatchObject({ ok: true });
    expect(((reply as { data: { disqualified: string[] } }).data.disqualified).sort()).toEqual(['e-far-award-correctionRequested', 'e-own-award-correctionRequested']);
    const own = await getEntry('e-own-award-correctionRequested');
    expect(own.status).toBe('disqualified');
    expect(own.history.at(-1)).toMatchObject({ actorName: '系统', note: expect.stringContaining('A8') });
    expect((await getEntry('e-still-time')).status).toBe('correctionRequested');
  });

  it('ignores a timer-shaped event sent by a signed-in user (the openid comes from the platform)', async () => {
    cloud = await engineFixture();
    const reply = await cloud.call('entries', { Type: 'Timer', TriggerName: 'disqualifyOverdue' }, DEPT);
    expect(reply).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('shows the caller only the actions they can take now', async () => {
    cloud = await engineFixture();
    const asEditor = ok(await call('get', { id: 'e-own-award-submitted' }, EDITOR));
    expect(asEditor.actions).toEqual(['withdraw']);
    const asUnit = ok(await call('get', { id: 'e-own-award-submitted' }, UNIT));
    expect(asUnit.actions).toEqual(expect.arrayContaining(['withdraw', 'returnEntry', 'recommend']));
    const asDept = ok(await call('get', { id: 'e-own-award-recommended' }, DEPT));
    expect(asDept.actions).toEqual(expect.arrayContaining(['pass', 'requestCorrection', 'decide']));
  });

  it('refuses a file that does not belong to this entry (another entry’s photo or a foreign path)', async () => {
    cloud = await engineFixture();
    const id = 'e-own-award-draft';
    const prefix = cloud.files.prefix;
    for (const fileID of [`${prefix}entries/e-far-award-draft/1.jpg`, `${prefix}imports/org.xlsx`]) {
      const content = { ...filledContent(), photos: { main: [{ fileID, caption: '活动现场' }] } };
      expect(await call('save', { id, expectedVersion: 1, content }, EDITOR)).toMatchObject({ ok: false, code: 'FILE_REJECTED' });
    }
  });

  it('lists a branch’s entries newest first, page by page, without reading the text', async () => {
    cloud = await engineFixture();
    const first = ok(await call('list', { branchId: 'b-own', pageSize: 10 }, EDITOR)) as { items: { _id: string; title: string }[]; nextCursor: string };
    expect(first.items).toHaveLength(10);
    expect(first.items[0].title).toContain('本单位第一支部');
    const second = ok(await call('list', { branchId: 'b-own', pageSize: 10, cursor: first.nextCursor }, EDITOR)) as { items: { _id: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i._id)).size).toBe(15);
  });
});
