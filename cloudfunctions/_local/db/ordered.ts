import type { DocumentId, IndexDeclaration } from '../../_lib/db';
import { equalityConstraints } from './lookup';
import { lookupAll, parsePath } from './paths';
import { compareValues, idKey, isPlainObject, typeOrder, type Doc } from './values';

/**
 * 本地执行器的有序索引：让“等值前缀 + 排序”的列表页（如按单位、按时间倒序翻页）只读一页附近的记录，
 * 而不是取出全部候选再排序——云端的复合索引正是这样工作的，本地不这样做，列表页耗时就随集合增长。
 *
 * 一个声明 {k1, k2, …, kn}（方向 ±1）对应一个按 (k1·dir1, …, kn·dirn, _id) 排好的数组。可用条件：
 * 查询对 k1..kj 各有一个等值条件（标量），orderBy 恰为 k(j+1)..k(j+m)，方向与声明全同或全反。
 * 这时在前缀块里按序（或逆序）走，用完整匹配函数过滤，取满 offset+limit 条并补齐最后一组并列的记录即停；
 * 调用方再照常排序、截取——所以结果与全表扫描完全相同（并列记录仍按 _id 顺序）。
 *
 * 只收录标量键：任一记录在键路径上是数组（多键）时本索引不再用于排序（数组的排序键取最小/最大元素，
 * 正反方向不同），退回原路径。小批改动就地二分插入/删除；大批（批量导入）先积压，下次使用时排序归并。
 */

const SMALL_BATCH = 64;

interface Entry {
  key: unknown[];
  /** 各键的类型序（typeOrder）与可直接用 < 比较的原始值（数字、日期毫秒、字符串、布尔）；其它类型为 undefined，退回 compareValues */
  types: number[];
  plain: Array<number | string | undefined>;
  id: DocumentId;
}

function plainOf(v: unknown, type: number): number | string | undefined {
  if (type === 3 || type === 4) return v as number | string;
  if (type === 9) return (v as Date).getTime();
  if (type === 8) return v ? 1 : 0;
  if (type === 2) return 0;
  return undefined;
}

/** 与 compareValues 相同的次序，常见类型不经通用比较（大集合重建时快一个数量级） */
function compareKey(a: Entry, b: Entry, i: number): number {
  if (a.types[i] !== b.types[i]) return a.types[i] < b.types[i] ? -1 : 1;
  const x = a.plain[i];
  const y = b.plain[i];
  if (x === undefined || y === undefined) return compareValues(a.key[i], b.key[i]);
  return x < y ? -1 : x > y ? 1 : 0;
}

class OrderedIndex {
  readonly fields: string[];
  private readonly parts: string[][];
  readonly dirs: number[];
  private entries: Entry[] = [];
  /** 尚未并入 entries 的改动：idKey → 最新记录（null = 已删除） */
  private readonly pending = new Map<string, Doc | null>();
  private multikey = false;

  constructor(decl: IndexDeclaration, docs: readonly Doc[]) {
    this.fields = Object.keys(decl.keys);
    this.parts = this.fields.map(parsePath);
    this.dirs = Object.values(decl.keys);
    for (const doc of docs) this.pending.set(idKey(doc._id), doc);
    this.flush();
  }

  /** 记录的索引项；任一键是数组或多值时返回 null（多键） */
  private entryOf(doc: Doc): Entry | null {
    const key: unknown[] = [];
    for (const parts of this.parts) {
      const values = lookupAll(doc, parts);
      if (values.length !== 1 || Array.isArray(values[0])) return null;
      key.push(values[0]);
    }
    const types = key.map(typeOrder);
    return { key, types, plain: key.map((v, i) => plainOf(v, types[i])), id: doc._id as DocumentId };
  }

  private compare(a: Entry, b: Entry): number {
    for (let i = 0; i < this.dirs.length; i++) {
      const c = compareKey(a, b, i);
      if (c) return c * this.dirs[i];
    }
    return compareValues(a.id, b.id);
  }

