import type { Eligibility, QuotaStatus } from '../../types';
import { A_BODY_PARTS, A_SUMMARY_PARTS, contentA, DEPT, doc, EDITOR, expectFailure, FAR_UNIT, FAR_UNIT_PERSON, harness, photos, UNIT, zi, type Harness } from './harness';

/**
 * A. 基层党建工作创新奖（东大组字〔2021〕53号）：内置模板原样发布（2021 年的日期），
 * 经 campaigns / entries 云函数在本地运行时上执行 A1、A3–A8。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const CHECK = ['已审查材料的真实性、准确性、完整性']; // 模板里分党委推荐前须确认的一项
const B_OWN = { level: 'branch' as const, id: 'b-own' };

async function start(wall = '2021-11-10 10:00:00') {
  h = await harness(wall);
  await h.install('A', { id: 'c-a' });
  return h;
}

describe('A1 who may enter and what', () => {
  it('A1: refuses to submit work that will not have run 12 months by the 2021-11-30 deadline, accepts work started on 2020-11-30', async () => {
    await start();
    const id = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud, { dates: { startedOn: '2020-12-01' } }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'A1', '2021-11-30');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'dates.startedOn' })]);
    const e = await h.entry(id);
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud, { dates: { startedOn: '2020-11-30' } }) }, EDITOR);
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('A1: an earlier published winner warns at eligibility and the same project (normalized title) is refused on submit; a new project is accepted', async () => {
    await start();
    // 往届评选（由模板复制到 2020 年）与 b-own 在其中获奖并已公布的项目
    await h.ok('campaigns', 'copy', { from: { template: 'A' }, year: 2020, _id: 'c-2020-a' }, DEPT);
    await h.insertEntry({ _id: 'e-2020-win', campaignId: 'c-2020-a', trackKey: 'case', kind: 'A', year: 2020, entrant: B_OWN, unitId: 'u-own', status: 'published', level: 'award', title: '红色引擎·党员先锋工程' });
    // b-own2 往届参评未获奖：不提醒
    await h.insertEntry({ _id: 'e-2020-none', campaignId: 'c-2020-a', trackKey: 'case', kind: 'A', year: 2020, entrant: { level: 'branch', id: 'b-own2' }, unitId: 'u-own', status: 'published', level: 'none', title: '绿色家园' });

    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-a', trackKey: 'case', entrant: B_OWN }, EDITOR);
    expect(el.eligible).toBe(true); // 原则上不再申报：提醒，不阻止开始填写
    expect(el.results.filter((r) => r.rule === 'A1' && !r.ok)).toEqual([expect.objectContaining({ severity: 'warn', message: expect.stringContaining('2020 年《红色引擎·党员先锋工程》') })]);
    const other = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-a', trackKey: 'case', entrant: { level: 'branch', id: 'b-own2' } }, UNIT);
    expect(other.results.filter((r) => r.rule === 'A1' && !r.ok)).toEqual([]);

    const id = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud, { title: '红色引擎 党员先锋工程' }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'A1', '《红色引擎·党员先锋工程》', '2020');
    const e = await h.entry(id);
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud, { title: '红色引擎党员先锋工程二期' }) }, EDITOR);
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('A1: a 党总支 and the 分党委 itself are accepted as entrants (any 基层党组织), entered by the unit admin', async () => {
    await start();
    const g = await h.submitted('c-a', 'case', { level: 'generalBranch', id: 'g-own' }, contentA(h.cloud, { title: '党总支项目' }), UNIT);
    const u = await h.submitted('c-a', 'case', { level: 'unit', id: 'u-own' }, contentA(h.cloud, { title: '分党委项目' }), UNIT);
    expect(await h.entry(g)).toMatchObject({ status: 'submitted', entrantLevel: 'generalBranch', entrantKey: 'generalBranch:g-own', unitId: 'u-own', branchId: null });
    expect(await h.entry(u)).toMatchObject({ status: 'submitted', entrantLevel: 'unit', entrantKey: 'unit:u-own', unitId: 'u-own' });
    // 支部书记不能代党总支申报
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-a', trackKey: 'case', entrant: { level: 'generalBranch', id: 'g-own' } }, EDITOR), 'FORBIDDEN');
  });
});

describe('A3 one project per 分党委', () => {
  it('A3: a second recommendation in one unit is refused with QUOTA_EXCEEDED, citing （A3） and the first entry’s title; other units are not affected', async () => {
    await start();
    await h.bind(FAR_UNIT, FAR_UNIT_PERSON);
    const first = await h.submitted('c-a', 'case', B_OWN, contentA(h.cloud, { title: '红色引擎' }), EDITOR);
    const second = await h.submitted('c-a', 'case', { level: 'generalBranch', id: 'g-own' }, contentA(h.cloud, { title: '党总支项目' }), UNIT);
    const far = await h.submitted('c-a', 'case', { level: 'branch', id: 'b-far' }, contentA(h.cloud, { title: '外单位项目' }), FAR_UNIT);

    expect(await h.ok('entries', 'recommend', { id: first, checklist: CHECK }, UNIT)).toMatchObject({ status: 'recommended' });
    const refused = await h.fail('entries', 'recommend', { id: second, checklist: CHECK }, UNIT);
    expectFailure(refused, 'QUOTA_EXCEEDED', '（A3）', '《红色引擎》', '限报 1 项');
    expect((await h.entry(second)).status).toBe('submitted');
    expect(await h.ok('entries', 'recommend', { id: far, checklist: CHECK }, FAR_UNIT)).toMatchObject({ status: 'recommended' });

    const { quotas } = await h.ok<{ quotas: QuotaStatus[] }>('campaigns', 'quotaStatus', { campaignId: 'c-a', unitId: 'u-own' }, UNIT);
    expect(quotas).toEqual([expect.objectContaining({ trackKey: 'case', max: 1, used: 1, usedBy: [expect.objectContaining({ entryId: first, title: '红色引擎' })], rule: expect.stringContaining('A3') })]);
    // 名额已满时开始申报的提醒
    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-a', trackKey: 'case', entrant: { level: 'branch', id: 'b-own2' } }, UNIT);
    expect(el.results.find((r) => r.rule === 'A3' && !r.ok)).toMatchObject({ severity: 'warn', message: expect.stringContaining('名额已满') });

    // 撤回推荐释放名额，另一项即可推荐
    await h.ok('entries', 'unrecommend', { id: first }, UNIT);
    expect(await h.ok('entries', 'recommend', { id: second, checklist: CHECK }, UNIT)).toMatchObject({ status: 'recommended' });
  });

  it('A3: the unit must confirm its review of the material before recommending', async () => {
    await start();
    const id = await h.submitted('c-a', 'case', B_OWN, contentA(h.cloud), EDITOR);
    expectFailure(await h.fail('entries', 'recommend', { id }, UNIT), 'BAD_INPUT', '真实性');
    expect(await h.ok('entries', 'recommend', { id, checklist: CHECK }, UNIT)).toMatchObject({ status: 'recommended' });
  });
});

describe('A4 A5 A6 the material', () => {
  it('A4: the scan of the sealed paper copy is required on submit', async () => {
    await start();
    const id = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud, { stampedScan: null }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'A4');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'stampedScan' })]);
  });

  it('A5: 301-字 简介, a missing required part, a 21-字 caption or a 2001-字 正文 are refused on submit; exactly 300 / 2000 字 and 20-字 captions are accepted', async () => {
    await start();
    const id = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud), EDITOR);
    const tryContent = async (over: Parameters<typeof contentA>[1]) => {
      const e = await h.entry(id);
      const saved = await h.ok<{ results: { rule: string; ok: boolean; path: string }[] }>('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud, over) }, EDITOR);
      return { saved, reply: await h.call('entries', 'submit', { id }, EDITOR) };
    };
    const body2000 = zi(2000, A_BODY_PARTS);

    let r = await tryContent({ sections: { summary: zi(301, A_SUMMARY_PARTS), body: body2000 } });
    expect(r.saved.results.find((x) => x.path === 'sections.summary' && !x.ok)).toMatchObject({ rule: 'A5' }); // 存草稿即给出清单
    expect(r.reply).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('A5') });
    expect((r.reply as { message: string }).message).toContain('301');

    r = await tryContent({ sections: { summary: zi(300, ['工作内容', '突出成效']), body: body2000 } });
    expect(r.reply).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('创新要点') });

    r = await tryContent({ sections: { summary: zi(300, A_SUMMARY_PARTS), body: zi(2001, A_BODY_PARTS) } });
    expect(r.reply).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('2000') });

    r = await tryContent({ sections: { summary: zi(300, A_SUMMARY_PARTS), body: body2000 }, photos: { main: [...photos(h.cloud, 4), ...photos(h.cloud, 1, zi(21), 'long')] } });
    expect(r.reply).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('20 字') });

    r = await tryContent({ sections: { summary: zi(300, A_SUMMARY_PARTS), body: body2000 }, photos: { main: photos(h.cloud, 5, zi(20)) } });
    expect(r.reply).toMatchObject({ ok: true, data: { status: 'submitted' } });
  });

  it('A6: several supporting documents are announced as one PDF with a table of contents; more than 20 are refused', async () => {
    await start();
    const docs = (n: number) => Array.from({ length: n }, (_, i) => doc(h.cloud, `support-${i + 1}.pdf`));
    const id = await h.draft('c-a', 'case', B_OWN, contentA(h.cloud, { documents: docs(3) }), EDITOR);
    const got = await h.ok<{ results: { rule: string; path: string; ok: boolean; message: string }[] }>('entries', 'get', { id }, EDITOR);
    expect(got.results.find((r) => r.path === 'documents')).toMatchObject({ ok: true, rule: 'A6', message: expect.stringContaining('带目录的 PDF') });
    const e = await h.entry(id);
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud, { documents: docs(21) }) }, EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'A6');
  });
});

describe('A7 A8 screening, correction, award and publication', () => {
  async function recommendOwn(title = '红色引擎') {
    const id = await h.submitted('c-a', 'case', B_OWN, contentA(h.cloud, { title }), EDITOR);
    await h.ok('entries', 'recommend', { id, checklist: CHECK }, UNIT);
    return id;
  }

  it('A8: a correction requested on 12-02 runs 7 days to 2021-12-09 23:59:59 CST; disqualifying before then is refused; a correction at the last second is accepted', async () => {
    await start();
    const id = await recommendOwn();
    h.at('2021-12-02 10:00:00'); // 组织部审核阶段 12-01 起
    await h.ok('entries', 'requestCorrection', { id, reason: '纸质材料未加盖公章', items: ['加盖公章'] }, DEPT);
    const e = await h.entry(id);
    expect(e.status).toBe('correctionRequested');
    expect(e.correction).toMatchObject({ deadline: '2021-12-09T23:59:59+08:00', reason: '纸质材料未加盖公章', items: ['加盖公章'] });

    h.at('2021-12-05 09:00:00');
    expectFailure(await h.fail('entries', 'disqualify', { id, note: '逾期未补正' }, DEPT), 'CONFLICT', 'A8');

    h.at('2021-12-09 23:59:59');
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud, { title: '红色引擎', documents: [doc(h.cloud, 'extra.pdf')] }) }, EDITOR);
    expect(await h.ok('entries', 'resubmit', { id, note: '已补盖公章' }, EDITOR)).toMatchObject({ status: 'resubmitted' });
    // 补正时刻过后，组织部仍可复核通过
    h.at('2021-12-10 09:00:00');
    expect(await h.ok('entries', 'pass', { id }, DEPT)).toMatchObject({ status: 'screened' });
  });

  it('A8: after the correction deadline (to the second) resubmitting and editing are refused with DEADLINE_PASSED, and entries.disqualifyOverdue disqualifies the entry', async () => {
    await start();
    const id = await recommendOwn();
    h.at('2021-12-02 10:00:00');
    await h.ok('entries', 'requestCorrection', { id, reason: '正文超过 2000 字', deadline: '2021-12-06T17:00:00+08:00' }, DEPT);

    h.at('2021-12-06 17:00:00', 999); // 期限这一秒之内：不算逾期
    expect(await h.ok('entries', 'disqualifyOverdue', {}, DEPT)).toEqual({ disqualified: [] });

    h.at('2021-12-06 17:00:01');
    expectFailure(await h.fail('entries', 'resubmit', { id }, EDITOR), 'DEADLINE_PASSED', '2021-12-06 17:00:00', 'A8');
    const e = await h.entry(id);
    expectFailure(await h.fail('entries', 'save', { id, expectedVersion: e.version, content: contentA(h.cloud) }, EDITOR), 'DEADLINE_PASSED', 'A8');

    expect(await h.ok('entries', 'disqualifyOverdue', {}, DEPT)).toEqual({ disqualified: [id] });
    const after = await h.entry(id);
    expect(after.status).toBe('disqualified');
    expect(after.history.at(-1)).toMatchObject({ action: 'disqualify', from: 'correctionRequested', note: expect.stringContaining('A8') });
    expect(await h.ok('entries', 'disqualifyOverdue', {}, DEPT)).toEqual({ disqualified: [] }); // 再次执行不重复
  });

  it('A8: a corrected entry that is still non-compliant may be disqualified at once (or sent back again)', async () => {
    await start();
    const a = await recommendOwn('甲项目');
    await h.bind(FAR_UNIT, FAR_UNIT_PERSON);
    const b = await h.submitted('c-a', 'case', { level: 'branch', id: 'b-far' }, contentA(h.cloud, { title: '乙项目' }), FAR_UNIT);
    await h.ok('entries', 'recommend', { id: b, checklist: CHECK }, FAR_UNIT);
    h.at('2021-12-02 10:00:00');
    for (const [id, actor] of [[a, EDITOR], [b, FAR_UNIT]] as const) {
      await h.ok('entries', 'requestCorrection', { id, reason: '照片说明超过 20 字' }, DEPT);
      await h.ok('entries', 'resubmit', { id }, actor);
    }
    expect(await h.ok('entries', 'disqualify', { id: a, note: '补正后仍不符合要求' }, DEPT)).toMatchObject({ status: 'disqualified' });
    expect(await h.ok('entries', 'requestCorrection', { id: b, reason: '仍缺少经验启示部分' }, DEPT)).toMatchObject({ status: 'correctionRequested' });
  });

  // BUG：补正期限（默认 7 天，或组织部自填）可以越过初审阶段的结束时间（12-20）；按期补正的材料回到“已补正”，
  // 而“初审通过”只能在初审阶段内操作，之后又只有“初审通过”的材料能进入评审——按期补正的材料再也不能获奖。
  it('A8: an entry corrected within its deadline can still pass screening, even when the correction was requested near the end of the screening stage', async () => {
    await start();
    const id = await recommendOwn();
    h.at('2021-12-18 10:00:00');
    await h.ok('entries', 'requestCorrection', { id, reason: '缺少经验启示部分' }, DEPT);
    const deadline = (await h.entry(id)).correction!.deadline; // 现为 2021-12-25T23:59:59+08:00，已在初审阶段之外
    h.at(deadline.slice(0, 19).replace('T', ' '));
    expect(await h.ok('entries', 'resubmit', { id }, EDITOR)).toMatchObject({ status: 'resubmitted' });
    expect(await h.call('entries', 'pass', { id }, DEPT)).toMatchObject({ ok: true, data: { status: 'screened' } });
  });

  it('A8: corrections are requested only during the department’s screening stage (12-01..12-20)', async () => {
    await start();
    const id = await recommendOwn();
    expectFailure(await h.fail('entries', 'requestCorrection', { id, reason: '缺少公章' }, DEPT), 'NOT_OPEN');
    h.at('2021-12-21 00:00:00');
    expectFailure(await h.fail('entries', 'requestCorrection', { id, reason: '缺少公章' }, DEPT), 'DEADLINE_PASSED', '2021-12-20 23:59:59');
  });

  it('A7: screened → reviewed → awarded (decision from 2022-01-01) → published; next year the winner is warned and refused for the same project (A1)', async () => {
    await start();
    const id = await recommendOwn('红色引擎');
    h.at('2021-12-03 10:00:00');
    await h.ok('entries', 'pass', { id }, DEPT);
    await h.ok('entries', 'startReview', { id }, DEPT);
    await h.ok('entries', 'finishReview', { id }, DEPT);
    expectFailure(await h.fail('entries', 'decide', { id, level: 'award' }, DEPT), 'NOT_OPEN', '2022-01-01');
    h.at('2022-01-05 10:00:00');
    await h.ok('entries', 'decide', { id, level: 'award' }, DEPT);
    expect(await h.ok('entries', 'publishResults', { campaignId: 'c-a', trackKey: 'case' }, DEPT)).toEqual({ published: 1, already: 0, remaining: 0 });
    expect(await h.entry(id)).toMatchObject({ status: 'published', level: 'award' });
    expect(await h.ok('entries', 'publishResults', { campaignId: 'c-a', trackKey: 'case' }, DEPT)).toEqual({ published: 0, already: 1, remaining: 0 });

    // 2022 年：由模板复制、发布，同一支部再报同一项目
    const { _id, version } = await h.ok<{ _id: string; version: number }>('campaigns', 'copy', { from: { template: 'A' }, year: 2022 }, DEPT);
    await h.ok('campaigns', 'publish', { id: _id, expectedVersion: version }, DEPT);
    h.at('2022-11-01 10:00:00');
    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: _id, trackKey: 'case', entrant: B_OWN }, EDITOR);
    expect(el.results.find((r) => r.rule === 'A1' && !r.ok)).toMatchObject({ severity: 'warn', message: expect.stringContaining('2021 年《红色引擎》') });
    const again = await h.draft(_id, 'case', B_OWN, contentA(h.cloud, { title: '红色引擎', dates: { startedOn: '2020-01-01' } }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id: again }, EDITOR), 'BAD_INPUT', 'A1', '基层党建工作创新奖');
  });
});
