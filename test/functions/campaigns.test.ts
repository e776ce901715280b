import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { findStage, type Campaign, type CampaignSummary, type Eligibility } from '../../types';
import { engineFixture } from '../support/engine-fixture';

/** 评选定义：从内置模板复制到新一年、修改、发布；资格与名额在开始申报前可读 */
const DEPT = 'o-dept-admin';
let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});
const call = (action: string, input: object, openid: string) => cloud.call('campaigns', { action, ...input }, openid);
const data = <T>(reply: unknown): T => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
};

describe('campaigns: copy a built-in template to a new year', () => {
  it('creates “2027 年度基层党建工作创新奖评选” from the 2021 template with every stage moved to 2027 in CST wall-clock time (A4)', async () => {
    cloud = await engineFixture();
    const { _id } = data<{ _id: string }>(await call('copy', { from: { template: 'A' }, year: 2027 }, DEPT));
    expect(_id).toBe('c-2027-a');
    const c = data<Campaign>(await call('get', { id: _id }, DEPT));
    expect(c).toMatchObject({ title: '2027 年度基层党建工作创新奖评选', year: 2027, status: 'draft', kind: 'A', noticeId: null, copiedFrom: 'template:A' });
    expect(findStage(c, 'submission')!.endsAt).toBe('2027-11-30T23:59:59+08:00');
    expect(c.tracks[0].quota.maxPerUnit).toBe(1);
    expect(c.tracks[0].form.sections.map((s) => s.maxChars)).toEqual([300, 2000]);
  });

  it('edits the dates and limits with optimistic versions, refuses an inconsistent definition, then publishes', async () => {
    cloud = await engineFixture();
    const { _id } = data<{ _id: string }>(await call('copy', { from: { template: 'A' }, year: 2027 }, DEPT));
    const c = data<Campaign>(await call('get', { id: _id }, DEPT));
    const { _id: _i, status: _s, version, ...body } = c;
    body.stages = body.stages.map((s) => (s.key === 'submission' ? { ...s, endsAt: '2027-12-05T17:00:00+08:00' } : s));
    body.tracks[0].form.sections[0].maxChars = 350;
    const saved = data<{ version: number }>(await call('save', { _id, expectedVersion: version, body }, DEPT));
    expect(saved.version).toBe(version + 1);
    // 用旧版本再存：另一位管理员的修改不被覆盖
    expect(await call('save', { _id, expectedVersion: version, body }, DEPT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    // 去掉初审阶段而流程仍有初审：拒绝并说明
    const broken = { ...body, stages: body.stages.filter((s) => s.key !== 'screening') };
    const refused = await call('save', { _id, expectedVersion: saved.version, body: broken }, DEPT);
    expect(refused).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((refused as { message: string }).message).toContain('组织部初审');
    data(await call('publish', { id: _id, expectedVersion: saved.version }, DEPT));
    const after = data<Campaign>(await call('get', { id: _id }, 'o-member'));
    expect(after.status).toBe('open');
    expect(findStage(after, 'submission')!.endsAt).toBe('2027-12-05T17:00:00+08:00');
    expect(after.tracks[0].form.sections[0].maxChars).toBe(350);
  });

  it('copies an existing campaign, names the copy after a free id, and keeps drafts out of members’ lists', async () => {
    cloud = await engineFixture();
    data(await call('copy', { from: { template: 'A' }, year: 2027 }, DEPT));
    const second = data<{ _id: string }>(await call('copy', { from: { campaignId: 'c-test' }, year: 2027 }, DEPT));
    expect(second._id).toBe('c-2027-a-2');
    const asMember = data<{ items: CampaignSummary[] }>(await call('list', { status: 'all' }, 'o-member'));
    expect(asMember.items.every((i) => i.status !== 'draft')).toBe(true);
    const asDept = data<{ items: CampaignSummary[] }>(await call('list', { status: 'all' }, DEPT));
    expect(asDept.items.map((i) => i._id)).toEqual(expect.arrayContaining(['c-2027-a', 'c-2027-a-2', 'c-draft', 'c-test']));
    expect(await call('get', { id: 'c-draft' }, 'o-member')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('lists every built-in template: the five notices', async () => {
    cloud = await engineFixture();
    const { items } = data<{ items: { kind: string; docNumber: string }[] }>(await call('templates', {}, DEPT));
    expect(items.map((t) => t.kind)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(items[0].docNumber).toBe('东大组字〔2021〕53号');
  });
});

describe('campaigns: eligibility and quota before starting (A3)', () => {
  it('tells a branch editor which entrants they can start for, with rule results and the unit’s quota', async () => {
    cloud = await engineFixture();
    await cloud.call('entries', { action: 'recommend', id: 'e-own-award-submitted' }, 'o-unit-admin');
    const { options } = data<{ options: Eligibility[] }>(await call('startOptions', { campaignId: 'c-test' }, 'o-editor'));
    const award = options.find((o) => o.trackKey === 'award')!;
    expect(award.entrant).toMatchObject({ level: 'branch', id: 'b-own', name: '本单位第一支部' });
    expect(award.eligible).toBe(true);
    expect(award.quota).toMatchObject({ max: 1, used: 1 });
    expect(award.quota!.message).toContain('每个分党委（直属党总支）限报 1 项（A3）');
    expect(award.results.some((r) => r.severity === 'warn' && r.message.includes('名额已满'))).toBe(true);
  });

  it('shows a unit admin the unit-level option and the quota status of each track', async () => {
    cloud = await engineFixture();
    const { options } = data<{ options: Eligibility[] }>(await call('startOptions', { campaignId: 'c-test' }, 'o-unit-admin'));
    expect(options.map((o) => `${o.trackKey}:${o.entrant.level}`)).toEqual(['award:unit']);
    const status = data<{ quotas: { trackKey: string; max: number | null }[]; gradeCaps: { levelKey: string; cap: number | null; base: number }[] }>(
      await call('quotaStatus', { campaignId: 'c-test', unitId: 'u-own' }, 'o-unit-admin'),
    );
    expect(status.quotas).toEqual([expect.objectContaining({ trackKey: 'award', max: 1 })]);
    expect(status.gradeCaps).toEqual([expect.objectContaining({ levelKey: 'best', base: 3, cap: 1 })]);
  });

  it('refuses to start an entry in a draft campaign', async () => {
    cloud = await engineFixture();
    expect(await call('startOptions', { campaignId: 'c-draft' }, 'o-editor')).toMatchObject({ ok: false, code: 'NOT_OPEN' });
  });
});
