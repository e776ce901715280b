import { builtInTemplate } from '../../cloudfunctions/campaigns/templates';
import { findStage, formatCst, parseCst, stageOpen, toCstIso } from '../../types';
import { contentA, contentBProject, contentBSummary, contentC, contentD, contentE, DEPT, EDITOR, expectFailure, FAR_UNIT, FAR_UNIT_PERSON, harness, UNIT, type Harness } from './harness';

/**
 * 截止时间精确到秒、按北京时间：通知里的每个截止时刻，前一秒（含这一秒的毫秒）可以，后一秒不行。
 * 本文件在本机时区下运行，也由 deadline-tz.test.ts 在其他时区（America/New_York 等）的子进程里再跑一遍：
 * 结果必须与进程时区无关。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const B_OWN = { level: 'branch' as const, id: 'b-own' };

describe('deadlines are exact to the second in CST', () => {
  it('A4: submitting at 2021-11-30 23:59:59.999 CST is accepted, at 2021-12-01 00:00:00 it is refused with DEADLINE_PASSED', async () => {
    h = await harness('2021-11-20 10:00:00');
    await h.install('A', { id: 'c-a' });
    const early = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud, { title: '按时提交' }), EDITOR);
    const late = await h.draft('c-a', 'case', { level: 'unit', id: 'u-own' }, contentA(h.cloud, { title: '晚了一秒' }), UNIT);
    h.at('2021-11-30 23:59:59', 999);
    expect(await h.ok('entries', 'submit', { id: early }, EDITOR)).toMatchObject({ status: 'submitted' });
    h.at('2021-12-01 00:00:00');
    expectFailure(await h.fail('entries', 'submit', { id: late }, UNIT), 'DEADLINE_PASSED', '2021-11-30 23:59:59（北京时间）', 'A4');
  });

  it('B3: the unit summary is accepted at 2022-04-01 17:00:00 CST and refused at 17:00:01; branch projects already closed at 03-31 23:59:59 (B2)', async () => {
    h = await harness('2022-03-31 23:59:59');
    await h.install('B', { id: 'c-b' });
    await h.bind(FAR_UNIT, FAR_UNIT_PERSON);
    const project = await h.draft('c-b', 'project', B_OWN, contentBProject(), EDITOR);
    const own = await h.draft('c-b', 'unitSummary', { level: 'unit', id: 'u-own' }, contentBSummary(h.cloud), UNIT);
    const far = await h.draft('c-b', 'unitSummary', { level: 'unit', id: 'u-far' }, contentBSummary(h.cloud), FAR_UNIT);
    h.at('2022-04-01 00:00:00');
    expectFailure(await h.fail('entries', 'submit', { id: project }, EDITOR), 'DEADLINE_PASSED', '2022-03-31 23:59:59（北京时间）', 'B2');
    h.at('2022-04-01 17:00:00');
    expect(await h.ok('entries', 'submit', { id: own }, UNIT)).toMatchObject({ status: 'submitted' });
    h.at('2022-04-01 17:00:01');
    expectFailure(await h.fail('entries', 'submit', { id: far }, FAR_UNIT), 'DEADLINE_PASSED', '2022-04-01 17:00:00（北京时间）', 'B3');
  });

  it('C4: submitting at 2021-04-14 17:00:00 CST is accepted, at 17:00:01 it is refused with DEADLINE_PASSED (下班前)', async () => {
    h = await harness('2021-04-10 10:00:00');
    await h.install('C', { id: 'c-c', patch: (b) => void (b.tracks[0].entrant.invitedBranchIds = ['b-own', 'b-own2']) });
    const a = await h.draft('c-c', 'acceptance', B_OWN, contentC(h.cloud, { title: '准时' }), EDITOR);
    const b = await h.draft('c-c', 'acceptance', { level: 'branch', id: 'b-own2' }, contentC(h.cloud, { title: '晚一秒' }), UNIT);
    h.at('2021-04-14 17:00:00');
    expect(await h.ok('entries', 'submit', { id: a }, EDITOR)).toMatchObject({ status: 'submitted' });
    h.at('2021-04-14 17:00:01');
    expectFailure(await h.fail('entries', 'submit', { id: b }, UNIT), 'DEADLINE_PASSED', '2021-04-14 17:00:00（北京时间）', '下班前', 'C4');
  });

  it('D6: submitting at 2024-05-06 23:59:59 CST is accepted, at 2024-05-07 00:00:00 it is refused with DEADLINE_PASSED', async () => {
    h = await harness('2024-05-01 10:00:00');
    await h.install('D', { id: 'c-d' });
    const a = await h.draft('c-d', 'application', B_OWN, contentD(h.cloud, { title: '准时' }), EDITOR);
    const b = await h.draft('c-d', 'application', { level: 'branch', id: 'b-own2' }, contentD(h.cloud, { title: '晚一秒' }), UNIT);
    h.at('2024-05-06 23:59:59');
    expect(await h.ok('entries', 'submit', { id: a }, EDITOR)).toMatchObject({ status: 'submitted' });
    h.at('2024-05-07 00:00:00');
    expectFailure(await h.fail('entries', 'submit', { id: b }, UNIT), 'DEADLINE_PASSED', '2024-05-06 23:59:59（北京时间）', 'D6');
  });

  it('E3: an activity is submitted at 2014-06-02 23:59:59 CST, not at 06-03 00:00:00; a draft cannot be started before 04-01', async () => {
    h = await harness('2014-03-31 23:59:59');
    await h.install('E', { id: 'c-e' });
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-e', trackKey: 'activity', entrant: B_OWN }, EDITOR), 'NOT_OPEN', '2014-04-01 00:00');
    h.at('2014-04-01 00:00:00');
    const a = await h.draft('c-e', 'activity', B_OWN, contentE({ title: '准时' }), EDITOR);
    const b = await h.draft('c-e', 'activity', { level: 'unit', id: 'u-own' }, contentE({ title: '晚一秒' }), UNIT);
    h.at('2014-06-02 23:59:59');
    expect(await h.ok('entries', 'submit', { id: a }, EDITOR)).toMatchObject({ status: 'submitted' });
    h.at('2014-06-03 00:00:00');
    expectFailure(await h.fail('entries', 'submit', { id: b }, UNIT), 'DEADLINE_PASSED', '2014-06-02 23:59:59（北京时间）', 'E3');
  });

  it('C4/A4/B3/D6: stageOpen on the templates’ own stages flips exactly after the last second', () => {
    const cases: [ReturnType<typeof builtInTemplate>, string | undefined, string][] = [
      [builtInTemplate('A'), undefined, '2021-11-30 23:59:59'],
      [builtInTemplate('B'), 'unitSummary', '2022-04-01 17:00:00'],
      [builtInTemplate('B'), 'project', '2022-03-31 23:59:59'],
      [builtInTemplate('C'), undefined, '2021-04-14 17:00:00'],
      [builtInTemplate('D'), undefined, '2024-05-06 23:59:59'],
      [builtInTemplate('E'), undefined, '2014-06-02 23:59:59'],
    ];
    for (const [body, track, last] of cases) {
      const s = findStage(body, 'submission', track)!;
      const t = parseCst(last).getTime();
      expect([stageOpen(s, new Date(t)), stageOpen(s, new Date(t + 999)), stageOpen(s, new Date(t + 1000))]).toEqual([true, true, false]);
      expect(formatCst(s.endsAt, 'YYYY-MM-DD HH:mm:ss')).toBe(last);
    }
  });
});

describe('CST does not depend on the process time zone (daylight saving elsewhere)', () => {
  // 2021-03-14 是 America/New_York 开始夏令时的日子（07:00Z）；北京时间 03:00 = 2021-03-13T19:00Z
  it('CST helpers: an instant a few hours before a foreign DST switch is formatted and parsed in CST', () => {
    expect(toCstIso(new Date('2021-03-13T19:00:00Z'))).toBe('2021-03-14T03:00:00+08:00');
    expect(formatCst('2021-03-14T03:00:00+08:00', 'YYYY-MM-DD HH:mm:ss')).toBe('2021-03-14 03:00:00');
    expect(parseCst('2021-03-14 03:00').toISOString()).toBe('2021-03-13T19:00:00.000Z');
  });

  // 2026-03-08 是 America/New_York 开始夏令时的日子：补正期限（7 天后的 23:59:59 北京时间）跨过了它
  it('A8: the default correction deadline is 23:59:59 CST on the 7th day even across a foreign DST switch, and is enforced to that second', async () => {
    h = await harness('2026-03-05 10:00:00');
    await h.install('A', { id: 'c-a', openAround: parseCst('2026-03-05 10:00:00') });
    const id = await h.submitted('c-a', 'case', B_OWN, contentA(h.cloud, { dates: { startedOn: '2024-01-01' } }), EDITOR);
    await h.ok('entries', 'recommend', { id, checklist: ['已审查材料的真实性、准确性、完整性'] }, UNIT);
    await h.ok('entries', 'requestCorrection', { id, reason: '缺少盖章扫描件' }, DEPT);
    expect((await h.entry(id)).correction).toMatchObject({ deadline: '2026-03-12T23:59:59+08:00', deadlineMs: parseCst('2026-03-12 23:59:59').getTime() });
    h.at('2026-03-12 23:59:59');
    expect(await h.ok('entries', 'resubmit', { id }, EDITOR)).toMatchObject({ status: 'resubmitted' });
  });
});
