import { reviewsContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { roles, type ScopeRef } from '../_lib/guard';
import { assign, autoAssign, declareConflict, listConflicts, listReviewers, unassign } from './assign.handler';
import { finish, progress, ranking, remind } from './progress.handler';
import { getAssigned, mine, reopenScore, saveScore, scoresFor, submitScore } from './score.handler';

const DEPT = ['deptAdmin'] as const;
const JUDGE = ['judge'] as const;
const school = (): ScopeRef[] => [{ school: true }];
/** 评委按指派行事：落点是指派本身，只有被指派的评委本人覆盖（授权限定评选时须是本评选） */
const ownAssignment = (i: { assignmentId: string }): ScopeRef[] => [{ reviewAssignment: i.assignmentId }];

/**
 * 函评（C1.5，评分细则 A2/C2）：组织部指派、回避、进度、催办、汇总、结束；评委看自己的指派并打分。
 * 评委的落点不是单位或支部，而是指派（reviewAssignment）与评审组（reviewerOfEntry），见 ../_lib/guard.ts。
 */
export const reviewsFunction = defineFunction(reviewsContract, {
  reviewers: { guard: roles(DEPT, school), handler: listReviewers },
  assign: { guard: roles(DEPT, school), handler: assign },
  unassign: { guard: roles(DEPT, school), handler: unassign },
  autoAssign: { guard: roles(DEPT, school), handler: autoAssign },
  // 评委为自己声明（reviewerId 省略或为本人）；对材料声明时须是指派给自己的材料；组织部可为任一评委声明
  declareConflict: {
    guard: roles(['judge', 'deptAdmin'], (i) => [{ reviewer: i.reviewerId ?? null, campaignId: i.campaignId }, ...(i.entryId ? [{ reviewerOfEntry: i.entryId }] : [])]),
    handler: declareConflict,
  },
  // 评委只看到自己的声明（处理函数按人筛选）
  listConflicts: { guard: roles(['judge', 'deptAdmin']), handler: listConflicts },
  progress: { guard: roles(DEPT, school), handler: progress },
  remind: { guard: roles(DEPT, school), handler: remind },
  reopenScore: { guard: roles(DEPT, school), handler: reopenScore },
  // 评委：只看指派给自己的（处理函数按人筛选，并按授权限定的评选筛选）
  mine: { guard: roles(JUDGE), handler: mine },
  getAssigned: { guard: roles(JUDGE, ownAssignment), handler: getAssigned },
  saveScore: { guard: roles(JUDGE, ownAssignment), handler: saveScore },
  submitScore: { guard: roles(JUDGE, ownAssignment), handler: submitScore },
  // 组织部随时；评委须被指派了这份材料（未提交自己的评分前只看到自己的一行）
  scoresFor: { guard: roles(['judge', 'deptAdmin'], (i) => [{ reviewerOfEntry: i.entryId }]), handler: scoresFor },
  ranking: { guard: roles(DEPT, school), handler: ranking },
  finish: { guard: roles(DEPT, school), handler: finish },
});
