import type { FunctionContext } from './context';

/** 云数据库单次读取的上限（条） */
export const READ_LIMIT = 100;

/**
 * 按 _id 升序分页读完一个条件下的全部记录（每次至多 100 条，以上一页最后的 _id 为界，不用 skip）。
 * 查询次数 = ⌈条数 / 100⌉，与按什么分组无关：要按单位、类别分的，读一遍后在内存里分（issue 8，不逐个单位查）。
 * field 投影只取要用的字段，少传数据。
 */
export async function readAllById<T extends { _id: string }>(ctx: FunctionContext, collection: string, where: Record<string, unknown>, field?: Record<string, true>): Promise<T[]> {
  const _ = ctx.db.command;
  const out: T[] = [];
  let after = '';
  for (let page = 0; page < 1000; page++) {
    let q = ctx.db.collection(collection).where({ ...where, _id: _.gt(after) });
    if (field) q = q.field(field);
    const rows = (await q.orderBy('_id', 'asc').limit(READ_LIMIT).get()).data as unknown as T[];
    out.push(...rows);
    if (rows.length < READ_LIMIT) break;
    after = rows[rows.length - 1]._id;
  }
  return out;
}

/** 按 _id 批量读（_.in 每批至多 100 个，各批并发）；不存在的 id 不出现在结果里 */
export async function readByIds<T>(ctx: FunctionContext, collection: string, ids: string[], field?: Record<string, true>): Promise<T[]> {
  const _ = ctx.db.command;
  const unique = [...new Set(ids)];
  const batches: Promise<T[]>[] = [];
  for (let i = 0; i < unique.length; i += READ_LIMIT) {
    let q = ctx.db.collection(collection).where({ _id: _.in(unique.slice(i, i + READ_LIMIT)) });
    if (field) q = q.field(field);
    batches.push(q.limit(READ_LIMIT).get().then((r) => r.data as unknown as T[]));
  }
  return (await Promise.all(batches)).flat();
}

/**
 * 与云数据库 orderBy 相同的字符串次序（按 Unicode 码点，即 UTF-8 字节序）：
 * 在内存里排序的结果与让数据库排序的一致。
 */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    // 代理项（U+D800..DFFF，表示 U+10000 以上）按码点应排在 U+E000..U+FFFF 之后
    if (ca !== cb) return (ca >= 0xe000 ? ca - 0x800 : ca >= 0xd800 ? ca + 0x2000 : ca) < (cb >= 0xe000 ? cb - 0x800 : cb >= 0xd800 ? cb + 0x2000 : cb) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}
