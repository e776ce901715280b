import Taro from '@tarojs/taro';
import { SUBSCRIPTION_KEYS, SUBSCRIPTION_LABELS, type GrantStatus, type SubscriptionKey } from '@contract/index';
import { callFunction, messageOf } from './cloud';

/** wx.requestSubscribeMessage 对一个模板的答复 */
export type SubscribeAnswer = NonNullable<GrantStatus['lastAnswer']>;

const ANSWERS: readonly SubscribeAnswer[] = ['accept', 'reject', 'ban', 'filter'];

/** 本地运行时的模板 ID 形如 local-result：没有微信，用模拟的授权对话框 */
export const LOCAL_TEMPLATE_PREFIX = 'local-';

/** 模拟授权对话框的标题（H5 本地模式；写明是模拟，免得被当成真的微信授权） */
export const SIMULATED_DIALOG_TITLE = '本地模式：模拟微信订阅授权';

/**
 * 一次订阅请求的结果：
 * - recorded：用户作了选择，已记入台账（answers 为各模板的答复，items 为最新台账）；
 * - dismissed：用户关掉了授权框，没有选择，什么也没记；
 * - unconfigured：所请求的模板组织部都还没有配置，没有弹框；
 * - unavailable：这个环境不能授权（浏览器里打开的正式环境）；
 * - error：请求或记录失败。
 * message 是可直接展示的中文说明。
 */
export interface SubscribeOutcome {
  status: 'recorded' | 'dismissed' | 'unconfigured' | 'unavailable' | 'error';
  answers: Partial<Record<SubscriptionKey, SubscribeAnswer>>;
  /** 请求里尚未配置模板 ID 的那些 */
  unconfigured: SubscriptionKey[];
  /** 记录后的台账（只在 recorded 时有） */
  items: GrantStatus[] | null;
  message: string;
}

export interface SubscribeOptions {
  /** 是否用 toast 提示结果（默认是；页面自己展示 message 时传 false） */
  feedback?: boolean;
}

/**
 * 模板 ID 缓存：微信只允许在用户点击的同一轮事件里调起订阅框，
 * 所以页面先 loadSubscriptions()（我的页打开时、申报页加载时），点击时就不必先等一次云函数。
 */
let templateIds: Map<SubscriptionKey, string | null> | null = null;

/** 我的订阅（各模板的标签、模板 ID、剩余条数、上次答复），顺带记住模板 ID */
export async function loadSubscriptions(): Promise<GrantStatus[]> {
  const { items } = await callFunction('subscriptions', 'mine', {});
  remember(items);
  return items;
}

/** 仅测试用：清掉模板 ID 缓存 */
export function clearSubscriptionCache(): void {
  templateIds = null;
}

function remember(items: GrantStatus[]) {
  templateIds = new Map(items.map((i) => [i.key, i.templateId]));
}

const labels = (keys: SubscriptionKey[]) => keys.map((k) => `“${SUBSCRIPTION_LABELS[k]}”`).join('、');

const UNCONFIGURED_HINT = '组织部尚未在小程序后台配置消息模板，暂时无法订阅；配置后即可在“我的·订阅消息”中开启';

function outcome(status: SubscribeOutcome['status'], message: string, extra: Partial<SubscribeOutcome> = {}): SubscribeOutcome {
  return { status, message, answers: {}, unconfigured: [], items: null, ...extra };
}

/** 微信授权接口失败时的中文说明（errCode 见 wx.requestSubscribeMessage 文档） */
export function subscribeErrorMessage(err: unknown): string {
  const e = (err ?? {}) as { errCode?: number; errMsg?: string };
  const msg = e.errMsg ?? (err instanceof Error ? err.message : '');
  if (/TAP gesture|user TAP/i.test(msg)) return '微信要求在点击后直接发起订阅：请再点一次“接收提醒”';
  switch (e.errCode) {
    case 10002:
    case 10003:
      return '网络不稳定，订阅请求未能发出，请稍后再试';
    case 10005:
      return '小程序不在前台，无法弹出订阅框，请回到页面后再试';
    case 20001:
    case 20002:
    case 20003:
      return '订阅消息模板配置有误，请联系组织部';
    case 20004:
      return '你已关闭小程序的订阅消息：请在右上角“…”→“设置”→“订阅消息”中打开后再试';
    case 20005:
      return '小程序暂时不能发送订阅消息，请联系组织部';
    default:
      return '订阅请求失败，请稍后再试';
  }
}

/** 授权被用户关掉（没选允许也没选拒绝） */
function isCancel(err: unknown): boolean {
  const msg = (err as { errMsg?: string } | null)?.errMsg ?? '';
  return /cancel/i.test(msg);
}

