import { casesContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { anyone } from '../_lib/guard';
import { caseCovers, getCase, listCaseCampaigns, listCases } from './cases.handler';

/** 成果储备库（A7）：已公布的获奖案例，和通知一样人人可看 */
export const casesFunction = defineFunction(casesContract, {
  list: { guard: anyone, handler: listCases },
  get: { guard: anyone, handler: getCase },
  campaigns: { guard: anyone, handler: listCaseCampaigns },
  covers: { guard: anyone, handler: caseCovers },
});
