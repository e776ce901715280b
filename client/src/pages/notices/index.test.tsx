import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { CampaignSummary, NoticeSummary, RoleGrant } from '@contract/index';
import { calls, resetTaro, trigger } from '../../../../test/stubs/taro';
import { setTransport, type SendFn } from '@/services/transport';
import NoticesPage from './index';

function notice(i: number, kind: NoticeSummary['kind'] = 'A'): NoticeSummary {
  return {
    _id: `n${i}`,
    title: `通知标题 ${i}`,
    docNumber: `东大组字〔2024〕${i}号`,
    issuer: '中共东北大学委员会组织部',
    issuedOn: '2024-04-22',
    publishedAt: '2024-04-22T09:00:00+08:00',
    kind,
    summary: `摘要 ${i}`,
  };
}

type ListEvent = { action: string; keyword?: string; cursor?: string; pageSize: number };
const page = (items: NoticeSummary[], nextCursor: string | null = null) => ({ ok: true, data: { items, nextCursor } });
const UNBOUND = { ok: false, code: 'UNAUTHENTICATED', message: '请先绑定身份后再操作' };

/** 假服务端只答通知；评选与身份按未绑定的访客答（评选一块不显示），它们的请求不记入 events */
function serveNotices(fn: SendFn) {
  setTransport(async (name, e) => (name === 'notices' ? fn(name, e) : UNBOUND));
}