  /** 前缀块的起点（before=true）或终点：只比较前 prefix.length 个键 */
  private bound(prefix: Entry, n: number, before: boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c = 0;
      for (let i = 0; i < n && !c; i++) c = compareKey(this.entries[mid], prefix, i) * this.dirs[i];
      if (c < 0 || (c === 0 && !before)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private position(entry: Entry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.entries[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** 把积压的改动并入：去掉被改动记录的旧项，新项排好序后与现有数组归并（O(n + p log p)） */
  private flush(): void {
    if (!this.pending.size) return;
    const added: Entry[] = [];
    for (const doc of this.pending.values()) {
      if (!doc) continue;
      const entry = this.entryOf(doc);
      if (!entry) {
        this.multikey = true;
        this.entries = [];
        this.pending.clear();
        return;
      }
      added.push(entry);
    }
    added.sort((a, b) => this.compare(a, b));
    const kept = this.entries.filter((e) => !this.pending.has(idKey(e.id)));
    this.pending.clear();
    const out: Entry[] = new Array(kept.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < added.length) out[k++] = this.compare(kept[i], added[j]) <= 0 ? kept[i++] : added[j++];
    while (i < kept.length) out[k++] = kept[i++];
    while (j < added.length) out[k++] = added[j++];
    this.entries = out;
  }

  apply(changes: ReadonlyArray<{ id: DocumentId; before: Doc | null; after: Doc | null }>): void {
    if (this.multikey) return;
    if (this.pending.size || changes.length > SMALL_BATCH) {
      // 大批（批量导入）或已有积压：只记下每条记录的最新状态，下次使用时一次归并——连续导入不致每批都 O(n)
      for (const c of changes) this.pending.set(idKey(c.id), c.after);
      return;
    }
    for (const c of changes) {
      if (c.before) {
        const entry = this.entryOf(c.before);
        if (entry) {
          const at = this.position(entry);
          if (at < this.entries.length && this.compare(this.entries[at], entry) === 0) this.entries.splice(at, 1);
        }
      }
      if (c.after) {
        const entry = this.entryOf(c.after);
        if (!entry) {
          this.multikey = true;
          this.entries = [];
          return;
        }
        this.entries.splice(this.position(entry), 0, entry);
      }
    }
  }

  /** 能用时返回走索引的迭代器（多键时 undefined） */
  /**
   * 能用时返回走索引的迭代器（多键时 undefined）。seek：排序第一键上的范围条件（走的方向上在它之前的项不可能匹配，
   * 二分跳过——按 _id 或时间分页时，第 k 页不必从头走过前 k−1 页）。
   */
  walk(prefix: unknown[], forward: boolean, seek?: { value: unknown; strict: boolean }): Iterable<Entry> | undefined {
    this.flush();
    if (this.multikey) return undefined;
    const types = prefix.map(typeOrder);
    const probe: Entry = { key: prefix, types, plain: prefix.map((v, i) => plainOf(v, types[i])), id: '' };
    let start = this.bound(probe, prefix.length, true);
    let end = this.bound(probe, prefix.length, false);
    const entries = this.entries;
    if (seek && prefix.length < this.dirs.length) {
      const n = prefix.length;
      const ascending = this.dirs[n] * (forward ? 1 : -1) > 0;
      // 走的方向上位于 seek 之前（不可能匹配）的项：正向走时是块的前段，反向走时是块的后段
      const skipped = (e: Entry) => {
        const c = compareValues(e.key[n], seek.value) * (ascending ? 1 : -1);
        return c < 0 || (seek.strict && c === 0);
      };
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        // 索引顺序里 skipped 在正向时为前缀（true…false），反向时为后缀（false…true）
        if (skipped(entries[mid]) === forward) lo = mid + 1;
        else hi = mid;
      }
      if (forward) start = lo;
      else end = lo;
    }
    return {
      *[Symbol.iterator]() {
        if (forward) for (let i = start; i < end; i++) yield entries[i];
        else for (let i = end - 1; i >= start; i--) yield entries[i];
      },
    };
  }

}

export class OrderedIndexes {
  private readonly collections = new Map<string, Map<string, OrderedIndex>>();

  declare(decl: IndexDeclaration, docs: readonly Doc[]): void {
    let byName = this.collections.get(decl.collection);
    if (!byName) this.collections.set(decl.collection, (byName = new Map()));
    const existing = byName.get(decl.name);
    if (existing && JSON.stringify(existing.fields) === JSON.stringify(Object.keys(decl.keys)) && existing.dirs.join() === Object.values(decl.keys).join()) return;
    byName.set(decl.name, new OrderedIndex(decl, docs));
  }

  apply(collection: string, changes: ReadonlyArray<{ id: DocumentId; before: Doc | null; after: Doc | null }>): void {
    for (const index of this.collections.get(collection)?.values() ?? []) index.apply(changes);
  }

  /**
   * 走有序索引取出“排序后前 want 条 + 最后一组并列”的匹配记录（按 _id 排序交回，调用方照常排序截取）；
   * 没有可用的索引时返回 undefined。
   */
  firstSorted(
    collection: string,
    query: unknown,
    order: unknown,
    want: number,
    match: (doc: Doc) => boolean,
    get: (id: DocumentId) => Doc | undefined,
  ): Doc[] | undefined {
    if (!isPlainObject(order) || !Number.isFinite(want)) return undefined;
    const orderFields = Object.keys(order);
    const orderDirs = Object.values(order) as number[];
    if (!orderFields.length) return undefined;
    const equalities = new Map<string, unknown>();
    for (const c of equalityConstraints(query)) if (c.values.length === 1 && !equalities.has(c.path)) equalities.set(c.path, c.values[0]);
    for (const index of this.collections.get(collection)?.values() ?? []) {
      const j = index.fields.length - orderFields.length;
      if (j < 0) continue;
      let usable = true;
      for (let i = 0; i < index.fields.length && usable; i++) {
        if (i < j) usable = equalities.has(index.fields[i]) && !orderFields.includes(index.fields[i]);
        else usable = index.fields[i] === orderFields[i - j];
      }
      // 排序键须是声明的后缀（或其前 m 个：此处要求恰好到末尾，简单且覆盖本项目的全部列表查询）
      if (!usable) continue;
      const same = orderDirs.every((d, i) => d === index.dirs[j + i]);
      const opposite = orderDirs.every((d, i) => d === -index.dirs[j + i]);
      if (!same && !opposite) continue;
      const ascending = orderDirs[0] > 0;
      const entries = index.walk(index.fields.slice(0, j).map((f) => equalities.get(f)), same, rangeStart(query, orderFields[0], ascending));
      if (!entries) continue;
      const picked: Doc[] = [];
      let lastKey: unknown[] | undefined;
      for (const entry of entries) {
        const sortKey = entry.key.slice(j);
        if (picked.length >= want && lastKey && sortKey.some((v, i) => compareValues(v, lastKey?.[i]) !== 0)) break;
        const doc = get(entry.id);
        if (!doc || !match(doc)) continue;
        picked.push(doc);
        lastKey = sortKey;
      }
      return picked.sort((a, b) => compareValues(a._id, b._id));
    }
    return undefined;
  }
}

/**
 * 查询对某字段的范围条件里，决定按该字段排序时“从哪开始”的那一个：升序看 $gt/$gte，降序看 $lt/$lte
 * （顶层或 $and 里；多个时取任意一个都安全——它只用于跳过不可能匹配的项）。值限标量与日期。
 */
export function rangeStart(query: unknown, field: string, ascending: boolean): { value: unknown; strict: boolean } | undefined {
  if (!isPlainObject(query)) return undefined;
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) {
        const found = rangeStart(sub, field, ascending);
        if (found) return found;
      }
      continue;
    }
    if (key !== field || !isPlainObject(cond)) continue;
    const ops = ascending ? (['$gt', '$gte'] as const) : (['$lt', '$lte'] as const);
    for (const op of ops) {
      const v = cond[op];
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || v instanceof Date) return { value: v, strict: op === '$gt' || op === '$lt' };
    }
  }
  return undefined;
}
