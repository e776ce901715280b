import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../types';
import { failure } from '../../types';
import type { FunctionContext } from '../_lib/context';
import type { Clock } from '../_lib/ports';
import { systemClock } from '../_lib/ports';
import { cloudFunctions, COLLECTION_NAMES, indexDeclarations } from '../registry';
import { openLocalDatabase, type LocalDatabase } from './db';
import { DiskFileStore } from './files';
import { OutboxMessageSender } from './outbox';
import { keywordContentSecurity } from './security';

export interface LocalCloudOptions {
  /** 数据目录（数据库文件与存储文件）；省略则数据库在内存、文件在临时目录 */
  dataDir?: string;
  /** 云环境 id；同一进程里的多个本地云必须各不相同（测试各开一个） */
  env?: string;
  clock?: Clock;
  /** 临时文件链接的前缀 */
  baseUrl?: string;
  /** 临时链接签名密钥；持久化运行时应固定，重启后旧链接仍有效 */
  fileSecret?: string;
  /** 数据库往返观察者（见 openLocalDatabase 的 onRequest）：压测据此统计每个操作的往返次数 */
  onDbRequest?: (action: string, params: Readonly<Record<string, unknown>>) => void;
}

/** 本地云：与生产相同的云函数，跑在嵌入式数据库、磁盘文件与发件箱之上 */
export interface LocalCloud {
  env: string;
  database: LocalDatabase;
  files: DiskFileStore;
  clock: Clock;
  /** 以某个 openid 的身份调用云函数（空字符串 = 未登录/非小程序端） */
  call(functionName: string, event: unknown, openid: string): Promise<Reply<unknown>>;
  close(): Promise<void>;
}

let envCounter = 0;

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const env = opts.env ?? `local-${process.pid}-${++envCounter}`;
  const clock = opts.clock ?? systemClock;
  const database = await openLocalDatabase({
    dir: opts.dataDir ? path.join(opts.dataDir, 'db') : undefined,
    env,
    clock: () => clock.now(),
    onRequest: opts.onDbRequest,
  });
  const existing = new Set(await database.collectionNames());
  for (const name of COLLECTION_NAMES) if (!existing.has(name)) await database.db.createCollection(name);
  await database.ensureIndexes(indexDeclarations);
  const filesRoot = opts.dataDir ? path.join(opts.dataDir, 'files') : await mkdtemp(path.join(os.tmpdir(), 'local-cloud-files-'));
  const files = new DiskFileStore({
    root: filesRoot,
    env,
    baseUrl: opts.baseUrl ?? 'http://localhost:8080',
    secret: opts.fileSecret,
    now: () => clock.now(),
  });
  const messages = new OutboxMessageSender(database.db, () => clock.now());

  function contextFor(openid: string): FunctionContext {
    return {
      caller: { openid, appid: openid ? 'local-appid' : null, unionid: null },
      db: database.db,
      files,
      messages,
      security: keywordContentSecurity,
      clock,
      requestId: randomUUID(),
      localMode: true,
    };
  }

  return {
    env,
    database,
    files,
    clock,
    async call(functionName, event, openid) {
      const fn = Object.prototype.hasOwnProperty.call(cloudFunctions, functionName) ? cloudFunctions[functionName] : undefined;
      if (!fn) return failure('UNKNOWN_FUNCTION', `不存在的云函数：${functionName.slice(0, 40)}`);
      return fn.invoke(event, contextFor(openid));
    },
    close: () => database.close(),
  };
}
