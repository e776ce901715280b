import type { EntrantRef, Role, RoleGrant } from '../../types';
import type { Actor } from './actor';
import { AppError } from './app-error';
import type { FunctionContext } from './context';

/**
 * 每个操作的准入声明——一张表，处理函数里没有零散的权限判断：
 * - allow：谁能调用（anyone 含未绑定者；bound 为已绑定人员；或角色列表）
 * - scope：操作落在哪里（学校、某单位、某支部、某人员、授予某角色、某人员的绑定）。
 *   每个落点都必须被调用者某个“允许角色”的授权范围覆盖：
 *   组织部管理员覆盖全部；分党委管理员覆盖本单位子树；支部书记/支委覆盖本支部。
 */
export type ScopeRef =
  | { school: true }
  | { unitId: string }
  | { generalBranchId: string }
  | { branchId: string }
  | { personId: string }
  /** 授予/撤销角色：分党委管理员只能在本单位授予党员、支部书记/支委 */
  | { grant: RoleGrant }
  /** 为某人发邀请码或解绑：分党委管理员不能动管理员与评委的绑定（由组织部负责） */
  | { bindingOf: string }
  /** 某张邀请码：落在它所邀请的人员的绑定上 */
  | { inviteCode: string }
  /** 某份申报材料：落在申报主体上（支部的材料落在支部；单位、党总支的材料只落在单位） */
  | { entryId: string }
  /** 某场现场答辩：只有列在该场评委名单里的评委（授权限定评选时须是本评选）覆盖它（E3） */
  | { defenceJudge: string }
  /** 函评的一份指派：只有被指派的评委本人（授权限定评选时须是本评选）覆盖它（C1.5） */
  | { reviewAssignment: string }
  /** 函评中的一份材料：只有指派了这份材料的评委覆盖它；回避的评委不会有指派（C1.5） */
  | { reviewerOfEntry: string }
  /** 以某位评委的身份在某评选里行事（声明回避）：评委只能是本人（reviewer 为 null 即调用者本人） */
  | { reviewer: string | null; campaignId: string };

export interface Guard<I = unknown> {
  allow: 'anyone' | 'bound' | readonly Role[];
  scope?: (input: I) => ScopeRef[];
}

export const anyone: Guard = { allow: 'anyone' };
export const boundOnly: Guard = { allow: 'bound' };
export function roles<I = unknown>(allowed: readonly Role[], scope?: (input: I) => ScopeRef[]): Guard<I> {
  return { allow: allowed, scope };
}

/** 申报主体落点：支部落在支部，党总支落在党总支，单位落在单位（campaigns.eligibility 与 entries.create 共用） */
export function entrantScope(ref: EntrantRef): ScopeRef[] {
  if (ref.level === 'branch') return [{ branchId: ref.id }];
  if (ref.level === 'generalBranch') return [{ generalBranchId: ref.id }];
  return [{ unitId: ref.id }];
}

/** 落点解析后的位置 */
export interface Target {
  unitId: string | null;
  branchId: string | null;
  /** 授予的角色（grant 落点） */
  grantRole?: Role;
  /** 被绑定人员持有的角色（bindingOf 落点） */
  holderRoles?: RoleGrant[];
  /** 现场答辩场次的评委名单与评选（defenceJudge 落点） */
  defenceJudges?: { personIds: string[]; campaignId: string };
  /** 函评的评委与评选（reviewAssignment / reviewerOfEntry / reviewer 落点）；'caller' 为调用者本人 */
  reviewers?: { personIds: string[] | 'caller'; campaignId: string };
}

const UNIT_ADMIN_GRANTABLE: readonly Role[] = ['member', 'branchEditor'];
const DEPARTMENT_ONLY_BINDINGS: readonly Role[] = ['unitAdmin', 'deptAdmin', 'judge'];

/** 一项授权是否覆盖一个落点（纯函数，矩阵测试与守卫共用同一定义） */
export function covers(grant: RoleGrant, target: Target, personId?: string): boolean {
  if (grant.role === 'deptAdmin') return true;
  if (grant.role === 'judge' && target.defenceJudges) {
    const { personIds, campaignId } = target.defenceJudges;
    return !!personId && personIds.includes(personId) && (!grant.campaignId || grant.campaignId === campaignId);
  }
  if (grant.role === 'judge' && target.reviewers) {
    const { personIds, campaignId } = target.reviewers;
    return !!personId && (personIds === 'caller' || personIds.includes(personId)) && (!grant.campaignId || grant.campaignId === campaignId);
  }
  if (grant.role === 'unitAdmin') {
    if (!target.unitId || grant.unitId !== target.unitId) return false;
    if (target.grantRole && !UNIT_ADMIN_GRANTABLE.includes(target.grantRole)) return false;
    if (target.holderRoles?.some((r) => DEPARTMENT_ONLY_BINDINGS.includes(r.role))) return false;
    return true;
  }
  if (grant.role === 'branchEditor') {
    if (target.grantRole || target.holderRoles) return false;
    return !!target.branchId && grant.branchId === target.branchId;
  }
  return false;
}

