import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { belongsToEntry, contentFileIds, EDITABLE_STATUSES, ENTRY_STATUS_LABELS, type Entry, type EntryContent, type entriesContract } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import type { CloudTransaction, IndexDeclaration } from '../_lib/db';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { ENTRIES } from '../_lib/engine/load';
import { actorKinds } from '../_lib/engine/transition';

/**
 * 材料文件的去留（issue 5：换掉、删掉的照片视频不在云存储里留成孤儿）。
 *
 * 上传的范围：手机直传云存储 entries/<材料 id>/…，云存储的安全规则核对不了单位与支部，所以每次上传后
 * 由上传者调用 registerUpload 登记（守卫：能编辑这份材料的人）；保存时新引用的文件必须已登记在这份材料名下，
 * 别人放进这个目录、未经登记的文件一律不收（FILE_REJECTED）。
 *
 * 每个登记过、或曾被材料引用后来不再引用的文件一条记录（entryFiles，_id 由 fileID 算出）：
 * 保存时（与保存同一事务）记下“从何时起不再被引用”，重新引用就清掉这个时刻。
 * 不在保存当下删除，而是满宽限期（ORPHAN_GRACE_MS）后才删，因为云端的当前版本不是唯一的版本：
 * - 编辑手机上的本机副本（自动保存的草稿、冲突时另存的备份）可能还引用它，离线几天后恢复保存；
 * - 两位编辑冲突时选“保留我的”，会把对方删掉的照片原样存回来。
 * 宽限期内这些都照常成功；过了宽限期文件被清理，之后再引用它的保存被拒（FILE_REJECTED，写明是哪个文件、请重新上传），
 * 不会存进一个打不开的链接。
 *
 * 清理在保存提交之后进行（sweepOrphans）：先在一个事务里重新核对材料当前内容与这条记录、打上清理标记并写审计，
 * 提交后再删云存储里的文件。与之并发、要重新引用同一文件的保存也要写这条记录，事务写冲突使两者只成其一。
 */
export const ENTRY_FILES = 'entryFiles';

/** 不再被引用的文件保留多久才删：一周（本机副本在下次打开时恢复；一周覆盖“周五写了一半、下周接着写”） */
export const ORPHAN_GRACE_MS = 7 * 24 * 3600 * 1000;

/** 一次清理至多处理的文件数（一次读至多 100 条） */
const SWEEP_LIMIT = 50;

export const entryFilesIndexes: IndexDeclaration[] = [
  // sweepOrphans：某份材料里不再被引用、尚未清理、早于宽限期的文件
  { collection: ENTRY_FILES, name: 'entry_deleted_unreferenced', keys: { entryId: 1, deletedAtMs: 1, unreferencedSinceMs: 1 } },
];

export interface EntryFileRecord {
  _id: string;
  entryId: string;
  fileID: string;
  /** 登记上传的人（registerUpload）；上线前已在材料里的文件为 null */
  uploaderPersonId?: string | null;
  uploaderOpenid?: string | null;
  /** 从何时起（毫秒）材料不再引用它；正被引用为 null */
  unreferencedSinceMs: number | null;
  /** 清理（删除）的时刻；未清理为 null */
  deletedAtMs: number | null;
}

export function entryFileRecordId(fileID: string): string {
  return `f${createHash('sha1').update(fileID).digest('hex')}`;
}

/**
 * 保存事务内：比较保存前后引用的文件。新引用的须已登记（registerUpload）且未被清理，否则拒绝；不再引用的记下时刻；重新引用的清掉时刻。
 * 只写有变化的文件（通常 0–2 个），每个一次事务内读写。
 */
export async function trackFileReferences(tx: CloudTransaction, entryId: string, before: EntryContent, after: EntryContent, nowMs: number): Promise<void> {
  const was = new Set(contentFileIds(before));
  const now = new Set(contentFileIds(after));
  for (const fileID of now) {
    if (was.has(fileID)) continue;
    const rec = await txGetOrNull<EntryFileRecord>(tx, ENTRY_FILES, entryFileRecordId(fileID));
    if (!rec || rec.entryId !== entryId) {
      // 未经能编辑这份材料的人登记的文件（如别人直传进这个目录的）：不收
      throw new AppError('FILE_REJECTED', `文件没有登记为这份材料的上传，请重新上传：${fileID.split('/').pop() ?? fileID}`, [{ path: 'content', message: fileID }]);
    }
    if (rec.deletedAtMs !== null) {
      throw new AppError('FILE_REJECTED', `文件已在从材料中删除满 7 天后清理，不能再引用，请重新上传：${fileID.split('/').pop() ?? fileID}`, [{ path: 'content', message: fileID }]);
    }
    await tx.collection(ENTRY_FILES).doc(rec._id).update({ data: { unreferencedSinceMs: null } });
  }
  for (const fileID of was) {
    if (now.has(fileID)) continue;
    const id = entryFileRecordId(fileID);
    const rec = await txGetOrNull<EntryFileRecord>(tx, ENTRY_FILES, id);
    if (rec) await tx.collection(ENTRY_FILES).doc(id).update({ data: { unreferencedSinceMs: nowMs } });
    else await tx.collection(ENTRY_FILES).doc(id).set({ data: { entryId, fileID, unreferencedSinceMs: nowMs, deletedAtMs: null } });
  }
}

