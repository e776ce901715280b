import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../cloudfunctions/_local/runtime';
import { seedDemoDataOnce } from '../../cloudfunctions/_local/seed';
import { buildDemoData, DEMO_OPENID_PREFIX, type DemoData } from '../../cloudfunctions/_local/demo';
import type { Reply } from '../../types';

/** 可拨动的时钟：测试里“现在”由测试决定 */
export function fixedClock(iso: string) {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next: string) {
      now = new Date(next);
    },
  };
}

export interface SeededCloud {
  cloud: LocalCloud;
  demo: DemoData;
  /** 演示人员的 openid（本地绑定为 local-<id>） */
  openidOf(personId: string): string;
  /** 调用并断言成功，返回 data */
  ok<T = unknown>(fn: string, event: object, openid?: string): Promise<T>;
  /** 调用并断言失败，返回失败回复 */
  fail(fn: string, event: unknown, openid?: string): Promise<Extract<Reply<unknown>, { ok: false }>>;
}

export async function seededCloud(opts: LocalCloudOptions = {}): Promise<SeededCloud> {
  const cloud = await startLocalCloud(opts);
  const demo = buildDemoData();
  await seedDemoDataOnce(cloud.database.db, cloud.clock.now(), demo);
  return {
    cloud,
    demo,
    openidOf: (id) => `${DEMO_OPENID_PREFIX}${id}`,
    async ok(fn, event, openid = '') {
      const reply = await cloud.call(fn, event, openid);
      if (!reply.ok) throw new Error(`${fn} failed: ${reply.code} ${reply.message}`);
      return reply.data as never;
    },
    async fail(fn, event, openid = '') {
      const reply = await cloud.call(fn, event, openid);
      if (reply.ok) throw new Error(`${fn} unexpectedly succeeded`);
      return reply;
    },
  };
}

/**
 * 数据库往返计数（issue 8）：把 onDbRequest 交给 startLocalCloud / orgFixture / engineFixture 的选项，
 * 再用 count 包住一次调用，得到这次调用发出的数据库请求数（与压测 bench/run.ts 的计法相同）。
 */
export function roundTripCounter() {
  let n = 0;
  return {
    onDbRequest: () => {
      n += 1;
    },
    async count<T>(run: () => Promise<T>): Promise<{ trips: number; result: T }> {
      n = 0;
      const result = await run();
      return { trips: n, result };
    },
  };
}
