import Taro from '@tarojs/taro';
import { SUBSCRIPTION_KEYS, SUBSCRIPTION_LABELS, type GrantStatus, type SubscriptionKey } from '@contract/index';
import { calls, resetTaro, setModalAnswer } from '../../../test/stubs/taro';
import { setTransport } from './transport';
import { clearSubscriptionCache, loadSubscriptions, requestSubscriptions, SIMULATED_DIALOG_TITLE } from './subscribe';

/**
 * test/stubs/taro.ts 没有 requestSubscribeMessage（建议在替身里补上，见报告）：这里用模块替身补一个可控的。
 * 其余 API（showModal、showToast、calls）仍是共用替身里的同一份。
 */
const mockRequestSubscribeMessage = jest.fn();
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  return { __esModule: true, ...actual, default: { ...actual.default, requestSubscribeMessage: (arg: unknown) => mockRequestSubscribeMessage(arg) } };
});

type Ev = { fn: string; action: string; answers?: Record<string, string> };

/** 假的 subscriptions 云函数：按给定的模板 ID 答 mine，record 按答复记账 */
function serve(templateIds: Partial<Record<SubscriptionKey, string | null>>, opts: { failMine?: boolean; failRecord?: boolean } = {}) {
  const events: Ev[] = [];
  const grants = new Map<SubscriptionKey, GrantStatus>(
    SUBSCRIPTION_KEYS.map((key) => [key, { key, label: SUBSCRIPTION_LABELS[key], templateId: templateIds[key] ?? null, unused: 0, lastAnswer: null, updatedAt: null }]),
  );
  setTransport(async (fn, e) => {
    const ev = { fn, ...(e as { action: string }) } as Ev;
    events.push(ev);
    if (ev.action === 'mine') return opts.failMine ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: { items: [...grants.values()] } };
    if (ev.action === 'record') {
      if (opts.failRecord) return { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' };
      for (const [k, a] of Object.entries(ev.answers ?? {}) as [SubscriptionKey, GrantStatus['lastAnswer']][]) {
        const g = grants.get(k)!;
        grants.set(k, { ...g, unused: g.unused + (a === 'accept' ? 1 : 0), lastAnswer: a, updatedAt: '2026-11-21T10:00:00+08:00' });
      }
      return { ok: true, data: { items: [...grants.values()] } };
    }
    return { ok: false, code: 'INTERNAL', message: 'unexpected' };
  });
  return { events, records: () => events.filter((e) => e.action === 'record').map((e) => e.answers), mines: () => events.filter((e) => e.action === 'mine').length };
}

const LOCAL = { result: 'local-result', correction: 'local-correction', deadline: 'local-deadline' };
const WECHAT = { result: 'tmpl-RESULT-abc', correction: 'tmpl-CORR-def', deadline: 'tmpl-DEAD-ghi' };
const modals = () => calls.filter((c) => c.api === 'showModal').map((c) => c.arg as { title: string; content: string; confirmText: string; cancelText: string });
const toasts = () => calls.filter((c) => c.api === 'showToast').map((c) => (c.arg as { title: string }).title);

