import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Me } from '@contract/index';
import { resetTaro, trigger } from '../../../../test/stubs/taro';
import { openLocalPage } from '@/services/local-pages';
import { setTransport } from '@/services/transport';
import { clearSubscriptionCache } from '@/services/subscribe';
import { serveMe } from './fake-me-server';
import MePage from './index';

jest.mock('@/services/local-pages', () => ({
  LOCAL_PAGES: { signin: '/local/signin', outbox: '/local/outbox' },
  openLocalPage: jest.fn(),
}));

const BOUND: Me = {
  bound: true,
  localMode: false,
  person: {
    _id: 'p1',
    name: '王晓明',
    unitName: '信息科学与工程学院党委',
    branchName: '计算机系教工第一党支部',
    roles: [
      { role: 'branchEditor', branchId: 'b1' },
      { role: 'judge', campaignId: 'c1' },
      { role: 'judge', campaignId: 'c2' },
    ],
  },
};

describe('我的 page', () => {
  beforeEach(() => {
    resetTaro();
    (openLocalPage as jest.Mock).mockClear();
  });
  afterEach(() => {
    setTransport(null);
    clearSubscriptionCache();
  });

  it('shows the bound person with unit, branch and one chip per role', async () => {
    serveMe({ me: BOUND });
    render(<MePage />);
    expect(await screen.findByText('王晓明')).toBeTruthy();
    expect(screen.getByText('信息科学与工程学院党委')).toBeTruthy();
    expect(screen.getByText('计算机系教工第一党支部')).toBeTruthy();
    expect(screen.getAllByTestId('role-chip').map((c) => c.textContent)).toEqual(['支部书记/支委', '评委']);
    expect(screen.queryByTestId('local-banner')).toBeNull();
  });

  it('explains how to get bound when not bound', async () => {
    serveMe({ me: { bound: false, person: null, localMode: false } });
    render(<MePage />);
    expect(await screen.findByTestId('unbound-card')).toBeTruthy();
    expect(screen.getByText('请联系本单位管理员获取邀请码')).toBeTruthy();
  });

  it('marks local demo mode and links to the demo sign-in and the outbox', async () => {
    serveMe({ me: { ...BOUND, localMode: true } });
    render(<MePage />);
    expect((await screen.findByTestId('local-banner')).textContent).toContain('本地演示模式');
    fireEvent.click(screen.getByText('切换演示身份'));
    fireEvent.click(screen.getByText('消息发件箱'));
    expect((openLocalPage as jest.Mock).mock.calls).toEqual([['/local/signin'], ['/local/outbox']]);
  });

  it('reads the identity again each time the page is shown', async () => {
    let whoami = 0;
    serveMe({
      me: () => {
        whoami += 1;
        return { ok: true, data: whoami === 1 ? { bound: false, person: null, localMode: false } : BOUND };
      },
    });
    render(<MePage />);
    await screen.findByTestId('unbound-card');
    await act(() => trigger('didShow'));
    expect(await screen.findByText('王晓明')).toBeTruthy();
  });

  it('shows an error with retry', async () => {
    let fail = true;
    serveMe({ me: () => (fail ? { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' } : { ok: true, data: BOUND }) });
    render(<MePage />);
    expect(await screen.findByText('系统繁忙，请稍后再试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('王晓明')).toBeTruthy();
  });
});
