import type { Campaign, CampaignSummary } from '../../types';

/** 列表与材料页用的评选摘要：不带表单与流程细节 */
export function summarizeCampaign(c: Campaign): CampaignSummary {
  return {
    _id: c._id,
    kind: c.kind,
    title: c.title,
    year: c.year,
    status: c.status,
    docNumber: c.docNumber,
    noticeId: c.noticeId,
    version: c.version,
    stages: c.stages,
    tracks: c.tracks.map((t) => ({ key: t.key, label: t.label })),
  };
}
