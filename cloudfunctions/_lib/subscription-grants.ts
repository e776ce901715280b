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
 * 发送一条订阅消息前消耗一次授权（事务内减 1，不足时返回 false，调用方改为在“我的·待办”里提示）。
 * 两条消息同时发给一人时，事务保证不会把 1 次授权用两次。
 */
export async function consumeGrant(ctx: FunctionContext, personId: string, key: SubscriptionKey): Promise<boolean> {
  return ctx.db.runTransaction(async (tx) => {
    let g: GrantRecord | null = null;
    try {
      g = (await tx.collection(SUBSCRIPTION_GRANTS).doc(grantId(personId, key)).get()).data as GrantRecord;
    } catch {
      g = null;
    }
    if (!g || g.unused <= 0) return false;
    await tx.collection(SUBSCRIPTION_GRANTS).doc(g._id).update({ data: { unused: g.unused - 1 } });
    return true;
  });
}

