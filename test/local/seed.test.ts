import { startLocalCloud } from '../../cloudfunctions/_local/runtime';
import { seedDemoDataOnce } from '../../cloudfunctions/_local/seed';
import { buildDemoData } from '../../cloudfunctions/_local/demo';

describe('demo data seeding', () => {
  it('writes the demo university once and binds every demo person locally', async () => {
    const cloud = await startLocalCloud();
    const demo = buildDemoData();
    const now = new Date('2026-11-21T00:00:00Z');
    expect(await seedDemoDataOnce(cloud.database.db, now, demo)).toBe(true);
    const digest = await cloud.database.digest();
    expect(await seedDemoDataOnce(cloud.database.db, now, demo)).toBe(false);
    expect(await cloud.database.digest()).toBe(digest);
    expect(await cloud.database.dump('branches')).toHaveLength(demo.branches.length);
    expect(await cloud.database.dump('notices')).toHaveLength(5);
    const bindings = await cloud.database.dump('bindings');
    expect(bindings).toHaveLength(demo.people.length);
    expect(bindings.every((b) => b._id === `local-${b.personId}`)).toBe(true);
    await cloud.close();
  });
});