describe('requestSubscriptions', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => {
    resetTaro();
    clearSubscriptionCache();
    mockRequestSubscribeMessage.mockReset();
  });
  afterEach(() => {
    setTransport(null);
    jest.restoreAllMocks();
    if (env === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV');
    else process.env.TARO_ENV = env;
  });

  describe('local mode (template ids local-*): a labelled simulated dialog', () => {
    it('accept → records accept for each requested key and reports what is left', async () => {
      const s = serve(LOCAL);
      const out = await requestSubscriptions(['result', 'correction']);
      expect(modals()).toHaveLength(1);
      expect(modals()[0]).toMatchObject({ title: SIMULATED_DIALOG_TITLE, confirmText: '允许', cancelText: '拒绝' });
      expect(modals()[0].title).toBe('本地模式：模拟微信订阅授权');
      expect(modals()[0].content).toContain('评选结果通知、材料补正提醒');
      expect(s.records()).toEqual([{ result: 'accept', correction: 'accept' }]);
      expect(out.status).toBe('recorded');
      expect(out.answers).toEqual({ result: 'accept', correction: 'accept' });
      expect(out.items?.find((i) => i.key === 'result')?.unused).toBe(1);
      expect(out.message).toBe('已开启：评选结果通知剩余 1 条，材料补正提醒剩余 1 条');
      expect(toasts()).toEqual([out.message]);
      expect(mockRequestSubscribeMessage).not.toHaveBeenCalled();
    });

    it('reject → records reject, nothing to send', async () => {
      const s = serve(LOCAL);
      setModalAnswer(false);
      const out = await requestSubscriptions(['result'], { feedback: false });
      expect(s.records()).toEqual([{ result: 'reject' }]);
      expect(out.status).toBe('recorded');
      expect(out.items?.find((i) => i.key === 'result')).toMatchObject({ unused: 0, lastAnswer: 'reject' });
      expect(out.message).toContain('未允许“评选结果通知”');
      expect(toasts()).toEqual([]);
    });

    it('dismissed (neither 允许 nor 拒绝) → records nothing', async () => {
      const s = serve(LOCAL);
      jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: false, errMsg: 'showModal:ok' } as never);
      const out = await requestSubscriptions(['result'], { feedback: false });
      expect(out.status).toBe('dismissed');
      expect(out.message).toBe('已取消，未开启任何提醒');
      expect(s.records()).toEqual([]);
    });
  });

  describe('WeChat (real template ids)', () => {
    it('asks WeChat with the template ids and maps the answers back to keys', async () => {
      const s = serve(WECHAT);
      mockRequestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', [WECHAT.result]: 'accept', [WECHAT.correction]: 'reject' });
      const out = await requestSubscriptions(['result', 'correction'], { feedback: false });
      expect(mockRequestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [WECHAT.result, WECHAT.correction] });
      expect(s.records()).toEqual([{ result: 'accept', correction: 'reject' }]);
      expect(out.status).toBe('recorded');
      expect(out.message).toContain('已开启：评选结果通知剩余 1 条');
      expect(out.message).toContain('未允许“材料补正提醒”');
      expect(modals()).toEqual([]);
    });

    it('records ban and filter with advice on what to do', async () => {
      const s = serve(WECHAT);
      mockRequestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', [WECHAT.result]: 'ban', [WECHAT.deadline]: 'filter' });
      const out = await requestSubscriptions(['result', 'deadline'], { feedback: false });
      expect(s.records()).toEqual([{ result: 'ban', deadline: 'filter' }]);
      expect(out.message).toContain('“评选结果通知”已设为不再询问');
      expect(out.message).toContain('“截止时间提醒”被微信过滤');
    });

    it('with template ids already loaded, calls WeChat in the same tick as the tap (no await first)', async () => {
      serve(WECHAT);
      await loadSubscriptions();
      mockRequestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', [WECHAT.result]: 'accept' });
      const pending = requestSubscriptions(['result'], { feedback: false });
      expect(mockRequestSubscribeMessage).toHaveBeenCalledTimes(1);
      expect((await pending).status).toBe('recorded');
    });

    it('fetches the template ids once, then reuses them', async () => {
      const s = serve(WECHAT);
      mockRequestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [WECHAT.result]: 'accept' });
      await requestSubscriptions(['result'], { feedback: false });
      await requestSubscriptions(['result'], { feedback: false });
      expect(s.mines()).toBe(1);
      expect(s.records()).toHaveLength(2);
    });

    it('user closes the WeChat dialog → dismissed, nothing recorded', async () => {
      const s = serve(WECHAT);
      mockRequestSubscribeMessage.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail cancel' });
      const out = await requestSubscriptions(['result']);
      expect(out.status).toBe('dismissed');
      expect(s.records()).toEqual([]);
      expect(toasts()).toEqual(['已取消，未开启任何提醒']);
    });

    it('explains WeChat errors in Chinese (main switch off, not a tap)', async () => {
      const s = serve(WECHAT);
      mockRequestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist' });
      const off = await requestSubscriptions(['result'], { feedback: false });
      expect(off.status).toBe('error');
      expect(off.message).toContain('你已关闭小程序的订阅消息');
      mockRequestSubscribeMessage.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' });
      const tap = await requestSubscriptions(['result'], { feedback: false });
      expect(tap.message).toBe('微信要求在点击后直接发起订阅：请再点一次“接收提醒”');
      mockRequestSubscribeMessage.mockRejectedValueOnce({ errCode: 99999, errMsg: 'requestSubscribeMessage:fail unknown' });
      expect((await requestSubscriptions(['result'], { feedback: false })).message).toBe('订阅请求失败，请稍后再试');
      expect(s.records()).toEqual([]);
    });

    it('in a browser build with real template ids, says it only works inside WeChat', async () => {
      process.env.TARO_ENV = 'h5';
      serve(WECHAT);
      const out = await requestSubscriptions(['result'], { feedback: false });
      expect(out.status).toBe('unavailable');
      expect(out.message).toContain('只能在微信小程序里授权');
      expect(mockRequestSubscribeMessage).not.toHaveBeenCalled();
    });
  });

  describe('templates not configured (templateId null)', () => {
    it('explains that the department has not configured them and shows no dialog', async () => {
      const s = serve({});
      const out = await requestSubscriptions(['result', 'correction']);
      expect(out.status).toBe('unconfigured');
      expect(out.unconfigured).toEqual(['result', 'correction']);
      expect(out.message).toContain('“评选结果通知”、“材料补正提醒”');
      expect(out.message).toContain('组织部尚未在小程序后台配置消息模板');
      expect(modals()).toEqual([]);
      expect(mockRequestSubscribeMessage).not.toHaveBeenCalled();
      expect(s.records()).toEqual([]);
      expect(toasts()).toEqual([out.message]);
    });

    it('asks only for the configured ones and mentions the rest', async () => {
      const s = serve({ result: 'local-result' });
      const out = await requestSubscriptions(['result', 'correction'], { feedback: false });
      expect(modals()[0].content).toContain('评选结果通知');
      expect(modals()[0].content).not.toContain('材料补正提醒');
      expect(s.records()).toEqual([{ result: 'accept' }]);
      expect(out.unconfigured).toEqual(['correction']);
      expect(out.message).toBe('已开启：评选结果通知剩余 1 条；“材料补正提醒”尚未配置模板');
    });
  });

  describe('errors', () => {
    it('reading the templates fails → Chinese error, no dialog', async () => {
      serve(LOCAL, { failMine: true });
      const out = await requestSubscriptions(['result'], { feedback: false });
      expect(out).toMatchObject({ status: 'error', message: '读取订阅设置失败：系统繁忙，请稍后再试' });
      expect(modals()).toEqual([]);
    });

    it('recording fails → says the answer was not saved', async () => {
      serve(LOCAL, { failRecord: true });
      const out = await requestSubscriptions(['result'], { feedback: false });
      expect(out.status).toBe('error');
      expect(out.message).toBe('授权结果未能保存（系统繁忙，请稍后再试），请再点一次“接收提醒”');
    });

    it('no keys → error without calling anything', async () => {
      const s = serve(LOCAL);
      expect((await requestSubscriptions([], { feedback: false })).status).toBe('error');
      expect(s.events).toEqual([]);
    });
  });
});
