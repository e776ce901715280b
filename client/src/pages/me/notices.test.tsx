import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me, Notification } from '@contract/index';
import { calls, resetTaro } from '../../../../test/stubs/taro';
import { clearSubscriptionCache } from '@/services/subscribe';
import { setTransport } from '@/services/transport';
import { clearCampaignTitles } from './campaign-titles';
import { serveMe } from './fake-me-server';
import MePage from './index';

/** 我的·待办顶部的未送达通知（issue 6）：没有订阅授权的人在这里看到结果、补正与截止提醒，并写明为什么没收到微信提醒 */
const SECRETARY: Me = {
  bound: true,
  localMode: false,
  person: { _id: 'p-sec', name: '张书记', unitName: '计算机科学与工程学院党委', branchName: '计算机学院教工第一党支部', roles: [{ role: 'branchEditor', unitId: 'u-cs', branchId: 'b-cs-staff1' }] },
};
const RESULT: Notification = {
  _id: 'n1',
  key: 'result',
  title: '2026 年度基层党建工作创新奖评选结果已公布',
  body: '结果已公布：《智算先锋》获“基层党建工作创新奖”',
  page: 'entry/detail/index?id=e-1',
  status: 'pending',
  reason: '未订阅“评选结果通知”（在“我的·订阅消息”里允许后可收到微信提醒）',
  createdAt: '2026-12-01T10:00:00+08:00',
  readAt: null,
};
const CORRECTION: Notification = {
  ...RESULT,
  _id: 'n2',
  key: 'correction',
  title: '材料需要补正',
  body: '《红色引擎》需要补正：缺少盖章扫描件。请于 2026-12-04 23:59（北京时间）前提交补正，逾期未补正将取消资格（A8）',
  page: 'entry/detail/index?id=e-2',
  status: 'failed',
  reason: '微信提醒未送达：用户拒绝接受消息（未订阅或已关闭）（43101）',
};

describe('我的·未读通知', () => {
  beforeEach(() => {
    resetTaro();
    clearCampaignTitles();
  });
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('shows undelivered notices above the tasks with why WeChat did not deliver them, opens the page, and “知道了” hides one', async () => {
    const server = serveMe({ me: SECRETARY, tasks: [], notices: [RESULT, CORRECTION] });
    render(<MePage />);
    const rows = await screen.findAllByTestId('notice');
    expect(screen.getByText('未读通知（2）')).toBeTruthy();
    expect(within(rows[0]).getByText('结果已公布：《智算先锋》获“基层党建工作创新奖”')).toBeTruthy();
    expect(within(rows[0]).getByText(/未收到微信提醒：未订阅“评选结果通知”/)).toBeTruthy();
    expect(within(rows[0]).getByText('2026-12-01 10:00（北京时间）')).toBeTruthy();
    expect(rows[1].dataset.status).toBe('failed');
    expect(within(rows[1]).getByText(/43101/)).toBeTruthy();

    fireEvent.click(rows[1]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-2' } });

    const navigations = calls.filter((c) => c.api === 'navigateTo').length;
    fireEvent.click(within(rows[0]).getByTestId('notice-read'));
    await waitFor(() => expect(screen.getAllByTestId('notice')).toHaveLength(1));
    expect(server.of('notifications', 'markRead')).toEqual([expect.objectContaining({ ids: ['n1'] })]);
    expect(calls.filter((c) => c.api === 'navigateTo')).toHaveLength(navigations); // “知道了”不打开页面
    expect(screen.getByText('未读通知（1）')).toBeTruthy();
    // 待办本身仍按原样显示空状态
    expect(screen.getByTestId('tasks-empty')).toBeTruthy();
  });

  it('takes no room when there is nothing unread, and says so with a retry when the notices cannot be read', async () => {
    let fail = true;
    serveMe({ me: SECRETARY, tasks: [], notices: () => (fail ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: { items: [], more: false } }) });
    render(<MePage />);
    const error = await screen.findByTestId('notices-error');
    expect(error.textContent).toContain('通知读取失败：系统繁忙，请稍后再试');
    fail = false;
    fireEvent.click(within(error).getByText('重试'));
    await waitFor(() => expect(screen.queryByTestId('notices-error')).toBeNull());
    expect(screen.queryByTestId('notices')).toBeNull();
  });
});
