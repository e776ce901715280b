import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { calls, resetTaro, setModalAnswer } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { bCampaign, summaryOf } from '../shared/fixtures';
import DeptWorkbenchPage from './index';

type Ev = { action: string; [k: string]: unknown };

const B = bCampaign();
const listedB = { _id: B._id, kind: B.kind, title: B.title, year: B.year, status: B.status, docNumber: '', noticeId: null, version: 1, stages: B.stages, tracks: B.tracks.map((t) => ({ key: t.key, label: t.label })) };
const UNITS = [
  { _id: 'u-cs', name: '计算机科学与工程学院党委', kind: 'college', active: true, version: 1 },
  { _id: 'u-me', name: '机械工程与自动化学院党委', kind: 'college', active: true, version: 1 },
];

function serve(events: Ev[], reply?: (ev: Ev) => unknown) {
  const reminded = new Set<string>();
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push(ev);
    const custom = reply?.(ev);
    if (custom) return custom;
    if (name === 'campaigns' && ev.action === 'list') return { ok: true, data: { items: [listedB], nextCursor: null } };
    if (name === 'campaigns' && ev.action === 'get') return { ok: true, data: B };
    if (ev.action === 'listUnits') return { ok: true, data: { units: UNITS } };
    if (ev.action === 'lagging') {
      return {
        ok: true,
        data: {
          tracks: [
            {
              campaignId: 'c-2026-b',
              campaignTitle: B.title,
              trackKey: 'project',
              trackLabel: '支部活动方案立项',
              deadline: '2099-03-31T23:59:59+08:00',
              deadlineLabel: '支部申报截止',
              units: [
                { unitId: 'u-me', unitName: '机械工程与自动化学院党委', unitKind: 'college', submitted: 0, recommended: 0, minimum: 0, missingBranches: [{ branchId: 'b-me-1', name: '机械学院教工第一党支部' }], reasons: ['还有 1 个支部没有提交项目（B4）'], remindedToday: reminded.has('u-me') },
                { unitId: 'u-cs', unitName: '计算机科学与工程学院党委', unitKind: 'college', submitted: 7, recommended: 0, minimum: 0, missingBranches: [], reasons: ['年度总结未报送（B3）'], remindedToday: true },
              ],
            },
          ],
        },
      };
    }
    if (ev.action === 'remindUnit') {
      reminded.add(ev.unitId as string);
      return { ok: true, data: { recipients: 3, sent: 2, pending: 1 } };
    }
    if (ev.action === 'list' && ev.status === 'correctionRequested') {
      return { ok: true, data: { items: [summaryOf({ _id: 'c1', status: 'correctionRequested', correctionDeadline: '2099-12-12T23:59:59+08:00', title: '“双带头人”引领课程思政' })], nextCursor: null } };
    }
    if (ev.action === 'list') {
      return { ok: true, data: { items: [summaryOf({ _id: ev.cursor ? 'p2' : 'p1', title: ev.cursor ? '第二页的材料' : '党建引领有组织科研' })], nextCursor: ev.cursor ? null : 'k2' } };
    }
    if (ev.action === 'disqualifyOverdue') return { ok: true, data: { disqualified: ['x1', 'x2'] } };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('组织部工作台', () => {
  beforeEach(() => resetTaro());
  afterEach(() => setTransport(null));

  it('lists entries across units page by page, filters by campaign, track, unit and status, and opens the screening page', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<DeptWorkbenchPage />);
    const first = await screen.findAllByTestId('dept-entry', {}, { timeout: 5000 });
    expect(first).toHaveLength(1);
    expect(events.find((e) => e.action === 'list' && !('kind' in e) && e.pageSize === 20)).toEqual({ action: 'list', pageSize: 20 });
    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more'));
    });
    expect(screen.getAllByTestId('dept-entry')).toHaveLength(2);

    await act(async () => {
      fireEvent.change(screen.getByTestId('filter-campaign').querySelector('select')!, { target: { value: '1' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('filter-track-project'));
    });
    await act(async () => {
      fireEvent.change(screen.getByTestId('filter-unit').querySelector('select')!, { target: { value: '1' } });
    });
    await act(async () => {
      fireEvent.change(screen.getByTestId('filter-status').querySelector('select')!, { target: { value: '1' } });
    });
    expect(events.filter((e) => e.action === 'list' && e.pageSize === 20).pop()).toEqual({ action: 'list', campaignId: 'c-2026-b', trackKey: 'project', unitId: 'u-cs', status: 'submitted', pageSize: 20 });
    fireEvent.click((await screen.findAllByTestId('dept-entry'))[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/workbench/screen/index?id=p1' } });
  });

  it('lists corrections with their CST deadline countdown and runs the overdue sweep (A8) after confirming', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<DeptWorkbenchPage />);
    await screen.findAllByTestId('dept-entry', {}, { timeout: 5000 });
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-corrections'));
    });
    const row = (await screen.findAllByTestId('correction-entry'))[0];
    expect(within(row).getByTestId('correction-deadline').textContent).toContain('补正期限 2099-12-12 23:59（北京时间）');
    expect(within(row).getByTestId('correction-deadline-left').textContent).toMatch(/^剩 \d+ 天/);
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sweep-overdue'));
    });
    expect(events.filter((e) => e.action === 'disqualifyOverdue')).toHaveLength(1);
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '已取消 2 份逾期材料的资格（A8）' }) });
  });

  it('shows the lagging units with their reasons and reminds one with one tap, once a day', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<DeptWorkbenchPage />);
    await screen.findAllByTestId('dept-entry', {}, { timeout: 5000 });
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-units'));
    });
    const rows = await screen.findAllByTestId('unit-progress-row');
    expect(events.find((e) => e.action === 'lagging')).toEqual({ action: 'lagging' });
    expect(rows[0].textContent).toContain('还有 1 个支部没有提交项目（B4）');
    expect(rows[0].textContent).toContain('未提交：机械学院教工第一党支部');
    expect(within(rows[1]).getByTestId('remind-unit').textContent).toBe('今天已提醒');
    fireEvent.click(within(rows[1]).getByTestId('remind-unit'));
    expect(events.some((e) => e.action === 'remindUnit')).toBe(false);
    await act(async () => {
      fireEvent.click(within(rows[0]).getByTestId('remind-unit'));
    });
    expect(events.filter((e) => e.action === 'remindUnit')).toEqual([{ action: 'remindUnit', campaignId: 'c-2026-b', trackKey: 'project', unitId: 'u-me' }]);
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '已提醒 3 人（消息 2 条，1 人未订阅）' }) });
    expect(within(screen.getAllByTestId('unit-progress-row')[0]).getByTestId('remind-unit').textContent).toBe('今天已提醒');
    await act(async () => {
      fireEvent.change(screen.getByTestId('filter-campaign').querySelector('select')!, { target: { value: '1' } });
    });
    expect(events.filter((e) => e.action === 'lagging').pop()).toEqual({ action: 'lagging', campaignId: 'c-2026-b' });
  });

  it('shows the error state with a retry when the campaigns cannot be read', async () => {
    const events: Ev[] = [];
    serve(events, (ev) => (ev.action === 'list' && !('pageSize' in ev && ev.pageSize === 20) ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用' } : undefined));
    render(<DeptWorkbenchPage />);
    expect((await screen.findByTestId('state-error', {}, { timeout: 5000 })).textContent).toContain('服务暂时不可用');
  });
});
