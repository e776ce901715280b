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
    // 新生成的是草稿：组织部发布后才进储备库（A7）
    expect((await db.collection('cases').doc('case-e-own-award-decided').get()).data).toMatchObject({ status: 'draft', version: 0 });
    expect((await db.collection('cases').where({ _id: 'case-e-far-award-decided' }).count()).total).toBe(0);
    expect(await cloud.call('cases', { action: 'publish', id: 'case-e-own-award-decided', expectedVersion: 0 }, 'o-dept-admin')).toMatchObject({ ok: true });
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

describe('cases: the department edits a draft before it enters the gallery (A7, A5)', () => {
  const DEPT = 'o-dept-admin';
  const ID = 'case-e-own-award-decided';
  const data = <T>(r: unknown) => {
    expect(r).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  };
  const publishDraft = async () => {
    cloud = await engineFixture();
    expect(await cloud.call('entries', { action: 'publishResults', campaignId: 'c-test', trackKey: 'award' }, DEPT)).toMatchObject({ ok: true });
  };
  const edit = (patch: object = {}) => ({ title: '党建引领 服务先行', summary: '以服务站为平台，党员认领岗位，群众满意度明显提升。', sections: [{ title: '主要做法', text: '党员认领岗位，每周值守。' }], photos: [], ...patch });

  it('A7: after publishing results the draft is not in the gallery for a member, but is in the department\'s draft list', async () => {
    await publishDraft();
    const list = data<{ items: CaseSummary[] }>(await cloud.call('cases', { action: 'list' }, 'o-member'));
    expect(list.items.map((i) => i._id)).not.toContain(ID);
    expect(await cloud.call('cases', { action: 'get', id: ID }, 'o-member')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await cloud.call('cases', { action: 'drafts' }, 'o-member')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const drafts = data<{ items: { _id: string; status: string }[] }>(await cloud.call('cases', { action: 'drafts' }, DEPT));
    expect(drafts.items.map((i) => [i._id, i.status]).sort()).toEqual([['case-e-far-award-decided', 'draft'], [ID, 'draft']]);
  });

  it('A5/A7: the department edits (stale version → CONFLICT, caption over 20 字 refused, audited), publishes, and the gallery shows the edited text; hide removes it', async () => {
    await publishDraft();
    const { fileID } = await cloud.files.upload('cases/p2.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const entries = cloud.database.db.collection('entries');
    const { _id: _e, ...entry } = (await entries.doc('e-own-award-decided').get()).data as { _id: string; content: Record<string, unknown> };
    await entries.doc('e-own-award-decided').set({ data: { ...entry, content: { ...entry.content, photos: { main: [{ fileID, caption: '原说明' }] } } } });
    const forEdit = data<{ version: number; availablePhotos: { fileID: string; url: string }[] }>(await cloud.call('cases', { action: 'getForEdit', id: ID }, DEPT));
    expect(forEdit.availablePhotos).toEqual([expect.objectContaining({ fileID, url: expect.stringContaining('/files/') })]);

    // A5：照片说明不超过 20 字
    const longCaption = await cloud.call('cases', { action: 'saveEdit', id: ID, expectedVersion: 0, edit: edit({ photos: [{ fileID, caption: '一二三四五六七八九十一二三四五六七八九十一' }] }) }, DEPT);
    expect(longCaption).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // 只能选原材料里的照片
    const stranger = await cloud.call('cases', { action: 'saveEdit', id: ID, expectedVersion: 0, edit: edit({ photos: [{ fileID: `${cloud.files.prefix}x/y.jpg`, caption: '别处' }] }) }, DEPT);
    expect(stranger).toMatchObject({ ok: false, code: 'BAD_INPUT' });

    const saved = data<{ version: number }>(await cloud.call('cases', { action: 'saveEdit', id: ID, expectedVersion: 0, edit: edit({ photos: [{ fileID, caption: '党员值守服务站' }] }) }, DEPT));
    expect(saved.version).toBe(1);
    // 另一位管理员拿着旧版本保存：CONFLICT，不覆盖
    const stale = await cloud.call('cases', { action: 'saveEdit', id: ID, expectedVersion: 0, edit: edit({ title: '旧页面上的题目' }) }, DEPT);
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
    const audit = await cloud.database.db.collection('audit').where({ targetId: ID }).limit(100).get();
    expect(audit.data.map((a) => a.action)).toEqual(['cases.saveEdit']);
    expect(audit.data[0]).toMatchObject({ targetCollection: 'cases', before: expect.objectContaining({ title: '本单位第一支部awarddecided', version: 0 }), after: expect.objectContaining({ title: '党建引领 服务先行', version: 1 }) });

    // 发布；重试（同一版本）原样返回
    const pub = data<{ version: number; repeated: boolean; publishedAt: string }>(await cloud.call('cases', { action: 'publish', id: ID, expectedVersion: 1 }, DEPT));
    expect(pub).toMatchObject({ version: 2, repeated: false });
    expect(data<{ repeated: boolean }>(await cloud.call('cases', { action: 'publish', id: ID, expectedVersion: 1 }, DEPT))).toMatchObject({ version: 2, repeated: true });
    const got = data<Case>(await cloud.call('cases', { action: 'get', id: ID }, 'o-member'));
    expect(got).toMatchObject({ title: '党建引领 服务先行', summary: '以服务站为平台，党员认领岗位，群众满意度明显提升。', status: 'published', publishedAt: pub.publishedAt });
    expect(got.sections).toEqual([{ title: '主要做法', text: '党员认领岗位，每周值守。' }]);
    expect(got.photos).toEqual([expect.objectContaining({ fileID, caption: '党员值守服务站' })]);
    const list = data<{ items: CaseSummary[] }>(await cloud.call('cases', { action: 'list' }, 'o-member'));
    expect(list.items.find((i) => i._id === ID)).toMatchObject({ title: '党建引领 服务先行', photoCount: 1 });

    // 撤下：储备库不再显示，回到组织部的列表；恢复后又可见
    expect(await cloud.call('cases', { action: 'hide', id: ID }, DEPT)).toMatchObject({ ok: true, data: { repeated: false } });
    expect(await cloud.call('cases', { action: 'get', id: ID }, 'o-member')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(data<{ items: CaseSummary[] }>(await cloud.call('cases', { action: 'list' }, 'o-member')).items.map((i) => i._id)).not.toContain(ID);
    expect(data<{ items: { _id: string }[] }>(await cloud.call('cases', { action: 'drafts', status: 'hidden' }, DEPT)).items.map((i) => i._id)).toEqual([ID]);
    expect(await cloud.call('cases', { action: 'unhide', id: ID }, DEPT)).toMatchObject({ ok: true });
    expect(await cloud.call('cases', { action: 'get', id: ID }, 'o-member')).toMatchObject({ ok: true });
    const actions = (await cloud.database.db.collection('audit').where({ targetId: ID }).limit(100).get()).data.map((a) => a.action);
    expect(actions.sort()).toEqual(['cases.hide', 'cases.publish', 'cases.saveEdit', 'cases.unhide']);
  });

  it('text goes through content security like entries do (CONTENT_RISKY, nothing saved)', async () => {
    await publishDraft();
    const before = await cloud.database.digest();
    const risky = await cloud.call('cases', { action: 'saveEdit', id: ID, expectedVersion: 0, edit: edit({ summary: '本支部组织网络赌博活动' }) }, DEPT);
    expect(risky).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect(await cloud.database.digest()).toBe(before);
  });
});
