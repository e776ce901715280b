import { SUBSCRIPTION_KEYS, SUBSCRIPTION_LABELS, type EntrySummary, type GrantStatus, type Me, type Notification, type Reply, type SubscriptionKey, type Task } from '@contract/index';
import { campaignA2027 } from '@/test-support/campaign-fixtures';
import { setTransport } from '@/services/transport';

/**
 * “我的”页组件测试用的假服务端（只在测试里用）：session.whoami、entries.tasks、entries.list（按游标分页）、
 * campaigns.get（评选名称）、subscriptions.mine / record（按人记账，允许一次记 1 条）。
 * 每项都可以换成一个返回回复的函数，用来模拟失败或变化。
 */
export type Call = { fn: string; action: string; [k: string]: unknown };
type Handler = (event: Call) => Reply<unknown> | Promise<Reply<unknown>>;

export interface MeServerOptions {
  me: Me | Handler;
  tasks?: Task[] | Handler;
  /** 本支部/本单位的全部申报，已按“最近更新在前”排好 */
  entries?: EntrySummary[] | Handler;
  /** 评选 id → 名称 */
  campaigns?: Record<string, string>;
  /** 各模板的模板 ID（null = 未配置）；默认全部为本地的 local-<key> */
  templateIds?: Partial<Record<SubscriptionKey, string | null>>;
  subscriptions?: Handler;
  record?: Handler;
  /** 未送达的通知（notifications.mine）；markRead 从中删去；默认没有 */
  notices?: Notification[] | Handler;
  markRead?: Handler;
}

export interface MeServer {
  calls: Call[];
  of(fn: string, action: string): Call[];
  grants: Map<SubscriptionKey, GrantStatus>;
}

const ok = (data: unknown): Reply<unknown> => ({ ok: true, data });

export function serveMe(opts: MeServerOptions): MeServer {
  const calls: Call[] = [];
  const grants = new Map<SubscriptionKey, GrantStatus>(
    SUBSCRIPTION_KEYS.map((key) => [
      key,
      { key, label: SUBSCRIPTION_LABELS[key], templateId: opts.templateIds && key in opts.templateIds ? (opts.templateIds[key] ?? null) : `local-${key}`, unused: 0, lastAnswer: null, updatedAt: null },
    ]),
  );
  const items = () => ({ items: [...grants.values()] });
  let notices = Array.isArray(opts.notices) ? [...opts.notices] : [];
  setTransport(async (fn, e) => {
    const call = { fn, ...(e as { action: string }) } as Call;
    calls.push(call);
    const key = `${fn}.${call.action}`;
    switch (key) {
      case 'session.whoami':
        return typeof opts.me === 'function' ? opts.me(call) : ok(opts.me);
      case 'entries.tasks':
        return typeof opts.tasks === 'function' ? opts.tasks(call) : ok({ items: opts.tasks ?? [] });
      case 'entries.list': {
        if (typeof opts.entries === 'function') return opts.entries(call);
        const all = opts.entries ?? [];
        const start = call.cursor ? Number(call.cursor) : 0;
        const size = Number(call.pageSize ?? 20);
        const page = all.slice(start, start + size);
        return ok({ items: page, nextCursor: start + size < all.length ? String(start + size) : null });
      }
      case 'campaigns.get': {
        const title = opts.campaigns?.[call.id as string];
        return title ? ok(campaignA2027({ _id: call.id as string, title })) : { ok: false, code: 'NOT_FOUND', message: '评选不存在' };
      }
      case 'defence.mine':
        return ok({ items: [] });
      case 'subscriptions.mine':
        return opts.subscriptions ? opts.subscriptions(call) : ok(items());
      case 'subscriptions.record': {
        if (opts.record) return opts.record(call);
        for (const [k, answer] of Object.entries(call.answers as Record<SubscriptionKey, GrantStatus['lastAnswer']>) as [SubscriptionKey, GrantStatus['lastAnswer']][]) {
          const g = grants.get(k)!;
          grants.set(k, { ...g, unused: g.unused + (answer === 'accept' ? 1 : 0), lastAnswer: answer, updatedAt: '2026-11-21T10:00:00+08:00' });
        }
        return ok(items());
      }
      case 'notifications.mine':
        return typeof opts.notices === 'function' ? opts.notices(call) : ok({ items: notices, more: false });
      case 'notifications.markRead': {
        if (opts.markRead) return opts.markRead(call);
        const ids = call.ids as string[];
        const before = notices.length;
        notices = notices.filter((n) => !ids.includes(n._id));
        return ok({ marked: before - notices.length });
      }
      default:
        return { ok: false, code: 'INTERNAL', message: `假服务端没有 ${key}` };
    }
  });
  return { calls, of: (fn, action) => calls.filter((c) => c.fn === fn && c.action === action), grants };
}

/** 一份申报摘要样例 */
export function summaryOf(patch: Partial<EntrySummary> & { _id: string }): EntrySummary {
  return {
    campaignId: 'c-2026-a',
    campaignTitle: '2026 年度基层党建工作创新奖评选',
    trackKey: 'case',
    kind: 'A',
    year: 2026,
    entrantLevel: 'branch',
    entrantName: '计算机学院教工第一党支部',
    unitId: 'u-cs',
    unitName: '计算机科学与工程学院党委',
    branchId: 'b-cs-staff1',
    status: 'submitted',
    level: null,
    rating: null,
    quotaExempt: false,
    updatedAt: '2026-11-20T10:00:00+08:00',
    submittedAt: '2026-11-20T10:00:00+08:00',
    version: 2,
    title: '“智算先锋”党员攻坚队',
    correctionDeadline: null,
    ...patch,
  };
}