describe('通知 page', () => {
  let events: ListEvent[];
  beforeEach(() => {
    resetTaro();
    events = [];
  });
  afterEach(() => setTransport(null));

  it('renders a card per notice (kind, title, 文号, issuer, date, summary) and opens one on tap', async () => {
    serveNotices(async (name, e) => {
      expect(name).toBe('notices');
      events.push(e as ListEvent);
      return page([notice(2, 'D'), notice(1, null)]);
    });
    render(<NoticesPage />);
    const cards = await screen.findAllByTestId('notice-card');
    expect(cards).toHaveLength(2);
    expect(events).toEqual([{ action: 'list', pageSize: 10 }]);
    const first = cards[0].textContent ?? '';
    for (const part of ['特色支部创建申报', '通知标题 2', '东大组字〔2024〕2号', '中共东北大学委员会组织部', '2024-04-22', '摘要 2']) {
      expect(first).toContain(part);
    }
    expect(screen.getByText('没有更多了')).toBeTruthy();
    fireEvent.click(cards[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/pages/notice/index?id=n2' } });
  });

  it('shows the empty state, and a search-specific one', async () => {
    serveNotices(async (_n, e) => {
      events.push(e as ListEvent);
      return page([]);
    });
    render(<NoticesPage />);
    expect(await screen.findByText('暂无通知')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('搜索通知标题'), { target: { value: '验收' } });
    expect(await screen.findByText('没有找到相关通知')).toBeTruthy();
    expect(events[events.length - 1]).toEqual({ action: 'list', keyword: '验收', pageSize: 10 });
  });

  it('debounces the search box: quick typing sends one request with the final keyword', async () => {
    serveNotices(async (_n, e) => {
      const ev = e as ListEvent;
      events.push(ev);
      return page(ev.keyword ? [notice(7, 'C')] : [notice(1), notice(2)]);
    });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(2);
    const box = screen.getByPlaceholderText('搜索通知标题');
    fireEvent.change(box, { target: { value: '成' } });
    fireEvent.change(box, { target: { value: '成果' } });
    fireEvent.change(box, { target: { value: '成果验收 ' } });
    await waitFor(() => expect(screen.getAllByTestId('notice-card')).toHaveLength(1));
    expect(events.filter((e) => e.keyword !== undefined)).toEqual([{ action: 'list', keyword: '成果验收', pageSize: 10 }]);
  });

  it('shows the error with a retry that recovers', async () => {
    let fail = true;
    serveNotices(async () => (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : page([notice(1)])));
    render(<NoticesPage />);
    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('loads the next page with the cursor when reaching the bottom, once per cursor', async () => {
    serveNotices(async (_n, e) => {
      const ev = e as ListEvent;
      events.push(ev);
      return ev.cursor ? page([notice(1)]) : page([notice(3), notice(2)], 'CURSOR-2');
    });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(2);
    expect(screen.getByText('加载更多')).toBeTruthy();
    await act(async () => {
      await Promise.all([trigger('reachBottom'), trigger('reachBottom')]);
    });
    await waitFor(() => expect(screen.getAllByTestId('notice-card')).toHaveLength(3));
    expect(events).toEqual([
      { action: 'list', pageSize: 10 },
      { action: 'list', cursor: 'CURSOR-2', pageSize: 10 },
    ]);
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('keeps the search keyword when paging through search results', async () => {
    serveNotices(async (_n, e) => {
      const ev = e as ListEvent;
      events.push(ev);
      if (!ev.keyword) return page([notice(9)]);
      return ev.cursor ? page([notice(4)]) : page([notice(6), notice(5)], 'K-CURSOR');
    });
    render(<NoticesPage />);
    await screen.findAllByTestId('notice-card');
    fireEvent.change(screen.getByPlaceholderText('搜索通知标题'), { target: { value: '立项' } });
    await waitFor(() => expect(screen.getAllByTestId('notice-card')).toHaveLength(2));
    await act(() => trigger('reachBottom'));
    await waitFor(() => expect(screen.getAllByTestId('notice-card')).toHaveLength(3));
    expect(events[events.length - 1]).toEqual({ action: 'list', keyword: '立项', cursor: 'K-CURSOR', pageSize: 10 });
  });

  it('keeps what is loaded and shows a toast when the next page fails', async () => {
    serveNotices(async (_n, e) =>
      (e as ListEvent).cursor ? { ok: false, code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' } : page([notice(2), notice(1)], 'C'),
    );
    render(<NoticesPage />);
    await screen.findAllByTestId('notice-card');
    await act(() => trigger('reachBottom'));
    await waitFor(() => expect(calls).toContainEqual({ api: 'showToast', arg: { title: '操作过于频繁，请稍后再试', icon: 'none' } }));
    expect(screen.getAllByTestId('notice-card')).toHaveLength(2);
    expect(screen.getByText('加载更多')).toBeTruthy();
  });

  it('pull-down refresh reloads the first page without blanking the list, then stops the spinner', async () => {
    let round = 0;
    serveNotices(async () => {
      round += 1;
      return round === 1 ? page([notice(1)]) : page([notice(2), notice(1)]);
    });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
    await act(() => trigger('pullDownRefresh'));
    expect(screen.getAllByTestId('notice-card')).toHaveLength(2);
    expect(screen.queryByTestId('state-loading')).toBeNull();
    expect(calls.map((c) => c.api)).toContain('stopPullDownRefresh');
  });
});

describe('通知 page: open campaigns above the notices', () => {
  const A2026: CampaignSummary = {
    _id: 'c-2026-a',
    kind: 'A',
    title: '2026 年度基层党建工作创新奖评选',
    year: 2026,
    status: 'open',
    docNumber: '',
    noticeId: null,
    version: 1,
    tracks: [{ key: 'case', label: '创新奖申报' }],
    stages: [
      { key: 'submission', label: '申报与报送', startsAt: '2026-10-26T00:00:00+08:00', endsAt: '2026-11-30T23:59:59+08:00', note: '', track: null },
      { key: 'publication', label: '结果公布', startsAt: '2027-01-01T00:00:00+08:00', endsAt: '2027-12-31T23:59:59+08:00', note: '', track: null },
    ],
  };
  const C2027: CampaignSummary = {
    ...A2026,
    _id: 'c-2027-c',
    kind: 'C',
    title: '2026 年度特色支部创建工作成果验收',
    year: 2027,
    noticeId: 'n-2027-8',
    stages: [{ key: 'submission', label: '申报', startsAt: '2027-03-15T00:00:00+08:00', endsAt: '2027-04-14T17:00:00+08:00', note: '', track: null }],
  };
  const PUBLISHED: CampaignSummary = {
    ...A2026,
    _id: 'c-2025-a',
    title: '2025 年度基层党建工作创新奖评选',
    year: 2025,
    noticeId: 'n-2025-a',
    stages: [
      { key: 'submission', label: '申报', startsAt: '2025-10-26T00:00:00+08:00', endsAt: '2025-11-30T23:59:59+08:00', note: '', track: null },
      { key: 'publication', label: '结果公布', startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00', note: '', track: null },
    ],
  };
  const MEMBER: RoleGrant[] = [{ role: 'member', unitId: 'u-cs', branchId: 'b-cs-stu1' }];
  const EDITOR: RoleGrant[] = [...MEMBER, { role: 'branchEditor', unitId: 'u-cs', branchId: 'b-cs-stu1' }];
  const UNIT_ADMIN: RoleGrant[] = [{ role: 'unitAdmin', unitId: 'u-cs' }];

  /** 只假 Date（北京时间 2026-11-28 18:59:59，周六傍晚）；计时器照常，不妨碍异步等待 */
  beforeEach(() => {
    resetTaro();
    jest.useFakeTimers({
      now: new Date('2026-11-28T18:59:59+08:00'),
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
    setTransport(null);
  });

  function serve(opts: { campaigns?: CampaignSummary[]; grants?: RoleGrant[] | null; campaignsReply?: () => unknown }) {
    const names: string[] = [];
    setTransport(async (name) => {
      names.push(name);
      if (name === 'notices') return page([notice(1)]);
      if (name === 'session') {
        return { ok: true, data: opts.grants ? { bound: true, person: { _id: 'p1', name: '张三', unitName: null, branchName: null, roles: opts.grants }, localMode: false } : { bound: false, person: null, localMode: false } };
      }
      if (opts.campaignsReply) return opts.campaignsReply();
      return opts.grants ? { ok: true, data: { items: opts.campaigns ?? [], nextCursor: null } } : UNBOUND;
    });
    return names;
  }
  const cards = () => screen.findAllByTestId('campaign-card');
  const badgeOf = (card: HTMLElement) => [within(card).getByTestId('campaign-badge').textContent, within(card).queryByTestId('campaign-badge-detail')?.textContent ?? ''];

  it('shows each open campaign with its CST status (即将截止 with the time left, 未开始, 结果已公布), the most urgent first', async () => {
    serve({ campaigns: [C2027, A2026, PUBLISHED], grants: MEMBER });
    render(<NoticesPage />);
    // 快截止的排最前，其次未开始，已公布的在后（服务端给的是 C、A、已公布）
    const [a, c, p] = await cards();
    expect(a.textContent).toContain('2026 年度基层党建工作创新奖评选');
    // 评选类型：标题里已有时不重复
    expect(a.querySelector('.open-campaigns__kind')).toBeNull();
    expect(c.querySelector('.open-campaigns__kind')?.textContent).toBe('特色支部创建成果验收');
    expect(badgeOf(a)).toEqual(['即将截止', '还剩 2 天 5 小时']);
    expect(badgeOf(c)).toEqual(['未开始', '2027-03-15 00:00 开始']);
    expect(badgeOf(p)).toEqual(['结果已公布', '']);
    // 评选在通知列表之上，通知照常显示
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
    const order = Array.from(document.querySelectorAll('[data-testid=open-campaigns], [data-testid=notice-card]')).map((el) => el.getAttribute('data-testid'));
    expect(order).toEqual(['open-campaigns', 'notice-card']);
  });

  it('shows 报名中 with the CST deadline while more than three days are left', async () => {
    jest.setSystemTime(new Date('2026-11-22T09:41:00+08:00'));
    serve({ campaigns: [A2026], grants: MEMBER });
    render(<NoticesPage />);
    const [a] = await cards();
    expect(badgeOf(a)).toEqual(['报名中', '2026-11-30 23:59 截止']);
  });

  it('opens the 参加评选 page for a branch secretary and a unit admin', async () => {
    serve({ campaigns: [A2026], grants: EDITOR });
    const { unmount } = render(<NoticesPage />);
    fireEvent.click((await cards())[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/start/index?campaignId=c-2026-a' } });
    unmount();

    resetTaro();
    serve({ campaigns: [A2026], grants: UNIT_ADMIN });
    render(<NoticesPage />);
    fireEvent.click((await cards())[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/start/index?campaignId=c-2026-a' } });
  });

  it('opens the notice for a member (also a secretary who switched to 党员), and nothing when the campaign has no notice', async () => {
    Taro.setStorageSync('activeRole', 'member');
    serve({ campaigns: [C2027, A2026], grants: EDITOR });
    render(<NoticesPage />);
    const [a, c] = await cards();
    fireEvent.click(c);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/pages/notice/index?id=n-2027-8' } });
    const before = calls.length;
    fireEvent.click(a);
    expect(calls.length).toBe(before);
  });

  it('skips the block quietly for an unbound visitor', async () => {
    const names = serve({ campaigns: [A2026], grants: null });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
    await waitFor(() => expect(names).toContain('campaigns'));
    await act(async () => {});
    expect(screen.queryByTestId('open-campaigns')).toBeNull();
    expect(screen.queryByTestId('campaigns-error')).toBeNull();
    expect(screen.queryByTestId('state-error')).toBeNull();
  });

  it('shows a one-line retry when the campaigns cannot be read, and recovers', async () => {
    let fail = true;
    serve({ grants: MEMBER, campaignsReply: () => (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : { ok: true, data: { items: [A2026], nextCursor: null } }) });
    render(<NoticesPage />);
    const error = await screen.findByTestId('campaigns-error');
    expect(error.textContent).toContain('网络异常');
    fail = false;
    fireEvent.click(error);
    expect(await cards()).toHaveLength(1);
  });

  it('reloads the campaigns when the tab is shown again and on pull-down refresh', async () => {
    const names = serve({ campaigns: [A2026], grants: MEMBER });
    render(<NoticesPage />);
    await cards();
    const count = () => names.filter((n) => n === 'campaigns').length;
    expect(count()).toBe(1);
    await act(() => trigger('didShow'));
    await waitFor(() => expect(count()).toBe(2));
    await act(() => trigger('pullDownRefresh'));
    await waitFor(() => expect(count()).toBe(3));
  });

  it('tucks the campaigns away while searching notices', async () => {
    serve({ campaigns: [A2026], grants: MEMBER });
    render(<NoticesPage />);
    await cards();
    const block = screen.getByTestId('open-campaigns').parentElement as HTMLElement;
    expect(block.className).not.toContain('hidden');
    fireEvent.change(screen.getByPlaceholderText('搜索通知标题'), { target: { value: '验收' } });
    expect(block.className).toContain('notices-page__campaigns--hidden');
  });
});
