import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, instantSchema } from './ids';
import { notificationSchema } from './subscriptions';
import { unitKindSchema } from './org';

/** 截止提醒的档位：截止日（北京时间）前 3 天、前 1 天，各在当天 09:00 起发出 */
export const REMINDER_OFFSETS = ['3d', '1d'] as const;
export const reminderOffsetSchema = z.enum(REMINDER_OFFSETS);
export type ReminderOffset = z.infer<typeof reminderOffsetSchema>;

/** 一次截止提醒的对象：应交未交的支部或单位 */
export const reminderTargetSchema = z.object({
  level: z.enum(['branch', 'unit']),
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
});
export type ReminderTarget = z.infer<typeof reminderTargetSchema>;

export const sentReminderSchema = z.object({
  campaignId: z.string(),
  trackKey: z.string(),
  stage: z.enum(['submission', 'unitReview']),
  offset: reminderOffsetSchema,
  target: reminderTargetSchema,
  /** 本次新记下的通知条数（每位收件人一条；重跑时已提醒过的不计） */
  notices: z.number().int(),
});

/** 单位进度（组织部工作台）：某评选某类别下一个单位还差什么 */
export const laggingUnitSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: unitKindSchema,
  /** 本单位（含所属支部）已提交的材料数 */
  submitted: z.number().int(),
  /** 分党委已推荐（含不占名额的）数 */
  recommended: z.number().int(),
  /** 最少推荐数（E3：学院党委 2，其他 1）；0 为无要求 */
  minimum: z.number().int(),
  /** 应报而未报的支部（B4 全覆盖、C 名单内） */
  missingBranches: z.array(z.object({ branchId: z.string(), name: z.string() })),
  /** 落后的原因（中文，注明规则编号）；空数组表示不落后 */
  reasons: z.array(z.string()),
  /** 本单位今天（北京时间）是否已经提醒过 */
  remindedToday: z.boolean(),
});
export type LaggingUnit = z.infer<typeof laggingUnitSchema>;

export const laggingTrackSchema = z.object({
  campaignId: z.string(),
  campaignTitle: z.string(),
  trackKey: z.string(),
  trackLabel: z.string(),
  /** 此类别当前要赶的截止时间（申报或分党委推荐），北京时间 */
  deadline: instantSchema.nullable(),
  deadlineLabel: z.string(),
  /** 只含落后的单位 */
  units: z.array(laggingUnitSchema),
});
export type LaggingTrack = z.infer<typeof laggingTrackSchema>;

export const notificationsContract = defineContract('notifications', {
  /** 我的通知：未读且未以微信消息送达的（未订阅、发送失败），新的在前，至多 50 条 */
  mine: action(z.object({}), z.object({ items: z.array(notificationSchema), more: z.boolean() })),
  /** 标为已读（只能是自己的） */
  markRead: action(z.object({ ids: z.array(docIdSchema).min(1).max(50) }), z.object({ marked: z.number().int() })),
  /** 截止提醒（定时触发器每小时调用；组织部也可手动执行）：前 3 天、前 1 天各一次 */
  remindDeadlines: action(z.object({}), z.object({ reminded: z.array(sentReminderSchema) })),
  /** 单位进度：进行中的评选里尚未提交/推荐、未达最低推荐数（E3）的单位 */
  lagging: action(z.object({ campaignId: docIdSchema.optional() }), z.object({ tracks: z.array(laggingTrackSchema) })),
  /** 一键提醒某单位（每个单位每个评选每天至多一次，记审计） */
  remindUnit: action(
    z.object({ campaignId: docIdSchema, trackKey: z.string().max(32), unitId: docIdSchema }),
    z.object({ recipients: z.number().int(), sent: z.number().int(), pending: z.number().int() }),
  ),
});
