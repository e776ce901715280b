import type { DocumentId, IndexDeclaration } from '../../_lib/db';
import { equalityConstraints } from './lookup';
import { lookupAll, parsePath } from './paths';
import { compareValues, isPlainObject, type Doc } from './values';

/**
 * 本地执行器的有序索引：让“等值前缀 + 排序”的列表页（如按单位、按时间倒序翻页）只读一页附近的记录，
 * 而不是取出全部候选再排序——云端的复合索引正是这样工作的，本地不这样做，列表页耗时就随集合增长。
 *
 * 一个声明 {k1, k2, …, kn}（方向 ±1）对应一个按 (k1·dir1, …, kn·dirn, _id) 排好的数组。可用条件：
 * 查询对 k1..kj 各有一个等值条件（标量），orderBy 恰为 k(j+1)..k(j+m)，方向与声明全同或全反。
 * 这时在前缀块里按序（或逆序）走，用完整匹配函数过滤，取满 offset+limit 条并补齐最后一组并列的记录即停；
 * 调用方再照常排序、截取——所以结果与全表扫描完全相同（并列记录仍按 _id 顺序）。
 *
 * 只收录标量键：任一记录在键路径上是数组（多键）时本索引不用于排序（数组的排序键取最小/最大元素，
 * 正反方向不同），退回原路径。小批改动就地二分插入/删除；大批（批量导入）只标记，下次使用时整体重建。
 */

const SMALL_BATCH = 64;

interface Entry {
  key: unknown[];
  id: DocumentId;
}

class OrderedIndex {
  readonly fields: string[];
  private readonly parts: string[][];
  readonly dirs: number[];
  private entries: Entry[] = [];
  private dirty = true;
  private multikey = false;

  constructor(decl: IndexDeclaration) {
    this.fields = Object.keys(decl.keys);
    this.parts = this.fields.map(parsePath);
    this.dirs = Object.values(decl.keys);
  }

  /** 记录在各键上的值；任一键是数组或多值时返回 null（多键） */
  private keyOf(doc: Doc): unknown[] | null {
    const key: unknown[] = [];
    for (const parts of this.parts) {
      const values = lookupAll(doc, parts);
      if (values.length !== 1 || Array.isArray(values[0])) return null;
      key.push(values[0]);
    }
    return key;
  }

  private compare(a: Entry, b: Entry): number {
    for (let i = 0; i < this.dirs.length; i++) {
      const c = compareValues(a.key[i], b.key[i]);
      if (c) return c * this.dirs[i];
    }
    return compareValues(a.id, b.id);
  }

  /** 第一个不小于 probe 的位置；probe 只给前 n 个键时按前缀比较（before=true 取前缀块起点，false 取终点） */
  private bound(prefix: unknown[], before: boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c = 0;
      for (let i = 0; i < prefix.length && !c; i++) c = compareValues(this.entries[mid].key[i], prefix[i]) * this.dirs[i];
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

  apply(changes: ReadonlyArray<{ before: Doc | null; after: Doc | null }>): void {
    if (this.dirty) return;
    if (changes.length > SMALL_BATCH) {
      this.dirty = true;
      return;
    }
    for (const c of changes) {
      if (c.before) {
        const key = this.keyOf(c.before);
        if (key) {
          const entry = { key, id: c.before._id as DocumentId };
          const at = this.position(entry);
          if (at < this.entries.length && this.compare(this.entries[at], entry) === 0) this.entries.splice(at, 1);
        }
      }
      if (c.after) {
        const key = this.keyOf(c.after);
        if (!key) {
          this.multikey = true;
          continue;
        }
        const entry = { key, id: c.after._id as DocumentId };
        this.entries.splice(this.position(entry), 0, entry);
      }
    }
  }

  private rebuild(docs: readonly Doc[]): void {
    this.multikey = false;
    const entries: Entry[] = [];
    for (const doc of docs) {
      const key = this.keyOf(doc);
      if (!key) {
        this.multikey = true;
        break;
      }
      entries.push({ key, id: doc._id as DocumentId });
    }
    this.entries = this.multikey ? [] : entries.sort((a, b) => this.compare(a, b));
    this.dirty = false;
  }

  /** 能用时返回走索引的迭代器，否则 undefined */
  walk(prefix: unknown[], orderDirs: number[], all: () => readonly Doc[]): Iterable<Entry> | undefined {
    if (this.dirty) this.rebuild(all());
    if (this.multikey) return undefined;
    const forward = orderDirs.every((d, i) => d === this.dirs[prefix.length + i]);
    const start = this.bound(prefix, true);
    const end = this.bound(prefix, false);
    const entries = this.entries;
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

  declare(decl: IndexDeclaration): void {
    let byName = this.collections.get(decl.collection);
    if (!byName) this.collections.set(decl.collection, (byName = new Map()));
    const existing = byName.get(decl.name);
    if (existing && JSON.stringify(existing.fields) === JSON.stringify(Object.keys(decl.keys)) && existing.dirs.join() === Object.values(decl.keys).join()) return;
    byName.set(decl.name, new OrderedIndex(decl));
  }

  apply(collection: string, changes: ReadonlyArray<{ before: Doc | null; after: Doc | null }>): void {
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
    all: () => readonly Doc[],
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
      const entries = index.walk(index.fields.slice(0, j).map((f) => equalities.get(f)), orderDirs, all);
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
