import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openLocalDatabase, type LocalDatabase, type LocalDatabaseOptions } from '../../../cloudfunctions/_local/db';

/**
 * 一致性测试的公共设施：每个测试开自己的本地数据库（内存或临时目录），
 * 测试结束统一关闭、删除目录。测试只经 openLocalDatabase() 与真实 SDK 访问数据库。
 */

const open: LocalDatabase[] = [];
const dirs: string[] = [];

export async function openDb(opts: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const ldb = await openLocalDatabase(opts);
  open.push(ldb);
  return ldb;
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'localdb-conformance-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((ldb) => ldb.close()));
});

afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** 可拨动的时钟 */
export function testClock(iso: string) {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = new Date(next).getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface SdkError extends Error {
  errCode?: number;
  errMsg?: string;
  code?: string;
}

/** 断言 promise 失败并返回错误，便于继续检查 errCode / message */
export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** 一次写入多条（_id 按给定） */
export async function seed(ldb: LocalDatabase, collection: string, docs: object[]): Promise<void> {
  if (docs.length) await ldb.db.collection(collection).add({ data: docs });
}

export function ids(rows: { _id: unknown }[]): unknown[] {
  return rows.map((r) => r._id);
}
