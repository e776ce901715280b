import { subscriptionsContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { boundOnly } from '../_lib/guard';
import { mine, record } from './subscriptions.handler';

/** 订阅消息授权台账：每人只看、只记自己的 */
export const subscriptionsFunction = defineFunction(subscriptionsContract, {
  mine: { guard: boundOnly, handler: mine },
  record: { guard: boundOnly, handler: record },
});
