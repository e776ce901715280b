import { randomBytes } from 'node:crypto';
import { formatCst, type Branch, type GeneralBranch, type Person, type RoleGrant, type Unit } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { BINDING_KEY } from '../_lib/actor';
import { AUDIT } from '../_lib/records';
import { buildOrgTemplate, buildOrgWorkbook, ORG_IMPORT_LIMITS, parseOrgWorkbook, type OrgImport } from '../_lib/org-sheet';
import { BRANCHES, GENERAL_BRANCHES, PEOPLE, UNITS } from '../org/collections';
import { personIdOf } from '../org/people.handler';

const XLSX = 'xlsx';
/** 导入可授予的角色；评委、组织部管理员只经邀请授予，导入时原样保留 */
const IMPORTABLE_ROLES = new Set(['member', 'branchEditor', 'unitAdmin']);

async function readAll<T>(ctx: FunctionContext, collection: string, where: object = {}): Promise<T[]> {
  // 服务端单次最多 1000 条：按 _id 分批读完（全校约 1,200 个支部、25,000 名党员）
  const out: T[] = [];
  const _ = ctx.db.command;
  let after = '';
  for (;;) {
    const cond = after ? _.and([where, { _id: _.gt(after) }]) : where;
    const res = await ctx.db.collection(collection).where(cond).orderBy('_id', 'asc').limit(1000).get();
    out.push(...(res.data as T[]));
    if (res.data.length < 1000) return out;
    after = String(res.data[res.data.length - 1]._id);
  }
}

async function publish(ctx: FunctionContext, name: string, bytes: Buffer) {
  const stamp = formatCst(ctx.clock.now(), 'YYYYMMDD-HHmmss');
  const cloudPath = `exports/org/${stamp}-${randomBytes(4).toString('hex')}.${XLSX}`;
  const { fileID } = await ctx.files.upload(cloudPath, bytes);
  const [t] = await ctx.files.tempUrls([fileID], 30 * 60);
  return { fileID, url: t.tempFileURL, fileName: `${name}-${stamp}.${XLSX}` };
}

export async function downloadTemplate({ ctx }: HandlerArgs<Record<string, never>>) {
  return publish(ctx, '组织与人员导入模板', await buildOrgTemplate());
}

export async function exportOrg({ ctx, input }: HandlerArgs<{ unitId?: string }>) {
  const scope = input.unitId ? { unitId: input.unitId } : {};
  const [units, generalBranches, branches, people] = await Promise.all([
    input.unitId ? readAll<Unit>(ctx, UNITS, { _id: input.unitId }) : readAll<Unit>(ctx, UNITS),
    readAll<GeneralBranch>(ctx, GENERAL_BRANCHES, scope),
    readAll<Branch>(ctx, BRANCHES, scope),
    readAll<Person>(ctx, PEOPLE, scope),
  ]);
  const data: OrgImport = {
    units: units.map(({ _id, name, kind, active }) => ({ _id, name, kind, active })),
    generalBranches: generalBranches.map(({ _id, unitId, name, active }) => ({ _id, unitId, name, active })),
    branches: branches.map(({ _id, unitId, generalBranchId, name, kind, memberCount, model, active }) => ({
      _id, unitId, generalBranchId, name, kind, memberCount, model, active,
    })),
    people: people.map(({ name, personNo, phone, unitId, branchId, roles }) => {
      const importable = roles.filter((r) => IMPORTABLE_ROLES.has(r.role));
      // 只持有评委/组织部管理员授权的人，导出为党员：角色列必填，且重新导入时这两种授权会被保留
      const exported = importable.length ? importable : [{ role: 'member' as const, ...(unitId ? { unitId } : {}), ...(branchId ? { branchId } : {}) }];
      return { name, personNo, phone, unitId, branchId, roles: exported };
    }),
  };
  const unitName = input.unitId ? units[0]?.name ?? input.unitId : '全校';
  return publish(ctx, `${unitName}组织与人员`, await buildOrgWorkbook(data));
}

/**
 * 导入：先解析并校验整本工作簿（含与库中已有记录的对照），任何问题都一条不写；
 * 通过后按编号/工号逐条 upsert——重复导入只更新。写入中途若被中断，再导入一次即补齐（幂等）。
 */
