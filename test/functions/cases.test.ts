import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import type { Case, CaseSummary } from '../../types';
import { engineFixture } from '../support/engine-fixture';

/** 成果储备库（A7）：公布结果时获奖材料生成案例，人人可看，按年份、单位、等级筛选 */
let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});

describe('cases: the gallery of published winning cases (A7)', () => {
  it('publishing results turns each winning entry into a case; a non-winning level does not (A7, E4)', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    await db.collection('entries').doc('e-far-award-decided').update({ data: { level: 'none' } });
    const reply = await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, 'o-dept-admin');
    expect(reply).toMatchObject({ ok: true, data: { published: 2 } });
    const list = await cloud.call('cases', { action: 'list' }, 'o-unbound');
    const items = (list as { data: { items: CaseSummary[] } }).data.items;
    expect(items.map((i) => i._id).sort()).toEqual(['case-e-far-award-published', 'case-e-own-award-decided', 'case-e-own-award-published']);
    expect(items[0]).toMatchObject({ levelLabel: '入选', campaignTitle: '2026 年度测试评选' });
  });

  it('reads a case with its sections and temporary links to its photos', async () => {
    cloud = await engineFixture();
    const prefix = cloud.files.prefix;
    const { fileID } = await cloud.files.upload('cases/p1.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    expect(fileID.startsWith(prefix)).toBe(true);
    await cloud.database.db.collection('cases').doc('case-e-own-award-published').update({ data: { photos: [{ fileID, caption: '主题党日', url: '' }] } });
    const reply = await cloud.call('cases', { action: 'get', id: 'case-e-own-award-published' }, 'o-member');
    const c = (reply as { data: Case }).data;
    expect(c.sections).toEqual([{ title: '正文', text: '党建引领，成效明显。' }]);
    expect(c.photos[0]).toMatchObject({ caption: '主题党日', url: expect.stringContaining('/files/') });
    const list = await cloud.call('cases', { action: 'list', unitId: 'u-own' }, 'o-member');
    expect((list as { data: { items: CaseSummary[] } }).data.items[0]).toMatchObject({ coverUrl: expect.stringContaining('/files/'), photoCount: 1 });
  });

  it('filters by year and level and hides withdrawn cases', async () => {
    cloud = await engineFixture();
    await cloud.database.db.collection('cases').doc('case-e-far-award-published').update({ data: { status: 'hidden' } });
    const y = await cloud.call('cases', { action: 'list', year: 2026, levelKey: 'win' }, 'o-member');
    expect((y as { data: { items: CaseSummary[] } }).data.items.map((i) => i._id)).toEqual(['case-e-own-award-published']);
    expect(await cloud.call('cases', { action: 'list', year: 2025 }, 'o-member')).toMatchObject({ ok: true, data: { items: [] } });
    expect(await cloud.call('cases', { action: 'get', id: 'case-e-far-award-published' }, 'o-member')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('cases: filter by one campaign, and links that outlive an open page', () => {
  /** 另一届评选的一个案例（2021 年），与 c-test 的并存 */
  async function addOlderCampaignCase() {
    const db = cloud.database.db;
    const base = (await db.collection('cases').doc('case-e-own-award-published').get()).data as Record<string, unknown>;
    const { _id: _omit, ...rest } = base;
    await db.collection('cases').doc('case-2021').set({
      data: { ...rest, entryId: 'e-2021', campaignId: 'c-2021', campaignTitle: '2021 年度基层党建工作创新奖', year: 2021, publishedAtMs: Date.parse('2021-07-01T10:00:00+08:00'), publishedAt: '2021-07-01T10:00:00+08:00' },
    });
  }

  it('lists only the cases of the chosen campaign (issue 5 案例: filter by campaign)', async () => {
    cloud = await engineFixture();
    await addOlderCampaignCase();
    const all = await cloud.call('cases', { action: 'list' }, 'o-member');
    expect((all as { data: { items: CaseSummary[] } }).data.items.map((i) => i._id)).toContain('case-2021');
    const one = await cloud.call('cases', { action: 'list', campaignId: 'c-2021' }, 'o-member');
    expect((one as { data: { items: CaseSummary[] } }).data.items.map((i) => i._id)).toEqual(['case-2021']);
    const other = await cloud.call('cases', { action: 'list', campaignId: 'c-test', year: 2021 }, 'o-member');
    expect(other).toMatchObject({ ok: true, data: { items: [] } });
  });

  it('offers exactly the campaigns that have published cases, newest year first; hidden cases do not count', async () => {
    cloud = await engineFixture();
    await addOlderCampaignCase();
    // c-draft 有一条撤下的案例：不列
    const { _id: _omit, ...older } = (await cloud.database.db.collection('cases').doc('case-2021').get()).data as Record<string, unknown>;
    await cloud.database.db.collection('cases').doc('case-hidden').set({ data: { ...older, campaignId: 'c-draft', status: 'hidden' } });
    const reply = await cloud.call('cases', { action: 'campaigns' }, 'o-unbound');
    expect(reply).toMatchObject({ ok: true });
    expect((reply as { data: { campaigns: unknown[] } }).data.campaigns).toEqual([
      { _id: 'c-test', title: '2026 年度测试评选', year: 2026, kind: 'A' },
      { _id: 'c-2021', title: '2021 年度基层党建工作创新奖', year: 2021, kind: 'A' },
    ]);
  });

  it('tells when its temporary links expire and hands out fresh cover links on request', async () => {
    cloud = await engineFixture();
    const { fileID } = await cloud.files.upload('cases/cover.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    await cloud.database.db.collection('cases').doc('case-e-own-award-published').update({ data: { photos: [{ fileID, caption: '封面', url: '' }] } });
    const list = (await cloud.call('cases', { action: 'list' }, 'o-member')) as { data: { linksExpireAt: string } };
    // engineFixture 的时钟停在 T0：链接 1 小时后到期
    expect(Date.parse(list.data.linksExpireAt)).toBe(Date.parse('2026-11-21T02:00:00Z'));
    const got = (await cloud.call('cases', { action: 'get', id: 'case-e-own-award-published' }, 'o-member')) as { data: { linksExpireAt: string } };
    expect(Date.parse(got.data.linksExpireAt)).toBe(Date.parse('2026-11-21T02:00:00Z'));
    await cloud.database.db.collection('cases').doc('case-e-far-award-published').update({ data: { status: 'hidden' } });
    const covers = await cloud.call('cases', { action: 'covers', ids: ['case-e-own-award-published', 'case-e-far-award-published', 'case-nope'] }, 'o-member');
    expect(covers).toMatchObject({
      ok: true,
      data: { covers: { 'case-e-own-award-published': expect.stringContaining('/files/'), 'case-e-far-award-published': null, 'case-nope': null } },
    });
  });
});
