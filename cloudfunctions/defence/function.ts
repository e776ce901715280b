import { defenceContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { roles, type ScopeRef } from '../_lib/guard';
import { board, closeScoring, finish, lock, openNext, reveal } from './running.handler';
import { current, score } from './scoring.handler';
import { candidates, createSession, getSession, listSessions, mine, reorder } from './sessions.handler';

/** 主持人：组织部管理员（大屏也只给主持人打开——它在会场公开，锁定前不出分） */
const HOST = ['deptAdmin'] as const;
/** 评委只对列在评委名单里的场次操作（E3） */
const JUDGE = ['judge'] as const;
const listedJudge = (i: { id: string }): ScopeRef[] => [{ defenceJudge: i.id }];

/** 现场答辩（E3）：主持人排序、开始、截止、亮分、锁定、结束；评委给当前项目打分；大屏看进度与成绩 */
export const defenceFunction = defineFunction(defenceContract, {
  candidates: { guard: roles(HOST), handler: candidates },
  create: { guard: roles(HOST), handler: createSession },
  list: { guard: roles(HOST), handler: listSessions },
  get: { guard: roles(HOST), handler: getSession },
  reorder: { guard: roles(HOST), handler: reorder },
  openNext: { guard: roles(HOST), handler: openNext },
  closeScoring: { guard: roles(HOST), handler: closeScoring },
  reveal: { guard: roles(HOST), handler: reveal },
  lock: { guard: roles(HOST), handler: lock },
  finish: { guard: roles(HOST), handler: finish },
  board: { guard: roles(HOST), handler: board },
  mine: { guard: roles(JUDGE), handler: mine },
  current: { guard: roles(JUDGE, listedJudge), handler: current },
  score: { guard: roles(JUDGE, listedJudge), handler: score },
});
