import type { DocumentId, IndexDeclaration } from '../../_lib/db';
import { duplicateKey, invalidParam } from './errors';
import { lookupAll, parsePath } from './paths';
import { canonicalKey, idKey, type Doc } from './values';
import { checkCollectionName } from './validate';
import { LookupIndexes } from './lookup';
import { OrderedIndexes } from './ordered';

/**
 * 索引声明与唯一约束。每个声明按第一个字段建等值查找用的倒排表（lookup.ts，查询据此缩小范围）；
 * 唯一索引另在内存里维护 键 → _id 的映射，所有写入（插入、更新、替换、事务提交）先查冲突。
 *
 * 键的规则同 MongoDB 的非稀疏唯一索引：缺失字段按 null 计（两条都缺该字段的记录冲突）；
 * 数组字段每个元素各成一个键（多键索引）；复合索引取各字段值的组合。
 */

export interface Change {
  id: DocumentId;
  before: Doc | null;
  after: Doc | null;
}

interface UniqueIndex {
  decl: IndexDeclaration;
  paths: string[][];
  owners: Map<string, DocumentId>;
}

export class IndexRegistry {
  private readonly declared = new Map<string, IndexDeclaration>(); // `${collection}/${name}`
  private readonly unique = new Map<string, UniqueIndex[]>(); // collection → indexes
  /** 等值查找用的倒排表：执行器据此取候选记录 */
  readonly lookups = new LookupIndexes();
  /** 等值前缀 + 排序的有序索引：列表页据此只读一页附近的记录 */
  readonly ordered = new OrderedIndexes();

  constructor(private readonly env: string) {}

  declarations(): IndexDeclaration[] {
    return [...this.declared.values()];
  }

  /** 登记（或按新声明替换）一个索引；唯一索引据现有数据建立，已有重复则失败 */
  declare(decl: IndexDeclaration, docs: Doc[]): void {
    checkDeclaration(decl);
    const id = `${decl.collection}/${decl.name}`;
    const previous = this.declared.get(id);
    if (previous && sameDeclaration(previous, decl)) return;
    const list = (this.unique.get(decl.collection) ?? []).filter((u) => u.decl.name !== decl.name);
    if (decl.unique) {
      const index: UniqueIndex = { decl, paths: Object.keys(decl.keys).map(parsePath), owners: new Map() };
      for (const doc of docs) {
        for (const key of keysOf(index, doc)) {
          if (index.owners.has(key)) throw this.duplicate(index, doc);
          index.owners.set(key, doc._id as DocumentId);
        }
      }
      list.push(index);
    }
    this.unique.set(decl.collection, list);
    this.lookups.ensure(decl.collection, Object.keys(decl.keys)[0], docs);
    this.ordered.declare(decl, docs);
    this.declared.set(id, decl);
  }

  /** 检查一批改动（可来自同一事务或同一次多记录更新）是否违反唯一约束 */
  check(collection: string, changes: Change[]): void {
    const indexes = this.unique.get(collection);
    if (!indexes?.length) return;
    const changing = new Set(changes.map((c) => idKey(c.id)));
    for (const index of indexes) {
      const claimed = new Map<string, string>();
      for (const c of changes) {
        if (!c.after) continue;
        for (const key of keysOf(index, c.after)) {
          const owner = index.owners.get(key);
          const clash =
            (owner !== undefined && !changing.has(idKey(owner)) && idKey(owner) !== idKey(c.id)) ||
            (claimed.has(key) && claimed.get(key) !== idKey(c.id));
          if (clash) throw this.duplicate(index, c.after);
          claimed.set(key, idKey(c.id));
        }
      }
    }
  }

  /** 改动已落盘后更新映射 */
  apply(collection: string, changes: Change[]): void {
    this.lookups.apply(collection, changes);
    this.ordered.apply(collection, changes);
    for (const index of this.unique.get(collection) ?? []) {
      for (const c of changes) {
        if (c.before) for (const key of keysOf(index, c.before)) if (index.owners.get(key) === c.id) index.owners.delete(key);
      }
      for (const c of changes) if (c.after) for (const key of keysOf(index, c.after)) index.owners.set(key, c.id);
    }
  }

  private duplicate(index: UniqueIndex, doc: Doc) {
    const key: Record<string, unknown> = {};
    for (const [i, field] of Object.keys(index.decl.keys).entries()) key[field] = lookupAll(doc, index.paths[i])[0] ?? null;
    return duplicateKey(this.env, index.decl.collection, index.decl.name, key);
  }
}

function keysOf(index: UniqueIndex, doc: Doc): string[] {
  // 每个字段的候选值（数组展开为元素，缺失为 null），再取组合
  let combos: string[] = [''];
  for (const parts of index.paths) {
    const values = lookupAll(doc, parts).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
    const keys = [...new Set(values.map(canonicalKey))];
    combos = combos.flatMap((prefix) => keys.map((k) => `${prefix}|${k}`));
  }
  return [...new Set(combos)];
}

function checkDeclaration(decl: IndexDeclaration): void {
  checkCollectionName(decl.collection);
  if (typeof decl.name !== 'string' || !decl.name) throw invalidParam('index name is required');
  const fields = Object.entries(decl.keys ?? {});
  if (!fields.length) throw invalidParam(`index ${decl.name}: keys must not be empty`);
  for (const [field, dir] of fields) {
    parsePath(field);
    if (dir !== 1 && dir !== -1) throw invalidParam(`index ${decl.name}: key direction must be 1 or -1`);
  }
}

function sameDeclaration(a: IndexDeclaration, b: IndexDeclaration): boolean {
  return JSON.stringify([a.keys, Boolean(a.unique)]) === JSON.stringify([b.keys, Boolean(b.unique)]);
}
