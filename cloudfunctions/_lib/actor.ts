import { createHash } from 'node:crypto';
import type { Person, RoleGrant } from '../../types';
import type { FunctionContext } from './context';
import type { IndexDeclaration } from './db';
import { txGetOrNull } from './records';

/** 调用者对应的人员：openid 来自平台，经 bindings（_id = openid）找到人员 */
export interface Actor {
  openid: string;
  person: Person | null;
  grants: RoleGrant[];
}

/** 定时触发器（无微信身份）以“系统”身份执行，只用于函数声明的定时操作 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ openid: '', person: null, grants: [] }) as Actor;

export const COLLECTIONS = {
  bindings: 'bindings',
  people: 'people',
} as const;

/**
 * 人员记录上的绑定键（issue 8：认出调用者只要一次查询）。值是 openid 的摘要（不把 openid 本身抄进人员记录、审计与导出），
 * 与 bindings 在同一事务里写入、清除（invites.redeem / invites.unbind）；人员编辑（savePerson）原样保留。
 * bindings 仍是唯一性与真伪的依据：人员记录上没有这个键（导入整条覆盖、早于此字段的数据、测试直接写 bindings）时
 * 按 bindings 认人，并在事务里把键补上（与解绑的事务写同一条人员记录，二者冲突时其一重试，不会补回已解绑的键）。
 */
export const BINDING_KEY = 'bindingKey';

export function bindingKeyOf(openid: string): string {
  return `k${createHash('sha256').update(`binding:${openid}`).digest('hex').slice(0, 40)}`;
}

/** 按绑定键找人（非唯一索引：没绑定的人没有这个字段；一个 openid 只有一条 bindings，只会写到一个人上） */
export const actorIndexes: IndexDeclaration[] = [{ collection: COLLECTIONS.people, name: 'bindingKey', keys: { [BINDING_KEY]: 1 } }];

/**
 * bindings 以 openid 为 _id：同一微信身份天然只能绑定一人；
 * 人员侧的唯一性（一人一号）由 bindings.personId 唯一索引保证。
 * 通常一次往返（人员记录上的绑定键）；键缺失时按 bindings 认人（再 2 次）并补键。
 */
export async function resolveActor(ctx: FunctionContext): Promise<Actor> {
  const openid = ctx.caller.openid;
  if (!openid) return { openid, person: null, grants: [] };
  const key = bindingKeyOf(openid);
  const fast = await ctx.db.collection(COLLECTIONS.people).where({ [BINDING_KEY]: key }).limit(1).get();
  const known = fast.data[0] as Person | undefined;
  if (known) return { openid, person: known, grants: known.roles ?? [] };
  const binding = await ctx.db.collection(COLLECTIONS.bindings).where({ _id: openid }).limit(1).get();
  const personId = (binding.data[0] as { personId?: string } | undefined)?.personId;
  if (!personId) return { openid, person: null, grants: [] };
  const found = await ctx.db.collection(COLLECTIONS.people).where({ _id: personId }).limit(1).get();
  const person = (found.data[0] as Person | undefined) ?? null;
  if (person) await restoreBindingKey(ctx, openid, personId);
  return { openid, person, grants: person?.roles ?? [] };
}

/** 补上人员记录的绑定键：事务里再看一次 bindings 仍指向此人才写；失败只记日志（下次仍按 bindings 认人） */
async function restoreBindingKey(ctx: FunctionContext, openid: string, personId: string): Promise<void> {
  try {
    await ctx.db.runTransaction(async (tx) => {
      const binding = await txGetOrNull<{ personId: string }>(tx, COLLECTIONS.bindings, openid);
      if (binding?.personId !== personId) return;
      await tx.collection(COLLECTIONS.people).doc(personId).update({ data: { [BINDING_KEY]: bindingKeyOf(openid) } });
    });
  } catch (err) {
    console.error('[actor] binding key not restored', ctx.requestId, String((err as Error)?.message ?? err).slice(0, 200));
  }
}