/** 记录成功后的说明：开启的写明剩余条数；未允许、被封禁、被过滤的各自说明怎么办 */
function recordedMessage(answers: SubscribeOutcome['answers'], items: GrantStatus[], unconfigured: SubscriptionKey[]): string {
  const by = (a: SubscribeAnswer) => (Object.keys(answers) as SubscriptionKey[]).filter((k) => answers[k] === a);
  const parts: string[] = [];
  const accepted = by('accept');
  if (accepted.length) {
    const left = accepted.map((k) => `${SUBSCRIPTION_LABELS[k]}剩余 ${items.find((i) => i.key === k)?.unused ?? 0} 条`);
    parts.push(`已开启：${left.join('，')}`);
  }
  if (by('reject').length) parts.push(`未允许${labels(by('reject'))}，需要时可在“我的·订阅消息”中重新开启`);
  if (by('ban').length) parts.push(`${labels(by('ban'))}已设为不再询问：请在右上角“…”→“设置”→“订阅消息”中打开`);
  if (by('filter').length) parts.push(`${labels(by('filter'))}被微信过滤，请联系组织部`);
  if (unconfigured.length) parts.push(`${labels(unconfigured)}尚未配置模板`);
  return parts.join('；');
}

/**
 * 本地模式（H5 + 本地运行时）：没有微信的授权框，弹一个写明“模拟”的对话框，
 * 允许 = 各模板 accept，拒绝 = 各模板 reject，关掉 = 不作答。
 */
async function simulatedDialog(keys: SubscriptionKey[]): Promise<SubscribeOutcome['answers'] | null> {
  const res = await Taro.showModal({
    title: SIMULATED_DIALOG_TITLE,
    content: `小程序想向你发送：${keys.map((k) => SUBSCRIPTION_LABELS[k]).join('、')}。每次允许可收到一条。本地不会真正发送，消息记入发件箱。`,
    confirmText: '允许',
    cancelText: '拒绝',
  });
  if (res.confirm) return Object.fromEntries(keys.map((k) => [k, 'accept' as const]));
  if (res.cancel) return Object.fromEntries(keys.map((k) => [k, 'reject' as const]));
  return null;
}

/** 微信：弹出授权框，把按模板 ID 的答复换回模板键 */
async function wechatDialog(keys: SubscriptionKey[], ids: Map<SubscriptionKey, string | null>): Promise<SubscribeOutcome['answers'] | null> {
  const tmplIds = keys.map((k) => ids.get(k) as string);
  const res = (await Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, unknown>;
  const answers: SubscribeOutcome['answers'] = {};
  for (const k of keys) {
    const a = res[ids.get(k) as string];
    if (typeof a === 'string' && (ANSWERS as readonly string[]).includes(a)) answers[k] = a as SubscribeAnswer;
  }
  return Object.keys(answers).length ? answers : null;
}

async function run(keys: SubscriptionKey[]): Promise<SubscribeOutcome> {
  const wanted = [...new Set(keys)].filter((k) => (SUBSCRIPTION_KEYS as readonly string[]).includes(k));
  if (!wanted.length) return outcome('error', '没有要订阅的消息');
  // 有缓存时不等待：微信只在点击的同一轮事件里弹订阅框
  let ids = templateIds;
  if (!ids) {
    try {
      await loadSubscriptions();
      ids = templateIds as Map<SubscriptionKey, string | null>;
    } catch (err) {
      return outcome('error', `读取订阅设置失败：${messageOf(err)}`);
    }
  }
  const configured = wanted.filter((k) => ids.get(k));
  const unconfigured = wanted.filter((k) => !ids.get(k));
  if (!configured.length) return outcome('unconfigured', `${labels(unconfigured)}：${UNCONFIGURED_HINT}`, { unconfigured });

  const local = configured.every((k) => (ids.get(k) as string).startsWith(LOCAL_TEMPLATE_PREFIX));
  if (!local && process.env.TARO_ENV === 'h5') {
    return outcome('unavailable', '订阅消息只能在微信小程序里授权：请在微信中打开后再试', { unconfigured });
  }

  let answers: SubscribeOutcome['answers'] | null;
  try {
    answers = local ? await simulatedDialog(configured) : await wechatDialog(configured, ids);
  } catch (err) {
    if (isCancel(err)) return outcome('dismissed', '已取消，未开启任何提醒', { unconfigured });
    return outcome('error', subscribeErrorMessage(err), { unconfigured });
  }
  if (!answers) return outcome('dismissed', '已取消，未开启任何提醒', { unconfigured });

  try {
    const { items } = await callFunction('subscriptions', 'record', { answers });
    remember(items);
    return outcome('recorded', recordedMessage(answers, items, unconfigured), { answers, unconfigured, items });
  } catch (err) {
    return outcome('error', `授权结果未能保存（${messageOf(err)}），请再点一次“接收提醒”`, { answers, unconfigured });
  }
}

/**
 * 请求订阅消息授权并记账：如提交材料后 requestSubscriptions(['result', 'correction'])。
 * 先取模板 ID（subscriptions.mine，有缓存时直接用）；未配置模板的跳过并说明；
 * 小程序里调 Taro.requestSubscribeMessage，按模板 ID 把答复换回模板键；
 * 本地模式（模板 ID 为 local-*）弹一个写明“模拟”的对话框；有答复才 subscriptions.record。
 * 不抛异常：一切结果（含失败）都在返回值里，默认另以 toast 提示。
 */
export async function requestSubscriptions(keys: SubscriptionKey[], options: SubscribeOptions = {}): Promise<SubscribeOutcome> {
  const result = await run(keys);
  if (options.feedback !== false && result.message) {
    Taro.showToast({ title: result.message, icon: 'none', duration: 3000 });
  }
  return result;
}
