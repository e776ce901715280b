import type { Campaign, Eligibility, EntryContent } from '../../types';
import { contentC, DEPT, EDITOR, expectFailure, harness, UNIT, zi, type Harness } from './harness';

/**
 * C. 特色支部创建成果验收（东大组字〔2021〕8号）：内置模板原样发布（2021 年的日期），
 * 组织部在定义里填上参与创建的支部名单（b-own、b-far），其余照模板。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const B_OWN = { level: 'branch' as const, id: 'b-own' };
const CHECKLIST = ['已核实验收材料的真实性和准确性', '已组织现场分享交流并填写《特色支部创建工作评价表》'];

async function start(wall = '2021-04-01 10:00:00') {
  h = await harness(wall);
  await h.install('C', { id: 'c-c', patch: (b) => void (b.tracks[0].entrant.invitedBranchIds = ['b-own', 'b-far']) });
  return h;
}

async function resave(id: string, content: EntryContent) {
  const e = await h.entry(id);
  await h.ok('entries', 'save', { id, expectedVersion: e.version, content }, EDITOR);
}

describe('C1 the six deliverables', () => {
  it('C1: only branches on the list of creating branches may enter', async () => {
    await start();
    const el = await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-c', trackKey: 'acceptance', entrant: { level: 'branch', id: 'b-own2' } }, UNIT);
    expect(el.eligible).toBe(false);
    expect(el.results.find((r) => r.rule === 'C1' && !r.ok)).toMatchObject({ severity: 'block', message: expect.stringContaining('名单') });
    expectFailure(await h.fail('entries', 'create', { campaignId: 'c-c', trackKey: 'acceptance', entrant: { level: 'branch', id: 'b-own2' } }, UNIT), 'FORBIDDEN', 'C1');
    expect((await h.ok<Eligibility>('campaigns', 'eligibility', { campaignId: 'c-c', trackKey: 'acceptance', entrant: B_OWN }, EDITOR)).eligible).toBe(true);
  });

  it('C1: a video longer than 480 s, below 1024×768, not MP4 or missing is refused on submit; 480 s at 1024×768 MP4 is accepted', async () => {
    await start();
    const base = contentC(h.cloud);
    const withVideo = (v: Partial<NonNullable<EntryContent['video']>> | null): EntryContent => ({ ...base, video: v === null ? null : { ...base.video!, ...v } });
    const id = await h.draft('c-c', 'acceptance', B_OWN, withVideo({ seconds: 481 }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '8 分钟');
    await resave(id, withVideo({ seconds: 480, width: 1024, height: 767 }));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '1024×768');
    await resave(id, withVideo({ seconds: 300, width: 1000, height: 800 }));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '1024×768');
    await resave(id, withVideo({ format: 'mov' }));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', 'MP4');
    await resave(id, withVideo(null));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '成果展示视频');
    await resave(id, withVideo({ seconds: 480, width: 1024, height: 768, format: 'MP4' }));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('C1: the 创建工作方案 over 1500 字 or without one of its four parts is refused', async () => {
    await start();
    const id = await h.draft('c-c', 'acceptance', B_OWN, contentC(h.cloud, { sections: { plan: zi(1501, ['工作内容', '建设成果', '特色做法', '宣传推广']) } }), EDITOR);
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '1500');
    await resave(id, contentC(h.cloud, { sections: { plan: zi(1500, ['工作内容', '建设成果', '特色做法']) } }));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C1', '宣传推广');
    await resave(id, contentC(h.cloud, { sections: { plan: zi(1500, ['工作内容', '建设成果', '特色做法', '宣传推广']) } }));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });
});

describe('C3 summarised at a meeting, checked by the unit', () => {
  it('C3: submitting without the two declarations or without the 支部大会/支委会 date is refused', async () => {
    await start();
    const id = await h.draft('c-c', 'acceptance', B_OWN, contentC(h.cloud, { declarations: {} }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'C3', '支部大会或支委会');
    expect(refused.issues!.map((i) => i.path).sort()).toEqual(['declarations.meeting', 'declarations.noRoutine']);
    await resave(id, contentC(h.cloud, { declarations: { meeting: true, noRoutine: true }, dates: {} }));
    expectFailure(await h.fail('entries', 'submit', { id }, EDITOR), 'BAD_INPUT', 'C3', '总结日期');
    await resave(id, contentC(h.cloud));
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('C3: the unit cannot recommend without confirming both checklist items (truth and accuracy; the 评价表)', async () => {
    await start();
    const id = await h.submitted('c-c', 'acceptance', B_OWN, contentC(h.cloud), EDITOR);
    expectFailure(await h.fail('entries', 'recommend', { id }, UNIT), 'BAD_INPUT', '（C3）', '真实性和准确性');
    expectFailure(await h.fail('entries', 'recommend', { id, checklist: CHECKLIST.slice(0, 1) }, UNIT), 'BAD_INPUT', '（C3）', '评价表');
    expect(await h.ok('entries', 'recommend', { id, checklist: CHECKLIST }, UNIT)).toMatchObject({ status: 'recommended' });
    expect((await h.entry(id)).history.at(-1)).toMatchObject({ action: 'recommend', to: 'recommended' });
  });
});

describe('C2 C4 review and deadline', () => {
  it('C4: the unit recommends until 2021-04-14 17:00:00 CST; at 17:00:01 the recommendation is refused with DEADLINE_PASSED', async () => {
    await start();
    const a = await h.submitted('c-c', 'acceptance', B_OWN, contentC(h.cloud), EDITOR);
    h.at('2021-04-14 17:00:01');
    expectFailure(await h.fail('entries', 'recommend', { id: a, checklist: CHECKLIST }, UNIT), 'DEADLINE_PASSED', '2021-04-14 17:00:00（北京时间）');
    h.at('2021-04-14 17:00:00');
    expect(await h.ok('entries', 'recommend', { id: a, checklist: CHECKLIST }, UNIT)).toMatchObject({ status: 'recommended' });
  });

  it('C2: review by correspondence from 04-15 against the four criteria, then the result (excellent cases go into the collection)', async () => {
    await start();
    const id = await h.submitted('c-c', 'acceptance', B_OWN, contentC(h.cloud), EDITOR);
    await h.ok('entries', 'recommend', { id, checklist: CHECKLIST }, UNIT);
    const c = await h.ok<Campaign>('campaigns', 'get', { id: 'c-c' }, EDITOR);
    expect(c.tracks[0].pipeline.review!.rubric.map((r) => r.label)).toEqual(['工作内容', '建设成果', '特色做法', '宣传推广']);

    expectFailure(await h.fail('entries', 'startReview', { id }, DEPT), 'NOT_OPEN', '2021-04-15');
    h.at('2021-04-20 09:00:00');
    await h.ok('entries', 'startReview', { id }, DEPT);
    await h.ok('entries', 'finishReview', { id }, DEPT);
    h.at('2021-05-20 09:00:00');
    await h.ok('entries', 'decide', { id, level: 'excellent' }, DEPT);
    h.at('2021-06-01 09:00:00');
    expect(await h.ok('entries', 'publishResults', { campaignId: 'c-c', trackKey: 'acceptance' }, DEPT)).toMatchObject({ published: 1 });
    expect(await h.entry(id)).toMatchObject({ status: 'published', level: 'excellent' });
  });
});
