import type { CloudDb } from '../_lib/db';
import { BINDING_KEY, bindingKeyOf, COLLECTIONS } from '../_lib/actor';
import { NOTICES } from '../notices/collection';
import { buildDemoData, DEMO_OPENID_PREFIX, type DemoData } from './demo';

const META = '_meta';
const SEED_MARK = 'demo-seed';

/**
 * 首次启动时写入演示数据（虚构的“北辰大学”与五份原始通知）。
 * 以 _meta/demo-seed 为标记，重复启动不重复写入。演示人员在本地绑定为 local-<人员 id>。
 */
export async function seedDemoDataOnce(db: CloudDb, now: Date, data: DemoData = buildDemoData()): Promise<boolean> {
  const mark = await db.collection(META).where({ _id: SEED_MARK }).limit(1).get();
  if (mark.data.length) return false;
  // doc(id).set 是幂等的：若上次写到一半被中断，重来不会撞上重复 _id
  const insertAll = async (collection: string, rows: { _id: string }[]) => {
    for (const { _id, ...rest } of rows) await db.collection(collection).doc(_id).set({ data: rest });
  };
  // 可编辑的组织与人员记录带 version（乐观并发，见 _lib/records.ts）
  const v1 = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, version: 1 }));
  await insertAll('units', v1(data.units));
  await insertAll('generalBranches', v1(data.generalBranches));
  await insertAll('branches', v1(data.branches));
  // 演示人员都已绑定：人员记录带绑定键，与下面的 bindings 一致（见 _lib/actor.ts）
  await insertAll(COLLECTIONS.people, v1(data.people).map((p) => ({ ...p, [BINDING_KEY]: bindingKeyOf(`${DEMO_OPENID_PREFIX}${p._id}`) })));
  await insertAll(
    COLLECTIONS.bindings,
    data.people.map((p) => ({ _id: `${DEMO_OPENID_PREFIX}${p._id}`, personId: p._id, boundAt: now, boundBy: 'demo-seed' })),
  );
  await insertAll(
    NOTICES,
    data.notices.map((n) => ({ ...n, publishedAt: new Date(n.publishedAt), status: 'published' })),
  );
  await insertAll('campaigns', data.campaigns);
  await insertAll('entries', data.entries);
  await insertAll('quotaLedgers', data.quotaLedgers);
  await insertAll('cases', data.cases);
  await db.collection(META).doc(SEED_MARK).set({ data: { seededAt: now } });
  return true;
}
