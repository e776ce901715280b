import { callFunction, CloudError } from './cloud';
import { setTransport } from './transport';

describe('callFunction (the one client entry to the cloud)', () => {
  afterEach(() => setTransport(null));

  it('validates input with the shared contract before sending', async () => {
    const sent: unknown[] = [];
    setTransport(async (name, event) => {
      sent.push([name, event]);
      return { ok: true, data: { items: [], nextCursor: null } };
    });
    await expect(callFunction('notices', 'list', { pageSize: 99 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: 'pageSize', message: '不能大于 20' }],
    });
    expect(sent).toEqual([]);
    await callFunction('notices', 'list', { keyword: '立项' });
    expect(sent).toEqual([['notices', { action: 'list', keyword: '立项', pageSize: 10 }]]);
  });

  it('turns a failure envelope into a CloudError with its code and Chinese message', async () => {
    setTransport(async () => ({ ok: false, code: 'NOT_FOUND', message: '通知不存在或已撤回' }));
    const err = await callFunction('notices', 'get', { id: 'n1' }).catch((e) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: '通知不存在或已撤回' });
  });

  it('keeps the field issues of a BAD_INPUT reply so forms can mark the fields', async () => {
    const issues = [{ path: 'keyword', message: '最多 30 个字符' }];
    setTransport(async () => ({ ok: false, code: 'BAD_INPUT', message: '提交的内容不符合要求', issues }));
    await expect(callFunction('notices', 'list', { keyword: '立项' })).rejects.toMatchObject({ code: 'BAD_INPUT', issues });
  });

  it('rejects fields the contract does not know (strict events: nothing smuggled in)', async () => {
    setTransport(async () => ({ ok: true, data: { bound: false, person: null, localMode: true } }));
    const smuggled = { _openid: 'someone-else' } as unknown as Record<string, never>;
    await expect(callFunction('session', 'whoami', smuggled)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('says clearly when no transport is plugged in', async () => {
    await expect(callFunction('session', 'whoami', {})).rejects.toThrow('setTransport');
  });

  it('refuses a reply that does not match the contract', async () => {
    setTransport(async () => ({ ok: true, data: { items: 'nope' } }));
    await expect(callFunction('notices', 'list', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    setTransport(async () => '<html>502 Bad Gateway</html>');
    await expect(callFunction('notices', 'list', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
