import type { Actor } from './actor';
import { AppError } from './app-error';
import type { FunctionContext } from './context';
import type { CloudTransaction } from './db';

export const AUDIT = 'audit';

/** 审计条目：谁、何时、对哪条记录做了什么，改前改后各一份 */
export interface AuditInput {
  action: string;
  targetCollection: string;
  targetId: string;
  unitId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

/** 事务内读一条记录；不存在返回 null（云端与本地都以 “does not exist” 拒绝） */
export async function txGetOrNull<T>(tx: CloudTransaction, collection: string, id: string): Promise<T | null> {
  try {
    return (await tx.collection(collection).doc(id).get()).data as T;
  } catch (err) {
    if (/does not exist/.test(String((err as Error)?.message ?? err))) return null;
    throw err;
  }
}

/** 与变更同一事务写入审计：变更与审计要么都在，要么都不在 */
export async function writeAudit(tx: CloudTransaction, ctx: FunctionContext, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.collection(AUDIT).add({
    data: {
      ...entry,
      at: ctx.clock.now(),
      actorPersonId: actor.person?._id ?? null,
      actorName: actor.person?.name ?? null,
      actorOpenid: actor.openid || null,
      requestId: ctx.requestId,
    },
  });
}

interface Versioned {
  _id: string;
  version: number;
}

export interface SaveVersionedOptions<T extends Versioned> {
  collection: string;
  id: string;
  /** 更新时客户端读到的版本；省略表示新建（已存在则 CONFLICT） */
  expectedVersion?: number;
  /** 由旧记录（新建时为 null）得出新记录的内容（不含 _id 与 version） */
  build: (before: T | null) => Omit<T, '_id' | 'version'>;
  audit: (before: T | null, after: T) => Omit<AuditInput, 'before' | 'after' | 'targetCollection' | 'targetId'>;
}

/**
 * 乐观并发的保存：版本不符即 CONFLICT（两个人同时编辑，后提交者被告知而不是悄悄覆盖），
 * 与审计在同一事务里写入。
 */
export async function saveVersioned<T extends Versioned>(
  ctx: FunctionContext,
  actor: Actor,
  opts: SaveVersionedOptions<T>,
): Promise<{ _id: string; version: number }> {
  return ctx.db.runTransaction(async (tx) => {
    const before = await txGetOrNull<T>(tx, opts.collection, opts.id);
    if (opts.expectedVersion === undefined && before) throw new AppError('CONFLICT', '编号已存在，请换一个编号或刷新后编辑');
    if (opts.expectedVersion !== undefined) {
      if (!before) throw new AppError('NOT_FOUND');
      if ((before.version ?? 0) !== opts.expectedVersion) throw new AppError('CONFLICT');
    }
    const version = (before?.version ?? 0) + 1; // 演示数据等早于版本号的记录按 0 计
    const body = { ...opts.build(before), version };
    await tx.collection(opts.collection).doc(opts.id).set({ data: body });
    const after = { ...body, _id: opts.id } as T;
    await writeAudit(tx, ctx, actor, {
      ...opts.audit(before, after),
      targetCollection: opts.collection,
      targetId: opts.id,
      before,
      after,
    });
    return { _id: opts.id, version };
  });
}

interface Retirable {
  _id: string;
  name: string;
  active: boolean;
  version: number;
}

/**
 * 撤销（只做标记，不删除）：历史材料仍指向原记录。与审计同一事务；已撤销的再撤销答 CONFLICT。
 */
export async function retireRecord<T extends Retirable>(
  ctx: FunctionContext,
  actor: Actor,
  opts: { collection: string; id: string; label: string; action: string; unitIdOf: (record: T) => string | null },
): Promise<{ _id: string }> {
  await ctx.db.runTransaction(async (tx) => {
    const before = await txGetOrNull<T>(tx, opts.collection, opts.id);
    if (!before) throw new AppError('NOT_FOUND', `${opts.label}不存在`);
    if (before.active === false) throw new AppError('CONFLICT', `该${opts.label}已撤销`);
    const version = (before.version ?? 0) + 1;
    await tx.collection(opts.collection).doc(opts.id).update({ data: { active: false, version } });
    await writeAudit(tx, ctx, actor, {
      action: opts.action,
      targetCollection: opts.collection,
      targetId: opts.id,
      unitId: opts.unitIdOf(before),
      summary: `撤销${opts.label}：${before.name}`,
      before,
      after: { ...before, active: false, version },
    });
  });
  return { _id: opts.id };
}
