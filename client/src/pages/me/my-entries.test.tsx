import { fireEvent, render, screen, within } from '@testing-library/react';
import type { EntrySummary, Me } from '@contract/index';
import { calls, resetTaro } from '../../../../test/stubs/taro';
import { clearSubscriptionCache } from '@/services/subscribe';
import { setTransport } from '@/services/transport';
import { clearCampaignTitles } from './campaign-titles';
import { serveMe, summaryOf } from './fake-me-server';
import MePage from './index';
import { MY_ENTRIES_PAGE_SIZE } from './MyEntries';

/** 我的申报：按当前身份取本支部或本单位的申报，状态标签、点开详情、“加载更多”分页、空与出错 */
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
const CAMPAIGNS = { 'c-2026-a': '2026 年度基层党建工作创新奖评选', 'c-2026-b': '2026 年度基层党组织活动方案立项' };

/** n 份申报，最近更新的在前 */
function many(n: number): EntrySummary[] {
  return Array.from({ length: n }, (_, i) =>
    summaryOf({ _id: `e-${String(i + 1).padStart(2, '0')}`, title: `项目 ${i + 1}`, updatedAt: new Date(Date.UTC(2026, 10, 20, 12) - i * 3600_000).toISOString() }),
  );
}
const titles = () => screen.getAllByTestId('my-entry-title').map((t) => t.textContent);

describe('我的申报', () => {
  beforeEach(() => {
    resetTaro();
    clearCampaignTitles();
  });
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('lists the branch’s entries with status badge and campaign, and opens one', async () => {
    const server = serveMe({
      me: SECRETARY,
      campaigns: CAMPAIGNS,
      entries: [
        summaryOf({ _id: 'e-2026-a-cs-staff1', title: '“智算先锋”党员攻坚队', status: 'submitted', updatedAt: '2026-11-06T12:00:00+08:00' }),
        summaryOf({ _id: 'e-2026-b-cs-staff1', campaignId: 'c-2026-b', kind: 'B', trackKey: 'project', title: '党建引领有组织科研', status: 'inProgress', updatedAt: '2026-03-13T16:00:00+08:00' }),
        summaryOf({ _id: 'e-fix', title: '', status: 'correctionRequested', correctionDeadline: '2099-12-01T17:00:00+08:00' }),
      ],
    });
    render(<MePage />);
    await screen.findAllByTestId('my-entry');
    expect(server.of('entries', 'list')[0]).toMatchObject({ branchId: 'b-cs-staff1', pageSize: MY_ENTRIES_PAGE_SIZE });
    expect(server.of('entries', 'list')[0].unitId).toBeUndefined();
    expect(titles()).toEqual(['“智算先锋”党员攻坚队', '党建引领有组织科研', '（未填写名称）']);
    expect(screen.getAllByTestId('my-entry-status').map((b) => b.textContent)).toEqual(['已提交', '实施中', '待补正']);
    expect(screen.getAllByTestId('my-entry-status')[2].className).toContain('status-badge--gold');
    await screen.findByText('2026 年度基层党组织活动方案立项');
    expect(screen.getAllByTestId('my-entry-campaign').map((c) => c.textContent)).toEqual([CAMPAIGNS['c-2026-a'], CAMPAIGNS['c-2026-b'], CAMPAIGNS['c-2026-a']]);
    const rows = screen.getAllByTestId('my-entry');
    expect(rows[0].textContent).toContain('更新于 2026-11-06 12:00');
    expect(within(rows[2]).getByTestId('my-entry-deadline').textContent).toContain('补正期限 2099-12-01 17:00（北京时间）');
    // 只有一页：没有“加载更多”
    expect(screen.queryByTestId('my-entries-more')).toBeNull();
    fireEvent.click(rows[1]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-2026-b-cs-staff1' } });
  });

  it('pages with 加载更多 until the end, passing the cursor', async () => {
    const all = many(MY_ENTRIES_PAGE_SIZE * 2 + 3);
    const server = serveMe({ me: SECRETARY, entries: all });
    render(<MePage />);
    await screen.findAllByTestId('my-entry');
    expect(titles()).toEqual(all.slice(0, MY_ENTRIES_PAGE_SIZE).map((e) => e.title));
    fireEvent.click(screen.getByTestId('my-entries-more'));
    await screen.findByText(`项目 ${MY_ENTRIES_PAGE_SIZE * 2}`);
    expect(server.of('entries', 'list')[1]).toMatchObject({ branchId: 'b-cs-staff1', cursor: String(MY_ENTRIES_PAGE_SIZE) });
    fireEvent.click(screen.getByTestId('my-entries-more'));
    await screen.findByText(`项目 ${all.length}`);
    expect(titles()).toEqual(all.map((e) => e.title));
    expect(screen.queryByTestId('my-entries-more')).toBeNull();
    expect(screen.getByText('已全部显示')).toBeTruthy();
  });

  it('keeps the loaded page when 加载更多 fails and retries it', async () => {
    const all = many(MY_ENTRIES_PAGE_SIZE + 2);
    let failMore = true;
    serveMe({
      me: SECRETARY,
      entries: (call) => {
        if (call.cursor && failMore) return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
        const start = call.cursor ? Number(call.cursor) : 0;
        return { ok: true, data: { items: all.slice(start, start + MY_ENTRIES_PAGE_SIZE), nextCursor: start === 0 ? String(MY_ENTRIES_PAGE_SIZE) : null } };
      },
    });
    render(<MePage />);
    await screen.findAllByTestId('my-entry');
    fireEvent.click(screen.getByTestId('my-entries-more'));
    const err = await screen.findByTestId('my-entries-more-error');
    expect(err.textContent).toContain('加载更多失败：网络异常，请检查网络后重试');
    expect(titles()).toHaveLength(MY_ENTRIES_PAGE_SIZE);
    failMore = false;
    fireEvent.click(within(err).getByText('重试'));
    await screen.findByText(`项目 ${all.length}`);
    expect(titles()).toHaveLength(all.length);
  });

  it('shows a unit admin the whole unit with who entered each', async () => {
    const server = serveMe({
      me: UNIT_ADMIN,
      entries: [summaryOf({ _id: 'e-1', entrantName: '计算机学院学生第一党支部', branchId: 'b-cs-stu1' }), summaryOf({ _id: 'e-2', entrantLevel: 'unit', entrantName: '计算机科学与工程学院党委', branchId: null })],
    });
    render(<MePage />);
    const rows = await screen.findAllByTestId('my-entry');
    expect(server.of('entries', 'list')[0]).toMatchObject({ unitId: 'u-cs' });
    expect(rows[0].textContent).toContain('计算机学院学生第一党支部 · 更新于');
    expect(rows[1].textContent).toContain('计算机科学与工程学院党委 · 更新于');
  });

  it('explains an empty list and a failed load', async () => {
    serveMe({ me: SECRETARY, entries: [] });
    const { unmount } = render(<MePage />);
    expect((await screen.findByTestId('my-entries-empty')).textContent).toContain('还没有申报材料');
    unmount();
    let fail = true;
    serveMe({ me: SECRETARY, entries: () => (fail ? { ok: false, code: 'FORBIDDEN', message: '没有权限执行此操作' } : { ok: true, data: { items: many(1), nextCursor: null } }) });
    render(<MePage />);
    const err = await screen.findByTestId('my-entries-error');
    expect(err.textContent).toContain('申报读取失败：没有权限执行此操作');
    fail = false;
    fireEvent.click(within(err).getByText('重试'));
    expect(await screen.findByText('项目 1')).toBeTruthy();
  });
});
