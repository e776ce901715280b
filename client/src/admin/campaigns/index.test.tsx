import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { CampaignSummary } from '@contract/index';
import { calls, resetTaro, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import CampaignsPage from './index';

type Ev = { action: string; cursor?: string; status?: string };

const summary = (id: string, status: CampaignSummary['status'], patch: Partial<CampaignSummary> = {}): CampaignSummary => ({
  _id: id,
  kind: 'A',
  title: `${id} 创新奖评选`,
  year: 2027,
  status,
  docNumber: '',
  noticeId: null,
  version: 1,
  // 2027-11-30 15:59:59Z = 北京时间 23:59:59
  stages: [{ key: 'submission', label: '申报与报送', startsAt: '2027-10-26T00:00:00+08:00', endsAt: '2027-11-30T15:59:59Z', note: '', track: null }],
  tracks: [{ key: 'case', label: '创新奖申报' }],
  ...patch,
});

describe('评选管理 page', () => {
  beforeEach(() => resetTaro());
  afterEach(() => setTransport(null));

  it('lists all campaigns with status, kind, year and the submission deadline in China Standard Time, page by page', async () => {
    const events: Ev[] = [];
    setTransport(async (_n, e) => {
      const ev = e as Ev;
      events.push(ev);
      if (!ev.cursor) return { ok: true, data: { items: [summary('c1', 'draft'), summary('c2', 'open', { kind: 'B', title: '2027 年度基层党组织活动方案立项' })], nextCursor: 'k2' } };
      return { ok: true, data: { items: [summary('c3', 'closed', { year: 2021, docNumber: '东大组字〔2021〕53号', stages: [] })], nextCursor: null } };
    });
    render(<CampaignsPage />);
    const cards = await screen.findAllByTestId('campaign-card');
    expect(cards.map((c) => within(c).getByTestId('campaign-status').textContent)).toEqual(['草稿', '已发布']);
    expect(cards[1].textContent).toContain('基层党组织活动方案立项');
    expect(within(cards[0]).getByTestId('campaign-deadline').textContent).toBe('申报截止 2027-11-30 23:59（北京时间）');
    expect(events[0]).toEqual({ action: 'list', status: 'all', pageSize: 20 });

    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more'));
    });
    const all = screen.getAllByTestId('campaign-card');
    expect(all).toHaveLength(3);
    expect(within(all[2]).getByTestId('campaign-status').textContent).toBe('已结束');
    expect(all[2].textContent).toContain('东大组字〔2021〕53号');
    expect(within(all[2]).getByTestId('campaign-deadline').textContent).toBe('未设申报阶段');
    expect(events[1]).toEqual({ action: 'list', status: 'all', pageSize: 20, cursor: 'k2' });
    expect(screen.getByText('没有更多了')).toBeTruthy();

    fireEvent.click(all[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/campaign-edit/index?id=c1' } });
    fireEvent.click(screen.getByTestId('new-campaign'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/campaign-copy/index' } });
  });

  it('shows the empty state, and the error with a retry; reads again when shown again', async () => {
    let fail = true;
    const events: Ev[] = [];
    setTransport(async (_n, e) => {
      events.push(e as Ev);
      return fail ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: { items: [], nextCursor: null } };
    });
    render(<CampaignsPage />);
    expect(await screen.findByText('系统繁忙，请稍后再试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有评选。点“新建评选”从往年的通知复制一份。')).toBeTruthy();
    await act(() => trigger('didShow'));
    expect(events).toHaveLength(3);
  });
});
