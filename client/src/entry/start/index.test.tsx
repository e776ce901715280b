import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Eligibility } from '@contract/index';
import { calls, resetTaro, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027 } from '@/test-support/campaign-fixtures';
import EntryStartPage from './index';

type Ev = { action: string; [k: string]: unknown };

const quota = {
  trackKey: 'case',
  unitId: 'u-cs',
  unitName: '计算机科学与工程学院党委',
  max: 1,
  min: 0,
  used: 1,
  usedBy: [{ entryId: 'e-9', title: '“支部+实验室”双融合', entrantName: '计算机学院教工第二党支部' }],
  exemptUsed: [],
  rule: 'A3',
  message: '每个分党委（直属党总支）限报 1 项（A3），已推荐 1 项',
};

const option = (patch: Partial<Eligibility>): Eligibility => ({
  trackKey: 'case',
  trackLabel: '创新奖申报',
  entrant: { level: 'branch', id: 'b-cs-stu1', name: '计算机学院本科生第一党支部' },
  eligible: true,
  results: [],
  quota: null,
  existingEntryId: null,
  ...patch,
});

const BLOCKED = option({
  eligible: false,
  results: [
    { rule: 'A1', ok: true, severity: 'info', message: '党支部可以申报', path: '' },
    { rule: 'A3', ok: false, severity: 'block', message: '每个分党委（直属党总支）限报 1 项（A3），名额已用完', path: '' },
    { rule: 'A1', ok: false, severity: 'warn', message: '往届获奖的同一项目原则上不得再报（A1）', path: '' },
  ],
  quota,
});
const OPEN = option({
  entrant: { level: 'unit', id: 'u-cs', name: '计算机科学与工程学院党委' },
  results: [{ rule: 'A1', ok: true, severity: 'info', message: '二级党组织可以申报', path: '' }],
  quota: { ...quota, used: 0, usedBy: [], message: '每个分党委（直属党总支）限报 1 项（A3），尚未推荐' },
});
const EXISTING = option({ entrant: { level: 'generalBranch', id: 'g-cs-stu', name: '计算机学院学生党总支' }, existingEntryId: 'e-7' });

function serve(options: Eligibility[], events: Ev[] = []) {
  setTransport(async (_name, e) => {
    const ev = e as Ev;
    events.push(ev);
    if (ev.action === 'get') return { ok: true, data: campaignA2027({ status: 'open', version: 3 }) };
    if (ev.action === 'startOptions') return { ok: true, data: { options } };
    if (ev.action === 'create') return { ok: true, data: { _id: 'e-new', version: 1 } };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('开始申报 page', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ campaignId: 'c-2027-a' });
  });
  afterEach(() => setTransport(null));

  it('shows an ineligible entrant with every rule result, its rule id and state, and the quota with who used it', async () => {
    serve([BLOCKED]);
    render(<EntryStartPage />);
    const card = await screen.findByTestId('start-option');
    expect(within(card).getByTestId('entrant-name').textContent).toBe('计算机学院本科生第一党支部');
    expect(within(card).getByTestId('eligibility').textContent).toBe('不能申报');
    // 未满足的阻止项在前，然后是提醒，最后是已满足的
    const rows = within(card).getAllByTestId('rule-row');
    expect(rows.map((r) => [r.getAttribute('data-rule'), r.getAttribute('data-state'), r.textContent])).toEqual([
      ['A3', 'blocked', '✗A3每个分党委（直属党总支）限报 1 项（A3），名额已用完'],
      ['A1', 'warn', '!A1往届获奖的同一项目原则上不得再报（A1）'],
      ['A1', 'ok', '✓A1党支部可以申报'],
    ]);
    expect(within(card).getAllByTestId('rule-badge').map((b) => b.textContent)).toEqual(['A3', 'A1', 'A1']);
    expect(within(card).getByTestId('quota-count').textContent).toBe('已推荐 1 / 上限 1');
    expect(within(card).getByTestId('quota').textContent).toContain('每个分党委（直属党总支）限报 1 项（A3），已推荐 1 项');
    expect(within(card).getByTestId('quota-used-by').textContent).toBe('· 计算机学院教工第二党支部：“支部+实验室”双融合');
    expect(within(card).queryByTestId('start')).toBeNull();
    expect(within(card).getByTestId('not-eligible')).toBeTruthy();
    // 页头：评选名称；本类申报截止按北京时间
    expect((await screen.findByTestId('campaign-header')).textContent).toContain('2027 年度基层党建工作创新奖评选');
    expect(within(card).getByTestId('track-deadline').textContent).toBe('申报截止 2027-11-25 17:00（北京时间）');
  });

  it('starts an entry for an eligible entrant and opens it; an existing entry is opened instead of creating another', async () => {
    const events: Ev[] = [];
    serve([OPEN, EXISTING], events);
    render(<EntryStartPage />);
    const cards = await screen.findAllByTestId('start-option');
    expect(cards.map((c) => within(c).getByTestId('eligibility').textContent)).toEqual(['可以申报', '已有申报']);
    expect(within(cards[0]).getByTestId('quota-count').textContent).toBe('已推荐 0 / 上限 1');

    fireEvent.click(within(cards[1]).getByTestId('open-existing'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-7' } });

    await act(async () => {
      fireEvent.click(within(cards[0]).getByTestId('start'));
    });
    expect(events.find((e) => e.action === 'create')).toEqual({
      action: 'create',
      campaignId: 'c-2027-a',
      trackKey: 'case',
      entrant: { level: 'unit', id: 'u-cs' },
      title: '',
    });
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-new' } });
  });

  it('tells a caller who may not enter for anyone', async () => {
    serve([]);
    render(<EntryStartPage />);
    expect(await screen.findByText('您当前的角色不能申报此评选')).toBeTruthy();
  });

  it('shows the error with a retry, and reads the options again when shown again', async () => {
    let fail = true;
    const events: Ev[] = [];
    setTransport(async (_n, e) => {
      events.push(e as Ev);
      if ((e as Ev).action === 'get') return { ok: false, code: 'FORBIDDEN', message: '没有权限进行此操作' };
      return fail ? { ok: false, code: 'NOT_FOUND', message: '内容不存在或已删除' } : { ok: true, data: { options: [OPEN] } };
    });
    render(<EntryStartPage />);
    expect(await screen.findByText('内容不存在或已删除')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('start-option')).toBeTruthy();
    expect(screen.queryByTestId('campaign-header')).toBeNull(); // 评选详情取不到：不影响资格检查
    await act(() => trigger('didShow'));
    expect(events.filter((e) => e.action === 'startOptions')).toHaveLength(3);
  });

  it('explains a broken link without calling the cloud', async () => {
    setRouterParams({});
    const events: Ev[] = [];
    serve([OPEN], events);
    render(<EntryStartPage />);
    expect(await screen.findByText('链接不完整，找不到这项评选')).toBeTruthy();
    expect(events).toEqual([]);
  });
});
