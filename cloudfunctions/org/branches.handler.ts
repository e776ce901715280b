import type { z } from 'zod';
import type { Branch, branchInputSchema, GeneralBranch, generalBranchInputSchema, Person } from '../../types';
import { BRANCH_KIND_LABELS } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { retireRecord, saveVersioned, txGetOrNull, writeAudit } from '../_lib/records';
import { BRANCHES, GENERAL_BRANCHES, PEOPLE } from './collections';

type V<T> = T & { version: number };

export async function saveGeneralBranch({ ctx, actor, input }: HandlerArgs<z.output<typeof generalBranchInputSchema>>) {
  const { expectedVersion, _id, ...fields } = input;
  return saveVersioned<V<GeneralBranch>>(ctx, actor, {
    collection: GENERAL_BRANCHES,
    id: _id,
    expectedVersion,
    build: (before) => {
      if (before && before.unitId !== fields.unitId) throw new AppError('BAD_INPUT', '党总支不能直接改到其他单位');
      return { ...fields, active: before?.active ?? true };
    },
    audit: (before, after) => ({
      action: before ? 'org.updateGeneralBranch' : 'org.createGeneralBranch',
      unitId: after.unitId,
      summary: before ? `修改党总支：${before.name} → ${after.name}` : `新建党总支：${after.name}`,
    }),
  });
}

export async function saveBranch({ ctx, actor, input }: HandlerArgs<z.output<typeof branchInputSchema>>) {
  const { expectedVersion, _id, ...fields } = input;
  if (fields.generalBranchId) {
    const g = await ctx.db.collection(GENERAL_BRANCHES).where({ _id: fields.generalBranchId }).limit(1).get();
    if (!g.data[0] || g.data[0].unitId !== fields.unitId) throw new AppError('BAD_INPUT', '所选党总支不属于该单位');
  }
  return saveVersioned<V<Branch>>(ctx, actor, {
    collection: BRANCHES,
    id: _id,
    expectedVersion,
    build: (before) => {
      // 支部换单位要走合并：已提交的材料挂在原单位名下，不能悄悄搬走
      if (before && before.unitId !== fields.unitId) throw new AppError('BAD_INPUT', '支部不能直接改到其他单位，请使用合并');
      return { ...fields, active: before?.active ?? true };
    },
    audit: (before, after) => ({
      action: before ? 'org.updateBranch' : 'org.createBranch',
      unitId: after.unitId,
      summary: before
        ? before.name !== after.name
          ? `支部更名：${before.name} → ${after.name}`
          : `修改支部：${after.name}`
        : `新建支部：${after.name}（${BRANCH_KIND_LABELS[after.kind]}）`,
    }),
  });
}

export async function retireBranch({ ctx, actor, input }: HandlerArgs<{ branchId: string }>) {
  return retireRecord<V<Branch>>(ctx, actor, { collection: BRANCHES, id: input.branchId, label: '支部', action: 'org.retireBranch', unitIdOf: (b) => b.unitId });
}

/**
 * 合并支部：成员转入目标支部，原支部撤销并记下 mergedInto；
 * 原支部名下已提交的材料不改（历史按提交时的组织归属保留）。
 */
export async function mergeBranches({ ctx, actor, input }: HandlerArgs<{ fromBranchId: string; intoBranchId: string }>) {
  if (input.fromBranchId === input.intoBranchId) throw new AppError('BAD_INPUT', '不能合并到同一个支部');
  const members = await ctx.db.collection(PEOPLE).where({ branchId: input.fromBranchId }).field({ _id: true }).limit(1000).get();
  return ctx.db.runTransaction(async (tx) => {
    const from = await txGetOrNull<V<Branch>>(tx, BRANCHES, input.fromBranchId);
    const into = await txGetOrNull<V<Branch>>(tx, BRANCHES, input.intoBranchId);
    if (!from || !into) throw new AppError('NOT_FOUND', '支部不存在');
    if (!from.active || !into.active) throw new AppError('CONFLICT', '已撤销的支部不能合并');
    for (const m of members.data) {
      const p = await txGetOrNull<V<Person>>(tx, PEOPLE, String(m._id));
      if (!p || p.branchId !== from._id) continue;
      const roles = p.roles.map((r) => (r.branchId === from._id ? { ...r, branchId: into._id, unitId: into.unitId } : r));
      await tx.collection(PEOPLE).doc(p._id).update({ data: { branchId: into._id, unitId: into.unitId, roles, version: p.version + 1 } });
    }
    await tx.collection(BRANCHES).doc(from._id).update({ data: { active: false, mergedInto: into._id, version: from.version + 1 } });
    await writeAudit(tx, ctx, actor, {
      action: 'org.mergeBranches',
      targetCollection: BRANCHES,
      targetId: from._id,
      unitId: from.unitId,
      summary: `合并支部：${from.name} 并入 ${into.name}（转入 ${members.data.length} 人）`,
      before: from,
      after: { ...from, active: false, mergedInto: into._id },
    });
    return { movedPeople: members.data.length };
  });
}
