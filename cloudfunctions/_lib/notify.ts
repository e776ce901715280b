import { createHash } from 'node:crypto';
import { SUBSCRIPTION_TEMPLATES, templateData, toCstIso, type Entry, type NotificationStatus, type Person, type SubscriptionKey, type TemplateValues } from '../../types';
import type { FunctionContext } from './context';
import { isDuplicateKeyError, type IndexDeclaration } from './db';
import { READ_LIMIT, readAllById } from './paged';
import { consumeGrant, templateIdOf } from './subscription-grants';

/**
 * 站内通知与订阅消息：每一条要发的消息都先记入 notifications（以 dedupeKey 为唯一键），再视授权发送。
 * - 有未用授权（consumeGrant）且模板已配置：发订阅消息，记 sent；
 * - 否则记 pending 并写明原因，出现在“我的·待办”的通知里；
 * - 平台拒发（如 43101 用户拒收）：记 failed 与错误码，同样留在“我的”里，消息不丢。
 * 同一 dedupeKey 只记一次、只发一次：重跑公布、定时任务重入都不会重复打扰（先占位再发：最坏是少发一条订阅消息，
 * 而站内通知仍在，绝不会发两次）。
 */
export const NOTIFICATIONS = 'notifications';

export const notificationIndexes: IndexDeclaration[] = [
  { collection: NOTIFICATIONS, name: 'dedupeKey_unique', keys: { dedupeKey: 1 }, unique: true },
  // 我的通知：按人、未读、新的在前
  { collection: NOTIFICATIONS, name: 'personId_readAt_createdAtMs', keys: { personId: 1, readAt: 1, createdAtMs: -1 } },
  // 收件人解析：某支部的支部书记/支委、某单位的管理员
  { collection: 'people', name: 'roles_branchId', keys: { 'roles.branchId': 1 } },
  { collection: 'people', name: 'roles_unitId', keys: { 'roles.unitId': 1 } },
];

export interface NotificationRecord {
  _id: string;
  personId: string;
  key: SubscriptionKey;
  title: string;
  body: string;
  page: string;
  status: NotificationStatus;
  reason: string | null;
  /** 平台错误码（发送失败时） */
  errCode: number | null;
  dedupeKey: string;
  templateId: string | null;
  /** 实际发送（或将要发送）的模板数据，已按字段规则裁剪 */
  data: Record<string, { value: string }>;
  campaignId: string | null;
  entryId: string | null;
  createdAt: string;
  createdAtMs: number;
  sentAt: string | null;
  readAt: string | null;
}

export interface NoticeRequest<K extends SubscriptionKey> {
  personId: string;
  key: K;
  /** 小程序页面（点开订阅消息或“我的”里的通知时打开），如 entry/pages/detail/index?id=… */
  page: string;
  /** 模板字段的原始值（时间类给 ISO 时刻）；裁剪按 SUBSCRIPTION_TEMPLATES 的布局 */
  fields: TemplateValues<K>;
  /** 站内通知的标题与全文（“我的”里显示，不受模板字数限制） */
  title: string;
  body: string;
  /** 同一件事对同一人的唯一键，如 result:<entryId>:<personId> */
  dedupeKey: string;
  campaignId?: string | null;
  entryId?: string | null;
}

export type NotifyOutcome = 'sent' | 'pending' | 'failed' | 'duplicate';

/** 平台错误码的中文说明（写进原因，便于用户与管理员理解为什么没收到） */
const PLATFORM_ERRORS: Record<number, string> = {
  43101: '用户拒绝接受消息（未订阅或已关闭）',
  47003: '模板参数不符合要求',
  40003: 'openid 无效',
  40037: '模板 ID 无效',
  41030: '页面路径不正确',
};

export function notificationId(dedupeKey: string): string {
  return `n${createHash('sha1').update(dedupeKey).digest('hex')}`;
}

