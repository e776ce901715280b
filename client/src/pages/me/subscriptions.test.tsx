import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me } from '@contract/index';
import { calls, resetTaro, setModalAnswer } from '../../../../test/stubs/taro';
import { clearSubscriptionCache } from '@/services/subscribe';
import { setTransport } from '@/services/transport';
import { serveMe } from './fake-me-server';
import MePage from './index';

/** 订阅消息设置：各模板的剩余条数与上次答复，“接收提醒”走本地模拟授权并记账；未配置的模板说明原因 */
const MEMBER: Me = {
  bound: true,
  localMode: true,
  person: { _id: 'p-m', name: '赵同学', unitName: '计算机科学与工程学院党委', branchName: '计算机学院学生第一党支部', roles: [{ role: 'member', unitId: 'u-cs', branchId: 'b-cs-stu1' }] },
};
const modalTitles = () => calls.filter((c) => c.api === 'showModal').map((c) => (c.arg as { title: string }).title);

describe('我的 · 订阅消息', () => {
  beforeEach(() => resetTaro());
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('lists each template with what is left and the last answer', async () => {
    serveMe({ me: MEMBER });
    render(<MePage />);
    const row = await screen.findByTestId('subscription-result');
    expect(within(row).getByText('评选结果通知')).toBeTruthy();
    expect(screen.getByTestId('subscription-result-unused').textContent).toBe('剩余 0 条');
    expect(screen.getByTestId('subscription-result-last').textContent).toBe('尚未开启');
    expect(screen.getAllByText('接收提醒')).toHaveLength(3);
  });

  it('接收提醒 → simulated dialog → 允许 → records result: accept and shows 剩余 1 条', async () => {
    const server = serveMe({ me: MEMBER });
    render(<MePage />);
    fireEvent.click(await screen.findByTestId('subscribe-result'));
    await waitFor(() => expect(screen.getByTestId('subscription-result-unused').textContent).toBe('剩余 1 条'));
    expect(modalTitles()).toEqual(['本地模式：模拟微信订阅授权']);
    expect(server.of('subscriptions', 'record').map((c) => c.answers)).toEqual([{ result: 'accept' }]);
    expect(screen.getByTestId('subscription-result-last').textContent).toBe('上次：允许（11-21 10:00）');
    expect(screen.getByTestId('subscription-result-result').textContent).toBe('已开启：评选结果通知剩余 1 条');
    // 其他模板不受影响
    expect(screen.getByTestId('subscription-correction-unused').textContent).toBe('剩余 0 条');
  });

  it('拒绝 → records reject, stays at 0, says how to turn it on later', async () => {
    const server = serveMe({ me: MEMBER });
    setModalAnswer(false);
    render(<MePage />);
    fireEvent.click(await screen.findByTestId('subscribe-correction'));
    const result = await screen.findByTestId('subscription-correction-result');
    expect(result.dataset.status).toBe('recorded');
    expect(result.textContent).toContain('未允许“材料补正提醒”');
    expect(server.of('subscriptions', 'record').map((c) => c.answers)).toEqual([{ correction: 'reject' }]);
    expect(screen.getByTestId('subscription-correction-unused').textContent).toBe('剩余 0 条');
    expect(screen.getByTestId('subscription-correction-last').textContent).toContain('上次：拒绝');
  });

  it('explains a template the department has not configured and disables its button', async () => {
    const server = serveMe({ me: MEMBER, templateIds: { deadline: null } });
    render(<MePage />);
    expect((await screen.findByTestId('subscription-deadline-unconfigured')).textContent).toBe('组织部尚未配置此消息模板，暂时无法订阅');
    const button = screen.getByTestId('subscribe-deadline') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(modalTitles()).toEqual([]);
    expect(server.of('subscriptions', 'record')).toEqual([]);
  });

  it('shows why recording failed', async () => {
    serveMe({ me: MEMBER, record: () => ({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' }) });
    render(<MePage />);
    fireEvent.click(await screen.findByTestId('subscribe-result'));
    const result = await screen.findByTestId('subscription-result-result');
    expect(result.dataset.status).toBe('error');
    expect(result.textContent).toBe('授权结果未能保存（系统繁忙，请稍后再试），请再点一次“接收提醒”');
    expect(screen.getByTestId('subscription-result-unused').textContent).toBe('剩余 0 条');
  });

  it('shows a load error with retry', async () => {
    let fail = true;
    serveMe({ me: MEMBER, subscriptions: () => (fail ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: { items: [] } }) });
    render(<MePage />);
    const err = await screen.findByTestId('subscriptions-error');
    expect(err.textContent).toContain('订阅设置读取失败：系统繁忙，请稍后再试');
    fail = false;
    fireEvent.click(within(err).getByText('重试'));
    expect((await screen.findByTestId('subscriptions-empty')).textContent).toBe('暂无可订阅的消息');
  });
});
