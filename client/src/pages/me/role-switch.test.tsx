import { fireEvent, render, screen } from '@testing-library/react';
import type { Me } from '@contract/index';
import Taro from '@tarojs/taro';
import { calls, resetTaro } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { clearSubscriptionCache } from '@/services/subscribe';
import { serveMe } from './fake-me-server';
import MePage from './index';

/** “我的”里的身份切换与管理入口（身份卡片、本地模式横幅见 index.test.tsx） */
const UNIT_ADMIN_WHO_IS_MEMBER: Me = {
  bound: true,
  localMode: false,
  person: {
    _id: 'p-ua-cs',
    name: '李晓东',
    unitName: '计算机科学与工程学院党委',
    branchName: '计算机学院教工第一党支部',
    roles: [
      { role: 'member', unitId: 'u-cs', branchId: 'b-cs-staff1' },
      { role: 'unitAdmin', unitId: 'u-cs' },
    ],
  },
};

const entryTitles = () => screen.queryAllByTestId(/^entry-/).map((e) => e.querySelector('span')?.textContent);

describe('我的: role switch and admin entries', () => {
  beforeEach(() => resetTaro());
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('starts as the most powerful role and lists its entries as cards', async () => {
    serveMe({ me: UNIT_ADMIN_WHO_IS_MEMBER });
    render(<MePage />);
    await screen.findByTestId('role-switch');
    expect(screen.getByTestId('role-switch-unitAdmin').dataset.selected).toBe('true');
    expect(entryTitles()).toEqual(['本单位支部与人员', '审计日志', '导出立项汇总表']);
    fireEvent.click(screen.getByTestId('entry-unit'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/unit/index?id=u-cs' } });
    fireEvent.click(screen.getByTestId('entry-audit'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/admin/audit/index?unitId=u-cs' } });
  });

  it('switches role, hides the admin entries for 党员, and remembers the choice', async () => {
    serveMe({ me: UNIT_ADMIN_WHO_IS_MEMBER });
    const { unmount } = render(<MePage />);
    fireEvent.click(await screen.findByTestId('role-switch-member'));
    expect(screen.getByTestId('role-switch-member').dataset.selected).toBe('true');
    expect(entryTitles()).toEqual([]);
    expect(Taro.getStorageSync('activeRole')).toBe('member');
    unmount();
    render(<MePage />);
    await screen.findByTestId('role-switch');
    expect(screen.getByTestId('role-switch-member').dataset.selected).toBe('true');
    fireEvent.click(screen.getByTestId('role-switch-unitAdmin'));
    expect(entryTitles()).toEqual(['本单位支部与人员', '审计日志', '导出立项汇总表']);
    // 分党委管理员的“我的申报”是本单位的
    await screen.findByTestId('my-entries-empty');
    expect(screen.getByTestId('my-entries').dataset.scope).toBe('unit:u-cs');
  });

  it('shows no switch for a single role, and the department entries for a department admin', async () => {
    serveMe({ me: { ...UNIT_ADMIN_WHO_IS_MEMBER, person: { ...UNIT_ADMIN_WHO_IS_MEMBER.person!, roles: [{ role: 'deptAdmin' }] } } });
    render(<MePage />);
    await screen.findByTestId('entries');
    expect(screen.queryByTestId('role-switch')).toBeNull();
    expect(entryTitles()).toEqual(['评选管理', '单位管理', '审计日志', '导出文件', '案例编辑']);
  });

  it('offers the bind page to someone not yet bound', async () => {
    serveMe({ me: { bound: false, person: null, localMode: false } });
    render(<MePage />);
    fireEvent.click(await screen.findByText('输入邀请码绑定'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/pages/bind/index' } });
    expect(screen.queryByTestId('role-switch')).toBeNull();
    expect(screen.queryByTestId('entries')).toBeNull();
  });
});
