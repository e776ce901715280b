import { createHash } from 'node:crypto';
import type { DocumentId, IndexDeclaration } from '../../_lib/db';
import { decodeEJSON, encodeEJSON, resolveServerDates } from './ejson';
import {
  collectionNotExist,
  duplicateKey,
  invalidParam,
  LocalDbError,
  requestFailed,
  transactionConflict,
  unsupported,
} from './errors';
import { newDocumentId, newRequestId } from './ids';
import { IndexRegistry, type Change } from './indexes';
import { docsByIds } from './lookup';
import { compileProjection } from './projection';
import { compileQuery, compileSort } from './query';
import type { CollectionStore, JournalEntry, Store } from './store';
import { Mutex } from './sync';
import { TransactionManager, Versions, type Transaction } from './transactions';
import { compileUpdate } from './update';
import { checkCollectionName, checkDocumentId, checkStorable } from './validate';
import { canonicalKey, compareValues, deepClone, idKey, isPlainObject, valuesEqual, type Doc } from './values';

/**
 * 执行 @cloudbase/database 发出的请求（action + 参数，查询/更新/记录均为 EJSON 字符串），
 * 回复的形状即构造器读取的形状：
 *   getDocument       → { data: { list: EJSON[] } }
 *   calculateDocument → { data: { total } }
 *   insertDocument    → { data: { insertedIds } }
 *   modifyDocument    → { data: { updated, upsert_id? } }
 *   removeDocument    → { data: { deleted } }
 *   startTransaction  → { transactionId }
 * 出错时抛出 LocalDbError（形状同 node-sdk 的 TcbError），由上层包装成 wx-server-sdk 的错误。
 *
 * 所有请求经同一把互斥锁依次执行：读-改-写不会交错（并发的 _.inc 不丢），
 * 事务提交对其它请求也是一次性可见的。
 *
 * 集合：第一次写入（add / doc.set / ensureIndexes / createCollection）时创建；
 * 读、更新、删除不存在的集合报 DATABASE_COLLECTION_NOT_EXIST（-502005），与云端一致。
 * （云端 add 也要求集合已存在；本地按约定在首次写入时自动创建，见 index.ts 的差异说明。）
 */

export type Params = Record<string, unknown>;

export interface Session {
  executor: Executor;
  /** 非 null 表示“小程序端”视角：add/set 写入 _openid，单次读取上限 20 条，不能用事务 */
  openid: string | null;
}

export interface ExecutorOptions {
  env: string;
  clock: () => Date;
  store: Store;
  transactionLifetimeMs: number;
  /** 观察者：每个到达执行器的请求（一次数据库往返）通知一次；只计数，不影响执行（压测用） */
  onRequest?: (action: string, params: Readonly<Params>) => void;
}

const INDEX_META = 'indexes.json';
const SERVER_MAX_LIMIT = 1000;
const SERVER_DEFAULT_LIMIT = 100;
const CLIENT_MAX_LIMIT = 20;
/** 等值条件命中不超过这么多条时直接取出排序，不走有序索引 */
const SMALL_CANDIDATE_SET = 500;

export class Executor {
  private readonly queue = new Mutex();
  private readonly versions = new Versions();
  private readonly indexes: IndexRegistry;
  private readonly txs: TransactionManager;
  private readonly env: string;
  private readonly clock: () => Date;
  private readonly store: Store;
  private readonly onRequest: ((action: string, params: Readonly<Params>) => void) | undefined;
  private closed = false;

  private constructor(opts: ExecutorOptions) {
    this.env = opts.env;
    this.clock = opts.clock;
    this.store = opts.store;
    this.onRequest = opts.onRequest;
    this.indexes = new IndexRegistry(opts.env);
    this.txs = new TransactionManager(() => this.clock().getTime(), opts.transactionLifetimeMs);
  }