export async function importOrg({ ctx, actor, input }: HandlerArgs<{ fileID: string }>) {
  const bytes = await ctx.files.download(input.fileID);
  if (bytes.length > ORG_IMPORT_LIMITS.maxBytes) throw new AppError('FILE_REJECTED', '文件过大：请拆分后分批导入（每次不超过 5 MB）');
  const [units, generalBranches, branches, people] = await Promise.all([
    readAll<Unit & { version?: number }>(ctx, UNITS),
    readAll<GeneralBranch & { version?: number }>(ctx, GENERAL_BRANCHES),
    readAll<Branch & { version?: number }>(ctx, BRANCHES),
    readAll<Person & { version?: number }>(ctx, PEOPLE),
  ]);
  const parsed = await parseOrgWorkbook(bytes, {
    unitIds: new Set(units.map((u) => u._id)),
    generalBranchIds: new Map(generalBranches.map((g) => [g._id, g.unitId])),
    branchIds: new Map(branches.map((b) => [b._id, b.unitId])),
  });
  if (!parsed.ok) {
    // message 已含“第 N 行「列」”；path 只给出表名（整本文件的问题没有表名）
    const issues = parsed.issues.map((i) => ({ path: i.sheet || '文件', message: i.message }));
    throw new AppError('BAD_INPUT', `导入未执行：发现 ${parsed.issues.length} 处问题，请修改后重新导入`, issues);
  }
  const data = parsed.data;
  // 与库中已有记录的冲突：已有支部不能借导入换单位（须走合并）
  const existingBranch = new Map(branches.map((b) => [b._id, b]));
  for (const b of data.branches) {
    const before = existingBranch.get(b._id);
    if (before && before.unitId !== b.unitId) {
      throw new AppError('BAD_INPUT', `导入未执行：支部 ${b._id} 已属于其他单位，不能通过导入改变单位（请使用合并）`);
    }
  }

  const counts = { units: { created: 0, updated: 0 }, generalBranches: { created: 0, updated: 0 }, branches: { created: 0, updated: 0 }, people: { created: 0, updated: 0 } };
  const upsert = async <T extends { _id: string }>(
    collection: string,
    rows: T[],
    existing: Map<string, { version?: number }>,
    count: { created: number; updated: number },
  ) => {
    for (const { _id, ...rest } of rows) {
      const before = existing.get(_id);
      const version = (before?.version ?? 0) + 1;
      if (collection === PEOPLE && before) {
        // 人员记录上的绑定键与绑定同事务维护（_lib/actor.ts）：已有人员只改表里的字段，不整条覆盖，
        // 免得把读出之后才解绑的人的键写回去
        const { roles, ...fields } = rest as unknown as { roles: RoleGrant[] };
        await ctx.db.collection(collection).doc(_id).update({ data: { ...fields, roles: ctx.db.command.set(roles), version } });
      } else {
        // 新建的人员还没有绑定：绑定键记为 null（“确知未绑定”，见 org.listPeople）
        await ctx.db.collection(collection).doc(_id).set({ data: { ...rest, ...(collection === PEOPLE ? { [BINDING_KEY]: null } : {}), version } });
      }
      if (before) count.updated++;
      else count.created++;
    }
  };
  await upsert(UNITS, data.units, new Map(units.map((u) => [u._id, u])), counts.units);
  await upsert(GENERAL_BRANCHES, data.generalBranches, new Map(generalBranches.map((g) => [g._id, g])), counts.generalBranches);
  await upsert(BRANCHES, data.branches, existingBranch, counts.branches);
  const byPersonNo = new Map(people.map((p) => [p.personNo, p]));
  const personRows = data.people.map((p) => {
    const before = byPersonNo.get(p.personNo);
    const kept: RoleGrant[] = (before?.roles ?? []).filter((r) => !IMPORTABLE_ROLES.has(r.role));
    return { ...p, _id: before?._id ?? personIdOf(p.personNo), roles: [...p.roles, ...kept] };
  });
  await upsert(PEOPLE, personRows, new Map(people.map((p) => [p._id, p])), counts.people);

  await ctx.db.collection(AUDIT).add({
    data: {
      action: 'orgSheet.import',
      targetCollection: 'import',
      targetId: input.fileID,
      unitId: null,
      summary: `批量导入：单位 ${counts.units.created} 新增 ${counts.units.updated} 更新；支部 ${counts.branches.created} 新增 ${counts.branches.updated} 更新；人员 ${counts.people.created} 新增 ${counts.people.updated} 更新`,
      before: null,
      after: counts,
      at: ctx.clock.now(),
      actorPersonId: actor.person?._id ?? null,
      actorName: actor.person?.name ?? null,
      actorOpenid: actor.openid || null,
      requestId: ctx.requestId,
    },
  });
  return counts;
}
