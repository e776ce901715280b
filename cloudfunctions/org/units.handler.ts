import type { z } from 'zod';
import type { Branch, GeneralBranch, Unit, unitInputSchema } from '../../types';
import { UNIT_KIND_LABELS } from '../../types';
import { AppError } from '../_lib/app-error';
import type { HandlerArgs } from '../_lib/define';
import { retireRecord, saveVersioned } from '../_lib/records';
import { BRANCHES, GENERAL_BRANCHES, UNITS } from './collections';

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
