import type { Eligibility } from '../../types';
import { contentBProject, contentBSummary, DEPT, EDITOR, expectFailure, harness, photos, UNIT, zi, type Harness } from './harness';

/**
 * B. 基层党组织活动方案立项（东大组字〔2022〕5号）：内置模板原样发布（2022 年的日期），
 * 支部申报 → 分党委定级（B5）→ 实施与督促检查（B8）→ 次年验收（B2）；分党委年度总结（B3）；立项全覆盖（B4）。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const B_OWN = { level: 'branch' as const, id: 'b-own' };
const branchRef = (id: string) => ({ level: 'branch' as const, id });

async function start(wall = '2022-03-10 10:00:00') {
  h = await harness(wall);
  await h.install('B', { id: 'c-b' });
  return h;
}

/** 直接写入本单位若干支部“已提交”的立项方案（B5 的基数） */
async function submittedProjects(branchIds: string[]) {
  for (const b of branchIds) {
    if (!['b-own', 'b-own2'].includes(b)) await h.insertBranch({ _id: b, unitId: 'u-own', name: `支部${b}` });
    await h.insertEntry({ _id: `e-${b}`, campaignId: 'c-b', trackKey: 'project', kind: 'B', year: 2022, entrant: { ...branchRef(b), name: `支部${b}` }, unitId: 'u-own', status: 'submitted', content: contentBProject({ title: `${b} 的方案` }) });
  }
}

