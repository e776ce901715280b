import type { z } from 'zod';
import type { Person, PersonView, personInputSchema, RoleGrant } from '../../types';
import { ROLE_LABELS, toCstIso } from '../../types';
import { AppError } from '../_lib/app-error';
import { BINDING_KEY, COLLECTIONS } from '../_lib/actor';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { isDuplicateKeyError } from '../_lib/db';
import { AUDIT, saveVersioned, txGetOrNull, writeAudit } from '../_lib/records';
import { BRANCHES, PEOPLE } from './collections';

type StoredPerson = Person & { version: number; [BINDING_KEY]?: string | null };

/** 手机号只显示前三后四 */
export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}

/** 新建人员的 _id 由工号/学号决定：导入与手工新建得到同一条记录（重复导入只更新不重复） */
export function personIdOf(personNo: string): string {
  return `p-${personNo}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function listPeople({
  ctx,
  input,
}: HandlerArgs<{ unitId: string; branchId?: string; keyword?: string; cursor?: string; pageSize: number }>) {
  const _ = ctx.db.command;
  const conditions: object[] = [input.branchId ? { branchId: input.branchId, unitId: input.unitId } : { unitId: input.unitId }];
  if (input.keyword) {
    const re = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' });
    conditions.push(_.or([{ name: re }, { personNo: re }]));
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) throw new AppError('BAD_INPUT', '分页位置无效，请刷新列表');
    conditions.push({ _id: _.gt(c.id) });
  }
  const res = await ctx.db.collection(PEOPLE).where(_.and(conditions)).orderBy('_id', 'asc').limit(input.pageSize + 1).get();
  const rows = res.data as StoredPerson[];
  const page = rows.slice(0, input.pageSize);
  // 是否已绑定：人员记录上的绑定键与绑定同事务维护（_lib/actor.ts）——有键 = 已绑定，null = 未绑定，
  // 一页只要一次查询（issue 8）；早于此字段、还没有这个键的记录才去 bindings 核对
  const unknown = page.filter((p) => p[BINDING_KEY] === undefined).map((p) => p._id);
  const bound = unknown.length
    ? await ctx.db.collection(COLLECTIONS.bindings).where({ personId: _.in(unknown) }).field({ personId: true }).limit(100).get()
    : { data: [] };
  const boundIds = new Set([...page.filter((p) => !!p[BINDING_KEY]).map((p) => p._id), ...bound.data.map((b) => b.personId as string)]);
  const items: PersonView[] = page.map((p) => ({
    _id: p._id,
    name: p.name,
    personNo: p.personNo,
    phoneMasked: maskPhone(p.phone),
    unitId: p.unitId,
    branchId: p.branchId,
    roles: p.roles,
    bound: boundIds.has(p._id),
    version: p.version ?? 0,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: 0, id: last._id }) : null };
}

export async function savePerson({ ctx, actor, input }: HandlerArgs<z.output<typeof personInputSchema>>) {
  const { expectedVersion, _id, ...fields } = input;
  if (fields.branchId) {
    const b = await ctx.db.collection(BRANCHES).where({ _id: fields.branchId }).field({ unitId: true }).limit(1).get();
    if (!b.data[0] || b.data[0].unitId !== fields.unitId) throw new AppError('BAD_INPUT', '所选支部不属于该单位');
  }
  const id = _id ?? personIdOf(fields.personNo);
  try {
    return await saveVersioned<StoredPerson>(ctx, actor, {
      collection: PEOPLE,
      id,
      expectedVersion: _id ? expectedVersion : undefined,
      build: (before) => ({
        ...fields,
        phone: fields.phone === undefined ? (before?.phone ?? null) : fields.phone,
        roles: before?.roles ?? [{ role: 'member', unitId: fields.unitId, ...(fields.branchId ? { branchId: fields.branchId } : {}) }],
        // 整条写入时保留绑定键（与绑定同事务维护，见 _lib/actor.ts）；同一事务读的 before，不会与解绑交错。
        // 新建的人员还没有绑定：记为 null（“确知未绑定”）；早于此字段的记录没有这个键，原样不写
        ...(!before ? { [BINDING_KEY]: null } : before[BINDING_KEY] !== undefined ? { [BINDING_KEY]: before[BINDING_KEY] } : {}),
      }),
      audit: (before, after) => ({
        action: before ? 'org.updatePerson' : 'org.createPerson',
        unitId: after.unitId,
        summary: before ? `修改人员：${after.name}（${after.personNo}）` : `新建人员：${after.name}（${after.personNo}）`,
      }),
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', `工号/学号 ${fields.personNo} 已属于另一名人员`);
    throw err;
  }
}

/** 角色授予的规范化：支部书记/支委的单位取自支部；分党委管理员必须指定单位 */
async function normaliseGrant(ctx: HandlerArgs<unknown>['ctx'], grant: RoleGrant): Promise<RoleGrant> {
  switch (grant.role) {
    case 'deptAdmin':
      return { role: 'deptAdmin' };
    case 'unitAdmin':
      if (!grant.unitId) throw new AppError('BAD_INPUT', '分党委管理员需指定单位');
      return { role: 'unitAdmin', unitId: grant.unitId };
    case 'branchEditor': {
      if (!grant.branchId) throw new AppError('BAD_INPUT', '支部书记/支委需指定支部');
      const b = await ctx.db.collection(BRANCHES).where({ _id: grant.branchId }).field({ unitId: true }).limit(1).get();
      if (!b.data[0]) throw new AppError('NOT_FOUND', '支部不存在');
      return { role: 'branchEditor', unitId: b.data[0].unitId as string, branchId: grant.branchId };
    }
    case 'member':
      if (!grant.unitId) throw new AppError('BAD_INPUT', '党员需指定单位');
      return { role: 'member', unitId: grant.unitId, ...(grant.branchId ? { branchId: grant.branchId } : {}) };
    case 'judge':
      return { role: 'judge', ...(grant.unitId ? { unitId: grant.unitId } : {}), ...(grant.campaignId ? { campaignId: grant.campaignId } : {}) };
  }
}

const sameGrant = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role && (a.unitId ?? null) === (b.unitId ?? null) && (a.branchId ?? null) === (b.branchId ?? null) && (a.campaignId ?? null) === (b.campaignId ?? null);

async function changeRoles(args: HandlerArgs<{ personId: string; grant: RoleGrant }>, mode: 'grant' | 'revoke') {
  const { ctx, actor, input } = args;
  const grant = mode === 'grant' ? await normaliseGrant(ctx, input.grant) : input.grant;
  return ctx.db.runTransaction(async (tx) => {
    const before = await txGetOrNull<StoredPerson>(tx, PEOPLE, input.personId);
    if (!before) throw new AppError('NOT_FOUND', '人员不存在');
    const has = before.roles.some((r) => sameGrant(r, grant));
    if (mode === 'grant' ? has : !has) return { roles: before.roles }; // 幂等：已有/已无则不变
    const roles = mode === 'grant' ? [...before.roles, grant] : before.roles.filter((r) => !sameGrant(r, grant));
    await tx.collection(PEOPLE).doc(before._id).update({ data: { roles: ctx.db.command.set(roles), version: before.version + 1 } });
    await writeAudit(tx, ctx, actor, {
      action: mode === 'grant' ? 'org.grantRole' : 'org.revokeRole',
      targetCollection: PEOPLE,
      targetId: before._id,
      unitId: before.unitId,
      summary: `${mode === 'grant' ? '授予' : '撤销'} ${before.name} 的角色：${ROLE_LABELS[grant.role]}`,
      before: { roles: before.roles },
      after: { roles },
    });
    return { roles };
  });
}

export const grantRole = (args: HandlerArgs<{ personId: string; grant: RoleGrant }>) => changeRoles(args, 'grant');
export const revokeRole = (args: HandlerArgs<{ personId: string; grant: RoleGrant }>) => changeRoles(args, 'revoke');

export async function listAudit({ ctx, input }: HandlerArgs<{ unitId?: string; cursor?: string; pageSize: number }>) {
  const _ = ctx.db.command;
  const conditions: object[] = input.unitId ? [{ unitId: input.unitId }] : [];
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) throw new AppError('BAD_INPUT', '分页位置无效，请刷新列表');
    const at = new Date(c.at);
    conditions.push(_.or([{ at: _.lt(at) }, { at, _id: _.lt(c.id) }]));
  }
  const query = ctx.db.collection(AUDIT).where(conditions.length ? _.and(conditions) : {});
  const res = await query
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .field({ at: true, actorName: true, action: true, targetCollection: true, targetId: true, unitId: true, summary: true })
    .limit(input.pageSize + 1)
    .get();
  const rows = res.data as { _id: string; at: Date; actorName: string | null; action: string; targetCollection: string; targetId: string; unitId: string | null; summary: string }[];
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, at: toCstIso(r.at) })),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: new Date(last.at).getTime(), id: last._id }) : null,
  };
}