export async function checkGuard<I>(guard: Guard<I>, actor: Actor, input: I, ctx: FunctionContext): Promise<void> {
  if (guard.allow === 'anyone') return;
  if (!actor.person) throw new AppError('UNAUTHENTICATED');
  if (guard.allow === 'bound') return;
  const allowed = guard.allow;
  const grants = actor.grants.filter((g) => allowed.includes(g.role));
  if (!grants.length) throw new AppError('FORBIDDEN');
  if (!guard.scope) return;
  for (const ref of guard.scope(input)) {
    const target = await resolveTarget(ref, ctx);
    if (!grants.some((g) => covers(g, target, actor.person?._id))) throw new AppError('FORBIDDEN');
  }
}

async function findOne(ctx: FunctionContext, collection: string, id: string, fields: Record<string, true>) {
  const res = await ctx.db.collection(collection).where({ _id: id }).field(fields).limit(1).get();
  return res.data[0] as Record<string, unknown> | undefined;
}

/** 落点 → 所在单位/支部；不存在的对象答 NOT_FOUND */
async function resolveTarget(ref: ScopeRef, ctx: FunctionContext): Promise<Target> {
  if ('school' in ref) return { unitId: null, branchId: null };
  if ('unitId' in ref) {
    if (!(await findOne(ctx, 'units', ref.unitId, { _id: true }))) throw new AppError('NOT_FOUND', '单位不存在');
    return { unitId: ref.unitId, branchId: null };
  }
  if ('generalBranchId' in ref) {
    const g = await findOne(ctx, 'generalBranches', ref.generalBranchId, { unitId: true });
    if (!g) throw new AppError('NOT_FOUND', '党总支不存在');
    return { unitId: g.unitId as string, branchId: null };
  }
  if ('branchId' in ref) {
    const b = await findOne(ctx, 'branches', ref.branchId, { unitId: true });
    if (!b) throw new AppError('NOT_FOUND', '支部不存在');
    return { unitId: b.unitId as string, branchId: ref.branchId };
  }
  if ('entryId' in ref) {
    const e = await findOne(ctx, 'entries', ref.entryId, { unitId: true, branchId: true, entrantLevel: true });
    if (!e) throw new AppError('NOT_FOUND', '申报材料不存在');
    return { unitId: e.unitId as string, branchId: e.entrantLevel === 'branch' ? (e.branchId as string) : null };
  }
  if ('defenceJudge' in ref) {
    const session = await findOne(ctx, 'defenceSessions', ref.defenceJudge, { judgeIds: true, campaignId: true });
    if (!session) throw new AppError('NOT_FOUND', '答辩场次不存在');
    return { unitId: null, branchId: null, defenceJudges: { personIds: (session.judgeIds as string[]) ?? [], campaignId: session.campaignId as string } };
  }
  if ('reviewAssignment' in ref) {
    const a = await findOne(ctx, 'reviewAssignments', ref.reviewAssignment, { reviewerId: true, campaignId: true });
    if (!a) throw new AppError('NOT_FOUND', '评审指派不存在或已撤回');
    return { unitId: null, branchId: null, reviewers: { personIds: [a.reviewerId as string], campaignId: a.campaignId as string } };
  }
  if ('reviewerOfEntry' in ref) {
    const e = await findOne(ctx, 'entries', ref.reviewerOfEntry, { campaignId: true });
    if (!e) throw new AppError('NOT_FOUND', '申报材料不存在');
    // 评审组（reviewPanels，_id = 材料 id）与指派在同一事务里维护
    const panel = await findOne(ctx, 'reviewPanels', ref.reviewerOfEntry, { reviewerIds: true });
    return { unitId: null, branchId: null, reviewers: { personIds: (panel?.reviewerIds as string[] | undefined) ?? [], campaignId: e.campaignId as string } };
  }
  if ('reviewer' in ref) {
    return { unitId: null, branchId: null, reviewers: { personIds: ref.reviewer === null ? 'caller' : [ref.reviewer], campaignId: ref.campaignId } };
  }
  if ('inviteCode' in ref) {
    const invite = await findOne(ctx, 'invites', ref.inviteCode, { personId: true });
    if (!invite) throw new AppError('NOT_FOUND', '邀请码不存在');
    return resolveTarget({ bindingOf: invite.personId as string }, ctx);
  }
  if ('personId' in ref || 'bindingOf' in ref) {
    const id = 'personId' in ref ? ref.personId : ref.bindingOf;
    const p = await findOne(ctx, 'people', id, { unitId: true, branchId: true, roles: true });
    if (!p) throw new AppError('NOT_FOUND', '人员不存在');
    const target: Target = { unitId: (p.unitId as string | null) ?? null, branchId: (p.branchId as string | null) ?? null };
    if ('bindingOf' in ref) target.holderRoles = (p.roles as RoleGrant[]) ?? [];
    return target;
  }
  const g = ref.grant;
  if (g.branchId) {
    const b = await findOne(ctx, 'branches', g.branchId, { unitId: true });
    if (!b) throw new AppError('NOT_FOUND', '支部不存在');
    if (g.unitId && g.unitId !== b.unitId) throw new AppError('BAD_INPUT', '支部不属于所填单位');
    return { unitId: b.unitId as string, branchId: g.branchId, grantRole: g.role };
  }
  return { unitId: g.unitId ?? null, branchId: null, grantRole: g.role };
}
