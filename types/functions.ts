import { noticesContract } from './notices';
import { sessionContract } from './session';
import { invitesContract, orgContract, orgSheetContract } from './admin';
import { campaignsContract, entriesContract } from './engine';
import { casesContract } from './cases';
import { subscriptionsContract } from './subscriptions';
import { exportsContract } from './exports';
import { notificationsContract } from './notifications';
import { defenceContract } from './defence';
import { reviewsContract } from './reviews';

/** 所有可部署云函数的契约，按函数名索引；客户端与云端共用 */
export const contracts = {
  notices: noticesContract,
  session: sessionContract,
  org: orgContract,
  invites: invitesContract,
  orgSheet: orgSheetContract,
  campaigns: campaignsContract,
  entries: entriesContract,
  cases: casesContract,
  exports: exportsContract,
  subscriptions: subscriptionsContract,
  notifications: notificationsContract,
  defence: defenceContract,
  reviews: reviewsContract,
} as const;
export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
