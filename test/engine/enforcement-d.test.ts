import type { Eligibility, EntryContent, QuotaStatus } from '../../types';
import { contentD, D_PLAN_PARTS, DEPT, EDITOR, expectFailure, harness, UNIT, zi, type Harness } from './harness';

/**
 * D. 特色支部创建申报（东大组字〔2024〕64号）：内置模板原样发布（2024 年的日期）。
 * u-own 是一个有 2 个支部（b-own、b-own2）的学院党委：按规模（D5）只能推荐 1 个。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const B_OWN = { level: 'branch' as const, id: 'b-own' };
const B_OWN2 = { level: 'branch' as const, id: 'b-own2' };
const CHECK = ['已对申报材料的真实性、准确性和可行性进行论证把关'];
const NATIONAL_4 = { level: 'national' as const, batch: 4, cycleStart: '2023-06', cycleEnd: '2025-06' };

async function start(wall = '2024-04-30 10:00:00') {
  h = await harness(wall);
  await h.install('D', { id: 'c-d' });
  return h;
}

async function resave(id: string, content: EntryContent, actor = EDITOR) {
  const e = await h.entry(id);
  await h.ok('entries', 'save', { id, expectedVersion: e.version, content }, actor);
}

/** 往年（2023）的特色支部创建评选与其中一份材料 */
async function lastYear(entrant: { level: 'branch'; id: string }, over: { status: 'inProgress' | 'published' | 'accepted'; level: 'admitted' | 'notAdmitted'; quotaExempt?: boolean; title?: string }) {
  const existing = await h.call('campaigns', 'get', { id: 'c-2023-d' }, DEPT);
  if (!existing.ok) await h.ok('campaigns', 'copy', { from: { template: 'D' }, year: 2023, _id: 'c-2023-d' }, DEPT);
  await h.insertEntry({ _id: `e-2023-${entrant.id}`, campaignId: 'c-2023-d', trackKey: 'application', kind: 'D', year: 2023, entrant, unitId: 'u-own', title: over.title ?? '2023 年创建项目', ...over });
}

