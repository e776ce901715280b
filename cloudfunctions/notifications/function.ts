import { notificationsContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { boundOnly, roles, type ScopeRef } from '../_lib/guard';
import { markRead, mine } from './notifications.handler';
import { lagging, remindDeadlines, remindUnit } from './reminders.handler';

const DEPT = ['deptAdmin'] as const;
const school = (): ScopeRef[] => [{ school: true }];

/**
 * 通知：每人只看、只标自己的站内通知；截止提醒由定时触发器以系统身份执行（组织部也可手动）；
 * 单位进度与一键提醒只归组织部。
 */
export const notificationsFunction = defineFunction(
  notificationsContract,
  {
    mine: { guard: boundOnly, handler: mine },
    markRead: { guard: boundOnly, handler: markRead },
    remindDeadlines: { guard: roles(DEPT, school), handler: remindDeadlines },
    lagging: { guard: roles(DEPT, school), handler: lagging },
    remindUnit: { guard: roles(DEPT, (i) => [{ unitId: i.unitId }]), handler: remindUnit },
  },
  // 定时触发器（config.json，北京时间 9–21 点每小时整点）：截止前 3 天、前 1 天提醒
  { timer: { action: 'remindDeadlines', input: {} } },
);
