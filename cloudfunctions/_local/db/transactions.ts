import { randomBytes } from 'node:crypto';
import type { DocumentId } from '../../_lib/db';
import { LocalDbError } from './errors';
import { Gate } from './sync';
import { idKey, type Doc } from './values';

/**
 * 事务的隔离方式：串行化 + 写冲突检测。
 *
 * - 事务之间串行：startTransaction 取得一把先来先服务的锁，持有到 commit/rollback。
 *   50 个并发的“读计数器再 +1”因此得到 50，不需要依赖 runTransaction 的有限次重试。
 * - 事务内的写只进入事务自己的覆盖层（overlay），提交时一次性原子落盘；
 *   事务内读先看覆盖层，再看首次读取时的快照（可重复读），所以看得到自己的写、外面看不到。
 * - 普通写不等锁（等锁会让“事务回调里顺手写了一笔普通写”的代码死锁）。代价是：事务读过的
 *   记录可能被普通写改掉——提交时对“事务写过的每条记录”核对版本号，首次接触后若被别人改过，
 *   提交以 DATABASE_TRANSACTION_CONFLICT 失败，@cloudbase/database 的 runTransaction 正是据此
 *   重新执行回调。普通写因此永远不会被事务的旧快照悄悄覆盖。
 *   只读过、没写过的记录不核对——与云端的快照隔离一致（允许写偏斜）。
 * - 生命周期：超过 lifetimeMs 未结束的事务被自动回滚并释放锁（云端同样会让事务超时），
 *   按执行器时钟（测试可拨动）与真实时间（防止忘了 commit 的事务永远卡住其它事务）两者先到为准。
 */

export interface TouchedRecord {
  id: DocumentId;
  /** 首次接触时已提交的版本号（见 Versions） */
  version: number;
  /** 首次接触时已提交的内容（快照）；null 表示当时不存在 */
  snapshot: Doc | null;
}

export class Transaction {
  readonly id = randomBytes(16).toString('hex');
  /** collection → idKey → 首次接触时的记录 */
  readonly touched = new Map<string, Map<string, TouchedRecord>>();
  /** collection → idKey → 事务内的新内容（null = 已删除） */
  readonly overlay = new Map<string, Map<string, { id: DocumentId; doc: Doc | null }>>();
  state: 'active' | 'committed' | 'aborted' | 'expired' = 'active';
  timer: NodeJS.Timeout | undefined;

  constructor(readonly startedAt: number) {}

  touchedRecord(collection: string, id: DocumentId): TouchedRecord | undefined {
    return this.touched.get(collection)?.get(idKey(id));
  }

  touch(collection: string, record: TouchedRecord): void {
    let m = this.touched.get(collection);
    if (!m) this.touched.set(collection, (m = new Map()));
    if (!m.has(idKey(record.id))) m.set(idKey(record.id), record);
  }

  written(collection: string, id: DocumentId): { doc: Doc | null } | undefined {
    return this.overlay.get(collection)?.get(idKey(id));
  }

  write(collection: string, id: DocumentId, doc: Doc | null): void {
    let m = this.overlay.get(collection);
    if (!m) this.overlay.set(collection, (m = new Map()));
    m.set(idKey(id), { id, doc });
  }
}

/** 每条记录的已提交版本号：任何落盘的写（普通写或事务提交）都 +1；只在内存里，重启归零 */
export class Versions {
  private readonly map = new Map<string, Map<string, number>>();

  get(collection: string, id: DocumentId): number {
    return this.map.get(collection)?.get(idKey(id)) ?? 0;
  }

  bump(collection: string, ids: DocumentId[]): void {
    let m = this.map.get(collection);
    if (!m) this.map.set(collection, (m = new Map()));
    for (const id of ids) m.set(idKey(id), (m.get(idKey(id)) ?? 0) + 1);
  }
}

export class TransactionManager {
  private readonly gate = new Gate();
  private readonly active = new Map<string, Transaction>();
  /** 最近结束的事务，只为给出更清楚的错误信息 */
  private readonly ended = new Map<string, Transaction['state']>();

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number,
  ) {}

  async begin(): Promise<Transaction> {
    await this.gate.acquire();
    const tx = new Transaction(this.now());
    this.active.set(tx.id, tx);
    tx.timer = setTimeout(() => this.finish(tx, 'expired'), this.lifetimeMs);
    tx.timer.unref?.();
    return tx;
  }

  /** 取仍在进行中的事务；过期的在这里被回滚 */
  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.active.get(id) : undefined;
    if (!tx) {
      const ended = typeof id === 'string' ? this.ended.get(id) : undefined;
      throw new LocalDbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} ${ended ? `has already ended (${ended})` : 'does not exist'}`);
    }
    if (this.now() - tx.startedAt > this.lifetimeMs) {
      this.finish(tx, 'expired');
      throw new LocalDbError('DATABASE_TRANSACTION_FAIL', `transaction ${tx.id} expired after ${this.lifetimeMs} ms and was rolled back`);
    }
    return tx;
  }

  finish(tx: Transaction, state: 'committed' | 'aborted' | 'expired'): void {
    if (tx.state !== 'active') return;
    tx.state = state;
    clearTimeout(tx.timer);
    this.active.delete(tx.id);
    this.ended.set(tx.id, state);
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value as string);
    this.gate.release();
  }

  /** 关闭数据库：进行中的事务全部回滚，排队者收到错误 */
  closeAll(error: unknown): void {
    this.gate.rejectWaiters(error); // 先拒绝排队者，免得释放锁时把锁交给它们
    for (const tx of [...this.active.values()]) this.finish(tx, 'aborted');
  }
}
