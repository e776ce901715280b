import { spawn } from 'node:child_process';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDuplicateKeyError } from '../../cloudfunctions/_lib/db';
import { openLocalDatabase } from '../../cloudfunctions/_local/db';
import { encodeEJSON } from '../../cloudfunctions/_local/db/ejson';
import { openDb, rejection, tempDir } from './support/local-db';

/** 持久化：关闭重开、kill -9、半行数据、损坏、事务日志重放 */

const ROOT = path.resolve(__dirname, '../..');

describe('persistence', () => {
  it('data, types, empty collections and unique indexes survive close() + reopen', async () => {
    const dir = await tempDir();
    const first = await openLocalDatabase({ dir });
    await first.ensureIndexes([{ collection: 'users', name: 'email_unique', keys: { email: 1 }, unique: true }]);
    await first.db.collection('users').add({
      data: { _id: 'u1', email: 'a@x.cn', at: new Date('2026-01-02T03:04:05.006Z'), n: 1.5, big: 2 ** 40, list: [1, 'two', { three: 3 }], no: null },
    });
    await first.db.createCollection('emptyOne');
    const digest = await first.digest();
    await first.close();
    expect((await readdir(dir)).sort()).toEqual(['emptyOne.db', 'indexes.json', 'users.db']);

    const second = await openDb({ dir });
    expect(await second.digest()).toBe(digest);
    expect(await second.collectionNames()).toEqual(['emptyOne', 'users']);
    const { data } = await second.db.collection('users').doc('u1').get();
    expect(data).toEqual({ _id: 'u1', email: 'a@x.cn', at: new Date('2026-01-02T03:04:05.006Z'), n: 1.5, big: 2 ** 40, list: [1, 'two', { three: 3 }], no: null });
    expect(data.at).toBeInstanceOf(Date);
    expect(isDuplicateKeyError(await rejection(second.db.collection('users').add({ data: { email: 'a@x.cn' } })))).toBe(true);
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL mid-burst', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'crash-writer.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const adds: string[] = [];
    const txs: number[] = [];
    let incs = 0;
    let stderr = '';
    let pending = '';
    let killed = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const [kind, value] = pending.slice(0, nl).split(' ');
        pending = pending.slice(nl + 1);
        if (kind === 'add') adds.push(value);
        if (kind === 'inc') incs = Number(value);
        if (kind === 'tx') txs.push(Number(value));
      }
      if (!killed && adds.length >= 300) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    // 万一子进程卡住也不留下孤儿进程
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    clearTimeout(guard);
    if (!killed || signal !== 'SIGKILL') throw new Error(`crash writer ended on its own (signal ${signal}): ${stderr}`);

    const ldb = await openDb({ dir });
    const stored = new Set((await ldb.dump('burst')).map((d) => d._id));
    expect(adds.filter((id) => !stored.has(id))).toEqual([]);
    expect((await ldb.db.collection('counter').doc('c').get()).data.n).toBeGreaterThanOrEqual(incs);
    const pairs = new Set((await ldb.dump('pairs')).map((d) => String(d._id)));
    for (const i of txs) expect([pairs.has(`a${i}`), pairs.has(`b${i}`)]).toEqual([true, true]);
    // 事务要么整个在，要么整个不在
    for (const id of pairs) expect(pairs.has(id.startsWith('a') ? `b${id.slice(1)}` : `a${id.slice(1)}`)).toBe(true);
    // 仍可写
    await ldb.db.collection('burst').add({ data: { after: 'crash' } });
  }, 20_000);

  it('drops a torn (unterminated) last line instead of refusing to open', async () => {
    const dir = await tempDir();
    const first = await openLocalDatabase({ dir });
    await first.db.collection('c').add({ data: [{ _id: 'a' }, { _id: 'b' }] });
    await first.close();
    await appendFile(path.join(dir, 'c.db'), '{"_id":"c","half":');

    const second = await openDb({ dir });
    expect((await second.dump('c')).map((d) => d._id)).toEqual(['a', 'b']);
    await second.db.collection('c').add({ data: { _id: 'c' } });
    expect((await second.dump('c')).map((d) => d._id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses to open a datafile with a corrupt line in the middle (no silent data loss)', async () => {
    const dir = await tempDir();
    const first = await openLocalDatabase({ dir });
    await first.db.collection('c').add({ data: [{ _id: 'a' }, { _id: 'b' }] });
    await first.close();
    const file = path.join(dir, 'c.db');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [lines[0], 'garbage{', ...lines.slice(1)].join('\n'));
    await expect(openLocalDatabase({ dir })).rejects.toThrow(/corrupt/);
  });

  it('completes a transaction commit that was interrupted after its journal was written', async () => {
    const dir = await tempDir();
    const first = await openLocalDatabase({ dir });
    await first.db.collection('acc').add({ data: [{ _id: 'from', n: 10 }, { _id: 'gone' }] });
    await first.close();
    // 提交先把全部改动写进 commit.journal 再逐条落盘；模拟在落盘前崩溃
    const journal = [
      { collection: 'acc', id: 'from', doc: { _id: 'from', n: 0 } },
      { collection: 'acc', id: 'gone', doc: null },
      { collection: 'log', id: 'l1', doc: { _id: 'l1', moved: 10 } },
    ];
    await writeFile(path.join(dir, 'commit.journal'), encodeEJSON(journal));

    const second = await openDb({ dir });
    expect(await second.dump('acc')).toEqual([{ _id: 'from', n: 0 }]);
    expect(await second.dump('log')).toEqual([{ _id: 'l1', moved: 10 }]);
    expect(await readdir(dir)).not.toContain('commit.journal');
  });
});
