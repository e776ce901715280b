import { sessionContract, type Me } from '../../types';
import type { HandlerArgs } from '../_lib/define';
import { defineFunction } from '../_lib/define';
import { anyone } from '../_lib/guard';

const UNITS = 'units';
const BRANCHES = 'branches';

async function whoami({ ctx, actor }: HandlerArgs<Record<string, never>>): Promise<Me> {
  const person = actor.person;
  if (!person) return { bound: false, person: null, localMode: ctx.localMode };
  const [unit, branch] = await Promise.all([
    person.unitId ? ctx.db.collection(UNITS).where({ _id: person.unitId }).field({ name: true }).limit(1).get() : null,
    person.branchId ? ctx.db.collection(BRANCHES).where({ _id: person.branchId }).field({ name: true }).limit(1).get() : null,
  ]);
  const nameOf = (r: { data: unknown[] } | null) => ((r?.data[0] as { name?: string } | undefined)?.name ?? null);
  return {
    bound: true,
    person: { _id: person._id, name: person.name, unitName: nameOf(unit), branchName: nameOf(branch), roles: person.roles },
    localMode: ctx.localMode,
  };
}

export const sessionFunction = defineFunction(sessionContract, {
  whoami: { guard: anyone, handler: whoami },
});
