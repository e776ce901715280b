import type { CloudFunction } from './_lib/define';
import type { IndexDeclaration } from './_lib/db';
import { noticesFunction, noticesIndexes } from './notices/function';
import { sessionFunction } from './session/function';
import { orgFunction } from './org/function';
import { orgIndexes } from './org/collections';
import { invitesFunction } from './invites/function';
import { invitesIndexes } from './invites/invites.handler';
import { orgSheetFunction } from './orgSheet/function';
import { campaignsFunction } from './campaigns/function';
import { entriesFunction } from './entries/function';
import { engineIndexes } from './_lib/engine/load';
import { casesIndexes } from './_lib/engine/cases';
import { entryFilesIndexes } from './entries/entry-files';
import { casesFunction } from './cases/function';
import { subscriptionsFunction } from './subscriptions/function';
import { subscriptionIndexes } from './_lib/subscription-grants';
import { exportsFunction } from './exports/function';
import { exportIndexes } from './exports/jobs';
import { exportReadIndexes } from './exports/read';
import { reviewsFunction } from './reviews/function';
import { reviewIndexes } from './reviews/collections';
import { defenceFunction } from './defence/function';
import { defenceIndexes } from './defence/rules';
import { notificationIndexes } from './_lib/notify';
import { notificationsFunction } from './notifications/function';
import { progressIndexes } from './notifications/load';
import { actorIndexes } from './_lib/actor';
import { reminderIndexes } from './notifications/reminders.handler';

/** 所有可部署云函数（与 types/functions.ts 的契约一一对应）；本地运行时、测试与部署共用 */
export const cloudFunctions: Record<string, CloudFunction> = {
  notices: noticesFunction,
  session: sessionFunction,
  org: orgFunction,
  invites: invitesFunction,
  orgSheet: orgSheetFunction,
  campaigns: campaignsFunction,
  entries: entriesFunction,
  cases: casesFunction,
  subscriptions: subscriptionsFunction,
  exports: exportsFunction,
  notifications: notificationsFunction,
  reviews: reviewsFunction,
  defence: defenceFunction,
};

/**
 * 代码用到的所有集合。云数据库读不存在的集合会报错（-502005），
 * 所以本地运行时启动时、部署时都先按这张表建好集合。
 */
export const COLLECTION_NAMES = [
  '_meta',
  'bindings',
  'people',
  'units',
  'generalBranches',
  'branches',
  'notices',
  'outbox',
  'audit',
  'invites',
  'bindAttempts',
  'campaigns',
  'entries',
  'entryFiles',
  'quotaLedgers',
  'cases',
  'subscriptionGrants',
  'exportJobs',
  'reviewAssignments',
  'reviewConflicts',
  'reviewPanels',
  'defenceSessions',
  'defenceScores',
  'notifications',
  'reminders',
] as const;

/** 各查询旁声明的索引汇总：本地运行时据此建索引，部署时据此创建 */
export const indexDeclarations: IndexDeclaration[] = [
  ...noticesIndexes,
  ...orgIndexes,
  ...invitesIndexes,
  ...engineIndexes,
  ...casesIndexes,
  ...entryFilesIndexes,
  ...subscriptionIndexes,
  ...exportIndexes,
  ...exportReadIndexes,
  ...reviewIndexes,
  ...defenceIndexes,
  ...notificationIndexes,
  ...progressIndexes,
  ...reminderIndexes,
  { collection: 'bindings', name: 'personId_unique', keys: { personId: 1 }, unique: true },
  ...actorIndexes,
];