describe('D1 eligibility', () => {
  it('D1: a branch admitted to last year’s creation is refused (eligibility blocks, entries.create refused); one not admitted last year may apply', async () => {
    await start();
    await lastYear(B_OWN, { status: 'inProgress', level: 'admitted', title: '书香支部' });
    await lastYear(B_OWN2, { status: 'published', level: 'notAdmitted' });
    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-d', trackKey: 'application', entrant: B_OWN }, EDITOR);
    expect(el.eligible).toBe(false);
    expect(el.results.find((r) => r.rule === 'D1' && !r.ok)).toMatchObject({ severity: 'block', message: expect.stringContaining('《书香支部》') });
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-d', trackKey: 'application', entrant: B_OWN }, EDITOR), 'FORBIDDEN', 'D1');
    expect((await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-d', trackKey: 'application', entrant: B_OWN2 }, UNIT)).eligible).toBe(true);
  });

  it('D1: a joint application (partnerBranchIds non-empty) is refused on submit citing D1', async () => {
    await start();
    const id = await h.draft('c-d', 'application', B_OWN, contentD(h.cloud, { partnerBranchIds: ['b-own2'] }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'D1', '联合申报');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'partnerBranchIds' })]);
    await resave(id, contentD(h.cloud));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('D1: a 4th-batch national 样板支部 recommended beyond the unit’s quota is accepted as quota-exempt', async () => {
    await start();
    await h.setBranch('b-own', { model: NATIONAL_4 });
    const other = await h.submitted('c-d', 'application', B_OWN2, contentD(h.cloud, { title: '第二支部申报' }), UNIT);
    const model = await h.submitted('c-d', 'application', B_OWN, contentD(h.cloud, { title: '样板支部申报' }), EDITOR);
    await h.ok('entries', 'recommend', { id: other, checklist: CHECK }, UNIT); // 用掉本单位唯一的名额
    const r = await h.ok<{ status: string; warnings: { rule: string; message: string }[] }>('entries', 'recommend', { id: model, checklist: CHECK }, UNIT);
    expect(r.status).toBe('recommended');
    expect(r.warnings).toEqual([expect.objectContaining({ rule: 'D1', message: expect.stringContaining('不占本单位推荐名额') })]);
    expect(await h.entry(model)).toMatchObject({ status: 'recommended', quotaExempt: true });
    const { quotas } = await h.ok<{ quotas: QuotaStatus[] }>('campaigns', 'quotaStatus', { campaignId: 'c-d', unitId: 'u-own' }, UNIT);
    expect(quotas[0]).toMatchObject({ max: 1, used: 1, usedBy: [expect.objectContaining({ entryId: other })], exemptUsed: [expect.objectContaining({ entryId: model, title: '样板支部申报' })] });
  });

  it('D1: the exemption is used once per cycle, and only by the 4th national batch — otherwise the quota applies (QUOTA_EXCEEDED, D5)', async () => {
    await start();
    // b-own：第四批全国样板支部，但 2023 年已用过一次不占名额（未入选）
    await h.setBranch('b-own', { model: NATIONAL_4 });
    await lastYear(B_OWN, { status: 'published', level: 'notAdmitted', quotaExempt: true });
    const other = await h.submitted('c-d', 'application', B_OWN2, contentD(h.cloud, { title: '第二支部申报' }), UNIT);
    const model = await h.submitted('c-d', 'application', B_OWN, contentD(h.cloud, { title: '样板支部申报' }), EDITOR);
    await h.ok('entries', 'recommend', { id: other, checklist: CHECK }, UNIT);
    expectFailure(await h.fail('entries', 'recommend', { id: model, checklist: CHECK }, UNIT), 'QUOTA_EXCEEDED', 'D5', '《第二支部申报》');
    // 第三批：不在豁免范围
    await h.setBranch('b-own', { model: { ...NATIONAL_4, batch: 3 } });
    await h.cloud.database.db.collection('entries').doc('e-2023-b-own').remove();
    expectFailure(await h.fail('entries', 'recommend', { id: model, checklist: CHECK }, UNIT), 'QUOTA_EXCEEDED', 'D5');
  });
});

describe('D3 D4 D6 D7 the application form', () => {
  it('D3: a direction is required; a direction of the branch’s own is accepted', async () => {
    await start();
    const id = await h.draft('c-d', 'application', B_OWN, contentD(h.cloud, { choices: {} }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'D3', '创建方向');
    await resave(id, contentD(h.cloud, { choices: { direction: '校园文化建设' } }));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('D4: an application without the 《条例》 study activity is refused', async () => {
    await start();
    const c = contentD(h.cloud);
    const id = await h.draft('c-d', 'application', B_OWN, { ...c, sections: { plan: c.sections.plan } }, EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'D4', '《条例》');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'sections.disciplineStudy' })]);
  });

  it('D6: an application without the stamped scan of the 申报表 is refused', async () => {
    await start();
    const id = await h.draft('c-d', 'application', B_OWN, contentD(h.cloud, { stampedScan: null }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'D6', '加盖公章');
  });

  it('D7: a plan missing 进度安排 or 推广方案 is refused; with all four parts it is accepted', async () => {
    await start();
    const id = await h.draft('c-d', 'application', B_OWN, contentD(h.cloud, { sections: { plan: zi(1000, ['预期成果', '特色与创新点']), disciplineStudy: zi(200) } }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'D7', '还有 2 项');
    expect(refused.issues!.map((i) => i.message).join()).toMatch(/进度安排.*推广方案/);
    await resave(id, contentD(h.cloud, { sections: { plan: zi(1000, D_PLAN_PARTS), disciplineStudy: zi(200) } }));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });
});

describe('D5 D6 quota by size, selection and the September check', () => {
  it('D5: a unit with ≥ 15 active branches may recommend 2 (a third is refused citing D5), a smaller one 1; inactive branches do not count', async () => {
    await start();
    for (let i = 3; i <= 15; i++) await h.insertBranch({ _id: `b-own${i}`, unitId: 'u-own', name: `第${i}支部`, active: i !== 15 });
    const quota = async () => (await h.ok<{ quotas: QuotaStatus[] }>('campaigns', 'quotaStatus', { campaignId: 'c-d', unitId: 'u-own' }, UNIT)).quotas[0];
    expect(await quota()).toMatchObject({ max: 1, rule: expect.stringContaining('本单位 14 个支部') }); // 14 个在用
    expect((await h.ok<{ quotas: QuotaStatus[] }>('campaigns', 'quotaStatus', { campaignId: 'c-d', unitId: 'u-far' }, DEPT)).quotas[0]).toMatchObject({ max: 1 });
    await h.setBranch('b-own15', { active: true });
    expect(await quota()).toMatchObject({ max: 2, used: 0, rule: expect.stringContaining('D5') });

    const ids: string[] = [];
    for (const b of ['b-own', 'b-own3', 'b-own4']) ids.push(await h.submitted('c-d', 'application', { level: 'branch', id: b }, contentD(h.cloud, { title: `${b} 申报` }), UNIT));
    await h.ok('entries', 'recommend', { id: ids[0], checklist: CHECK }, UNIT);
    await h.ok('entries', 'recommend', { id: ids[1], checklist: CHECK }, UNIT);
    expectFailure(await h.fail('entries', 'recommend', { id: ids[2], checklist: CHECK }, UNIT), 'QUOTA_EXCEEDED', 'D5', '可推荐 2 个', '《b-own 申报》', '《b-own3 申报》');
    expect(await quota()).toMatchObject({ max: 2, used: 2 });
  });

  it('D6: submissions close 2024-05-06; the department screens, reviews and admits; admitted branches carry out the creation 2024-05..2025-04 with a department check only inside the inspection stage in September', async () => {
    await start();
    const admitted = await h.submitted('c-d', 'application', B_OWN, contentD(h.cloud, { title: '入选的申报' }), EDITOR);
    await h.ok('entries', 'recommend', { id: admitted, checklist: CHECK }, UNIT);
    h.at('2024-05-08 09:00:00');
    await h.ok('entries', 'pass', { id: admitted }, DEPT);
    await h.ok('entries', 'startReview', { id: admitted }, DEPT);
    await h.ok('entries', 'finishReview', { id: admitted }, DEPT);
    h.at('2024-05-22 09:00:00');
    await h.ok('entries', 'decide', { id: admitted, level: 'admitted' }, DEPT);
    await h.ok('entries', 'publishResults', { campaignId: 'c-d', trackKey: 'application' }, DEPT);
    await h.ok('entries', 'begin', { id: admitted }, EDITOR);
    expect((await h.entry(admitted)).status).toBe('inProgress');

    const check = (note: string, actor = DEPT) => h.call('entries', 'midtermCheck', { id: admitted, key: 'september', verdict: 'good', note }, actor);
    h.at('2024-09-10 10:00:00');
    expect(await check('九月上旬')).toMatchObject({ ok: false, code: 'NOT_OPEN' });
    h.at('2024-09-25 10:00:00');
    expect(await check('九月下旬跟踪检查', UNIT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await check('九月下旬跟踪检查')).toMatchObject({ ok: true });
    expect((await h.entry(admitted)).inspections).toEqual([expect.objectContaining({ key: 'september', by: 'department', note: '九月下旬跟踪检查' })]);
    h.at('2024-10-01 00:00:00');
    const late = await check('十月');
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED', message: expect.stringContaining('2024-09-30 23:59:59') });
  });

  it('D6: an application that was not admitted does not enter the creation cycle', async () => {
    await start();
    const id = await h.submitted('c-d', 'application', B_OWN, contentD(h.cloud), EDITOR);
    await h.ok('entries', 'recommend', { id, checklist: CHECK }, UNIT);
    h.at('2024-05-22 09:00:00');
    expectFailure(await h.fail('entries', 'decide', { id, level: 'admitted' }, DEPT), 'CONFLICT', '评审');
    await h.ok('entries', 'decide', { id, level: 'notAdmitted' }, DEPT);
    await h.ok('entries', 'publishResults', { campaignId: 'c-d', trackKey: 'application' }, DEPT);
    expectFailure(await h.fail('entries', 'begin', { id }, EDITOR), 'CONFLICT', '未入选');
  });
});