/**
 * 保存提交之后：删除这份材料里不再被引用已满宽限期的文件。
 * 失败不影响保存（下次保存再清）；返回删除的 fileID。
 */
export async function sweepOrphans(ctx: FunctionContext, actor: Actor, entryId: string): Promise<string[]> {
  const nowMs = ctx.clock.now().getTime();
  const _ = ctx.db.command;
  const res = await ctx.db.collection(ENTRY_FILES).where({ entryId, deletedAtMs: null, unreferencedSinceMs: _.lte(nowMs - ORPHAN_GRACE_MS) }).limit(SWEEP_LIMIT).get();
  const candidates = res.data as unknown as EntryFileRecord[];
  if (!candidates.length) return [];
  const doomed = await ctx.db.runTransaction(async (tx) => {
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, entryId);
    if (!entry) return [];
    const live = new Set(contentFileIds(entry.content));
    const out: string[] = [];
    for (const c of candidates) {
      const rec = await txGetOrNull<EntryFileRecord>(tx, ENTRY_FILES, c._id);
      // 事务里重新核对：仍未被引用、仍早于宽限期、当前内容里也没有
      if (!rec || rec.deletedAtMs !== null || rec.unreferencedSinceMs === null || rec.unreferencedSinceMs > nowMs - ORPHAN_GRACE_MS || live.has(rec.fileID)) continue;
      await tx.collection(ENTRY_FILES).doc(rec._id).update({ data: { deletedAtMs: nowMs } });
      out.push(rec.fileID);
    }
    if (out.length) {
      await writeAudit(tx, ctx, actor, {
        action: 'entries.sweepFiles', targetCollection: ENTRIES, targetId: entryId, unitId: entry.unitId,
        summary: `清理材料中已删除满 7 天的文件 ${out.length} 个`, before: { files: out }, after: null,
      });
    }
    return out;
  });
  if (doomed.length) await ctx.files.remove(doomed);
  return doomed;
}

type RegisterInput = z.output<(typeof entriesContract)['actions']['registerUpload']['input']>;

/**
 * 登记一次上传（手机直传云存储之后）：文件须在这份材料的目录下、确实已上传，登记者是这份材料的申报方（守卫已核对单位与支部），
 * 材料仍可编辑。同一文件重复登记原样答复（网络超时后重试）。登记后未被保存进材料的文件（如上传后 App 被关）
 * 同样在宽限期后清理。
 */
export async function registerUpload({ ctx, actor, input }: HandlerArgs<RegisterInput>) {
  if (!belongsToEntry(input.fileID, input.id)) throw new AppError('FILE_REJECTED', '文件不在这份材料的目录下，请重新上传');
  try {
    await ctx.files.readRange(input.fileID, 0, 1);
  } catch {
    throw new AppError('FILE_REJECTED', '文件尚未上传完成，请重新上传');
  }
  const nowMs = ctx.clock.now().getTime();
  const id = entryFileRecordId(input.fileID);
  await ctx.db.runTransaction(async (tx) => {
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, input.id);
    if (!entry) throw new AppError('NOT_FOUND', '申报材料不存在');
    if (!actorKinds(actor, entry).includes('entrant')) throw new AppError('FORBIDDEN');
    if (!EDITABLE_STATUSES.includes(entry.status)) throw new AppError('CONFLICT', `材料当前为“${ENTRY_STATUS_LABELS[entry.status]}”，不能再上传文件`);
    const existing = await txGetOrNull<EntryFileRecord>(tx, ENTRY_FILES, id);
    if (existing) {
      if (existing.deletedAtMs !== null) throw new AppError('FILE_REJECTED', '这个文件已被清理，请重新上传');
      return; // 重试：已登记
    }
    await tx.collection(ENTRY_FILES).doc(id).set({
      data: {
        entryId: entry._id, fileID: input.fileID, uploaderPersonId: actor.person?._id ?? null, uploaderOpenid: actor.openid || null,
        unreferencedSinceMs: nowMs, deletedAtMs: null,
      },
    });
    await writeAudit(tx, ctx, actor, {
      action: 'entries.registerUpload', targetCollection: ENTRY_FILES, targetId: id, unitId: entry.unitId,
      summary: `上传文件：${input.fileID.split('/').pop() ?? ''}`, before: null, after: { entryId: entry._id, fileID: input.fileID },
    });
  });
  return { fileID: input.fileID };
}