  static async create(opts: ExecutorOptions): Promise<Executor> {
    const executor = new Executor(opts);
    const saved = await opts.store.readMeta(INDEX_META);
    if (Array.isArray(saved)) await executor.declareIndexes(saved as IndexDeclaration[], false);
    return executor;
  }

  async handle(action: string, params: Params | undefined, session: Session): Promise<Record<string, unknown>> {
    const requestId = newRequestId();
    this.onRequest?.(action, params ?? {});
    try {
      if (this.closed) throw requestFailed('[local] the local database has been closed');
      return { ...(await this.dispatch(action, params ?? {}, session)), requestId };
    } catch (e) {
      const error = e instanceof LocalDbError ? e : requestFailed(`[local] ${(e as Error)?.message ?? String(e)}`);
      if (error !== e) (error as Error & { cause?: unknown }).cause = e;
      error.requestId = requestId;
      throw error;
    }
  }

  private dispatch(action: string, p: Params, s: Session): Promise<Record<string, unknown>> {
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(p, s);
      case 'database.calculateDocument':
        return this.count(p);
      case 'database.insertDocument':
        return this.insert(p, s);
      case 'database.modifyDocument':
        return this.modify(p, s);
      case 'database.removeDocument':
        return this.remove(p);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(p);
      case 'database.addCollection':
        return this.addCollection(p);
      case 'database.startTransaction':
        return this.startTransaction(s);
      case 'database.commitTransaction':
        return this.commit(p);
      case 'database.abortTransaction':
        return this.abort(p);
      case 'database.aggregateDocuments':
        throw unsupported('aggregate()');
      default:
        throw unsupported(`request ${action}`);
    }
  }

  // ---------- 读 ----------

  private async getDocument(p: Params, s: Session) {
    const name = checkCollectionName(p.collectionName);
    const project = compileProjection(p.projection === undefined ? undefined : decodeEJSON(p.projection, 'projection'));
    if (inTransaction(p)) {
      if (p.queryType !== 'DOC') {
        throw unsupported('where() queries inside a transaction (the cloud only allows doc() and add() in transactions)');
      }
      const id = this.docIdOf(p);
      return this.queue.run(() => {
        const doc = this.txRead(this.txs.get(p.transactionId), name, id, false);
        return { data: { list: doc ? [encodeEJSON(project(doc))] : [] } };
      });
    }
    const query = this.decodeQuery(p);
    const match = compileQuery(query);
    const order = p.order === undefined ? undefined : decodeEJSON(p.order, 'order');
    const sort = compileSort(order);
    const offset = nonNegativeInteger(p.offset ?? 0, 'offset');
    const max = s.openid === null ? SERVER_MAX_LIMIT : CLIENT_MAX_LIMIT;
    // doc().get() 不带 limit；where().get() 总带（构造器默认 100、上限 1000，这里再夹一次）
    const limit = p.limit === undefined && p.queryType === 'DOC' ? Infinity : Math.min(positiveInteger(p.limit ?? SERVER_DEFAULT_LIMIT, 'limit'), max);
    const id = p.queryType === 'DOC' ? this.docIdOf(p) : undefined;
    return this.queue.run(() => {
      const coll = this.requireCollection(name);
      let docs: Doc[];
      if (id !== undefined) {
        const doc = coll.get(id);
        docs = doc ? [doc] : [];
      } else docs = this.sortedCandidates(name, coll, query, order, offset + limit, match) ?? this.scan(name, coll, query).filter(match);
      docs = sort(docs).slice(offset, offset + limit);
      return { data: { list: docs.map((d) => encodeEJSON(project(d))) } };
    });
  }

  private async count(p: Params) {
    const name = checkCollectionName(p.collectionName);
    const query = this.decodeQuery(p);
    const match = compileQuery(query);
    return this.queue.run(() => ({ data: { total: this.scan(name, this.requireCollection(name), query).filter(match).length } }));
  }

  // ---------- 写 ----------

  private async insert(p: Params, s: Session) {
    const name = checkCollectionName(p.collectionName);
    if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a nonempty array of EJSON strings');
    const now = this.clock();
    const docs = p.data.map((text) => this.newDocument(decodeEJSON(text, 'data'), now, s));
    const ids = docs.map((d) => d._id as DocumentId);

    if (inTransaction(p)) {
      return this.queue.run(() => {
        const tx = this.txs.get(p.transactionId);
        for (const doc of docs) {
          const id = doc._id as DocumentId;
          if (this.txRead(tx, name, id, true)) throw duplicateKey(this.env, name, '_id_', { _id: id });
          this.txIndexCheck(tx, name, { id, before: null, after: doc });
          tx.write(name, id, doc);
        }
        return { data: { insertedIds: ids } };
      });
    }

    return this.queue.run(async () => {
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(idKey(id)) || this.store.get(name)?.get(id)) throw duplicateKey(this.env, name, '_id_', { _id: id });
        seen.add(idKey(id));
      }
      await this.applyChanges(
        name,
        docs.map((doc) => ({ id: doc._id as DocumentId, before: null, after: doc })),
      );
      return { data: { insertedIds: ids } };
    });
  }

  /** 更新（merge: true，构造器的 update）或整条替换（merge: false，doc.set，upsert） */
  private async modify(p: Params, s: Session) {
    const name = checkCollectionName(p.collectionName);
    const merge = p.merge === true;
    const upsert = p.upsert === true;
    const data = resolveServerDates(decodeEJSON(p.data, 'data'), this.clock());
    let transform: (old: Doc) => Doc;
    if (merge) {
      if (upsert) throw unsupported('update() with upsert');
      transform = compileUpdate(data);
    } else {
      if (!isPlainObject(data)) throw invalidParam('set() data must be an object');
      if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('set() data must not contain update operators');
      if ('_id' in data) throw invalidParam('set() data must not contain _id');
      const stamp = s.openid === null ? {} : { _openid: s.openid };
      transform = (old) => ({ _id: old._id, ...deepClone(data), ...stamp });
    }

    if (inTransaction(p)) {
      const id = this.docIdOf(p);
      return this.queue.run(() => {
        const tx = this.txs.get(p.transactionId);
        const current = this.txRead(tx, name, id, !merge);
        if (!current && !(upsert && !merge)) return { data: { updated: 0 } };
        const next = transform(current ?? { _id: id });
        checkStorable(next);
        if (current && valuesEqual(current, next)) return { data: { updated: 0 } };
        this.txIndexCheck(tx, name, { id, before: current, after: next });
        tx.write(name, id, next);
        return { data: current ? { updated: 1 } : { updated: 0, upsert_id: id } };
      });
    }

    const targets = this.targetsOf(p, name);
    return this.queue.run(async () => {
      const coll = merge ? this.requireCollection(name) : this.store.get(name);
      const docs = coll ? targets(coll, (id) => coll.get(id)) : [];
      const changes: Change[] = [];
      for (const old of docs) {
        const next = transform(old);
        checkStorable(next);
        if (!valuesEqual(old, next)) changes.push({ id: old._id as DocumentId, before: old, after: next });
      }
      let upsertId: DocumentId | undefined;
      if (!docs.length && upsert && !merge) {
        upsertId = this.docIdOf(p);
        const created = transform({ _id: upsertId });
        checkStorable(created);
        changes.push({ id: upsertId, before: null, after: created });
      }
      await this.applyChanges(name, changes);
      const updated = changes.filter((c) => c.before).length;
      return { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } };
    });
  }

  private async remove(p: Params) {
    const name = checkCollectionName(p.collectionName);
    if (inTransaction(p)) {
      const id = this.docIdOf(p);
      return this.queue.run(() => {
        const tx = this.txs.get(p.transactionId);
        const current = this.txRead(tx, name, id, false);
        if (current) tx.write(name, id, null);
        return { data: { deleted: current ? 1 : 0 } };
      });
    }
    const targets = this.targetsOf(p, name);
    return this.queue.run(async () => {
      const coll = this.requireCollection(name);
      const docs = targets(coll, (id) => coll.get(id));
      await this.applyChanges(
        name,
        docs.map((d) => ({ id: d._id as DocumentId, before: d, after: null })),
      );
      return { data: { deleted: docs.length } };
    });
  }

  /** Query.updateAndReturn：更新第一条匹配记录并返回新内容（wx-server-sdk 未暴露，这里照样支持） */
  private async modifyAndReturn(p: Params) {
    if (inTransaction(p)) throw unsupported('updateAndReturn() inside a transaction');
    const name = checkCollectionName(p.collectionName);
    const transform = compileUpdate(resolveServerDates(decodeEJSON(p.data, 'data'), this.clock()));
    const query = this.decodeQuery(p);
    const match = compileQuery(query);
    return this.queue.run(async () => {
      const old = this.scan(name, this.requireCollection(name), query).find(match);
      if (!old) return { data: { updated: 0, doc: null } };
      const next = transform(old);
      checkStorable(next);
      const changed = !valuesEqual(old, next);
      if (changed) await this.applyChanges(name, [{ id: old._id as DocumentId, before: old, after: next }]);
      return { data: { updated: changed ? 1 : 0, doc: encodeEJSON(next) } };
    });
  }

  private async addCollection(p: Params) {
    const name = checkCollectionName(p.collectionName);
    return this.queue.run(async () => {
      if (this.store.get(name)) {
        throw new LocalDbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceUnavailable.ResourceExist] Table exist: ${name}`);
      }
      await this.store.create(name);
      return {};
    });
  }

  // ---------- 事务 ----------

  private async startTransaction(s: Session) {
    if (s.openid !== null) {
      throw new LocalDbError('DATABASE_PERMISSION_DENIED', '[local] transactions are only available in cloud functions, not on the mini-program client');
    }
    // 在互斥锁之外排队：持有事务锁的事务还需要执行请求
    const tx = await this.txs.begin();
    return { transactionId: tx.id };
  }

  private async commit(p: Params) {
    return this.queue.run(async () => {
      const tx = this.txs.get(p.transactionId);
      try {
        await this.commitTransaction(tx);
        this.txs.finish(tx, 'committed');
      } catch (e) {
        // 失败的提交也结束事务、释放锁：runTransaction 遇到冲突会直接重试而不先回滚
        this.txs.finish(tx, 'aborted');
        throw e;
      }
      return {};
    });
  }

  private async abort(p: Params) {
    this.txs.finish(this.txs.get(p.transactionId), 'aborted');
    return {};
  }

  private async commitTransaction(tx: Transaction): Promise<void> {
    const byCollection = new Map<string, Change[]>();
    for (const [name, writes] of tx.overlay) {
      const changes: Change[] = [];
      for (const { id, doc } of writes.values()) {
        const touched = tx.touchedRecord(name, id);
        if (!touched || this.versions.get(name, id) !== touched.version) throw transactionConflict();
        const before = this.store.get(name)?.get(id) ?? null;
        if (before === null && doc === null) continue;
        if (before && doc && valuesEqual(before, doc)) continue;
        changes.push({ id, before, after: doc });
      }
      if (changes.length) byCollection.set(name, changes);
    }
    for (const [name, changes] of byCollection) this.indexes.check(name, changes);
    const entries: JournalEntry[] = [];
    for (const [name, changes] of byCollection) for (const c of changes) entries.push({ collection: name, id: c.id, doc: c.after });
    // 事务里 add/set 过的集合即使最后没有改动也算已创建
    for (const name of tx.overlay.keys()) await this.store.create(name);
    await this.store.applyAtomically(entries);
    for (const [name, changes] of byCollection) {
      this.indexes.apply(name, changes);
      this.versions.bump(
        name,
        changes.map((c) => c.id),
      );
    }
  }

  /** 事务内读：先看事务自己的写，再看首次读到的快照（可重复读），否则读已提交数据并记下快照与版本 */
  private txRead(tx: Transaction, name: string, id: DocumentId, collectionMayBeMissing: boolean): Doc | null {
    const written = tx.written(name, id);
    if (written) return written.doc;
    const touched = tx.touchedRecord(name, id);
    if (touched) return touched.snapshot;
    const coll = this.store.get(name);
    if (!coll && !tx.overlay.has(name) && !collectionMayBeMissing) throw collectionNotExist(name);
    const doc = coll?.get(id);
    const snapshot = doc ? deepClone(doc) : null;
    tx.touch(name, { id, version: this.versions.get(name, id), snapshot });
    return snapshot;
  }

  /** 事务内写入前检查唯一约束：把事务已有的写与这一笔一起当作一批改动来查 */
  private txIndexCheck(tx: Transaction, name: string, change: Change): void {
    const changes: Change[] = [];
    for (const { id, doc } of tx.overlay.get(name)?.values() ?? []) {
      if (idKey(id) !== idKey(change.id)) changes.push({ id, before: this.store.get(name)?.get(id) ?? null, after: doc });
    }
    changes.push({ id: change.id, before: this.store.get(name)?.get(change.id) ?? null, after: change.after });
    this.indexes.check(name, changes);
  }

  // ---------- 索引与检视（LocalDatabase 的本地专用接口） ----------

  ensureIndexes(decls: IndexDeclaration[]): Promise<void> {
    return this.queue.run(() => this.declareIndexes(decls, true));
  }

  private async declareIndexes(decls: IndexDeclaration[], persist: boolean): Promise<void> {
    for (const decl of decls) {
      // 与 MongoDB 的 createIndex 一样，建索引会创建集合
      const coll = await this.store.create(checkCollectionName(decl.collection));
      this.indexes.declare(decl, coll.all());
    }
    if (persist) await this.store.writeMeta(INDEX_META, this.indexes.declarations());
  }

  collectionNames(): Promise<string[]> {
    return this.queue.run(() => this.store.names());
  }

  /** 原始记录（深拷贝），按 _id 排序；集合不存在时为空数组 */
  dump(name: string): Promise<Doc[]> {
    return this.queue.run(() => sortById(this.store.get(name)?.all() ?? []).map(deepClone));
  }

  /** 全部集合名与内容的 sha256：字段顺序、类型（数字/字符串/日期）都计入 */
  digest(): Promise<string> {
    return this.queue.run(() => {
      const hash = createHash('sha256');
      for (const name of this.store.names()) {
        hash.update(`collection ${JSON.stringify(name)}\n`);
        for (const doc of sortById(this.store.get(name)?.all() ?? [])) hash.update(`${canonicalKey(doc)}\n`);
      }
      return hash.digest('hex');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.txs.closeAll(requestFailed('[local] the local database has been closed'));
    await this.queue.run(() => this.store.close());
  }

  // ---------- 公用 ----------

  /** 校验、落盘、维护唯一索引与版本号；调用方须持有互斥锁 */
  private async applyChanges(name: string, changes: Change[]): Promise<void> {
    if (!changes.length) return;
    this.indexes.check(name, changes);
    const coll = await this.store.create(name);
    const inserts = changes.filter((c) => !c.before && c.after).map((c) => c.after as Doc);
    const removals = changes.filter((c) => c.before && !c.after).map((c) => c.id);
    await coll.insert(inserts);
    for (const c of changes) if (c.before && c.after) await coll.replace(c.after);
    await coll.remove(removals);
    this.indexes.apply(name, changes);
    this.versions.bump(
      name,
      changes.map((c) => c.id),
    );
  }

  /**
   * where() 的候选记录（按 _id 排序）：查询对某个已建索引的字段（或 _id）有等值条件时只取命中的记录，
   * 否则全表。调用方仍须用完整的匹配函数过滤——这里只缩小范围。
   */
  private scan(name: string, coll: CollectionStore, query: unknown): Doc[] {
    const ids = this.indexes.lookups.candidates(name, query);
    return ids === undefined ? coll.all() : docsByIds(ids, (id) => coll.get(id));
  }

  /**
   * 排序的 where().get()：等值条件命中的记录不多时走 scan（取出后排序很便宜）；
   * 否则若有“等值前缀 + 排序”的有序索引，只走到够 want 条为止。都不行时 undefined（调用方全表）。
   */
  private sortedCandidates(name: string, coll: CollectionStore, query: unknown, order: unknown, want: number, match: (d: Doc) => boolean): Doc[] | undefined {
    if (order === undefined) return undefined;
    const ids = this.indexes.lookups.candidates(name, query);
    if (ids !== undefined && ids.length <= SMALL_CANDIDATE_SET) return undefined;
    return this.indexes.ordered.firstSorted(name, query, order, want, match, (id) => coll.get(id));
  }

  private requireCollection(name: string) {
    const coll = this.store.get(name);
    if (!coll) throw collectionNotExist(name);
    return coll;
  }

  private decodeQuery(p: Params): unknown {
    if (p.query === undefined || p.query === null || p.query === '') return undefined;
    return resolveServerDates(decodeEJSON(p.query, 'query'), this.clock());
  }

  /** queryType DOC 的请求：query 恰为 {_id} */
  private docIdOf(p: Params): DocumentId {
    const query = this.decodeQuery(p);
    if (!isPlainObject(query) || Object.keys(query).length !== 1 || !('_id' in query)) {
      throw invalidParam('a document request needs a query of the form {_id}');
    }
    return checkDocumentId(query._id);
  }

  /**
   * 多记录更新/删除的目标：DOC 按 _id；WHERE 按条件，multi=false 时只取第一条。
   * 不带 where 条件的整集合 update()/remove() 本地直接拒绝——防止误删整张表。
   */
  private targetsOf(p: Params, name: string): (coll: CollectionStore, byId: (id: DocumentId) => Doc | undefined) => Doc[] {
    if (p.queryType === 'DOC') {
      const id = this.docIdOf(p);
      return (_coll, byId) => {
        const doc = byId(id);
        return doc ? [doc] : [];
      };
    }
    const query = this.decodeQuery(p);
    if (query === undefined || (isPlainObject(query) && Object.keys(query).length === 0)) {
      throw invalidParam(`[local] update()/remove() on collection ${name} needs a where() condition`);
    }
    const match = compileQuery(query);
    const multi = p.multi !== false;
    return (coll) => {
      const all = this.scan(name, coll, query);
      if (multi) return all.filter(match);
      const first = all.find(match);
      return first ? [first] : [];
    };
  }

  private newDocument(raw: unknown, now: Date, s: Session): Doc {
    if (!isPlainObject(raw)) throw invalidParam('each record must be an object');
    const { _id, ...fields } = resolveServerDates(raw, now);
    const doc: Doc = { _id: _id === undefined ? newDocumentId(now) : checkDocumentId(_id), ...fields };
    // 小程序端创建的记录由平台写入创建者的 openid，客户端传来的 _openid 无效
    if (s.openid !== null) doc._openid = s.openid;
    checkStorable(doc);
    return doc;
  }
}

function inTransaction(p: Params): boolean {
  return p.transactionId !== undefined && p.transactionId !== null && p.transactionId !== '';
}

function nonNegativeInteger(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${what} must be a non-negative integer`);
  return v;
}

function positiveInteger(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw invalidParam(`${what} must be a positive integer`);
  return v;
}

function sortById(docs: Doc[]): Doc[] {
  return [...docs].sort((a, b) => compareValues(a._id, b._id));
}
