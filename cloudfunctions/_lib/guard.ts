import type { Role } from '../../types';
import type { Actor } from './actor';
import { AppError } from './app-error';

/**
 * 每个操作的准入声明（一张表，不在处理函数里零散判断）：
 * - anyone：任何调用者，含未绑定者（公开通知）
 * - bound：已绑定人员
 * - roles：持有其中任一角色；范围（本支部、本单位、被分配项）由处理函数声明的 scope 解析
 */
export type Guard = { allow: 'anyone' } | { allow: 'bound' } | { allow: readonly Role[] };

export const anyone: Guard = { allow: 'anyone' };
export const boundOnly: Guard = { allow: 'bound' };
export function roles(...allowed: Role[]): Guard {
  return { allow: allowed };
}

export function checkGuard(guard: Guard, actor: Actor): void {
  if (guard.allow === 'anyone') return;
  if (!actor.person) throw new AppError('UNAUTHENTICATED');
  if (guard.allow === 'bound') return;
  const allowed = guard.allow;
  if (!actor.grants.some((g) => allowed.includes(g.role))) throw new AppError('FORBIDDEN');
}
