import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { consumeGrant } from '../../cloudfunctions/_lib/subscription-grants';
import type { GrantStatus, Task } from '../../types';
import { engineFixture } from '../support/engine-fixture';

let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});
const items = (reply: unknown) => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: { items: GrantStatus[] } }).data.items;
};

describe('subscriptions: one grant per “允许”, per person and template', () => {
  it('counts each accept as one message, records declines, and shows the template ids to request', async () => {
    cloud = await engineFixture();
    const start = items(await cloud.call('subscriptions', { action: 'mine' }, 'o-editor'));
    expect(start.map((g) => [g.key, g.templateId, g.unused])).toEqual([
      ['result', 'local-result', 0],
      ['correction', 'local-correction', 0],
      ['deadline', 'local-deadline', 0],
    ]);
    items(await cloud.call('subscriptions', { action: 'record', answers: { result: 'accept', correction: 'reject' } }, 'o-editor'));
    const after = items(await cloud.call('subscriptions', { action: 'record', answers: { result: 'accept' } }, 'o-editor'));
    expect(after.find((g) => g.key === 'result')).toMatchObject({ unused: 2, lastAnswer: 'accept' });
    expect(after.find((g) => g.key === 'correction')).toMatchObject({ unused: 0, lastAnswer: 'reject' });
    // 别人的台账不受影响
    expect(items(await cloud.call('subscriptions', { action: 'mine' }, 'o-unit-admin')).every((g) => g.unused === 0)).toBe(true);
    const audit = await cloud.database.db.collection('audit').where({ action: 'subscriptions.record' }).count();
    expect(audit.total).toBe(2);
  });

  it('spends a grant once even when two messages race for it', async () => {
    cloud = await engineFixture();
    items(await cloud.call('subscriptions', { action: 'record', answers: { result: 'accept' } }, 'o-editor'));
    const ctx = { db: cloud.database.db } as Parameters<typeof consumeGrant>[0];
    const spent = await Promise.all([consumeGrant(ctx, 'a-editor', 'result'), consumeGrant(ctx, 'a-editor', 'result')]);
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect(items(await cloud.call('subscriptions', { action: 'mine' }, 'o-editor')).find((g) => g.key === 'result')!.unused).toBe(0);
  });

  it('refuses an unknown template key', async () => {
    cloud = await engineFixture();
    expect(await cloud.call('subscriptions', { action: 'record', answers: { promo: 'accept' } }, 'o-editor')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('entries.tasks: what needs me now', () => {
  it('gives an editor their branch’s correction (with its deadline first), returned and draft entries', async () => {
    cloud = await engineFixture();
    const reply = await cloud.call('entries', { action: 'tasks' }, 'o-editor');
    const tasks = (reply as { data: { items: Task[] } }).data.items;
    expect(tasks[0]).toMatchObject({ kind: 'correction', entryId: 'e-own-award-correctionRequested', deadline: '2026-11-25T23:59:59+08:00' });
    expect(tasks.map((t) => t.kind)).toEqual(expect.arrayContaining(['correction', 'draft']));
  });

  it('gives a unit admin counts per campaign of entries waiting for the unit, and the department those waiting for screening', async () => {
    cloud = await engineFixture();
    const unit = ((await cloud.call('entries', { action: 'tasks' }, 'o-unit-admin')) as { data: { items: Task[] } }).data.items;
    expect(unit).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'unitReview', campaignId: 'c-test', count: 2, label: '2 份材料待审核推荐' }),
      expect.objectContaining({ kind: 'closingReview', count: 1 }),
    ]));
    const dept = ((await cloud.call('entries', { action: 'tasks' }, 'o-dept-admin')) as { data: { items: Task[] } }).data.items;
    expect(dept).toEqual([expect.objectContaining({ kind: 'screening', count: 4 })]);
  });
});
