import { callFunction, CloudError } from './cloud';
import { send } from './transport.h5';
import { setTransport } from './transport';

describe('H5 transport (HTTP to the local runtime)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    setTransport(null);
  });

  it('POSTs the event as JSON to /api/functions/<name> with same-origin cookies', async () => {
    const fetchMock = jest.fn(async () => ({ json: async () => ({ ok: true, data: 1 }) }));
    global.fetch = fetchMock as unknown as typeof fetch;
    await expect(send('notices', { action: 'get', id: 'n1' })).resolves.toEqual({ ok: true, data: 1 });
    expect(fetchMock).toHaveBeenCalledWith('/api/functions/notices', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: '{"action":"get","id":"n1"}',
    });
  });

  it('turns a network failure into the INTERNAL failure envelope', async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(send('notices', {})).resolves.toEqual({ ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' });
  });

  it('hands a non-JSON answer (a gateway error page) on, so cloud.ts reports an unreadable reply', async () => {
    global.fetch = jest.fn(async () => ({
      json: async () => {
        throw new SyntaxError('Unexpected token <');
      },
    })) as unknown as typeof fetch;
    setTransport(send);
    const err = await callFunction('notices', 'list', {}).catch((e) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err.code).toBe('INTERNAL');
  });
});
