import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Invite, Me, PersonView } from '@contract/index';
import { calls, resetTaro, setModalAnswer, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { forgetMe } from '../shared/session';
import PersonPage from './index';

const UNIT_ADMIN: Me = { bound: true, localMode: false, person: { _id: 'p-ua-cs', name: '李晓东', unitName: null, branchName: null, roles: [{ role: 'unitAdmin', unitId: 'u-cs' }] } };
const PERSON: PersonView = {
  _id: 'p-cs-staff1-1',
  name: '赵雪梅',
  personNo: '19960006',
  phoneMasked: '139****0006',
  unitId: 'u-cs',
  branchId: 'b-cs-staff1',
  roles: [{ role: 'member', unitId: 'u-cs', branchId: 'b-cs-staff1' }],
  bound: false,
  version: 1,
};
const BRANCH = { _id: 'b-cs-staff1', unitId: 'u-cs', generalBranchId: null, name: '计算机学院教工第一党支部', kind: 'staff', memberCount: 20, model: null, active: true, version: 1 };
const invite = (status: Invite['status'], code = 'K7M2Q9XP'): Invite => ({
  code,
  personId: PERSON._id,
  personName: PERSON.name,
  expiresAt: '2026-11-24T16:00:00+08:00',
  status,
  path: `pages/bind/index?code=${code}`,
});

type Ev = { action: string; [k: string]: unknown };

/** 假服务端：人员、支部、邀请码；create 之后 listForPerson 给出新码 */
function serve(opts: { person?: PersonView; invites?: Invite[] } = {}) {
  const events: Ev[] = [];
  let person = opts.person ?? PERSON;
  let invites = opts.invites ?? [];
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push(ev);
    if (name === 'session') return { ok: true, data: UNIT_ADMIN };
    switch (ev.action) {
      case 'listPeople':
        return { ok: true, data: { items: [person], nextCursor: null } };
      case 'unitTree':
        return { ok: true, data: { unit: { _id: 'u-cs', name: '计算机科学与工程学院党委', kind: 'college', active: true, version: 1 }, generalBranches: [], branches: [BRANCH] } };
      case 'listForPerson':
        return { ok: true, data: { items: invites } };
      case 'create':
        invites = [invite('active'), ...invites];
        return { ok: true, data: invites[0] };
      case 'revoke':
        invites = invites.map((i) => (i.code === ev.code ? { ...i, status: 'revoked' as const } : i));
        return { ok: true, data: { code: ev.code } };
      case 'unbind':
        person = { ...person, bound: false, version: person.version };
        return { ok: true, data: { personId: person._id } };
      case 'grantRole':
        return { ok: false, code: 'FORBIDDEN', message: '没有权限进行此操作' };
    }
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
  return events;
}

describe('人员 page (admin)', () => {
  beforeEach(() => {
    resetTaro();
    forgetMe();
    setRouterParams({ id: PERSON._id, unitId: 'u-cs', no: PERSON.personNo });
  });
  afterEach(() => setTransport(null));

  it('shows the person with masked phone, branch and roles, re-fetched by personNo', async () => {
    const events = serve();
    render(<PersonPage />);
    expect((await screen.findByTestId('person-name')).textContent).toBe('赵雪梅');
    expect(screen.getByText('139****0006')).toBeTruthy();
    expect(await screen.findAllByText('计算机学院教工第一党支部')).toBeTruthy();
    expect(screen.getByTestId('person-bound').textContent).toBe('未绑定');
    expect(events).toContainEqual({ action: 'listPeople', unitId: 'u-cs', keyword: '19960006', pageSize: 50 });
  });

  it('generates an invite, shows it spaced with its Beijing-time expiry, copies and shares it', async () => {
    const events = serve();
    render(<PersonPage />);
    fireEvent.click(await screen.findByTestId('create-invite'));
    expect((await screen.findByTestId('invite-code')).textContent).toBe('K7M2 Q9XP');
    expect(screen.getByTestId('invite').textContent).toContain('2026-11-24 16:00 前有效（北京时间）');
    expect(events).toContainEqual({ action: 'create', personId: PERSON._id, validHours: 72 });
    fireEvent.click(screen.getByTestId('copy-invite'));
    expect(calls).toContainEqual({ api: 'setClipboardData', arg: { data: 'K7M2Q9XP' } });
    const [share] = await trigger('shareAppMessage');
    expect(share).toMatchObject({ path: '/pages/bind/index?code=K7M2Q9XP' });
  });

  it('revokes the invite after confirmation', async () => {
    const events = serve({ invites: [invite('active')] });
    render(<PersonPage />);
    await screen.findByTestId('invite-code');
    setModalAnswer(false);
    await act(async () => fireEvent.click(screen.getByTestId('revoke-invite')));
    expect(events.some((e) => e.action === 'revoke')).toBe(false);
    setModalAnswer(true);
    await act(async () => fireEvent.click(screen.getByTestId('revoke-invite')));
    await waitFor(() => expect(screen.queryByTestId('invite-code')).toBeNull());
    expect(events).toContainEqual({ action: 'revoke', code: 'K7M2Q9XP' });
    expect(screen.getByText('最近一张：K7M2 Q9XP（已作废）')).toBeTruthy();
  });

  it('unbinds a bound person only after confirmation', async () => {
    const events = serve({ person: { ...PERSON, bound: true } });
    render(<PersonPage />);
    fireEvent.click(await screen.findByTestId('unbind'));
    await waitFor(() => expect(events.some((e) => e.action === 'unbind')).toBe(true));
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: '解绑微信' });
    expect(await screen.findByTestId('create-invite')).toBeTruthy();
  });

  it('does not offer the 分党委管理员 grant to a unit admin, and shows a refused grant', async () => {
    serve({ person: { ...PERSON, roles: [] } });
    render(<PersonPage />);
    await screen.findByTestId('person-name');
    await screen.findByText('支部书记/支委…');
    expect(screen.queryByText('分党委管理员')).toBeNull();
    await act(async () => fireEvent.click(screen.getByText('党员')));
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '没有权限进行此操作' }) });
  });
});
