import { entriesContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { boundOnly, entrantScope, roles, type ScopeRef } from '../_lib/guard';
import { createEntry, getEntry, listEntries, saveEntry } from './entries.handler';
import { registerUpload } from './entry-files';
import { tasks } from './tasks.handler';
import {
  acceptEntry, addProgress, beginEntry, decideEntry, disqualifyEntry, disqualifyOverdue, finishReview, gradeEntry, inspectEntry, midtermCheck, passEntry,
  publishResults, recommendEntry, reopenEntry, requestCorrection, resubmitEntry, returnClosing, returnEntry, startReview, submitClosing,
  submitEntry, unrecommendEntry, withdrawEntry,
} from './transitions.handler';

/** 申报方：支部书记/支委（本支部的材料），分党委管理员（本单位的材料，含单位自身的） */
const ENTRANT = ['branchEditor', 'unitAdmin'] as const;
const UNIT = ['unitAdmin'] as const;
const DEPT = ['deptAdmin'] as const;
const entry = (i: { id: string }): ScopeRef[] => [{ entryId: i.id }];
const school = (): ScopeRef[] => [{ school: true }];

/**
 * 申报材料：每个状态转换一个操作，守卫表写明谁能做（申报方/分党委/组织部）与落点；
 * 阶段、状态与规则在 ../_lib/engine/transition.ts 的同一个事务里核对。
 */
export const entriesFunction = defineFunction(
  entriesContract,
  {
    create: { guard: roles(ENTRANT, (i) => entrantScope(i.entrant)), handler: createEntry },
    save: { guard: roles(ENTRANT, entry), handler: saveEntry },
    registerUpload: { guard: roles(ENTRANT, entry), handler: registerUpload },
    get: { guard: roles(['branchEditor', 'unitAdmin', 'deptAdmin'], entry), handler: getEntry },
    list: {
      guard: roles(['branchEditor', 'unitAdmin', 'deptAdmin'], (i) => [i.branchId ? { branchId: i.branchId } : i.unitId ? { unitId: i.unitId } : { school: true }]),
      handler: listEntries,
    },
    submit: { guard: roles(ENTRANT, entry), handler: submitEntry },
    withdraw: { guard: roles(ENTRANT, entry), handler: withdrawEntry },
    reopen: { guard: roles(ENTRANT, entry), handler: reopenEntry },
    resubmit: { guard: roles(ENTRANT, entry), handler: resubmitEntry },
    submitClosing: { guard: roles(ENTRANT, entry), handler: submitClosing },
    addProgress: { guard: roles(ENTRANT, entry), handler: addProgress },
    begin: { guard: roles(ENTRANT, entry), handler: beginEntry },
    returnEntry: { guard: roles(UNIT, entry), handler: returnEntry },
    recommend: { guard: roles(UNIT, entry), handler: recommendEntry },
    unrecommend: { guard: roles(UNIT, entry), handler: unrecommendEntry },
    grade: { guard: roles(UNIT, entry), handler: gradeEntry },
    returnClosing: { guard: roles(UNIT, entry), handler: returnClosing },
    accept: { guard: roles(UNIT, entry), handler: acceptEntry },
    inspect: { guard: roles(UNIT, entry), handler: inspectEntry },
    midtermCheck: { guard: roles(DEPT, entry), handler: midtermCheck },
    requestCorrection: { guard: roles(DEPT, entry), handler: requestCorrection },
    disqualify: { guard: roles(DEPT, entry), handler: disqualifyEntry },
    pass: { guard: roles(DEPT, entry), handler: passEntry },
    startReview: { guard: roles(DEPT, entry), handler: startReview },
    finishReview: { guard: roles(DEPT, entry), handler: finishReview },
    decide: { guard: roles(DEPT, entry), handler: decideEntry },
    publishResults: { guard: roles(DEPT, school), handler: publishResults },
    disqualifyOverdue: { guard: roles(DEPT, school), handler: disqualifyOverdue },
    tasks: { guard: boundOnly, handler: tasks },
  },
  // 定时触发器（config.json）：补正逾期自动取消资格（A8）
  { timer: { action: 'disqualifyOverdue', input: {} } },
);
