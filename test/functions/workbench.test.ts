import { unitAdminIdOf } from '../../cloudfunctions/_local/demo';
import { DEPT_ADMIN_IDS } from '../../cloudfunctions/_local/demo/org';
import type { EntrySummary } from '../../types';
import { fixedClock, seededCloud, type SeededCloud } from '../support/local-cloud';

/**
 * 工作台读取（issue 6）：组织部按评选、类别、单位、状态筛选材料；分党委只看本单位。
 * 演示数据：2026 支部立项（c-2026-b）有计算机学院 7 个支部项目（类别 project）。
 */
describe('workbench reads through entries.list', () => {
  let s: SeededCloud;
  beforeEach(async () => {
    s = await seededCloud({ clock: fixedClock('2026-11-20T10:00:00+08:00') });
  });
  afterEach(() => s.cloud.close());
  const dept = () => s.openidOf(DEPT_ADMIN_IDS[0]);

  it('filters by track: only the branch projects of 2026 立项, never the unit summaries (B3 track)', async () => {
    const all = await s.ok<{ items: EntrySummary[] }>('entries', { action: 'list', campaignId: 'c-2026-b', pageSize: 50 }, dept());
    const projects = await s.ok<{ items: EntrySummary[] }>('entries', { action: 'list', campaignId: 'c-2026-b', trackKey: 'project', pageSize: 50 }, dept());
    expect(projects.items.length).toBe(7);
    expect(projects.items.every((e) => e.trackKey === 'project')).toBe(true);
    const summaries = await s.ok<{ items: EntrySummary[] }>('entries', { action: 'list', campaignId: 'c-2026-b', trackKey: 'unitSummary', pageSize: 50 }, dept());
    expect(summaries.items.every((e) => e.trackKey === 'unitSummary')).toBe(true);
    expect(projects.items.length + summaries.items.length).toBe(all.items.length);
  });

  it('pages a filtered list by cursor without repeating or losing an entry', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page: { items: EntrySummary[]; nextCursor: string | null } = await s.ok('entries', { action: 'list', campaignId: 'c-2026-b', trackKey: 'project', pageSize: 3, ...(cursor ? { cursor } : {}) }, dept());
      seen.push(...page.items.map((e) => e._id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.length).toBe(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('refuses a unit admin asking for another unit with a track filter (guard unchanged)', async () => {
    const reply = await s.fail('entries', { action: 'list', campaignId: 'c-2026-b', trackKey: 'project', unitId: 'u-cs' }, s.openidOf(unitAdminIdOf('u-me')));
    expect(reply.code).toBe('FORBIDDEN');
    const own = await s.ok<{ items: EntrySummary[] }>('entries', { action: 'list', campaignId: 'c-2026-b', trackKey: 'project', unitId: 'u-cs' }, s.openidOf(unitAdminIdOf('u-cs')));
    expect(own.items.length).toBe(7);
  });

  it("refuses an over-long track key (BAD_INPUT)", async () => {
    expect((await s.fail('entries', { action: 'list', trackKey: 'x'.repeat(40) }, dept())).code).toBe('BAD_INPUT');
  });
});
