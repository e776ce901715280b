import type { z } from 'zod';
import { SUBSCRIPTION_KEYS, SUBSCRIPTION_LABELS, toCstIso, type GrantStatus, type SubscriptionKey, type subscriptionsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { grantId, SUBSCRIPTION_GRANTS, templateIdOf, type GrantRecord } from '../_lib/subscription-grants';

type In<K extends keyof (typeof subscriptionsContract)['actions']> = z.output<(typeof subscriptionsContract)['actions'][K]['input']>;

async function statusOf(ctx: FunctionContext, personId: string): Promise<GrantStatus[]> {
  const res = await ctx.db.collection(SUBSCRIPTION_GRANTS).where({ personId }).limit(20).get();
  const rows = new Map((res.data as unknown as GrantRecord[]).map((r) => [r.key, r]));
  return SUBSCRIPTION_KEYS.map((key) => {
    const r = rows.get(key);
    return { key, label: SUBSCRIPTION_LABELS[key], templateId: templateIdOf(ctx, key), unused: r?.unused ?? 0, lastAnswer: r?.lastAnswer ?? null, updatedAt: r?.updatedAt ?? null };
  });
}

export async function mine({ ctx, actor }: HandlerArgs<In<'mine'>>) {
  return { items: await statusOf(ctx, actor.person!._id) };
}

/**
 * 记下一次授权：每个“允许”给该模板记 1 条可发；拒绝、被封禁、被过滤只记最后答复。
 * 未配置模板 ID 的模板不接受记账（不会有对应的授权弹窗）。
 */
export async function record({ ctx, actor, input }: HandlerArgs<In<'record'>>) {
  const personId = actor.person!._id;
  const at = toCstIso(ctx.clock.now());
  const entries = Object.entries(input.answers) as [SubscriptionKey, GrantRecord['lastAnswer']][];
  for (const [key] of entries) if (!templateIdOf(ctx, key)) throw new AppError('BAD_INPUT', `“${SUBSCRIPTION_LABELS[key]}”模板尚未配置`);
  await ctx.db.runTransaction(async (tx) => {
    for (const [key, answer] of entries) {
      const id = grantId(personId, key);
      const before = await txGetOrNull<GrantRecord>(tx, SUBSCRIPTION_GRANTS, id);
      const accepted = answer === 'accept';
      const { _id: _ignored, ...data } = {
        _id: id,
        personId,
        key,
        unused: (before?.unused ?? 0) + (accepted ? 1 : 0),
        accepted: (before?.accepted ?? 0) + (accepted ? 1 : 0),
        declined: (before?.declined ?? 0) + (accepted ? 0 : 1),
        lastAnswer: answer,
        updatedAt: at,
      } satisfies GrantRecord;
      await tx.collection(SUBSCRIPTION_GRANTS).doc(id).set({ data });
    }
    await writeAudit(tx, ctx, actor, {
      action: 'subscriptions.record', targetCollection: SUBSCRIPTION_GRANTS, targetId: personId, unitId: actor.person!.unitId,
      summary: `订阅消息授权：${entries.map(([k, a]) => `${SUBSCRIPTION_LABELS[k]}${a === 'accept' ? '允许' : '未允许'}`).join('，')}`,
      before: null, after: input.answers,
    });
  });
  return { items: await statusOf(ctx, personId) };
}
