import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { NoticeSummary } from '@contract/index';
import { calls, resetTaro, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
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

describe('通知 page', () => {
  let events: ListEvent[];
  beforeEach(() => {
    resetTaro();
    events = [];
  });
  afterEach(() => setTransport(null));

  it('renders a card per notice (kind, title, 文号, issuer, date, summary) and opens one on tap', async () => {
    setTransport(async (name, e) => {
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
    setTransport(async (_n, e) => {
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
    setTransport(async (_n, e) => {
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
    setTransport(async () => (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : page([notice(1)])));
    render(<NoticesPage />);
    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('loads the next page with the cursor when reaching the bottom, once per cursor', async () => {
    setTransport(async (_n, e) => {
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
    setTransport(async (_n, e) => {
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
    setTransport(async (_n, e) =>
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
    setTransport(async () => {
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
