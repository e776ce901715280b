import type { Campaign, CampaignBody } from '../../../types';
import { builtInTemplate } from '../../campaigns/templates';
import { shiftBody } from '../../campaigns/campaigns.handler';

/** C 类（2020 年度特色支部成果验收）参与创建的支部名单：演示用 */
export const DEMO_FEATURED_BRANCH_IDS = ['b-cs-staff1', 'b-me-pg1', 'b-info-stu1', 'b-admin-acad', 'b-mat-staff1', 'b-ret-1'];

const asCampaign = (_id: string, body: CampaignBody, status: Campaign['status']): Campaign => ({ ...body, _id, status, version: 1 });

/**
 * 演示评选：五份原始通知各成一次历史评选（已结束），再按内置模板复制出 2026 年度的两次：
 * 创新奖（10 月 26 日至 11 月 30 日申报，演示时正在申报）与支部立项（实施阶段）。
 */
export function buildDemoCampaigns(): Campaign[] {
  const c = builtInTemplate('C');
  c.tracks[0].entrant.invitedBranchIds = DEMO_FEATURED_BRANCH_IDS;
  const a2026 = { ...shiftBody(builtInTemplate('A'), 2026), copiedFrom: 'c-2021-a' };
  const b2026 = { ...shiftBody(builtInTemplate('B'), 2026), copiedFrom: 'c-2022-b' };
  return [
    asCampaign('c-2021-a', builtInTemplate('A'), 'closed'),
    asCampaign('c-2022-b', builtInTemplate('B'), 'closed'),
    asCampaign('c-2021-c', c, 'closed'),
    asCampaign('c-2024-d', builtInTemplate('D'), 'closed'),
    asCampaign('c-2014-e', builtInTemplate('E'), 'closed'),
    asCampaign('c-2026-a', a2026, 'open'),
    asCampaign('c-2026-b', b2026, 'open'),
  ];
}