function errCodeOf(err: unknown): number | null {
  const e = err as { errCode?: unknown; errcode?: unknown } | null;
  const code = Number(e?.errCode ?? e?.errcode);
  if (Number.isFinite(code) && code !== 0) return code;
  const m = /errCode:\s*(-?\d+)|errcode[":\s]+(-?\d+)/i.exec(String((err as Error)?.message ?? err));
  return m ? Number(m[1] ?? m[2]) : null;
}

async function openidOf(ctx: FunctionContext, personId: string): Promise<string | null> {
  const res = await ctx.db.collection('bindings').where({ personId }).field({ _id: true }).limit(1).get();
  return (res.data[0] as { _id?: string } | undefined)?._id ?? null;
}

/**
 * 一批收件人的 openid（未绑定的不在结果里）：通知多人时先一次读出（_.in 每批 ≤100），
 * 免得每人各查一次 bindings（issue 8）。
 */
export async function openidsOf(ctx: FunctionContext, personIds: string[]): Promise<Map<string, string>> {
  const _ = ctx.db.command;
  const unique = [...new Set(personIds)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 100) {
    const res = await ctx.db.collection('bindings').where({ personId: _.in(unique.slice(i, i + 100)) }).field({ _id: true, personId: true }).limit(100).get();
    for (const b of res.data as { _id: string; personId: string }[]) out.set(b.personId, b._id);
  }
  return out;
}

/**
 * 通知一个人（见文件头）。在业务事务提交之后调用：消息不在事务的关键路径上——
 * 事务可能因写冲突重试，放在里面会发两次；发送慢或失败也不该让已经成立的变更回滚。
 * openids：调用方已批量读出的 openid（openidsOf；不在其中 = 未绑定）；省略时在这里查。
 * 往返：不发微信的（模板未配置、内容不完整、未绑定）一次写入即是最终状态；要发的先占位，再消耗授权、发送、记结果。
 */
export async function notifyPerson<K extends SubscriptionKey>(ctx: FunctionContext, req: NoticeRequest<K>, openids?: ReadonlyMap<string, string>): Promise<NotifyOutcome> {
  const now = ctx.clock.now();
  const _id = notificationId(req.dedupeKey);
  const { data, empty } = templateData(req.key, req.fields);
  const templateId = templateIdOf(ctx, req.key);
  const record: Omit<NotificationRecord, '_id'> = {
    personId: req.personId,
    key: req.key,
    title: req.title.slice(0, 60),
    body: req.body.slice(0, 500),
    page: req.page,
    status: 'pending',
    reason: '等待发送',
    errCode: null,
    dedupeKey: req.dedupeKey,
    templateId,
    data,
    campaignId: req.campaignId ?? null,
    entryId: req.entryId ?? null,
    createdAt: toCstIso(now),
    createdAtMs: now.getTime(),
    sentAt: null,
    readAt: null,
  };
  // 占位：dedupeKey 已有记录即视为已通知过
  const place = async (status: NotificationStatus, reason: string | null): Promise<NotifyOutcome> => {
    try {
      await ctx.db.collection(NOTIFICATIONS).add({ data: { _id, ...record, status, reason } });
      return status;
    } catch (err) {
      if (isDuplicateKeyError(err)) return 'duplicate';
      throw err;
    }
  };
  const mark = async (status: NotificationStatus, reason: string | null, errCode: number | null = null) => {
    await ctx.db.collection(NOTIFICATIONS).doc(_id).update({ data: { status, reason, errCode, sentAt: status === 'sent' ? toCstIso(ctx.clock.now()) : null } });
    return status;
  };
  const label = SUBSCRIPTION_TEMPLATES[req.key].title;
  if (!templateId) return place('pending', `“${label}”模板尚未配置（管理员在云函数环境变量 SUBSCRIBE_TEMPLATE_${req.key.toUpperCase()} 中填写模板 ID）`);
  if (empty.length) return place('failed', `消息内容不完整：${empty.join('、')}`);
  const openid = openids ? (openids.get(req.personId) ?? null) : await openidOf(ctx, req.personId);
  if (!openid) return place('pending', '尚未绑定微信');
  if ((await place('pending', '等待发送')) === 'duplicate') return 'duplicate';
  // 授权在确认能发之后才消耗：没绑定、没配置的不会白白用掉用户的“允许”；占位成功后才消耗，重跑不会多用
  if (!(await consumeGrant(ctx, req.personId, req.key))) return mark('pending', `未订阅“${label}”（在“我的·订阅消息”里允许后可收到微信提醒）`);
  try {
    await ctx.messages.sendSubscribe({ touser: openid, templateId, page: req.page, data });
    return mark('sent', null);
  } catch (err) {
    const code = errCodeOf(err);
    console.error('[notify] subscribeMessage.send failed', ctx.requestId, code, String((err as Error)?.message ?? err).slice(0, 200));
    return mark('failed', `微信提醒未送达：${code !== null ? `${PLATFORM_ERRORS[code] ?? '平台拒绝'}（${code}）` : '网络或平台异常'}`, code);
  }
}

// ── 收件人 ────────────────────────────────────────────────────────────────

/**
 * 持某角色、落在某支部/单位的人（roles 里有此支部/单位的授权，且有此角色；同一条授权与否在内存里再核对）。
 * 只取 _id 与 roles：不把整支部的党员记录都读回来。
 */
async function peopleWith(ctx: FunctionContext, where: object): Promise<Pick<Person, '_id' | 'roles'>[]> {
  const res = await ctx.db.collection('people').where(where).field({ _id: true, roles: true }).limit(100).get();
  return res.data as unknown as Pick<Person, '_id' | 'roles'>[];
}
const editorWhere = (branchId: string) => ({ 'roles.branchId': branchId, 'roles.role': 'branchEditor' });
const adminWhere = (unitId: string) => ({ 'roles.unitId': unitId, 'roles.role': 'unitAdmin' });
const isEditorOf = (branchId: string) => (p: Pick<Person, 'roles'>) => p.roles.some((g) => g.role === 'branchEditor' && g.branchId === branchId);
const isAdminOf = (unitId: string) => (p: Pick<Person, 'roles'>) => p.roles.some((g) => g.role === 'unitAdmin' && g.unitId === unitId);

/** 某支部的支部书记/支委（持本支部 branchEditor 授权的人） */
export async function branchEditorsOf(ctx: FunctionContext, branchId: string): Promise<string[]> {
  return (await peopleWith(ctx, editorWhere(branchId))).filter(isEditorOf(branchId)).map((p) => p._id);
}

/**
 * 多个支部各自的支部书记/支委：按 roles.branchId 的 _.in 每批 100 个支部、按 _id 分页读完，只取 _id 与 roles，
 * 在内存里按支部分（一键提醒一个单位时不逐个支部查，issue 8）。
 */
export async function branchEditorsOfMany(ctx: FunctionContext, branchIds: string[]): Promise<Map<string, string[]>> {
  const _ = ctx.db.command;
  const unique = [...new Set(branchIds)];
  const out = new Map<string, string[]>(unique.map((id) => [id, []]));
  for (let i = 0; i < unique.length; i += READ_LIMIT) {
    const chunk = unique.slice(i, i + READ_LIMIT);
    const people = await readAllById<Pick<Person, '_id' | 'roles'>>(ctx, 'people', { 'roles.branchId': _.in(chunk), 'roles.role': 'branchEditor' }, { _id: true, roles: true });
    for (const id of chunk) out.set(id, people.filter(isEditorOf(id)).map((p) => p._id));
  }
  return out;
}

/** 某单位（分党委/直属党总支）的管理员 */
export async function unitAdminsOf(ctx: FunctionContext, unitId: string): Promise<string[]> {
  return (await peopleWith(ctx, adminWhere(unitId))).filter(isAdminOf(unitId)).map((p) => p._id);
}

/**
 * 一份材料的申报方（谁来改、谁该知道结果）：
 * 支部的材料 → 该支部的支部书记/支委（他们撰写、提交、补正；guard 中 entrant 即此二者）；
 * 支部还没有持授权的人时退到本单位管理员（分党委可代支部操作），消息不会无人接收；
 * 党总支与单位自身的材料 → 本单位管理员（由分党委填报）。
 * 各一次按索引（roles.branchId / roles.unitId）的查询，只取 _id 与 roles；有书记/支委时不再查管理员。
 * （不合成一次 _.or：本地执行器对 _.or 不走索引，两万多人要整表扫描，反而慢。）
 */
export async function entrantRecipients(ctx: FunctionContext, entry: Pick<Entry, 'entrantLevel' | 'branchId' | 'unitId'>): Promise<string[]> {
  if (entry.entrantLevel === 'branch' && entry.branchId) {
    const editors = await branchEditorsOf(ctx, entry.branchId);
    if (editors.length) return editors;
  }
  return unitAdminsOf(ctx, entry.unitId);
}

/** 通知一份材料的全部申报方；dedupeKey 前缀 + 人员，互不影响 */
export async function notifyEntrant<K extends SubscriptionKey>(
  ctx: FunctionContext,
  entry: Pick<Entry, '_id' | 'campaignId' | 'entrantLevel' | 'branchId' | 'unitId'>,
  req: Omit<NoticeRequest<K>, 'personId' | 'dedupeKey'> & { dedupePrefix: string },
): Promise<Record<string, NotifyOutcome>> {
  const out: Record<string, NotifyOutcome> = {};
  const { dedupePrefix, ...rest } = req;
  const recipients = await entrantRecipients(ctx, entry);
  const openids = recipients.length ? await openidsOf(ctx, recipients) : new Map<string, string>();
  for (const personId of recipients) {
    try {
      out[personId] = await notifyPerson(ctx, { ...rest, personId, dedupeKey: `${dedupePrefix}:${personId}`, campaignId: entry.campaignId, entryId: entry._id } as NoticeRequest<K>, openids);
    } catch (err) {
      // 一个人的记录写失败不影响通知其他人；重跑时按 dedupeKey 补上
      console.error('[notify] notifyEntrant failed', ctx.requestId, personId, String((err as Error)?.message ?? err).slice(0, 200));
      out[personId] = 'failed';
    }
  }
  return out;
}