describe('B1 B6 applying', () => {
  it('B1: a project without a theme is refused on submit; the branch’s own theme is accepted', async () => {
    await start();
    const id = await h.draft('c-b', 'project', B_OWN, contentBProject({ choices: {} }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'B1');
    const e = await h.entry(id);
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentBProject({ choices: { theme: '实验室安全文化建设' } }) }, EDITOR);
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('B6: a graduating-class branch cannot start a project — eligibility blocks citing B6 and entries.create is refused', async () => {
    await start();
    await h.insertBranch({ _id: 'b-grad', unitId: 'u-own', name: '2022 届毕业生党支部', kind: 'graduating' });
    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-b', trackKey: 'project', entrant: branchRef('b-grad') }, UNIT);
    expect(el.eligible).toBe(false);
    expect(el.results.find((r) => r.rule === 'B6' && !r.ok)).toMatchObject({ severity: 'block', message: expect.stringContaining('主题党日') });
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-b', trackKey: 'project', entrant: branchRef('b-grad') }, UNIT), 'FORBIDDEN', 'B6');
    // 离退休支部不受此限
    await h.insertBranch({ _id: 'b-ret', unitId: 'u-own', name: '离退休党支部', kind: 'retired' });
    expect((await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-b', trackKey: 'project', entrant: branchRef('b-ret') }, UNIT)).eligible).toBe(true);
  });
});

describe('B2 close before opening, and the calendar', () => {
  it('B2: a branch whose 2021 project is still in progress cannot start a new one until the unit accepts the old one', async () => {
    await start('2022-03-05 10:00:00');
    // 2021 年的立项（由模板复制并发布）：次年 1 月 1 日至 3 月 10 日验收
    const prev = await h.ok<{ _id: string; version: number }>('campaigns', 'copy', { from: { template: 'B' }, year: 2021, _id: 'c-2021-b' }, DEPT);
    await h.ok('campaigns', 'publish', { id: prev._id, expectedVersion: prev.version }, DEPT);
    await h.insertEntry({ _id: 'e-2021', campaignId: 'c-2021-b', trackKey: 'project', kind: 'B', year: 2021, entrant: B_OWN, unitId: 'u-own', status: 'inProgress', level: 'good', title: '去年的项目' });

    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-b', trackKey: 'project', entrant: B_OWN }, EDITOR);
    expect(el.eligible).toBe(false);
    expect(el.results.find((r) => r.rule === 'B2' && !r.ok)).toMatchObject({ severity: 'block', message: expect.stringContaining('2021 年立项《去年的项目》') });
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-b', trackKey: 'project', entrant: B_OWN }, EDITOR), 'FORBIDDEN', 'B2', '先结项再立项');
    // 没有未结项目的支部照常立项
    expect((await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-b', trackKey: 'project', entrant: branchRef('b-own2') }, UNIT)).eligible).toBe(true);

    // 先结项：支部交结项报告，分党委（以述职等方式）验收
    await h.ok('entries', 'submitClosing', { id: 'e-2021', report: '通过党支部书记述职完成年度总结。' }, EDITOR);
    expectFailure(await h.fail('entries', 'accept', { id: 'e-2021', rating: '很好' }, UNIT), 'BAD_INPUT', '优秀、合格、不合格');
    expect(await h.ok('entries', 'accept', { id: 'e-2021', rating: '合格', note: '支部书记述职验收' }, UNIT)).toMatchObject({ status: 'accepted' });
    // 再立项
    expect(await h.ok('campaigns', 'eligibility', { campaignId: 'c-b', trackKey: 'project', entrant: B_OWN }, EDITOR)).toMatchObject({ eligible: true });
    expect(await h.submitted('c-b', 'project', B_OWN, contentBProject(), EDITOR)).toEqual(expect.any(String));
  });

  it('B2: apply and grade in March, carry out from 04-01 to 12-31, accept from next 01-01 to early March', async () => {
    await start('2022-03-10 10:00:00');
    const id = await h.submitted('c-b', 'project', B_OWN, contentBProject(), EDITOR);
    await h.ok('entries', 'grade', { id, level: 'good' }, UNIT);
    expectFailure(await h.fail('entries', 'begin', { id }, EDITOR), 'NOT_OPEN', '2022-04-01');

    h.at('2022-04-01 00:00:00');
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-b', trackKey: 'project', entrant: branchRef('b-own2') }, UNIT), 'DEADLINE_PASSED', '2022-03-31 23:59');
    expectFailure(await h.fail('entries', 'grade', { id, level: 'best' }, UNIT), 'DEADLINE_PASSED', '2022-03-31 23:59:59');
    expect(await h.ok('entries', 'begin', { id }, EDITOR)).toMatchObject({ status: 'inProgress' });

    h.at('2022-12-31 23:59:59');
    expectFailure(await h.fail('entries', 'submitClosing', { id, report: '全年活动开展情况总结报告。' }, EDITOR), 'NOT_OPEN', '2023-01-01');
    h.at('2023-01-10 10:00:00');
    await h.ok('entries', 'submitClosing', { id, report: '全年活动开展情况总结报告。' }, EDITOR);
    expect(await h.ok('entries', 'accept', { id, rating: '优秀', note: '党建工作研讨会验收' }, UNIT)).toMatchObject({ status: 'accepted' });
    expect(await h.entry(id)).toMatchObject({ rating: '优秀', level: 'good' });
  });
});

describe('B3 the unit’s annual summary', () => {
  it('B3: the unit sends its summary until 04-01 17:00 after branches have closed; short cases or missing photos are refused; a branch cannot send one', async () => {
    await start('2022-04-01 10:00:00');
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-b', trackKey: 'project', entrant: B_OWN }, EDITOR), 'DEADLINE_PASSED'); // 支部申报已于 3 月 31 日截止
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-b', trackKey: 'unitSummary', entrant: B_OWN }, EDITOR), 'FORBIDDEN');

    const id = await h.draft('c-b', 'unitSummary', { level: 'unit', id: 'u-own' }, contentBSummary(h.cloud, { sections: { overview: zi(900), case1: zi(299) } }), UNIT);
    const save = async (over: Parameters<typeof contentBSummary>[1]) => {
      const e = await h.entry(id);
      await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentBSummary(h.cloud, over) }, UNIT);
    };
    expectFailure(await h.fail('entries', 'submit', { id }, UNIT), 'BAD_INPUT', 'B3', '300–500');
    await save({ photos: { case1: photos(h.cloud, 1) } });
    expectFailure(await h.fail('entries', 'submit', { id }, UNIT), 'BAD_INPUT', 'B3', '至少 2 张');
    await save({ sections: { overview: zi(900), case1: zi(400), case2: zi(350) } });
    expectFailure(await h.fail('entries', 'submit', { id }, UNIT), 'BAD_INPUT', 'B3', '特色案例二照片');
    await save({ stampedScan: null });
    expectFailure(await h.fail('entries', 'submit', { id }, UNIT), 'BAD_INPUT', 'B3', '公章');
    await save({});
    expect(await h.ok('entries', 'submit', { id }, UNIT)).toMatchObject({ status: 'submitted' });
    // 同一单位只有一份总结：再点“开始”回到这一份
    expect(await h.ok('entries', 'create', { campaignId: 'c-b', trackKey: 'unitSummary', entrant: { level: 'unit', id: 'u-own' } }, UNIT)).toMatchObject({ _id: id });
    // 组织部查收（可要求补正）
    expect(await h.ok('entries', 'pass', { id }, DEPT)).toMatchObject({ status: 'screened' });
  });
});

describe('B4 B5 B8 B9 the unit’s work on projects', () => {
  it('B4: campaigns.coverage lists the staff and student branches without a submitted project (graduating and retired branches are not counted)', async () => {
    await start();
    await h.setBranch('b-own2', { kind: 'student' });
    await h.insertBranch({ _id: 'b-grad', unitId: 'u-own', name: '毕业班支部', kind: 'graduating' });
    await h.insertBranch({ _id: 'b-ret', unitId: 'u-own', name: '离退休支部', kind: 'retired' });
    await h.submitted('c-b', 'project', B_OWN, contentBProject(), EDITOR);
    const draft = await h.draft('c-b', 'project', branchRef('b-own2'), contentBProject({ title: '学生支部方案' }), UNIT);

    type Coverage = { units: { unitId: string; required: number; covered: number; missing: { branchId: string; kind: string }[] }[] };
    const own = await h.ok<Coverage>('campaigns', 'coverage', { campaignId: 'c-b', trackKey: 'project', unitId: 'u-own' }, UNIT);
    expect(own.units).toEqual([expect.objectContaining({ unitId: 'u-own', required: 2, covered: 1, missing: [expect.objectContaining({ branchId: 'b-own2', kind: 'student' })] })]);
    await h.ok('entries', 'submit', { id: draft }, UNIT);
    const after = await h.ok<Coverage>('campaigns', 'coverage', { campaignId: 'c-b', trackKey: 'project', unitId: 'u-own' }, UNIT);
    expect(after.units[0]).toMatchObject({ required: 2, covered: 2, missing: [] });

    const school = await h.ok<Coverage>('campaigns', 'coverage', { campaignId: 'c-b', trackKey: 'project' }, DEPT);
    expect(school.units.find((u) => u.unitId === 'u-far')).toMatchObject({ required: 2, covered: 0 });
    expect(school.units.find((u) => u.unitId === 'u-empty')).toMatchObject({ required: 0, missing: [] });
    expectFailure(await h.fail('campaigns', 'coverage', { campaignId: 'c-b', trackKey: 'project', unitId: 'u-far' }, UNIT), 'FORBIDDEN');
  });

  it('B5: with 4 projects in the unit, 最佳 is capped at round(30% × 4) = 1 — a second 最佳 is refused with QUOTA_EXCEEDED citing B5; 优秀 is unlimited', async () => {
    await start();
    await submittedProjects(['b-own', 'b-own2', 'b-own3', 'b-own4']);
    expect(await h.ok('entries', 'grade', { id: 'e-b-own', level: 'best' }, UNIT)).toMatchObject({ status: 'approved' });
    const refused = await h.fail('entries', 'grade', { id: 'e-b-own2', level: 'best' }, UNIT);
    expectFailure(refused, 'QUOTA_EXCEEDED', 'B5', '30%', '4 个项目最多 1 个', '《b-own 的方案》');
    for (const id of ['e-b-own2', 'e-b-own3', 'e-b-own4']) expect(await h.ok('entries', 'grade', { id, level: 'good' }, UNIT)).toMatchObject({ status: 'approved' });

    const { gradeCaps } = await h.ok<{ gradeCaps: { trackKey: string; levelKey: string; used: number; cap: number; base: number }[] }>('campaigns', 'quotaStatus', { campaignId: 'c-b', unitId: 'u-own' }, UNIT);
    expect(gradeCaps).toEqual([expect.objectContaining({ trackKey: 'project', levelKey: 'best', used: 1, cap: 1, base: 4 })]);

    // 改评：把第一项改为优秀，名额腾出
    await h.ok('entries', 'grade', { id: 'e-b-own', level: 'good' }, UNIT);
    expect(await h.ok('entries', 'grade', { id: 'e-b-own3', level: 'best' }, UNIT)).toMatchObject({ status: 'approved' });
  });

  it('B5: the cap is per unit — another unit’s 最佳 does not use this unit’s share', async () => {
    await start();
    await submittedProjects(['b-own', 'b-own2']);
    await h.insertEntry({ _id: 'e-far', campaignId: 'c-b', trackKey: 'project', kind: 'B', year: 2022, entrant: branchRef('b-far'), unitId: 'u-far', status: 'submitted', content: contentBProject() });
    await h.bind('o-far', { _id: 'a-far', name: '外单位管理员', unitId: 'u-far', roles: [{ role: 'unitAdmin', unitId: 'u-far' }] });
    await h.ok('entries', 'grade', { id: 'e-far', level: 'best' }, 'o-far');
    expect(await h.ok('entries', 'grade', { id: 'e-b-own', level: 'best' }, UNIT)).toMatchObject({ status: 'approved' });
  });

  it('B8: during execution the unit records inspections (and the branch its progress); the department cannot record a unit inspection', async () => {
    await start();
    const id = await h.submitted('c-b', 'project', B_OWN, contentBProject(), EDITOR);
    await h.ok('entries', 'grade', { id, level: 'nurture' }, UNIT);
    expectFailure(await h.fail('entries', 'inspect', { id, key: 'unitCheck', verdict: 'fair', note: '尚未开始实施' }, UNIT), 'CONFLICT', '实施中');
    h.at('2022-06-15 10:00:00');
    await h.ok('entries', 'begin', { id }, UNIT);
    await h.ok('entries', 'addProgress', { id, text: '6 月组织了第一次主题学习' }, EDITOR);
    await h.ok('entries', 'inspect', { id, key: 'unitCheck', verdict: 'weak', note: '进度滞后，已帮助分析原因、督促改进' }, UNIT);
    const e = await h.entry(id);
    expect(e.inspections).toEqual([expect.objectContaining({ key: 'unitCheck', by: 'unit', verdict: 'weak', note: expect.stringContaining('督促改进'), byName: '管理员丙' })]);
    expect(e.progress).toHaveLength(1);
    expect(e.history.at(-1)).toMatchObject({ action: 'inspect', note: expect.stringContaining('B8') });
    expectFailure(await h.fail('entries', 'inspect', { id, key: 'unitCheck', verdict: 'good', note: '组织部检查' }, DEPT), 'FORBIDDEN');
    expectFailure(await h.fail('entries', 'inspect', { id, key: 'september', verdict: 'good', note: '没有这一项' }, UNIT), 'BAD_INPUT');
    h.at('2023-01-02 10:00:00');
    expectFailure(await h.fail('entries', 'inspect', { id, key: 'unitCheck', verdict: 'good', note: '实施期已过' }, UNIT), 'DEADLINE_PASSED', '2022-12-31');
  });

  it('B9: grading a branch on a 样板党支部 list below 最佳 during its cycle returns a warning citing B9 (not for 最佳, not for other branches, not outside the cycle)', async () => {
    await start();
    await submittedProjects(['b-own', 'b-own2', 'b-own3']);
    await h.setBranch('b-own', { model: { level: 'school', batch: null, cycleStart: '2021-09', cycleEnd: '2023-08' } });
    await h.setBranch('b-own3', { model: { level: 'provincial', batch: null, cycleStart: '2019-09', cycleEnd: '2021-08' } });

    const low = await h.ok<{ status: string; warnings: { rule: string; severity: string; message: string }[] }>('entries', 'grade', { id: 'e-b-own', level: 'good' }, UNIT);
    expect(low.status).toBe('approved'); // 只提醒，不阻止
    expect(low.warnings).toEqual([expect.objectContaining({ rule: 'B9', severity: 'warn', message: expect.stringContaining('最佳') })]);
    expect((await h.ok<{ warnings: unknown[] }>('entries', 'grade', { id: 'e-b-own', level: 'best' }, UNIT)).warnings).toEqual([]);
    expect((await h.ok<{ warnings: unknown[] }>('entries', 'grade', { id: 'e-b-own2', level: 'nurture' }, UNIT)).warnings).toEqual([]);
    expect((await h.ok<{ warnings: unknown[] }>('entries', 'grade', { id: 'e-b-own3', level: 'good' }, UNIT)).warnings).toEqual([]);
  });
});
