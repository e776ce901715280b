import type { z } from 'zod';
import type { Branch, GeneralBranch, Person, RoleGrant, Unit, unitInputSchema } from '../../types';
import { UNIT_KIND_LABELS } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { AUDIT, retireRecord, saveVersioned } from '../_lib/records';
import { BRANCHES, GENERAL_BRANCHES, PEOPLE, UNITS } from './collections';

type V<T> = T & { version: number };

export async function listUnits({ ctx, input }: HandlerArgs<{ includeRetired: boolean }>) {
  // 二级党组织约 40 个：一次读完（上限 1000），按名称排序
  const where = input.includeRetired ? {} : { active: true };
  const res = await ctx.db.collection(UNITS).where(where).orderBy('name', 'asc').limit(1000).get();
  return { units: res.data as V<Unit>[] };
}

export async function unitTree({ ctx, input }: HandlerArgs<{ unitId: string }>) {
  const [unit, generalBranches, branches] = await Promise.all([
    ctx.db.collection(UNITS).where({ _id: input.unitId }).limit(1).get(),
    ctx.db.collection(GENERAL_BRANCHES).where({ unitId: input.unitId }).orderBy('name', 'asc').limit(1000).get(),
    ctx.db.collection(BRANCHES).where({ unitId: input.unitId }).orderBy('name', 'asc').limit(1000).get(),
  ]);
  if (!unit.data[0]) throw new AppError('NOT_FOUND', '单位不存在');
  return {
    unit: unit.data[0] as V<Unit>,
    generalBranches: generalBranches.data as V<GeneralBranch>[],
    branches: branches.data as V<Branch>[],
  };
}

export async function saveUnit({ ctx, actor, input }: HandlerArgs<z.output<typeof unitInputSchema>>) {
  const { expectedVersion, _id, ...fields } = input;
  return saveVersioned<V<Unit>>(ctx, actor, {
    collection: UNITS,
    id: _id,
    expectedVersion,
    build: (before) => ({ ...fields, active: before?.active ?? true }),
    audit: (before, after) => ({
      action: before ? 'org.updateUnit' : 'org.createUnit',
      unitId: _id,
      summary: before
        ? before.name !== after.name
          ? `单位更名：${before.name} → ${after.name}`
          : `修改单位：${after.name}（${UNIT_KIND_LABELS[after.kind]}）`
        : `新建单位：${after.name}（${UNIT_KIND_LABELS[after.kind]}）`,
    }),
  });
}

/** 撤销单位：只做标记，历史材料仍指向原单位；仍有在用支部时不允许 */
export async function retireUnit({ ctx, actor, input }: HandlerArgs<{ unitId: string }>) {
  const live = await ctx.db.collection(BRANCHES).where({ unitId: input.unitId, active: true }).count();
  if (live.total > 0) throw new AppError('CONFLICT', `该单位还有 ${live.total} 个在用支部，请先撤销或合并支部`);
  return retireRecord<V<Unit>>(ctx, actor, { collection: UNITS, id: input.unitId, label: '单位', action: 'org.retireUnit', unitIdOf: (u) => u._id });
}

/**
 * 合并单位：一个单位可有数百人，超出一个事务的合理规模，所以分步进行且每一步都幂等——
 * 按 unitId 批量改党总支与支部、逐人改归属与授权，最后撤销原单位并写审计。中途失败时重试即可补齐，
 * 已提交的材料仍挂在原单位名下（历史按提交时的组织归属保留）。
 */
export async function mergeUnits({ ctx, actor, input }: HandlerArgs<{ fromUnitId: string; intoUnitId: string }>) {
  const { fromUnitId: from, intoUnitId: into } = input;
  if (from === into) throw new AppError('BAD_INPUT', '不能合并到同一个单位');
  const [src, dst] = await Promise.all([
    ctx.db.collection(UNITS).where({ _id: from }).limit(1).get(),
    ctx.db.collection(UNITS).where({ _id: into }).limit(1).get(),
  ]);
  const source = src.data[0] as V<Unit> | undefined;
  const target = dst.data[0] as V<Unit> | undefined;
  if (!source || !target) throw new AppError('NOT_FOUND', '单位不存在');
  if (!target.active) throw new AppError('CONFLICT', '不能并入已撤销的单位');
  const movedGeneralBranches = (await ctx.db.collection(GENERAL_BRANCHES).where({ unitId: from }).update({ data: { unitId: into } })).stats.updated;
  const movedBranches = (await ctx.db.collection(BRANCHES).where({ unitId: from }).update({ data: { unitId: into } })).stats.updated;
  let movedPeople = 0;
  for (;;) {
    const batch = await ctx.db.collection(PEOPLE).where({ unitId: from }).limit(100).get();
    if (!batch.data.length) break;
    for (const p of batch.data as (Person & { version?: number })[]) {
      const roles: RoleGrant[] = p.roles.map((r) => (r.unitId === from ? { ...r, unitId: into } : r));
      await ctx.db.collection(PEOPLE).doc(p._id).update({ data: { unitId: into, roles: ctx.db.command.set(roles), version: (p.version ?? 0) + 1 } });
      movedPeople++;
    }
  }
  await ctx.db.collection(UNITS).doc(from).update({ data: { active: false, mergedInto: into, version: (source.version ?? 0) + 1 } });
  await ctx.db.collection(AUDIT).add({
    data: {
      action: 'org.mergeUnits',
      targetCollection: UNITS,
      targetId: from,
      unitId: from,
      summary: `合并单位：${source.name} 并入 ${target.name}（党总支 ${movedGeneralBranches} 个、支部 ${movedBranches} 个、人员 ${movedPeople} 人）`,
      before: source,
      after: { ...source, active: false, mergedInto: into },
      at: ctx.clock.now(),
      actorPersonId: actor.person?._id ?? null,
      actorName: actor.person?.name ?? null,
      actorOpenid: actor.openid || null,
      requestId: ctx.requestId,
    },
  });
  return { movedGeneralBranches, movedBranches, movedPeople };
}
