import type { SubscriptionKey } from '../../types';
import type { FunctionContext } from './context';
import type { IndexDeclaration } from './db';

export const SUBSCRIPTION_GRANTS = 'subscriptionGrants';

export const subscriptionIndexes: IndexDeclaration[] = [{ collection: SUBSCRIPTION_GRANTS, name: 'personId', keys: { personId: 1 } }];

export interface GrantRecord {
  _id: string;
  personId: string;
  key: SubscriptionKey;
  unused: number;
  accepted: number;
  declined: number;
  lastAnswer: 'accept' | 'reject' | 'ban' | 'filter' | null;
  updatedAt: string | null;
}

export function grantId(personId: string, key: SubscriptionKey): string {
  return `${personId}_${key}`.slice(0, 64);
}

/** 模板 ID：生产来自云函数环境变量（config.json 的 envVariables），本地运行时用可辨认的假 ID */
export function templateIdOf(ctx: Pick<FunctionContext, 'localMode'>, key: SubscriptionKey): string | null {
  const fromEnv = process.env[`SUBSCRIBE_TEMPLATE_${key.toUpperCase()}`];
  if (fromEnv) return fromEnv;
  return ctx.localMode ? `local-${key}` : null;
}

/**
 * 发送一条订阅消息前消耗一次授权（不足时返回 false，调用方改为在“我的·待办”里提示）。
 * 一次条件更新（unused > 0 才减 1）：单条记录的更新在数据库里是原子的，两条消息同时发给一人时
 * 只有一条能把 1 次授权减掉；没有授权时也只是一次往返，不开事务（issue 8：通知每人少 2 次往返）。
 */
export async function consumeGrant(ctx: FunctionContext, personId: string, key: SubscriptionKey): Promise<boolean> {
  const _ = ctx.db.command;
  const res = await ctx.db.collection(SUBSCRIPTION_GRANTS).where({ _id: grantId(personId, key), unused: _.gt(0) }).update({ data: { unused: _.inc(-1) } });
  return res.stats.updated === 1;
}
