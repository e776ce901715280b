import { cloudFunctions } from '../../cloudfunctions/registry';
import type { Guard } from '../../cloudfunctions/_lib/guard';
import { ROLES, type Role } from '../../types';
import { ACTOR_OPENID } from '../support/org-fixture';
import { engineFixture } from '../support/engine-fixture';
import { SAMPLES, type Side } from '../support/action-samples';

/**
 * 授权矩阵（issue 3 第 6 条）：由守卫表生成——每个云函数的每个操作 × 每种角色（含未绑定）× 本单位/外单位。
 * 期望只由守卫表的 allow 与“有无落点”推出：角色在 allow 中，且（无落点、或组织部管理员、或落在本单位/本支部）才允许；
 * 允许的必须成功，不允许的必须答 FORBIDDEN（未绑定者答 UNAUTHENTICATED）且数据库一字不变。
 * 新增操作而不在下表给出样例，本测试即失败。
 */

type Caller = Role | 'none';
const CALLERS: Caller[] = ['none', ...ROLES];

function expected(guard: Guard<never>, caller: Caller, side: Side): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  if (guard.allow === 'anyone') return 'allowed';
  if (caller === 'none') return 'UNAUTHENTICATED';
  if (guard.allow === 'bound') return 'allowed';
  if (!guard.allow.includes(caller)) return 'FORBIDDEN';
  if (!guard.scope || caller === 'deptAdmin' || side === 'own') return 'allowed';
  return 'FORBIDDEN';
}

const cases: [string, string, Caller, Side][] = [];
for (const [fn, def] of Object.entries(cloudFunctions)) {
  for (const action of Object.keys(def.contract.actions)) {
    for (const caller of CALLERS) for (const side of ['own', 'far'] as Side[]) cases.push([fn, action, caller, side]);
  }
}

describe('authorization matrix generated from the guard table', () => {
  it('has a sample for every action that exists, and only for those', () => {
    const existing = Object.entries(cloudFunctions).flatMap(([fn, def]) => Object.keys(def.contract.actions).map((a) => `${fn}.${a}`)).sort();
    const sampled = Object.entries(SAMPLES).flatMap(([fn, acts]) => Object.keys(acts).map((a) => `${fn}.${a}`)).sort();
    expect(sampled).toEqual(existing);
  });

  it.each(cases)('%s.%s by %s on %s scope', async (fn, action, caller, side) => {
    const sample = SAMPLES[fn][action];
    const guard = cloudFunctions[fn].guards[action];
    const want = expected(guard, caller, side);
    const cloud = await engineFixture();
    try {
      await sample.setup?.(cloud);
      const before = await cloud.database.digest();
      const reply = await cloud.call(fn, { action, ...sample.input(side, cloud.files.prefix) }, ACTOR_OPENID[caller]);
      if (want === 'allowed') {
        if (sample.boundCallersGet && caller !== 'none') {
          expect(reply).toMatchObject({ ok: false, code: sample.boundCallersGet });
        } else {
          expect(reply).toMatchObject({ ok: true });
        }
      } else {
        expect(reply).toMatchObject({ ok: false, code: want });
        expect(await cloud.database.digest()).toBe(before);
      }
    } finally {
      await cloud.close();
    }
  });
});
