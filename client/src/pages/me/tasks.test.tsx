import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me, Task } from '@contract/index';
import { calls, resetTaro, trigger } from '../../../../test/stubs/taro';
import { describeDeadline } from '@/components/Deadline';
import { clearSubscriptionCache } from '@/services/subscribe';
import { setTransport } from '@/services/transport';
import { clearCampaignTitles } from './campaign-titles';
import { serveMe } from './fake-me-server';
import MePage from './index';

/** 我的待办：点开单份材料、期限按北京时间并写明剩余时间、不足 24 小时标红、空与出错 */
const SECRETARY: Me = {
  bound: true,
  localMode: false,
  person: { _id: 'p-sec', name: '张书记', unitName: '计算机科学与工程学院党委', branchName: '计算机学院教工第一党支部', roles: [{ role: 'branchEditor', unitId: 'u-cs', branchId: 'b-cs-staff1' }] },
};
const UNIT_ADMIN: Me = {
  bound: true,
  localMode: false,
  person: { _id: 'p-ua', name: '李老师', unitName: '计算机科学与工程学院党委', branchName: null, roles: [{ role: 'unitAdmin', unitId: 'u-cs' }] },
};
const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('我的待办', () => {
  beforeEach(() => {
    resetTaro();
    clearCampaignTitles();
  });
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('lists tasks with the campaign title, opens a single entry, and marks a correction deadline under 24 h in red', async () => {
    const tasks: Task[] = [
      { kind: 'correction', label: '《智算先锋》待补正', campaignId: 'c-2026-a', entryId: 'e-1', count: 1, deadline: inHours(5) },
      { kind: 'correction', label: '《红色引擎》待补正', campaignId: 'c-2026-a', entryId: 'e-2', count: 1, deadline: inHours(24 * 3 + 2) },
      { kind: 'draft', label: '《读书会》尚未提交', campaignId: 'c-2026-b', entryId: 'e-3', count: 1, deadline: null },
    ];
    serveMe({ me: SECRETARY, tasks, campaigns: { 'c-2026-a': '2026 年度基层党建工作创新奖评选', 'c-2026-b': '2026 年度基层党组织活动方案立项' } });
    render(<MePage />);
    const rows = await screen.findAllByTestId('task');
    expect(rows.map((r) => r.querySelector('span')?.textContent)).toEqual(['《智算先锋》待补正', '《红色引擎》待补正', '《读书会》尚未提交']);
    expect(screen.getByText('我的待办（3）')).toBeTruthy();
    await within(rows[0]).findByText('2026 年度基层党建工作创新奖评选');
    expect(within(rows[2]).getByText('2026 年度基层党组织活动方案立项')).toBeTruthy();

    const near = within(rows[0]).getByTestId('task-deadline');
    expect(near.dataset.urgent).toBe('true');
    expect(near.className).toContain('deadline--urgent');
    expect(near.textContent).toContain(`补正期限 ${describeDeadline(tasks[0].deadline!).at}（北京时间）`);
    expect(within(near).getByTestId('task-deadline-left').textContent).toMatch(/^剩 (4 小时 5\d 分|5 小时)$/);

    const far = within(rows[1]).getByTestId('task-deadline');
    expect(far.dataset.urgent).toBe('false');
    expect(far.className).not.toContain('deadline--urgent');
    expect(within(far).getByTestId('task-deadline-left').textContent).toMatch(/^剩 3 天 (1|2) 小时$/);
    expect(within(rows[2]).queryByTestId('task-deadline')).toBeNull();

    fireEvent.click(rows[1]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-2' } });
  });

  it('says overdue in red once the deadline has passed', async () => {
    serveMe({ me: SECRETARY, tasks: [{ kind: 'correction', label: '《智算先锋》待补正', campaignId: 'c-x', entryId: 'e-1', count: 1, deadline: inHours(-1) }] });
    render(<MePage />);
    const d = await screen.findByTestId('task-deadline');
    expect(d.dataset.urgent).toBe('true');
    expect(within(d).getByTestId('task-deadline-left').textContent).toBe('已逾期');
    // 评选名称取不到时仍显示待办
    expect(screen.getByText('评选')).toBeTruthy();
  });

  it('shows per-campaign counts for a unit admin without a link, pointing to 我的申报', async () => {
    serveMe({ me: UNIT_ADMIN, tasks: [{ kind: 'unitReview', label: '3 份材料待审核推荐', campaignId: 'c-2026-a', entryId: null, count: 3, deadline: null }] });
    render(<MePage />);
    const row = await screen.findByTestId('task');
    expect(row.dataset.kind).toBe('unitReview');
    expect(within(row).getByText('在下方“我的申报”中逐份打开处理')).toBeTruthy();
    fireEvent.click(row);
    expect(calls.filter((c) => c.api === 'navigateTo')).toEqual([]);
    await screen.findByTestId('my-entries-empty');
  });

  it('says there is nothing to do, and hides the section from a plain 党员', async () => {
    serveMe({ me: SECRETARY, tasks: [] });
    const { unmount } = render(<MePage />);
    expect((await screen.findByTestId('tasks-empty')).textContent).toContain('暂无待办');
    unmount();
    serveMe({ me: { ...SECRETARY, person: { ...SECRETARY.person!, roles: [{ role: 'member', unitId: 'u-cs', branchId: 'b-cs-staff1' }] } } });
    render(<MePage />);
    await screen.findByTestId('subscriptions');
    expect(screen.queryByTestId('tasks')).toBeNull();
    expect(screen.queryByTestId('my-entries')).toBeNull();
    await screen.findByTestId('subscription-result-unused');
  });

  it('shows a load error with retry, and reloads when the page is shown again', async () => {
    let fail = true;
    let n = 0;
    serveMe({
      me: SECRETARY,
      tasks: () => {
        n += 1;
        return fail ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: { items: [{ kind: 'draft', label: `《第 ${n} 次》尚未提交`, campaignId: 'c', entryId: 'e', count: 1, deadline: null }] } };
      },
    });
    render(<MePage />);
    const err = await screen.findByTestId('tasks-error');
    expect(err.textContent).toContain('待办读取失败：系统繁忙，请稍后再试');
    fail = false;
    fireEvent.click(within(err).getByText('重试'));
    expect(await screen.findByText('《第 2 次》尚未提交')).toBeTruthy();
    await act(() => trigger('didShow'));
    expect(await screen.findByText('《第 3 次》尚未提交')).toBeTruthy();
  });
});
