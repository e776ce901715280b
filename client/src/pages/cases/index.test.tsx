import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CaseSummary } from '@contract/index';
import { calls, resetTaro, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import CasesPage from './index';

function item(i: number, patch: Partial<CaseSummary> = {}): CaseSummary {
  return {
    _id: `case-${i}`,
    campaignId: 'c-2021-a',
    campaignTitle: '2021 年度基层党建工作创新奖评选',
    kind: 'A',
    year: 2021,
    unitId: 'u-cs',
    unitName: '计算机科学与工程学院党委',
    entrantName: `计算机学院教工第${i}党支部`,
    levelKey: 'award',
    levelLabel: '基层党建工作创新奖',
    title: `案例标题 ${i}`,
    summary: `简介 ${i}`,
    publishedAt: '2022-01-10T09:00:00+08:00',
    coverUrl: null,
    photoCount: 0,
    ...patch,
  };
}

type ListEvent = { action: string; year?: number; kind?: string; unitId?: string; levelKey?: string; cursor?: string; pageSize: number };
/** 临时链接一小时后到期（与服务端一致） */
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const page = (items: CaseSummary[], nextCursor: string | null = null, linksExpireAt = inAnHour()) => ({ ok: true, data: { items, nextCursor, linksExpireAt } });
/** 储备库里有案例的评选（cases.campaigns） */
const CAMPAIGNS = [
  { _id: 'c-2021-a', title: '2021 年度基层党建工作创新奖评选', year: 2021, kind: 'A' },
  { _id: 'c-2021-c', title: '2021 年特色支部创建成果验收', year: 2021, kind: 'C' },
  { _id: 'c-2014-e', title: '2014 年基层党组织创新活动', year: 2014, kind: 'E' },
];
const UNITS = {
  ok: true,
  data: {
    units: [
      { _id: 'u-cs', name: '计算机科学与工程学院党委', code: '01', kind: 'college', active: true, order: 1, version: 1 },
      { _id: 'u-me', name: '机械工程与自动化学院党委', code: '02', kind: 'college', active: true, order: 2, version: 1 },
    ],
  },
};
const UNBOUND = { ok: false, code: 'UNAUTHENTICATED', message: '请先绑定身份后再操作' };

/**
 * 假服务端：cases.list 由 list 决定（记入返回的数组）；org.listUnits 已绑定时答两个单位，否则未绑定；
 * cases.campaigns 答 CAMPAIGNS；cases.covers 由 opts.covers 决定（记入 coverEvents）
 */
const coverEvents: { ids: string[] }[] = [];
function serve(list: (e: ListEvent) => unknown, opts: { bound?: boolean; covers?: (ids: string[]) => unknown } = {}) {
  const events: ListEvent[] = [];
  coverEvents.length = 0;
  setTransport(async (name, e) => {
    if (name === 'org') return opts.bound === false ? UNBOUND : UNITS;
    expect(name).toBe('cases');
    const ev = e as { action: string; ids?: string[] };
    if (ev.action === 'campaigns') return { ok: true, data: { campaigns: CAMPAIGNS } };
    if (ev.action === 'covers') {
      coverEvents.push({ ids: ev.ids ?? [] });
      return opts.covers ? opts.covers(ev.ids ?? []) : { ok: false, code: 'INTERNAL', message: '没有准备' };
    }
    events.push(e as ListEvent);
    return list(e as ListEvent);
  });
  return events;
}

/** 在某个筛选的选择器里选一项（按显示文字） */
function choose(testId: string, label: string) {
  const select = within(screen.getByTestId(testId)).getByRole('combobox') as HTMLSelectElement;
  const option = within(select).getByText(label) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
}
const labelOf = (testId: string) => screen.getByTestId(`${testId}-label`);

describe('案例 page (成果储备库)', () => {
  beforeEach(() => resetTaro());
  afterEach(() => setTransport(null));

  it('renders a card per case (cover when there is a photo, level, year and kind, title, unit · entrant, summary), ends with a clear footer, opens one on tap', async () => {
    const events = serve(() => page([item(1, { coverUrl: 'https://tmp/1.jpg', photoCount: 5 }), item(2), item(3, { kind: 'C', levelKey: 'excellent', levelLabel: '优秀（编入案例汇编）' })]));
    render(<CasesPage />);
    const cards = await screen.findAllByTestId('case-card');
    expect(cards).toHaveLength(3);
    expect(events).toEqual([{ action: 'list', pageSize: 10 }]);
    const first = cards[0];
    expect((within(first).getByTestId('case-cover') as HTMLImageElement).src).toBe('https://tmp/1.jpg');
    expect(first.textContent).toContain('5 张照片');
    expect(within(first).getByTestId('case-level').textContent).toBe('基层党建工作创新奖');
    expect(within(first).getByTestId('case-year').textContent).toBe('2021 年度');
    expect(within(cards[2]).getByTestId('case-year').textContent).toBe('2021 年度 · 特色支部创建成果验收');
    for (const part of ['案例标题 1', '计算机学院教工第1党支部', '计算机科学与工程学院党委', '简介 1']) expect(first.textContent).toContain(part);
    // 没有照片：评选类型与年度的色块，不留空白图
    expect(within(cards[1]).queryByTestId('case-cover')).toBeNull();
    expect(screen.getByTestId('list-footer').textContent).toBe('已经到底了 · 共 3 个案例');
    fireEvent.click(cards[1]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/pages/case/index?id=case-2' } });
  });

  it('filters by year, kind, unit and level (levels learnt from the cases seen), highlights active filters and clears them', async () => {
    const events = serve((e) => page(e.kind === 'E' ? [item(9, { kind: 'E', year: 2014, levelLabel: '基层党建工作创新项目奖' })] : [item(1), item(2, { kind: 'C', levelKey: 'excellent', levelLabel: '优秀（编入案例汇编）' })]));
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    await screen.findByTestId('filter-unit');

    expect(labelOf('filter-year').textContent).toContain('年份');
    expect(labelOf('filter-year').className).not.toContain('active');
    choose('filter-year', '2021 年');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', year: 2021, pageSize: 10 }));
    expect(labelOf('filter-year').textContent).toContain('2021 年');
    expect(labelOf('filter-year').className).toContain('cases-page__filter--active');

    choose('filter-kind', '基层党建工作创新奖');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', year: 2021, kind: 'A', pageSize: 10 }));
    choose('filter-unit', '计算机科学与工程学院党委');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', year: 2021, kind: 'A', unitId: 'u-cs', pageSize: 10 }));
    // 选了 A 类：等级只列 A 类见过的
    const levelNames = () => Array.from(within(screen.getByTestId('filter-level')).getAllByRole('option')).map((o) => o.textContent);
    expect(levelNames()).toEqual(['全部等级', '基层党建工作创新奖']);
    choose('filter-level', '基层党建工作创新奖');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', year: 2021, kind: 'A', unitId: 'u-cs', levelKey: 'award', pageSize: 10 }));

    fireEvent.click(screen.getByTestId('clear-filters'));
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', pageSize: 10 }));
    expect(screen.queryByTestId('clear-filters')).toBeNull();
    expect(levelNames()).toEqual(['全部等级', '基层党建工作创新奖', '优秀（编入案例汇编）']);

    // E 类的 award 叫“创新项目奖”：不选类型时同一个键的两种叫法并列
    choose('filter-kind', '基层党建工作创新活动');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', kind: 'E', pageSize: 10 }));
    await screen.findByText('案例标题 9');
    expect(levelNames()).toEqual(['全部等级', '基层党建工作创新项目奖']);
    choose('filter-kind', '全部类型');
    await waitFor(() => expect(levelNames()).toContain('基层党建工作创新奖 / 基层党建工作创新项目奖'));
  }, 15_000);

  it('drops a chosen level that does not belong to a newly chosen kind', async () => {
    const events = serve(() => page([item(1), item(2, { kind: 'C', levelKey: 'excellent', levelLabel: '优秀（编入案例汇编）' })]));
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    choose('filter-level', '优秀（编入案例汇编）');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', levelKey: 'excellent', pageSize: 10 }));
    choose('filter-kind', '基层党建工作创新奖');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', kind: 'A', pageSize: 10 }));
    expect(labelOf('filter-level').textContent).toBe('等级▾');
  });

  it('hides the unit filter for an unbound visitor', async () => {
    serve(() => page([item(1)]), { bound: false });
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    await act(async () => {});
    expect(screen.getByTestId('filter-year')).toBeTruthy();
    expect(screen.getByTestId('filter-kind')).toBeTruthy();
    expect(screen.getByTestId('filter-level')).toBeTruthy();
    expect(screen.queryByTestId('filter-unit')).toBeNull();
  });

  it('loads the next page with the cursor and the same filters, once per cursor; the footer says when the end is reached', async () => {
    const events = serve((e) => (e.cursor ? page([item(1)]) : page([item(3), item(2)], 'CURSOR-2')));
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    choose('filter-year', '2021 年');
    await waitFor(() => expect(events).toHaveLength(2));
    await screen.findAllByTestId('case-card');
    expect(screen.getByTestId('list-footer').textContent).toBe('加载更多');
    await act(async () => {
      await Promise.all([trigger('reachBottom'), trigger('reachBottom')]);
    });
    await waitFor(() => expect(screen.getAllByTestId('case-card')).toHaveLength(3));
    expect(events.slice(1)).toEqual([
      { action: 'list', year: 2021, pageSize: 10 },
      { action: 'list', year: 2021, cursor: 'CURSOR-2', pageSize: 10 },
    ]);
    expect(screen.getByTestId('list-footer').textContent).toBe('已经到底了 · 共 3 个案例');
  });

  it('keeps the loaded cases and shows a toast when the next page fails; 加载更多 retries', async () => {
    let fail = true;
    serve((e) => (e.cursor ? (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : page([item(1)])) : page([item(3), item(2)], 'C')));
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    await act(() => trigger('reachBottom'));
    await waitFor(() => expect(calls).toContainEqual({ api: 'showToast', arg: { title: '网络异常，请检查网络后重试', icon: 'none' } }));
    expect(screen.getAllByTestId('case-card')).toHaveLength(2);
    fail = false;
    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(screen.getAllByTestId('case-card')).toHaveLength(3));
  });

  it('shows an empty library, and an empty filter result with a way to clear the filters', async () => {
    const events = serve(() => page([]));
    render(<CasesPage />);
    expect(await screen.findByText('成果储备库里还没有案例')).toBeTruthy();
    expect(screen.getByText('评选结果公布后，获奖案例会收录在这里')).toBeTruthy();
    choose('filter-year', '2021 年');
    expect(await screen.findByText('没有符合筛选条件的案例')).toBeTruthy();
    fireEvent.click(screen.getAllByText('清除筛选')[1]);
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', pageSize: 10 }));
    expect(await screen.findByText('成果储备库里还没有案例')).toBeTruthy();
  });

  it('shows the error with a retry that recovers', async () => {
    let fail = true;
    serve(() => (fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : page([item(1)])));
    render(<CasesPage />);
    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('case-card')).toHaveLength(1);
  });

  it('pull-down refresh reloads the first page with the filters, without blanking the list, then stops the spinner', async () => {
    let round = 0;
    const events = serve(() => {
      round += 1;
      return round === 1 ? page([item(1)]) : page([item(2), item(1)]);
    });
    render(<CasesPage />);
    expect(await screen.findAllByTestId('case-card')).toHaveLength(1);
    await act(() => trigger('pullDownRefresh'));
    expect(screen.getAllByTestId('case-card')).toHaveLength(2);
    expect(screen.queryByTestId('state-loading')).toBeNull();
    expect(events).toHaveLength(2);
    expect(calls.map((c) => c.api)).toContain('stopPullDownRefresh');
  });

  it('filters by one campaign; the campaign list narrows to the chosen year and a campaign of another year is dropped (issue 5 案例)', async () => {
    const events = serve(() => page([item(1)]));
    render(<CasesPage />);
    await screen.findAllByTestId('case-card');
    await screen.findByTestId('filter-campaign');
    const campaignNames = () => Array.from(within(screen.getByTestId('filter-campaign')).getAllByRole('option')).map((o) => o.textContent);
    expect(campaignNames()).toEqual(['全部评选', '2021 年度基层党建工作创新奖评选', '2021 年特色支部创建成果验收', '2014 年基层党组织创新活动']);
    choose('filter-campaign', '2014 年基层党组织创新活动');
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', campaignId: 'c-2014-e', pageSize: 10 }));
    expect(labelOf('filter-campaign').textContent).toContain('2014 年基层党组织创新活动');
    choose('filter-year', '2021 年');
    // 2014 年的评选不属于 2021 年：评选回到“全部”，只按年份查
    await waitFor(() => expect(events[events.length - 1]).toEqual({ action: 'list', year: 2021, pageSize: 10 }));
    expect(campaignNames()).toEqual(['全部评选', '2021 年度基层党建工作创新奖评选', '2021 年特色支部创建成果验收']);
    expect(labelOf('filter-campaign').textContent).toBe('评选▾');
  });

  it('renews cover links when a cover fails to load (expired on a page left open), at most once per half minute, without reloading the list', async () => {
    const events = serve(() => page([item(1, { coverUrl: 'https://tmp/old-1.jpg', photoCount: 1 }), item(2, { coverUrl: 'https://tmp/old-2.jpg', photoCount: 1 })]), {
      covers: (ids) => ({ ok: true, data: { covers: Object.fromEntries(ids.map((id) => [id, `https://tmp/new-${id}.jpg`])), linksExpireAt: new Date(Date.now() + 3600_000).toISOString() } }),
    });
    render(<CasesPage />);
    const covers = await screen.findAllByTestId('case-cover');
    const listCalls = events.length;
    fireEvent.error(covers[0]);
    await waitFor(() => expect((screen.getAllByTestId('case-cover')[0] as HTMLImageElement).src).toBe('https://tmp/new-case-1.jpg'));
    expect((screen.getAllByTestId('case-cover')[1] as HTMLImageElement).src).toBe('https://tmp/new-case-2.jpg');
    expect(coverEvents).toEqual([{ ids: ['case-1', 'case-2'] }]);
    expect(events.length).toBe(listCalls);
    fireEvent.error(screen.getAllByTestId('case-cover')[1]);
    await act(async () => {
      await Promise.resolve();
    });
    expect(coverEvents).toHaveLength(1);
  });

  it('renews cover links when the page is shown again after they expired', async () => {
    serve(() => page([item(1, { coverUrl: 'https://tmp/old-1.jpg', photoCount: 1 })], null, new Date(Date.now() + 60_000).toISOString()), {
      covers: (ids) => ({ ok: true, data: { covers: Object.fromEntries(ids.map((id) => [id, `https://tmp/new-${id}.jpg`])), linksExpireAt: new Date(Date.now() + 3600_000).toISOString() } }),
    });
    render(<CasesPage />);
    await screen.findAllByTestId('case-cover');
    // 到期前 1 分钟 < 5 分钟的余量：回到本页即换新
    await act(() => trigger('didShow'));
    await waitFor(() => expect((screen.getByTestId('case-cover') as HTMLImageElement).src).toBe('https://tmp/new-case-1.jpg'));
    expect(coverEvents).toEqual([{ ids: ['case-1'] }]);
  });
});
