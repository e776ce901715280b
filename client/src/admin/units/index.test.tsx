import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Me, Unit } from '@contract/index';
import { calls, resetTaro, setModalAnswer, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { forgetMe } from '../shared/session';
import UnitsPage from './index';

const DEPT_ADMIN: Me = { bound: true, localMode: false, person: { _id: 'p-dept-wang', name: '王晓东', unitName: null, branchName: null, roles: [{ role: 'deptAdmin' }] } };
const UNIT_ADMIN: Me = { ...DEPT_ADMIN, person: { ...DEPT_ADMIN.person!, roles: [{ role: 'unitAdmin', unitId: 'u-cs' }] } };

const unit = (id: string, name: string, kind: Unit['kind'], active = true) => ({ _id: id, name, kind, active, version: 1 });
const UNITS = [
  unit('u-logi', '后勤分党委', 'committee'),
  unit('u-lib', '图书馆直属党总支', 'directGeneralBranch'),
  unit('u-cs', '计算机科学与工程学院党委', 'college'),
];

type Event = { action: string; includeRetired?: boolean; unitId?: string };

/** 假服务端：whoami 给出身份，listUnits 按 includeRetired 过滤 */
function serve(me: Me, units: ReturnType<typeof unit>[], events: Event[] = []) {
  setTransport(async (name, e) => {
    const ev = e as Event;
    events.push(ev);
    if (name === 'session') return { ok: true, data: me };
    if (ev.action === 'listUnits') return { ok: true, data: { units: units.filter((u) => ev.includeRetired || u.active) } };
    if (ev.action === 'retireUnit') return { ok: false, code: 'CONFLICT', message: '该单位还有 6 个在用支部，请先撤销或合并支部' };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('单位管理 page', () => {
  beforeEach(() => {
    resetTaro();
    forgetMe();
  });
  afterEach(() => setTransport(null));

  it('lists units with kind labels, colleges first, and opens a unit', async () => {
    serve(DEPT_ADMIN, UNITS);
    render(<UnitsPage />);
    const cards = await screen.findAllByTestId('unit-card');
    expect(cards.map((c) => c.textContent)).toEqual([
      '计算机科学与工程学院党委›学院党委编辑撤销',
      '后勤分党委›分党委编辑撤销',
      '图书馆直属党总支›直属党总支编辑撤销',
    ]);
    expect(screen.getByText('二级党组织 3 个')).toBeTruthy();
    fireEvent.click(cards[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/unit/index?id=u-cs' } });
  });

  it('shows retired units greyed when asked to', async () => {
    const events: Event[] = [];
    serve(DEPT_ADMIN, [...UNITS, unit('u-old', '已合并的旧学院党委', 'college', false)], events);
    render(<UnitsPage />);
    expect(await screen.findAllByTestId('unit-card')).toHaveLength(3);
    fireEvent.click(screen.getByTestId('toggle-retired'));
    expect(await screen.findByText('已合并的旧学院党委')).toBeTruthy();
    const cards = screen.getAllByTestId('unit-card');
    expect(cards).toHaveLength(4);
    expect(cards[3].className).toContain('adm-card--retired');
    expect(cards[3].textContent).toContain('已撤销');
    expect(events.filter((e) => e.action === 'listUnits').map((e) => e.includeRetired)).toEqual([false, true]);
  });

  it('lets only a department admin add, edit and retire; a refused retire shows the server’s reason', async () => {
    serve(DEPT_ADMIN, UNITS);
    const { unmount } = render(<UnitsPage />);
    await screen.findAllByTestId('unit-card');
    expect(await screen.findByTestId('add-unit')).toBeTruthy();
    fireEvent.click(screen.getAllByText('编辑')[0]);
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/unit-edit/index?id=u-cs' } });
    expect(calls.filter((c) => c.api === 'navigateTo')).toHaveLength(1); // 没有同时打开单位
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getAllByText('撤销')[0]);
    });
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '该单位还有 6 个在用支部，请先撤销或合并支部' }) });
    unmount();

    forgetMe();
    serve(UNIT_ADMIN, UNITS);
    render(<UnitsPage />);
    await screen.findAllByTestId('unit-card');
    expect(screen.queryByTestId('add-unit')).toBeNull();
    expect(screen.queryByText('编辑')).toBeNull();
  });

  it('shows the empty state', async () => {
    serve(DEPT_ADMIN, []);
    render(<UnitsPage />);
    expect(await screen.findByText('还没有二级党组织')).toBeTruthy();
  });

  it('shows the error with a retry that recovers, and refreshes on pull-down', async () => {
    let fail = true;
    const events: Event[] = [];
    setTransport(async (name, e) => {
      events.push(e as Event);
      if (name === 'session') return { ok: true, data: DEPT_ADMIN };
      return fail ? { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } : { ok: true, data: { units: UNITS } };
    });
    render(<UnitsPage />);
    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('unit-card')).toHaveLength(3);
    await act(() => trigger('pullDownRefresh'));
    expect(events.filter((e) => e.action === 'listUnits')).toHaveLength(3);
    expect(calls).toContainEqual({ api: 'stopPullDownRefresh', arg: undefined });
  });
});
