import { casesContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { anyone, roles, type ScopeRef } from '../_lib/guard';
import { caseCovers, getCase, listCaseCampaigns, listCases } from './cases.handler';
import { getCaseForEdit, hideCase, listDrafts, publishCase, saveCaseEdit, unhideCase } from './curation.handler';

/** 编辑与发布案例是组织部的事（A7 成果储备库），全校范围 */
const dept = roles(['deptAdmin'], (): ScopeRef[] => [{ school: true }]);

/** 成果储备库（A7）：已发布的获奖案例，和通知一样人人可看；草稿与撤下的只有组织部能看、能改 */
export const casesFunction = defineFunction(casesContract, {
  list: { guard: anyone, handler: listCases },
  get: { guard: anyone, handler: getCase },
  campaigns: { guard: anyone, handler: listCaseCampaigns },
  covers: { guard: anyone, handler: caseCovers },
  drafts: { guard: dept, handler: listDrafts },
  getForEdit: { guard: dept, handler: getCaseForEdit },
  saveEdit: { guard: dept, handler: saveCaseEdit },
  publish: { guard: dept, handler: publishCase },
  hide: { guard: dept, handler: hideCase },
  unhide: { guard: dept, handler: unhideCase },
});
