import { fireEvent, render, screen } from '@testing-library/react';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import BindPage from './index';

const input = () => screen.getByPlaceholderText('例如 K7M2Q9XP') as HTMLInputElement;
const counter = () => screen.getByTestId('bind-code-counter').textContent;

describe('绑定身份 page', () => {
  let events: object[];
  beforeEach(() => {
    resetTaro();
    events = [];
  });
  afterEach(() => setTransport(null));

  it('prefills the code from the shared link', () => {
    setRouterParams({ code: 'k7m2q9xp' });
    render(<BindPage />);
    expect(input().value).toBe('K7M2Q9XP');
    expect(counter()).toBe('8/8');
  });

  it('uppercases, strips spaces, caps at 8 and counts', () => {
    render(<BindPage />);
    expect(counter()).toBe('0/8');
    fireEvent.change(input(), { target: { value: 'k7m2 ' } });
    expect(input().value).toBe('K7M2');
    expect(counter()).toBe('4/8');
    fireEvent.change(input(), { target: { value: 'K7M2 Q9XP ZZ' } });
    expect(input().value).toBe('K7M2Q9XP');
    expect(counter()).toBe('8/8');
  });

  it('does not send an incomplete code, and points out characters that never occur in codes', () => {
    setTransport(async (_n, e) => {
      events.push(e);
      return { ok: true, data: { personId: 'p1', name: '张三' } };
    });
    render(<BindPage />);
    fireEvent.change(input(), { target: { value: 'K7M2' } });
    fireEvent.click(screen.getByText('确认绑定'));
    expect(events).toEqual([]);
    fireEvent.change(input(), { target: { value: 'K7M2Q9X0' } });
    expect(screen.getByTestId('bind-error').textContent).toContain('“0”');
    fireEvent.click(screen.getByText('确认绑定'));
    expect(events).toEqual([]);
  });

  it.each([
    ['NOT_FOUND', '邀请码无效，请核对后重试'],
    ['DEADLINE_PASSED', '邀请码已过期，请联系管理员重新发放'],
    ['CONFLICT', '该邀请码已被使用'],
    ['RATE_LIMITED', '尝试次数过多，请一小时后再试'],
    ['CONFLICT', '当前微信已绑定到“王晓东”，如需更换请联系管理员解绑'],
  ])('shows the server’s message inline (%s: %s) and clears it on edit', async (code, message) => {
    setTransport(async (_n, e) => {
      events.push(e);
      return { ok: false, code, message };
    });
    setRouterParams({ code: 'K7M2Q9XP' });
    render(<BindPage />);
    fireEvent.click(screen.getByText('确认绑定'));
    expect((await screen.findByTestId('bind-error')).textContent).toBe(message);
    expect(events).toEqual([{ action: 'redeem', code: 'K7M2Q9XP' }]);
    fireEvent.change(input(), { target: { value: 'K7M2Q9X' } });
    expect(screen.queryByTestId('bind-error')).toBeNull();
  });

  it('binds and names the person, with a way back to 我的', async () => {
    setTransport(async (_n, e) => {
      events.push(e);
      return { ok: true, data: { personId: 'p-cs-staff1-1', name: '赵雪梅' } };
    });
    render(<BindPage />);
    fireEvent.change(input(), { target: { value: 'k7m2q9xp' } });
    fireEvent.click(screen.getByText('确认绑定'));
    expect((await screen.findByTestId('bind-success')).textContent).toContain('赵雪梅');
    expect(events).toEqual([{ action: 'redeem', code: 'K7M2Q9XP' }]);
    fireEvent.click(screen.getByText('返回我的'));
    expect(calls).toContainEqual({ api: 'switchTab', arg: { url: '/pages/me/index' } });
  });
});
