import type { DocumentId } from '../../_lib/db';
import { lookupAll, parsePath } from './paths';
import { canonicalKey, compareValues, idKey, isPlainObject, type Doc } from './values';

/**
 * 本地执行器的二级索引：让声明过的索引在本地也真正“被使用”（issue 8），
 * 否则本地每次 where() 都是全表扫描，列表页的耗时随集合大小增长，压测数字失真。
 *
 * 只做等值查找，按索引声明的第一个字段建“值 → _id 集合”的倒排表（复合索引的前缀即可用，
 * 与 MongoDB 一样）；查询里对该字段的等值或 $in 条件（顶层或 $and 里）取出候选记录，
 * 其余条件仍由完整的匹配函数判断——索引只负责缩小范围，结果与全表扫描完全相同。
 * 只收录字符串、有限数字与布尔值：null 也匹配缺失字段、对象与正则比较另有规则，这些查询照旧扫描。
 * 数组字段逐元素收录（多键），与 lookupAll + 等值判断的语义一致。
 */

type Keyable = string | number | boolean;

function keyable(v: unknown): v is Keyable {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

interface Postings {
  parts: string[];
  byKey: Map<string, Map<string, DocumentId>>; // canonicalKey(值) → idKey → _id
}

/** 一个集合里某字段取到的全部可收录值的键 */
function keysOf(parts: string[], doc: Doc): Set<string> {
  const keys = new Set<string>();
  for (const v of lookupAll(doc, parts)) {
    if (Array.isArray(v)) {
      for (const el of v) if (keyable(el)) keys.add(canonicalKey(el));
    } else if (keyable(v)) keys.add(canonicalKey(v));
  }
  return keys;
}

export class LookupIndexes {
  private readonly collections = new Map<string, Map<string, Postings>>(); // 集合 → 字段路径 → 倒排表

  /** 为某集合的某字段建倒排表（已有则不重建） */
  ensure(collection: string, field: string, docs: readonly Doc[]): void {
    let fields = this.collections.get(collection);
    if (!fields) this.collections.set(collection, (fields = new Map()));
    if (fields.has(field)) return;
    const postings: Postings = { parts: parsePath(field), byKey: new Map() };
    for (const doc of docs) add(postings, doc);
    fields.set(field, postings);
  }

  /** 改动落盘后维护倒排表 */
  apply(collection: string, changes: ReadonlyArray<{ id: DocumentId; before: Doc | null; after: Doc | null }>): void {
    const fields = this.collections.get(collection);
    if (!fields) return;
    for (const postings of fields.values()) {
      for (const c of changes) {
        if (c.before) remove(postings, c.before);
        if (c.after) add(postings, c.after);
      }
    }
  }

  /**
   * 候选记录的 _id（查询能用上索引时），否则 undefined（需要全表扫描）。
   * 有多个可用条件时取候选最少的一个。
   */
  candidates(collection: string, query: unknown): DocumentId[] | undefined {
    const fields = this.collections.get(collection);
    let best: DocumentId[] | undefined;
    for (const { path, values } of equalityConstraints(query)) {
      let ids: DocumentId[] | undefined;
      if (path === '_id') ids = values.filter((v): v is string | number => typeof v !== 'boolean');
      else {
        const postings = fields?.get(path);
        if (!postings) continue;
        const found = new Map<string, DocumentId>();
        for (const v of values) for (const [k, id] of postings.byKey.get(canonicalKey(v)) ?? []) found.set(k, id);
        ids = [...found.values()];
      }
      if (!best || ids.length < best.length) best = ids;
      if (best.length === 0) break;
    }
    return best;
  }
}

function add(postings: Postings, doc: Doc): void {
  const id = doc._id as DocumentId;
  for (const key of keysOf(postings.parts, doc)) {
    let ids = postings.byKey.get(key);
    if (!ids) postings.byKey.set(key, (ids = new Map()));
    ids.set(idKey(id), id);
  }
}

function remove(postings: Postings, doc: Doc): void {
  const k = idKey(doc._id);
  for (const key of keysOf(postings.parts, doc)) {
    const ids = postings.byKey.get(key);
    if (!ids) continue;
    ids.delete(k);
    if (!ids.size) postings.byKey.delete(key);
  }
}

/**
 * 查询中“字段必须等于这些值之一”的条件：顶层字段的标量值、{$eq}、{$in}，以及 $and 各项里的同类条件。
 * $or/$nor/$not 等不取（它们不能缩小范围）。
 */
export function equalityConstraints(query: unknown): Array<{ path: string; values: Keyable[] }> {
  const out: Array<{ path: string; values: Keyable[] }> = [];
  if (!isPlainObject(query)) return out;
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) out.push(...equalityConstraints(sub));
      continue;
    }
    if (key.startsWith('$')) continue;
    if (keyable(cond)) {
      out.push({ path: key, values: [cond] });
      continue;
    }
    if (!isPlainObject(cond)) continue;
    const ops = Object.keys(cond);
    if (!ops.length || !ops.every((op) => op.startsWith('$'))) continue;
    if ('$eq' in cond && keyable(cond.$eq)) out.push({ path: key, values: [cond.$eq] });
    else if (Array.isArray(cond.$in) && cond.$in.length && cond.$in.every(keyable)) out.push({ path: key, values: cond.$in as Keyable[] });
  }
  return out;
}

/** 候选 _id → 记录，按 _id 排序（与全表扫描的顺序一致） */
export function docsByIds(ids: readonly DocumentId[], get: (id: DocumentId) => Doc | undefined): Doc[] {
  const docs: Doc[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const k = idKey(id);
    if (seen.has(k)) continue;
    seen.add(k);
    const doc = get(id);
    if (doc) docs.push(doc);
  }
  return docs.sort((a, b) => compareValues(a._id, b._id));
}
