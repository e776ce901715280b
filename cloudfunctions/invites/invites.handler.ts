import { randomInt } from 'node:crypto';
import { INVITE_CODE_ALPHABET, toCstIso, type Invite, type Person } from '../../types';
import { BINDING_KEY, bindingKeyOf, COLLECTIONS } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { isDuplicateKeyError } from '../_lib/db';
import type { HandlerArgs } from '../_lib/define';
import { txGetOrNull, writeAudit } from '../_lib/records';

export const INVITES = 'invites';
export const BIND_ATTEMPTS = 'bindAttempts';
export const invitesIndexes: IndexDeclaration[] = [{ collection: INVITES, name: 'personId', keys: { personId: 1 } }];

/** 失败尝试上限：每个微信身份每小时 10 次；8 位 31 进制码约 8.5×10¹¹ 种，穷举不可行 */
export const MAX_FAILED_ATTEMPTS_PER_HOUR = 10;

interface StoredInvite {
  _id: string;
  personId: string;
  personName: string;
  unitId: string | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  revokedAt: Date | null;
}

export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}

function statusOf(inv: StoredInvite, now: Date): Invite['status'] {
  if (inv.usedAt) return 'used';
  if (inv.revokedAt) return 'revoked';
  if (new Date(inv.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

function toInvite(inv: StoredInvite, now: Date): Invite {
  return {
    code: inv._id,
    personId: inv.personId,
    personName: inv.personName,
    expiresAt: toCstIso(inv.expiresAt),
    status: statusOf(inv, now),
    path: `pages/bind/index?code=${inv._id}`,
  };
}

async function isBound(ctx: FunctionContext, personId: string): Promise<boolean> {
  const res = await ctx.db.collection(COLLECTIONS.bindings).where({ personId }).limit(1).get();
  return res.data.length > 0;
}

/** 发邀请码：同一人之前未用的码一并作废，任何时刻只有一张有效 */
export async function createInvite({ ctx, actor, input }: HandlerArgs<{ personId: string; validHours: number }>): Promise<Invite> {
  if (await isBound(ctx, input.personId)) throw new AppError('CONFLICT', '该人员已绑定微信；如需更换，请先解绑');
  const previous = await ctx.db.collection(INVITES).where({ personId: input.personId, usedAt: null, revokedAt: null }).limit(100).get();
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInviteCode();
    try {
      return await ctx.db.runTransaction(async (tx) => {
        const person = await txGetOrNull<Person>(tx, COLLECTIONS.people, input.personId);
        if (!person) throw new AppError('NOT_FOUND', '人员不存在');
        if (await txGetOrNull(tx, INVITES, code)) throw new CodeTaken();
        for (const p of previous.data) await tx.collection(INVITES).doc(String(p._id)).update({ data: { revokedAt: now } });
        const invite: StoredInvite = {
          _id: code,
          personId: person._id,
          personName: person.name,
          unitId: person.unitId,
          createdBy: actor.person?._id ?? null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + input.validHours * 3600_000),
          usedAt: null,
          usedBy: null,
          revokedAt: null,
        };
        const { _id, ...body } = invite;
        await tx.collection(INVITES).doc(_id).set({ data: body });
        await writeAudit(tx, ctx, actor, {
          action: 'invites.create',
          targetCollection: INVITES,
          targetId: code,
          unitId: person.unitId,
          summary: `为 ${person.name} 发放绑定邀请码（${input.validHours} 小时内有效）`,
          before: null,
          after: { personId: person._id, expiresAt: invite.expiresAt },
        });
        return toInvite(invite, now);
      });
    } catch (err) {
      if (!(err instanceof CodeTaken)) throw err;
    }
  }
  throw new AppError('INTERNAL', '生成邀请码失败，请重试');
}

class CodeTaken extends Error {}

interface BindAttempts {
  windowStart: Date;
  failures: number;
}

export async function listInvites({ ctx, input }: HandlerArgs<{ personId: string }>) {
  const res = await ctx.db.collection(INVITES).where({ personId: input.personId }).orderBy('createdAt', 'desc').limit(20).get();
  const now = ctx.clock.now();
  return { items: (res.data as StoredInvite[]).map((i) => toInvite(i, now)) };
}

export async function revokeInvite({ ctx, actor, input }: HandlerArgs<{ code: string }>) {
  await ctx.db.runTransaction(async (tx) => {
    const inv = await txGetOrNull<StoredInvite>(tx, INVITES, input.code);
    if (!inv) throw new AppError('NOT_FOUND', '邀请码不存在');
    if (statusOf(inv, ctx.clock.now()) !== 'active') throw new AppError('CONFLICT', '该邀请码已使用、已作废或已过期');
    await tx.collection(INVITES).doc(input.code).update({ data: { revokedAt: ctx.clock.now() } });
    await writeAudit(tx, ctx, actor, {
      action: 'invites.revoke',
      targetCollection: INVITES,
      targetId: input.code,
      unitId: inv.unitId,
      summary: `作废 ${inv.personName} 的邀请码`,
      before: { revokedAt: null },
      after: { revokedAt: ctx.clock.now() },
    });
  });
  return { code: input.code };
}

async function recordFailure(ctx: FunctionContext, openid: string, now: Date): Promise<void> {
  const res = await ctx.db.collection(BIND_ATTEMPTS).where({ _id: openid }).limit(1).get();
  const prev = res.data[0] as unknown as BindAttempts | undefined;
  const fresh = !prev || now.getTime() - new Date(prev.windowStart).getTime() > 3600_000;
  await ctx.db
    .collection(BIND_ATTEMPTS)
    .doc(openid)
    .set({ data: { windowStart: fresh ? now : prev!.windowStart, failures: fresh ? 1 : prev!.failures + 1 } });
}

/** 凭码绑定：调用者的 openid 来自平台；一个微信只绑一人，一人只绑一个微信（bindings 唯一索引兜底） */
export async function redeemInvite({ ctx, actor, input }: HandlerArgs<{ code: string }>) {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开后再绑定');
  if (actor.person) throw new AppError('CONFLICT', `当前微信已绑定到“${actor.person.name}”，如需更换请联系管理员解绑`);
  const now = ctx.clock.now();
  const attempts = await ctx.db.collection(BIND_ATTEMPTS).where({ _id: openid }).limit(1).get();
  const a = attempts.data[0] as unknown as BindAttempts | undefined;
  if (a && now.getTime() - new Date(a.windowStart).getTime() <= 3600_000 && a.failures >= MAX_FAILED_ATTEMPTS_PER_HOUR) {
    throw new AppError('RATE_LIMITED', '尝试次数过多，请一小时后再试');
  }
  try {
    return await ctx.db.runTransaction(async (tx) => {
      const inv = await txGetOrNull<StoredInvite>(tx, INVITES, input.code);
      const status = inv ? statusOf(inv, now) : null;
      if (!inv || status === 'revoked') throw new AppError('NOT_FOUND', '邀请码无效，请核对后重试');
      if (status === 'used') throw new AppError('CONFLICT', '该邀请码已被使用');
      if (status === 'expired') throw new AppError('DEADLINE_PASSED', '邀请码已过期，请联系管理员重新发放');
      await tx.collection(INVITES).doc(inv._id).update({ data: { usedAt: now, usedBy: openid } });
      await tx.collection(COLLECTIONS.bindings).doc(openid).set({ data: { personId: inv.personId, boundAt: now, boundBy: inv._id } });
      // 同一事务里在人员记录上记下绑定键：之后认出此人只要一次查询（见 _lib/actor.ts）
      await tx.collection(COLLECTIONS.people).doc(inv.personId).update({ data: { [BINDING_KEY]: bindingKeyOf(openid) } });
      await writeAudit(tx, ctx, { ...actor, person: null }, {
        action: 'invites.redeem',
        targetCollection: COLLECTIONS.bindings,
        targetId: inv.personId,
        unitId: inv.unitId,
        summary: `${inv.personName} 凭邀请码绑定了微信`,
        before: null,
        after: { personId: inv.personId },
      });
      return { personId: inv.personId, name: inv.personName };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', '该人员已绑定其他微信，需管理员解绑后重新发放邀请码');
    if (err instanceof AppError && err.code !== 'CONFLICT') await recordFailure(ctx, openid, now);
    throw err;
  }
}

/** 解绑（管理员操作）：之后原微信无法再以此人身份操作，需重新发邀请码 */
export async function unbind({ ctx, actor, input }: HandlerArgs<{ personId: string }>) {
  const res = await ctx.db.collection(COLLECTIONS.bindings).where({ personId: input.personId }).limit(1).get();
  const binding = res.data[0];
  if (!binding) throw new AppError('NOT_FOUND', '该人员尚未绑定微信');
  await ctx.db.runTransaction(async (tx) => {
    const person = await txGetOrNull<Person>(tx, COLLECTIONS.people, input.personId);
    await tx.collection(COLLECTIONS.bindings).doc(String(binding._id)).remove();
    // 绑定键与绑定同时清除：原微信再来时认不出此人
    if (person) await tx.collection(COLLECTIONS.people).doc(input.personId).update({ data: { [BINDING_KEY]: null } });
    await writeAudit(tx, ctx, actor, {
      action: 'invites.unbind',
      targetCollection: COLLECTIONS.bindings,
      targetId: input.personId,
      unitId: person?.unitId ?? null,
      summary: `解除 ${person?.name ?? input.personId} 的微信绑定`,
      before: { personId: input.personId },
      after: null,
    });
  });
  return { personId: input.personId };
}
