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

describe('通知 page', () => {
  let events: ListEvent[];
  beforeEach(() => {
    resetTaro();
    events = [];
  });
  afterEach(() => setTransport(null));

  it('renders cards newest first and opens a notice on tap', async () => {
    setTransport(async (_n, e) => {
      events.push(e as ListEvent);
      return { ok: true, data: { items: [notice(2, 'D'), notice(1, 'A')], nextCursor: null } };
    });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(2);
    expect(screen.getByText('特色支部创建申报')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('notice-card')[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/pages/notice/index?id=n2' } });
  });

  it('shows the empty state, and a search-specific one', async () => {
    setTransport(async (_n, e) => {
      events.push(e as ListEvent);
      return { ok: true, data: { items: [], nextCursor: null } };
    });
    render(<NoticesPage />);
    expect(await screen.findByText('暂无通知')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('搜索通知标题'), { target: { value: '验收' } });
    expect(await screen.findByText('没有找到相关通知')).toBeTruthy();
    expect(events[events.length - 1]).toEqual({ action: 'list', keyword: '验收', pageSize: 10 });
  });

  it('shows the error with a retry that recovers', async () => {
    let fail = true;
    setTransport(async () => (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : { ok: true, data: { items: [notice(1)], nextCursor: null } }));
    render(<NoticesPage />);
    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(1);
  });

  it('loads the next page with the cursor when reaching the bottom', async () => {
    setTransport(async (_n, e) => {
      const ev = e as ListEvent;
      events.push(ev);
      return ev.cursor
        ? { ok: true, data: { items: [notice(1)], nextCursor: null } }
        : { ok: true, data: { items: [notice(3), notice(2)], nextCursor: 'CURSOR-2' } };
    });
    render(<NoticesPage />);
    expect(await screen.findAllByTestId('notice-card')).toHaveLength(2);
    await act(() => trigger('reachBottom'));
    await waitFor(() => expect(screen.getAllByTestId('notice-card')).toHaveLength(3));
    expect(events[1]).toEqual({ action: 'list', cursor: 'CURSOR-2', pageSize: 10 });
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });
});
