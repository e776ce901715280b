import type { Person, RoleGrant } from '../../types';
import type { FunctionContext } from './context';

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
 * bindings 以 openid 为 _id：同一微信身份天然只能绑定一人；
 * 人员侧的唯一性（一人一号）由 bindings.personId 唯一索引保证。
 */
export async function resolveActor(ctx: FunctionContext): Promise<Actor> {
  const openid = ctx.caller.openid;
  if (!openid) return { openid, person: null, grants: [] };
  const binding = await ctx.db.collection(COLLECTIONS.bindings).where({ _id: openid }).limit(1).get();
  const personId = (binding.data[0] as { personId?: string } | undefined)?.personId;
  if (!personId) return { openid, person: null, grants: [] };
  const found = await ctx.db.collection(COLLECTIONS.people).where({ _id: personId }).limit(1).get();
  const person = (found.data[0] as Person | undefined) ?? null;
  return { openid, person, grants: person?.roles ?? [] };
}
