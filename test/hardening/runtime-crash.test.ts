import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openLocalDatabase } from '../../cloudfunctions/_local/db';
import { buildDemoData, DEMO_OPENID_PREFIX } from '../../cloudfunctions/_local/demo';

/**
 * 崩溃不丢已确认的写入（issue 8 第 3 条）：真正的本地运行时（npm run serve 的 cloudfunctions/_local/main.ts，
 * HTTP 外壳 + 云函数 + 持久化数据库）在一阵并发写入中途被 kill -9；重启后每个已收到成功回复的写入都在，
 * 每条写入与它的审计记录同在或同不在（同一事务），运行时能照常读写。
 * 数据库层的 kill -9（直接调用执行器）见 test/conformance/persistence.test.ts；这里是整个运行时、经云函数。
 */

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'cloudfunctions/_local/main.ts');
const ACKS_BEFORE_KILL = 40;
const IN_FLIGHT = 8;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startRuntime(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`runtime did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (out.includes('本地运行时已启动')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c) => (out += c));
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited (${code ?? sig}) before starting: ${out}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<NodeJS.Signals | number | null>((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.signalCode ?? child.exitCode) : child.once('exit', (code, sig) => resolve(sig ?? code))));

async function callFunction(port: number, openid: string, fn: string, event: object): Promise<{ ok: boolean; data?: unknown; code?: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `local_openid=${openid}` },
    body: JSON.stringify(event),
  });
  return (await res.json()) as { ok: boolean; data?: unknown; code?: string };
}

describe('durability of the whole local runtime under kill -9', () => {
  let dataDir = '';
  let child: ChildProcess | null = null;
  afterEach(async () => {
    if (child && child.exitCode === null && !child.signalCode) {
      child.kill('SIGKILL');
      await exited(child);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged org.savePerson (person + audit, one transaction) after kill -9 mid-burst; the restarted runtime reads and writes', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'runtime-crash-'));
    const demo = buildDemoData();
    const admin = demo.people.find((p) => p.roles.some((r) => r.role === 'deptAdmin'))!;
    const branch = demo.branches[0];
    const openid = `${DEMO_OPENID_PREFIX}${admin._id}`;
    const port = await freePort();
    child = await startRuntime(dataDir, port);

    // 一阵并发写入：始终保持 IN_FLIGHT 个请求在途；收到 ACKS_BEFORE_KILL 个成功回复时 kill -9（仍有请求在途）
    const acked = new Map<string, string>(); // personNo → _id
    let next = 0;
    let killed = false;
    const running = child;
    const worker = async () => {
      while (!killed) {
        const personNo = `CRASH-${++next}`;
        try {
          const reply = await callFunction(port, openid, 'org', { action: 'savePerson', name: `崩溃测试${next}`, personNo, phone: null, unitId: branch.unitId, branchId: branch._id });
          if (!reply.ok) throw new Error(`savePerson refused: ${JSON.stringify(reply)}`);
          acked.set(personNo, (reply.data as { _id: string })._id);
          if (acked.size >= ACKS_BEFORE_KILL && !killed) {
            killed = true;
            running.kill('SIGKILL');
          }
        } catch (e) {
          if (!killed) throw e; // 被杀之后的连接错误是预期的
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(await exited(running)).toBe('SIGKILL');
    const attempted = next;

    // 重启同一数据目录：能启动、能读、能写
    child = await startRuntime(dataDir, port);
    const list = await callFunction(port, openid, 'org', { action: 'listPeople', unitId: branch.unitId, branchId: branch._id });
    expect(list.ok).toBe(true);
    const after = await callFunction(port, openid, 'org', { action: 'savePerson', name: '重启后', personNo: 'AFTER-RESTART', phone: null, unitId: branch.unitId, branchId: branch._id });
    expect(after.ok).toBe(true);
    child.kill('SIGTERM');
    await exited(child);

    // 直接打开数据文件核对
    const db = await openLocalDatabase({ dir: path.join(dataDir, 'db') });
    try {
      const people = await db.dump('people');
      const byNo = new Map(people.map((p) => [p.personNo as string, p._id as string]));
      const audited = new Set((await db.dump('audit')).filter((a) => a.targetCollection === 'people').map((a) => a.targetId as string));
      for (const [personNo, id] of acked) {
        expect([personNo, byNo.get(personNo)]).toEqual([personNo, id]);
        expect(audited.has(id)).toBe(true);
      }
      // 同一事务：任何留下来的崩溃测试人员都有审计记录（不论是否来得及回复）
      const survivors = people.filter((p) => String(p.personNo).startsWith('CRASH-'));
      for (const p of survivors) expect(audited.has(p._id as string)).toBe(true);
      expect(byNo.has('AFTER-RESTART')).toBe(true);
      expect(survivors.length).toBeGreaterThanOrEqual(acked.size);
      expect(survivors.length).toBeLessThanOrEqual(attempted);
      expect(typeof (await db.digest())).toBe('string');
      console.log(`runtime kill -9: ${acked.size} acknowledged writes of ${attempted} attempted, ${survivors.length} on disk after restart, all acknowledged present`);
    } finally {
      await db.close();
    }
  }, 150_000);
});
