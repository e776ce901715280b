import { campaignsContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { boundOnly, entrantScope, roles, type ScopeRef } from '../_lib/guard';
import { closeCampaign, copyCampaign, coverage, getCampaign, listCampaigns, listTemplates, publishCampaign, saveCampaign } from './campaigns.handler';
import { eligibility, quotaStatus, startOptions } from './eligibility.handler';

const DEPT = ['deptAdmin'] as const;
const school = (): ScopeRef[] => [{ school: true }];

/**
 * 评选：已发布的人人（已绑定者）可看；定义的增改、发布、结束只归组织部；
 * 资格与名额按申报主体、单位核对范围。
 */
export const campaignsFunction = defineFunction(campaignsContract, {
  list: { guard: boundOnly, handler: listCampaigns },
  get: { guard: boundOnly, handler: getCampaign },
  templates: { guard: roles(DEPT, school), handler: listTemplates },
  copy: { guard: roles(DEPT, school), handler: copyCampaign },
  save: { guard: roles(DEPT, school), handler: saveCampaign },
  publish: { guard: roles(DEPT, school), handler: publishCampaign },
  close: { guard: roles(DEPT, school), handler: closeCampaign },
  eligibility: { guard: roles(['branchEditor', 'unitAdmin', 'deptAdmin'], (i) => entrantScope(i.entrant)), handler: eligibility },
  startOptions: { guard: roles(['branchEditor', 'unitAdmin']), handler: startOptions },
  quotaStatus: { guard: roles(['unitAdmin', 'deptAdmin'], (i) => [{ unitId: i.unitId }]), handler: quotaStatus },
  coverage: { guard: roles(['unitAdmin', 'deptAdmin'], (i) => [i.unitId ? { unitId: i.unitId } : { school: true }]), handler: coverage },
});
