import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import BranchEditPage from './index';

const tree = (name: string, version: number) => ({
  unit: { _id: 'u-cs', name: '计算机科学与工程学院党委', kind: 'college', active: true, version: 1 },
  generalBranches: [{ _id: 'g-cs-stu', unitId: 'u-cs', name: '计算机学院学生党总支', active: true, version: 1 }],
  branches: [
    {
      _id: 'b-cs-staff2',
      unitId: 'u-cs',
      generalBranchId: null,
      name,
      kind: 'staff',
      memberCount: 20,
      model: { level: 'national', batch: 4, cycleStart: '2024-01', cycleEnd: '2025-12' },
      active: true,
      version,
    },
  ],
});

type Ev = { action: string; [k: string]: unknown };
const nameInput = () => screen.getByPlaceholderText('如 计算机学院教工第一党支部') as HTMLInputElement;

describe('编辑支部 page', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ unitId: 'u-cs', id: 'b-cs-staff2' });
  });
  afterEach(() => setTransport(null));

  it('saves with the version it read, and counts characters of the name', async () => {
    const events: Ev[] = [];
    setTransport(async (_n, e) => {
      events.push(e as Ev);
      return (e as Ev).action === 'unitTree' ? { ok: true, data: tree('计算机学院教工第二党支部', 3) } : { ok: true, data: { _id: 'b-cs-staff2', version: 4 } };
    });
    render(<BranchEditPage />);
    expect((await screen.findByPlaceholderText('如 计算机学院教工第一党支部')) as HTMLInputElement).toHaveProperty('value', '计算机学院教工第二党支部');
    expect(screen.getByTestId('branch-name-counter').textContent).toBe('12/50');
    fireEvent.change(nameInput(), { target: { value: '计算机学院软件工程系教工党支部' } });
    expect(screen.getByTestId('branch-name-counter').textContent).toBe('15/50');
    fireEvent.click(screen.getByTestId('save'));
    // opened directly (no page below it): goes to the unit page instead of back
    await waitFor(() => expect(calls).toContainEqual({ api: 'redirectTo', arg: { url: '/admin/unit/index?id=u-cs' } }));
    expect(events.find((e) => e.action === 'saveBranch')).toEqual({
      action: 'saveBranch',
      _id: 'b-cs-staff2',
      unitId: 'u-cs',
      generalBranchId: null,
      name: '计算机学院软件工程系教工党支部',
      kind: 'staff',
      memberCount: 20,
      model: { level: 'national', batch: 4, cycleStart: '2024-01', cycleEnd: '2025-12' },
      expectedVersion: 3,
    });
  });

  it('on a stale edit shows the conflict message and loads what the other editor saved', async () => {
    let saved = false;
    setTransport(async (_n, e) => {
      const ev = e as Ev;
      if (ev.action === 'unitTree') return { ok: true, data: saved ? tree('别人改的名字', 4) : tree('计算机学院教工第二党支部', 3) };
      saved = true;
      return { ok: false, code: 'CONFLICT', message: '内容已被他人修改，请刷新后重试' };
    });
    render(<BranchEditPage />);
    await screen.findByPlaceholderText('如 计算机学院教工第一党支部');
    fireEvent.change(nameInput(), { target: { value: '我改的名字' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('save-error')).textContent).toContain('内容已被他人修改，请刷新后重试');
    expect(await screen.findByDisplayValue('别人改的名字')).toBeTruthy();
    expect(screen.getByTestId('save-error').textContent).toContain('已载入最新内容');
    expect(calls.some((c) => c.api === 'navigateBack' || c.api === 'redirectTo')).toBe(false);
  });

  it('refuses to save without a name', async () => {
    const events: Ev[] = [];
    setTransport(async (_n, e) => {
      events.push(e as Ev);
      return { ok: true, data: tree('计算机学院教工第二党支部', 3) };
    });
    render(<BranchEditPage />);
    await screen.findByPlaceholderText('如 计算机学院教工第一党支部');
    fireEvent.change(nameInput(), { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('save'));
    expect(screen.getByText('请填写支部名称')).toBeTruthy();
    expect(events.map((e) => e.action)).toEqual(['unitTree']);
  });
});
