import { z } from 'zod';
import { action, defineContract } from './contract';
import { instantSchema } from './ids';

/**
 * 一次性订阅消息的模板（在小程序管理后台申请，模板 ID 配在 subscriptions 云函数的环境变量里）。
 * 用户每点一次“允许”，只换来一条消息：所以按人、按模板记账（grant ledger），发送时消耗一次。
 */
export const SUBSCRIPTION_KEYS = ['result', 'correction', 'deadline'] as const;
export const subscriptionKeySchema = z.enum(SUBSCRIPTION_KEYS);
export type SubscriptionKey = z.infer<typeof subscriptionKeySchema>;
export const SUBSCRIPTION_LABELS: Record<SubscriptionKey, string> = {
  result: '评选结果通知',
  correction: '材料补正提醒',
  deadline: '截止时间提醒',
};

/** wx.requestSubscribeMessage 对每个模板的答复 */
export const subscribeAnswerSchema = z.enum(['accept', 'reject', 'ban', 'filter']);

export const grantStatusSchema = z.object({
  key: subscriptionKeySchema,
  label: z.string(),
  templateId: z.string().nullable(),
  /** 还能收到几条（每次“允许”记 1，发送一条消耗 1） */
  unused: z.number().int().nonnegative(),
  lastAnswer: subscribeAnswerSchema.nullable(),
  updatedAt: instantSchema.nullable(),
});
export type GrantStatus = z.infer<typeof grantStatusSchema>;

export const subscriptionsContract = defineContract('subscriptions', {
  /** 我的订阅：各模板的模板 ID（请求授权用）与剩余条数 */
  mine: action(z.object({}), z.object({ items: z.array(grantStatusSchema) })),
  /** 记下一次授权请求的结果（按模板键） */
  record: action(
    z.object({ answers: z.record(subscriptionKeySchema, subscribeAnswerSchema).refine((a) => Object.keys(a).length > 0, '至少一项') }),
    z.object({ items: z.array(grantStatusSchema) }),
  ),
});
