import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DiskFileStore } from '../../cloudfunctions/_local/files';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
const PDF = Buffer.from('%PDF-1.4\n% test\n');

describe('local file store (the cloud storage counterpart)', () => {
  let store: DiskFileStore;
  let now = new Date('2026-11-21T00:00:00Z');
  beforeEach(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'files-test-'));
    store = new DiskFileStore({ root, env: 'local', baseUrl: 'http://localhost:9', secret: 's3cret', now: () => now });
  });

  it('stores bytes under a cloud-style fileID and reads them back', async () => {
    const { fileID } = await store.upload('entries/e1/photo.png', PNG);
    expect(fileID).toBe('cloud://local.local-bucket/entries/e1/photo.png');
    expect((await store.download(fileID)).equals(PNG)).toBe(true);
  });

  it('issues signed, expiring temporary URLs', async () => {
    const { fileID } = await store.upload('a/b.pdf', PDF);
    const [t] = await store.tempUrls([fileID], 60);
    expect(t.status).toBe(0);
    const url = new URL(t.tempFileURL);
    expect(url.pathname).toBe('/files/a/b.pdf');
    const expires = Number(url.searchParams.get('expires'));
    const sign = url.searchParams.get('sign')!;
    expect(store.resolveSignedPath('a/b.pdf', expires, sign)).toMatch(/a\/b\.pdf$/);
    expect(store.resolveSignedPath('a/b.pdf', expires, sign.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeNull();
    expect(store.resolveSignedPath('a/other.pdf', expires, sign)).toBeNull();
    now = new Date(now.getTime() + 61_000);
    expect(store.resolveSignedPath('a/b.pdf', expires, sign)).toBeNull();
    now = new Date('2026-11-21T00:00:00Z');
  });

  it('answers a foreign fileID with a failed status, not a URL', async () => {
    const [t] = await store.tempUrls(['cloud://other-env.bucket/a.png']);
    expect(t).toEqual({ fileID: 'cloud://other-env.bucket/a.png', tempFileURL: '', status: -503003 });
  });

  it('deletes files', async () => {
    const { fileID } = await store.upload('x/y.png', PNG);
    await store.remove([fileID]);
    await expect(store.download(fileID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['../escape.png', PNG, '文件路径不合法'],
    ['/abs.png', PNG, '文件路径不合法'],
    ['a/run.exe', PNG, '不支持的文件类型'],
    ['a/fake.png', Buffer.from('MZ not a png'), '文件内容与扩展名不符'],
    ['a/empty.pdf', Buffer.alloc(0), '文件为空'],
    ['a/huge.png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), '图片不能超过 10 MB'],
  ])('rejects %s with a clear reason', async (cloudPath, bytes, reason) => {
    await expect(store.upload(cloudPath, bytes)).rejects.toMatchObject({ code: 'FILE_REJECTED', message: expect.stringContaining(reason) });
  });
});
