import type { Campaign, QuotaStatus } from '../../types';
import { contentE, DEPT, EDITOR, expectFailure, harness, UNIT, type Harness } from './harness';

/**
 * E. 基层党建工作创新活动（建党 93 周年，2014）：内置模板原样发布（2014 年的日期），
 * 4 月初至 6 月 2 日开展并推荐，初审，6 月 11–20 日终审答辩，6 月底评定表彰并宣传。
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function start(wall = '2014-05-01 10:00:00') {
  h = await harness(wall);
  await h.install('E', { id: 'c-e' });
  return h;
}

describe('E1 E2 who and what', () => {
  it('E1: a direction outside the five is refused on submit (no “other”); each of the five is accepted', async () => {
    await start();
    const id = await h.draft('c-e', 'activity', { level: 'branch', id: 'b-own' }, contentE({ choices: { direction: '校园文化建设' } }), EDITOR);
    const refused = await h.fail('entries', 'submit', { id }, EDITOR);
    expectFailure(refused, 'BAD_INPUT', 'E1');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'choices.direction' })]);
    const e = await h.entry(id);
    await h.ok('entries', 'save', { id, expectedVersion: e.version, content: contentE({ choices: { direction: '党内民主' } }) }, EDITOR);
    expect(await h.ok('entries', 'submit', { id }, EDITOR)).toMatchObject({ status: 'submitted' });
  });

  it('E2: the 二级党组织 itself, its 党总支 and its branches of any kind all take part', async () => {
    await start();
    await h.insertBranch({ _id: 'b-grad', unitId: 'u-own', name: '毕业班支部', kind: 'graduating' });
    const entrants = [
      [{ level: 'unit' as const, id: 'u-own' }, UNIT],
      [{ level: 'generalBranch' as const, id: 'g-own' }, UNIT],
      [{ level: 'branch' as const, id: 'b-own' }, EDITOR],
      [{ level: 'branch' as const, id: 'b-grad' }, UNIT],
    ] as const;
    for (const [entrant, actor] of entrants) {
      const id = await h.submitted('c-e', 'activity', entrant, contentE({ title: `${entrant.id} 的创新活动` }), actor);
      expect(await h.entry(id)).toMatchObject({ status: 'submitted', entrantLevel: entrant.level, unitId: 'u-own' });
    }
  });
});

describe('E3 recommendations, screening and the live defence', () => {
  it('E3: campaigns.quotaStatus shows a minimum of 2 for a 学院党委 and 1 for another 分党委, with no maximum', async () => {
    await start();
    const q = async (unitId: string) => (await h.ok<{ quotas: QuotaStatus[] }>('campaigns', 'quotaStatus', { campaignId: 'c-e', unitId }, DEPT)).quotas[0];
    expect(await q('u-own')).toMatchObject({ min: 2, max: null, used: 0, rule: expect.stringContaining('E3'), message: expect.stringContaining('还需至少 2 项') });
    expect(await q('u-empty')).toMatchObject({ min: 1, max: null, message: expect.stringContaining('还需至少 1 项') });

    const ids: string[] = [];
    for (const [entrant, actor] of [[{ level: 'branch' as const, id: 'b-own' }, EDITOR], [{ level: 'branch' as const, id: 'b-own2' }, UNIT], [{ level: 'unit' as const, id: 'u-own' }, UNIT]] as const) {
      ids.push(await h.submitted('c-e', 'activity', entrant, contentE({ title: `${entrant.id} 创新活动` }), actor));
    }
    await h.ok('entries', 'recommend', { id: ids[0] }, UNIT);
    expect(await q('u-own')).toMatchObject({ used: 1, message: expect.stringContaining('还需至少 1 项') });
    for (const id of ids.slice(1)) expect(await h.ok('entries', 'recommend', { id }, UNIT)).toMatchObject({ status: 'recommended' });
    expect(await q('u-own')).toMatchObject({ used: 3, min: 2, max: null });
  });

  it('E3: recommendations close on 06-02; finalists are defended live (06-11..06-20) and only a defended entry can win; the others are decided without an award', async () => {
    await start();
    const a = await h.submitted('c-e', 'activity', { level: 'branch', id: 'b-own' }, contentE({ title: '入围的活动' }), EDITOR);
    const b = await h.submitted('c-e', 'activity', { level: 'branch', id: 'b-own2' }, contentE({ title: '未入围的活动' }), UNIT);
    const late = await h.submitted('c-e', 'activity', { level: 'unit', id: 'u-own' }, contentE({ title: '晚了的推荐' }), UNIT);
    h.at('2014-06-02 23:59:59');
    await h.ok('entries', 'recommend', { id: a }, UNIT);
    await h.ok('entries', 'recommend', { id: b }, UNIT);
    h.at('2014-06-03 00:00:00');
    expectFailure(await h.fail('entries', 'recommend', { id: late }, UNIT), 'DEADLINE_PASSED', '2014-06-02 23:59:59', 'E3');

    h.at('2014-06-05 10:00:00'); // 初审
    await h.ok('entries', 'pass', { id: a }, DEPT);
    await h.ok('entries', 'pass', { id: b }, DEPT);
    expectFailure(await h.fail('entries', 'startReview', { id: a }, DEPT), 'NOT_OPEN', '终审答辩', '2014-06-11');
    h.at('2014-06-12 14:00:00'); // 终审答辩
    await h.ok('entries', 'startReview', { id: a }, DEPT);
    await h.ok('entries', 'finishReview', { id: a }, DEPT);
    const c = await h.ok<Campaign>('campaigns', 'get', { id: 'c-e' }, DEPT);
    expect(c.tracks[0].pipeline.review!.mode).toBe('defence');

    h.at('2014-06-22 10:00:00'); // 评定
    expectFailure(await h.fail('entries', 'decide', { id: b, level: 'award' }, DEPT), 'CONFLICT', '现场答辩');
    expect(await h.ok('entries', 'decide', { id: b, level: 'notFinalist' }, DEPT)).toMatchObject({ status: 'decided' });
    expect(await h.ok('entries', 'decide', { id: a, level: 'award' }, DEPT)).toMatchObject({ status: 'decided' });
  });
});

describe('E4 publicity', () => {
  it('E4: publishResults publishes every decided entry of the track (and is safe to repeat)', async () => {
    await start();
    const a = await h.submitted('c-e', 'activity', { level: 'branch', id: 'b-own' }, contentE({ title: '获奖活动' }), EDITOR);
    const b = await h.submitted('c-e', 'activity', { level: 'branch', id: 'b-own2' }, contentE({ title: '未获奖活动' }), UNIT);
    for (const id of [a, b]) await h.ok('entries', 'recommend', { id }, UNIT);
    h.at('2014-06-05 10:00:00');
    for (const id of [a, b]) await h.ok('entries', 'pass', { id }, DEPT);
    h.at('2014-06-15 10:00:00');
    for (const id of [a, b]) {
      await h.ok('entries', 'startReview', { id }, DEPT);
      await h.ok('entries', 'finishReview', { id }, DEPT);
    }
    h.at('2014-06-28 10:00:00');
    await h.ok('entries', 'decide', { id: a, level: 'award' }, DEPT);
    await h.ok('entries', 'decide', { id: b, level: 'none' }, DEPT);
    expect(await h.ok('entries', 'publishResults', { campaignId: 'c-e', trackKey: 'activity' }, DEPT)).toEqual({ published: 2, already: 0, remaining: 0 });
    expect(await h.entry(a)).toMatchObject({ status: 'published', level: 'award' });
    expect(await h.entry(b)).toMatchObject({ status: 'published', level: 'none' });
    expect(await h.ok('entries', 'publishResults', { campaignId: 'c-e', trackKey: 'activity' }, DEPT)).toEqual({ published: 0, already: 2, remaining: 0 });
    expectFailure(await h.fail('entries', 'publishResults', { campaignId: 'c-e', trackKey: 'activity' }, UNIT), 'FORBIDDEN');
  });
});
