import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { createLocalServer } from '../../cloudfunctions/_local/server';
import { seededCloud, type SeededCloud } from '../support/local-cloud';

/** 本地运行时的 HTTP 外壳：H5 客户端经它调用云函数 */
describe('local runtime HTTP server', () => {
  let s: SeededCloud;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    s = await seededCloud();
    const staticDir = await mkdtemp(path.join(os.tmpdir(), 'h5-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>H5</title>');
    server = createLocalServer({ cloud: s.cloud, demo: s.demo, staticDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await s.cloud.close();
  });

  const call = (name: string, event: unknown, cookie = '') =>
    fetch(`${base}/api/functions/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: typeof event === 'string' ? event : JSON.stringify(event),
    }).then((r) => r.json());

  it('calls a cloud function and answers with the envelope', async () => {
    const reply = await call('notices', { action: 'list', pageSize: 5 });
    expect(reply.ok).toBe(true);
    expect(reply.data.items).toHaveLength(5);
  });

  it('signs a demo person in with a cookie; identity never comes from the body', async () => {
    const admin = s.demo.people.find((p) => p.roles.some((r) => r.role === 'deptAdmin'))!;
    const res = await fetch(`${base}/local/signin`, {
      method: 'POST',
      body: new URLSearchParams({ personId: admin._id }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toBe(`local_openid=local-${admin._id}`);
    const me = await call('session', { action: 'whoami' }, cookie);
    expect(me.data.person.name).toBe(admin.name);
    const forged = await call('session', { action: 'whoami', openid: `local-${admin._id}` });
    expect(forged).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('answers unknown functions, bad JSON and oversize bodies with clear codes', async () => {
    expect(await call('nope', { action: 'x' })).toMatchObject({ ok: false, code: 'UNKNOWN_FUNCTION' });
    expect(await call('notices', '{not json')).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请求不是合法的 JSON' });
    const huge = await call('notices', JSON.stringify({ action: 'list', keyword: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请求内容过大' });
  });

  it('uploads a file only for a signed-in caller, and serves it through a signed temporary link', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const anon = await fetch(`${base}/api/files?cloudPath=t/a.png`, { method: 'POST', body: png }).then((r) => r.json());
    expect(anon).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const cookie = `local_openid=local-${s.demo.people[0]._id}`;
    const up = await fetch(`${base}/api/files?cloudPath=t/a.png`, { method: 'POST', body: png, headers: { Cookie: cookie } }).then((r) => r.json());
    expect(up.ok).toBe(true);
    const [t] = await s.cloud.files.tempUrls([up.data.fileID]);
    const link = new URL(t.tempFileURL);
    const got = await fetch(`${base}${link.pathname}${link.search}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${base}${link.pathname}?expires=${link.searchParams.get('expires')}&sign=bad`)).status).toBe(403);
  });

  it('serves the sign-in page with every persona, clearly marked as local mode', async () => {
    const html = await fetch(`${base}/local/signin`).then((r) => r.text());
    expect(html).toContain('本地演示模式');
    expect(html).toContain('组织部管理员');
  });

  it('falls back to index.html for client routes and refuses path traversal', async () => {
    expect(await fetch(`${base}/some/route`).then((r) => r.text())).toContain('<title>H5</title>');
    const res = await fetch(`${base}/..%2f..%2fetc/passwd`);
    expect(await res.text()).not.toContain('root:');
  });
});
