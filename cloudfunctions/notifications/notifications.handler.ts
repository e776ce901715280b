import type { z } from 'zod';
import { toCstIso, type Notification, type notificationsContract } from '../../types';
import type { HandlerArgs } from '../_lib/define';
import { NOTIFICATIONS, type NotificationRecord } from '../_lib/notify';
import { txGetOrNull, writeAudit } from '../_lib/records';

type In<K extends keyof (typeof notificationsContract)['actions']> = z.output<(typeof notificationsContract)['actions'][K]['input']>;

const SHOWN = 50;

function toNotification(r: NotificationRecord): Notification {
  return { _id: r._id, key: r.key, title: r.title, body: r.body, page: r.page, status: r.status, reason: r.reason, createdAt: r.createdAt, readAt: r.readAt };
}

/**
 * 我的通知：没有以微信消息送达的（未订阅、模板未配置、用户拒收、未绑定），且还没点“知道了”的，新的在前。
 * 已送达的不重复显示——用户已在微信里看到。至多 50 条（标为已读后显示更早的）。
 */
export async function mine({ ctx, actor }: HandlerArgs<In<'mine'>>) {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(NOTIFICATIONS)
    .where({ personId: actor.person!._id, readAt: null, status: _.in(['pending', 'failed']) })
    .orderBy('createdAtMs', 'desc')
    .limit(SHOWN + 1)
    .get();
  const rows = res.data as unknown as NotificationRecord[];
  return { items: rows.slice(0, SHOWN).map(toNotification), more: rows.length > SHOWN };
}

/** 标为已读：只改自己的；与审计同一事务 */
export async function markRead({ ctx, actor, input }: HandlerArgs<In<'markRead'>>) {
  const personId = actor.person!._id;
  const at = toCstIso(ctx.clock.now());
  return ctx.db.runTransaction(async (tx) => {
    const marked: string[] = [];
    for (const id of [...new Set(input.ids)]) {
      const n = await txGetOrNull<NotificationRecord>(tx, NOTIFICATIONS, id);
      // 别人的、不存在的、已读的一律跳过（不透露别人的通知是否存在）
      if (!n || n.personId !== personId || n.readAt) continue;
      await tx.collection(NOTIFICATIONS).doc(id).update({ data: { readAt: at } });
      marked.push(id);
    }
    if (marked.length) {
      await writeAudit(tx, ctx, actor, {
        action: 'notifications.markRead', targetCollection: NOTIFICATIONS, targetId: personId, unitId: actor.person!.unitId,
        summary: `已读 ${marked.length} 条通知`, before: null, after: { ids: marked },
      });
    }
    return { marked: marked.length };
  });
}
