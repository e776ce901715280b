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

// ── 模板字段布局与取值规则（发送时裁剪，见 fitField） ─────────────────────────

/**
 * 订阅消息模板参数的类型（微信文档“订阅消息参数值内容限制说明”）：
 * thing 20 个以内字符（汉字、数字、字母或符号）；phrase 5 个以内纯汉字；
 * time 24 小时制时间（可带年月日，如“2019年10月1日 15:01”）；date 年月日（可带时间）；
 * character_string 32 位以内数字、字母或符号；name 10 个以内纯汉字或 20 个以内纯字母/符号；
 * number 32 位以内数字（可带小数）。任何参数都不能带换行等控制字符。超限时整条发送被拒（47003）。
 */
export const TEMPLATE_FIELD_TYPES = ['thing', 'phrase', 'time', 'date', 'character_string', 'name', 'number'] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];

export interface TemplateField {
  /** 代码里的字段名（与模板无关） */
  name: string;
  /** 模板参数名：类型 + 模板库里该关键词的编号，如 thing1 */
  key: string;
  type: TemplateFieldType;
  /** 模板里这一项的关键词，申请模板时按此选择 */
  label: string;
}

/**
 * 三个一次性模板各自的字段布局——全项目唯一的一份（发送、测试、部署说明都读这里）。
 * 在小程序后台“订阅消息”选用模板时按 label 选关键词；若所选模板的参数编号不同（如 thing2 而非 thing1），只改这里的 key。
 */
export const SUBSCRIPTION_TEMPLATES = {
  result: {
    title: '评选结果通知',
    fields: [
      { name: 'campaign', key: 'thing1', type: 'thing', label: '评选名称' },
      { name: 'project', key: 'thing2', type: 'thing', label: '申报项目' },
      { name: 'level', key: 'thing3', type: 'thing', label: '评选结果' },
      { name: 'publishedAt', key: 'time4', type: 'time', label: '公布时间' },
    ],
  },
  correction: {
    title: '材料补正提醒',
    fields: [
      { name: 'project', key: 'thing1', type: 'thing', label: '申报项目' },
      { name: 'reason', key: 'thing2', type: 'thing', label: '补正事项' },
      { name: 'deadline', key: 'time3', type: 'time', label: '截止时间' },
      { name: 'status', key: 'phrase4', type: 'phrase', label: '办理状态' },
    ],
  },
  deadline: {
    title: '截止时间提醒',
    fields: [
      { name: 'matter', key: 'thing1', type: 'thing', label: '事项名称' },
      { name: 'deadline', key: 'time2', type: 'time', label: '截止时间' },
      { name: 'tip', key: 'thing3', type: 'thing', label: '温馨提示' },
    ],
  },
} as const satisfies Record<SubscriptionKey, { title: string; fields: readonly TemplateField[] }>;

/** 某模板的取值：字段名 → 原始值（时间类给 ISO 时刻，裁剪与格式化由 fitField 做） */
export type TemplateValues<K extends SubscriptionKey> = { [F in (typeof SUBSCRIPTION_TEMPLATES)[K]['fields'][number]['name']]: string };

const HAN = /\p{Script=Han}/u;
const ELLIPSIS = '…';

/** 按码点切分（不会把一个 emoji 的代理对切成两半） */
function codePoints(value: string): string[] {
  return Array.from(value);
}

function cut(chars: string[], max: number, ellipsis: boolean): string {
  if (chars.length <= max) return chars.join('');
  return ellipsis ? chars.slice(0, max - 1).join('') + ELLIPSIS : chars.slice(0, max).join('');
}

/** 北京时间的“2026年4月1日 17:00”（time）或“2026年4月1日”（date）；不是合法时刻返回空串 */
function cstText(value: string, withTime: boolean): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return '';
  // 与 types/time.ts 的 cstWall 同理：固定 +8 小时，与本机时区无关
  const d = new Date(ms + 8 * 3600_000);
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return withTime ? `${date} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : date;
}

/**
 * 把一个值裁成模板参数能接受的样子（纯函数）：去掉换行与控制字符、合并空白；
 * thing 超过 20 字符截为 19 + “…”；phrase 只留汉字、至多 5 个（“…”不是汉字，不加）；
 * time/date 把 ISO 时刻写成北京时间；character_string 只留 ASCII 可见字符、至多 32；
 * name 含汉字时只留汉字至多 10 个，否则至多 20；number 只留数字与小数点、至多 32。
 * 按码点计数，绝不切开代理对。结果可能为空串（调用方据此判定无法发送）。
 */
export function fitField(type: TemplateFieldType, raw: string): string {
  const value = raw.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cut(codePoints(value), 20, true);
    case 'phrase':
      return cut(codePoints(value).filter((c) => HAN.test(c)), 5, false);
    case 'time':
      return cstText(value, true);
    case 'date':
      return cstText(value, false);
    case 'character_string':
      return cut(codePoints(value).filter((c) => /^[\x21-\x7e]$/.test(c)), 32, false);
    case 'name': {
      const chars = codePoints(value);
      return chars.some((c) => HAN.test(c)) ? cut(chars.filter((c) => HAN.test(c)), 10, false) : cut(chars.filter((c) => c !== ' '), 20, false);
    }
    case 'number':
      return cut(codePoints(value).filter((c) => /[0-9.]/.test(c)), 32, false);
  }
}

/** 按模板布局把取值裁成 subscribeMessage.send 的 data；哪一项裁完为空则列在 empty 里 */
export function templateData<K extends SubscriptionKey>(key: K, values: TemplateValues<K>): { data: Record<string, { value: string }>; empty: string[] } {
  const data: Record<string, { value: string }> = {};
  const empty: string[] = [];
  for (const f of SUBSCRIPTION_TEMPLATES[key].fields as readonly TemplateField[]) {
    const v = fitField(f.type, (values as Record<string, string>)[f.name] ?? '');
    if (!v) empty.push(f.label);
    data[f.key] = { value: v };
  }
  return { data, empty };
}

// ── 站内通知（notifications 集合）：每条消息都记，订阅消息发不出时在“我的”里看到 ─────

export const NOTIFICATION_STATUSES = ['sent', 'pending', 'failed'] as const;
export const notificationStatusSchema = z.enum(NOTIFICATION_STATUSES);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

export const notificationSchema = z.object({
  _id: z.string(),
  key: subscriptionKeySchema,
  title: z.string(),
  body: z.string(),
  /** 点开后去的小程序页面（带参数） */
  page: z.string(),
  status: notificationStatusSchema,
  /** 未发出的原因（未订阅、模板未配置、用户拒收 43101…） */
  reason: z.string().nullable(),
  createdAt: instantSchema,
  readAt: instantSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
