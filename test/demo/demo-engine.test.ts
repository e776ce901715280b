import { buildDemoData } from '../../cloudfunctions/_local/demo';
import { checkTrackContent, blockingIssues, campaignDefinitionIssues, campaignBodySchema, entrySchema } from '../../types';
import { seededCloud } from '../support/local-cloud';

/** 演示评选与材料：定义一致、材料合乎表单、台账与材料一致，经云函数可读 */
describe('demo campaigns and entries', () => {
  const data = buildDemoData();

  it('has the five notices as closed campaigns and two open 2026 campaigns copied from them', () => {
    expect(data.campaigns.map((c) => `${c._id}:${c.status}`)).toEqual([
      'c-2021-a:closed', 'c-2022-b:closed', 'c-2021-c:closed', 'c-2024-d:closed', 'c-2014-e:closed', 'c-2026-a:open', 'c-2026-b:open',
    ]);
    for (const c of data.campaigns) {
      const { _id, status: _s, version: _v, ...body } = c;
      expect([_id, campaignDefinitionIssues(campaignBodySchema.parse(body))]).toEqual([_id, []]);
    }
  });

  it('has entries that match the contract, and submitted ones that pass their form (A5)', () => {
    for (const e of data.entries) {
      entrySchema.parse(e);
      if (e.status === 'draft') continue;
      const track = data.campaigns.find((c) => c._id === e.campaignId)!.tracks.find((t) => t.key === e.trackKey)!;
      const blocking = blockingIssues(checkTrackContent(track, e.content)).filter((r) => !r.path.startsWith('stampedScan'));
      expect([e._id, blocking.map((r) => r.message)]).toEqual([e._id, []]);
    }
  });

  it('keeps the 最佳 cap in the demo unit (B5) and leaves a coverage gap to show (B4)', async () => {
    const { cloud } = await seededCloud({ clock: { now: () => new Date('2026-11-22T02:00:00Z') } });
    try {
      const status = await cloud.call('campaigns', { action: 'quotaStatus', campaignId: 'c-2026-b', unitId: 'u-cs' }, 'local-p-ua-cs');
      expect(status).toMatchObject({ ok: true, data: { gradeCaps: [{ levelKey: 'best', used: 2, cap: 2, base: 7 }] } });
      const cov = await cloud.call('campaigns', { action: 'coverage', campaignId: 'c-2026-b', trackKey: 'project', unitId: 'u-cs' }, 'local-p-ua-cs');
      expect(cov).toMatchObject({ ok: true, data: { units: [{ required: 8, covered: 7, missing: [{ branchId: 'b-cs-pg2' }] }] } });
    } finally {
      await cloud.close();
    }
  });
});
