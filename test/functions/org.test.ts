import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import type { Reply } from '../../types';
import { ACTOR_OPENID, orgFixture } from '../support/org-fixture';

const DEPT = ACTOR_OPENID.deptAdmin;
const UNIT = ACTOR_OPENID.unitAdmin;

async function ok<T = Record<string, unknown>>(cloud: LocalCloud, fn: string, event: object, openid: string): Promise<T> {
  const r = await cloud.call(fn, event, openid);
  if (!r.ok) throw new Error(`${fn}.${(event as { action: string }).action}: ${r.code} ${r.message}`);
  return r.data as T;
}
const failOf = (r: Reply<unknown>) => (r.ok ? null : { code: r.code, message: r.message });

describe('org: tree, people and roles', () => {
  let cloud: LocalCloud;
  beforeEach(async () => {
    cloud = await orgFixture();
  });
  afterEach(() => cloud.close());

  it('renames a branch with optimistic concurrency: the second stale save gets CONFLICT, nothing lost', async () => {
    const tree = await ok<{ branches: { _id: string; version: number; name: string }[] }>(cloud, 'org', { action: 'unitTree', unitId: 'u-own' }, UNIT);
    const b = tree.branches.find((x) => x._id === 'b-own')!;
    const base = { _id: 'b-own', unitId: 'u-own', generalBranchId: 'g-own', kind: 'staff', memberCount: 12, model: null };
    const first = ok(cloud, 'org', { action: 'saveBranch', ...base, name: '第一支部（更名）', expectedVersion: b.version }, UNIT);
    const second = cloud.call('org', { action: 'saveBranch', ...base, name: '另一个名字', expectedVersion: b.version }, DEPT);
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1).toEqual({ _id: 'b-own', version: 2 });
    expect(failOf(r2)).toEqual({ code: 'CONFLICT', message: '内容已被他人修改，请刷新后重试' });
    const [row] = (await cloud.database.dump('branches')).filter((x) => x._id === 'b-own');
    expect(row).toMatchObject({ name: '第一支部（更名）', generalBranchId: 'g-own', version: 2 });
    const audit = await cloud.database.dump('audit');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'org.updateBranch', actorName: '管理员丙', summary: '支部更名：本单位第一支部 → 第一支部（更名）', unitId: 'u-own' });
  });

  it('refuses a branch moved to another unit and a 党总支 of another unit', async () => {
    const moved = await cloud.call('org', { action: 'saveBranch', _id: 'b-own', unitId: 'u-far', generalBranchId: null, name: 'x', kind: 'staff', memberCount: 1, model: null, expectedVersion: 1 }, DEPT);
    expect(failOf(moved)?.message).toMatch(/合并/);
    const wrongG = await cloud.call('org', { action: 'saveBranch', _id: 'b-n', unitId: 'u-own', generalBranchId: 'g-far', name: 'x', kind: 'staff', memberCount: 1, model: null }, DEPT);
    expect(failOf(wrongG)).toEqual({ code: 'BAD_INPUT', message: '所选党总支不属于该单位' });
  });

  it('merges branches: members and their roles move, the old branch is retired with a forwarding note', async () => {
    await ok(cloud, 'org', { action: 'grantRole', personId: 't-own', grant: { role: 'branchEditor', branchId: 'b-own2' } }, UNIT);
    expect(await ok(cloud, 'org', { action: 'mergeBranches', fromBranchId: 'b-own2', intoBranchId: 'b-own' }, UNIT)).toEqual({ movedPeople: 2 });
    const people = await cloud.database.dump('people');
    const t = people.find((p) => p._id === 't-own')!;
    expect(t.branchId).toBe('b-own');
    expect(t.roles).toEqual([
      { role: 'member', unitId: 'u-own', branchId: 'b-own' },
      { role: 'branchEditor', unitId: 'u-own', branchId: 'b-own' },
    ]);
    const old = (await cloud.database.dump('branches')).find((b) => b._id === 'b-own2')!;
    expect(old).toMatchObject({ active: false, mergedInto: 'b-own', name: '本单位第二支部' });
  });

  it('merges a unit into another: 党总支, branches, people and their grants move; the old unit forwards', async () => {
    const moved = await ok(cloud, 'org', { action: 'mergeUnits', fromUnitId: 'u-far', intoUnitId: 'u-own' }, DEPT);
    expect(moved).toEqual({ movedGeneralBranches: 1, movedBranches: 2, movedPeople: 2 });
    const far = (await cloud.database.dump('people')).find((p) => p._id === 't-far')!;
    expect(far).toMatchObject({ unitId: 'u-own', branchId: 'b-far2', roles: [{ role: 'member', unitId: 'u-own', branchId: 'b-far2' }] });
    expect((await cloud.database.dump('units')).find((u) => u._id === 'u-far')).toMatchObject({ active: false, mergedInto: 'u-own' });
    const tree = await ok<{ branches: { _id: string }[] }>(cloud, 'org', { action: 'unitTree', unitId: 'u-own' }, UNIT);
    expect(tree.branches.map((b) => b._id).sort()).toEqual(['b-far', 'b-far2', 'b-own', 'b-own2']);
    expect((await cloud.database.dump('audit')).map((a) => a.summary)).toEqual(['合并单位：外单位党委 并入 本单位党委（党总支 1 个、支部 2 个、人员 2 人）']);
  });

  it('retires a unit only when it has no active branches', async () => {
    expect(failOf(await cloud.call('org', { action: 'retireUnit', unitId: 'u-own' }, DEPT))?.code).toBe('CONFLICT');
    await ok(cloud, 'org', { action: 'retireUnit', unitId: 'u-empty' }, DEPT);
    const units = await ok<{ units: { _id: string }[] }>(cloud, 'org', { action: 'listUnits' }, ACTOR_OPENID.member);
    expect(units.units.map((u) => u._id).sort()).toEqual(['u-far', 'u-own']);
    const all = await ok<{ units: { _id: string }[] }>(cloud, 'org', { action: 'listUnits', includeRetired: true }, DEPT);
    expect(all.units).toHaveLength(3);
  });

  it('lists people with masked phones, binding state and cursor paging', async () => {
    const page1 = await ok<{ items: { _id: string; phoneMasked: string; bound: boolean }[]; nextCursor: string | null }>(
      cloud, 'org', { action: 'listPeople', unitId: 'u-own', pageSize: 4 }, UNIT,
    );
    expect(page1.items).toHaveLength(4);
    expect(page1.items[0].phoneMasked).toBe('139****0000');
    expect(JSON.stringify(page1)).not.toContain('13900000000');
    const page2 = await ok<{ items: { _id: string; bound: boolean }[]; nextCursor: string | null }>(
      cloud, 'org', { action: 'listPeople', unitId: 'u-own', pageSize: 4, cursor: page1.nextCursor! }, UNIT,
    );
    const ids = [...page1.items, ...page2.items].map((p) => p._id);
    expect(new Set(ids).size).toBe(7);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.items, ...page2.items].find((p) => p._id === 'n-own')!.bound).toBe(false);
    expect([...page1.items, ...page2.items].find((p) => p._id === 't-own')!.bound).toBe(true);
  });

  it('creates people keyed by person number; a duplicate number is a clear conflict', async () => {
    const created = await ok(cloud, 'org', { action: 'savePerson', name: '新同志', personNo: '2026001', phone: '13812345678', unitId: 'u-own', branchId: 'b-own' }, UNIT);
    expect(created).toEqual({ _id: 'p-2026001', version: 1 });
    const dup = await cloud.call('org', { action: 'savePerson', name: '别人', personNo: 'T-OWN', phone: null, unitId: 'u-own', branchId: null }, UNIT);
    expect(failOf(dup)).toEqual({ code: 'CONFLICT', message: '工号/学号 T-OWN 已属于另一名人员' });
    const wrongBranch = await cloud.call('org', { action: 'savePerson', name: '某人', personNo: 'X1', phone: null, unitId: 'u-own', branchId: 'b-far' }, UNIT);
    expect(failOf(wrongBranch)).toEqual({ code: 'BAD_INPUT', message: '所选支部不属于该单位' });
    const badPhone = await cloud.call('org', { action: 'savePerson', name: '某人', personNo: 'X2', phone: '12345', unitId: 'u-own', branchId: null }, UNIT);
    expect(failOf(badPhone)?.code).toBe('BAD_INPUT');
  });

  it('editing a person without a phone keeps the stored number; null clears it', async () => {
    const base = { action: 'savePerson', _id: 't-own', name: '本单位党员（改）', personNo: 'T-OWN', unitId: 'u-own', branchId: 'b-own2' };
    await ok(cloud, 'org', { ...base, expectedVersion: 1 }, UNIT);
    const phoneOf = async () => (await cloud.database.dump('people')).find((p) => p._id === 't-own')!.phone;
    expect(await phoneOf()).toBe('13900000000');
    await ok(cloud, 'org', { ...base, expectedVersion: 2, phone: null }, UNIT);
    expect(await phoneOf()).toBeNull();
  });

  it('role grants: unit admins grant editors and members in their unit only; grants are idempotent and audited', async () => {
    const r = await ok<{ roles: object[] }>(cloud, 'org', { action: 'grantRole', personId: 'n-own', grant: { role: 'branchEditor', branchId: 'b-own2' } }, UNIT);
    expect(r.roles).toContainEqual({ role: 'branchEditor', unitId: 'u-own', branchId: 'b-own2' });
    const again = await ok<{ roles: object[] }>(cloud, 'org', { action: 'grantRole', personId: 'n-own', grant: { role: 'branchEditor', branchId: 'b-own2' } }, UNIT);
    expect(again.roles).toEqual(r.roles);
    const adminGrant = await cloud.call('org', { action: 'grantRole', personId: 'n-own', grant: { role: 'unitAdmin', unitId: 'u-own' } }, UNIT);
    expect(failOf(adminGrant)?.code).toBe('FORBIDDEN');
    const judgeGrant = await cloud.call('org', { action: 'grantRole', personId: 'n-own', grant: { role: 'judge', unitId: 'u-own' } }, UNIT);
    expect(failOf(judgeGrant)?.code).toBe('FORBIDDEN');
    await ok(cloud, 'org', { action: 'grantRole', personId: 'n-own', grant: { role: 'unitAdmin', unitId: 'u-own' } }, DEPT);
    const audit = await cloud.database.dump('audit');
    expect(audit.map((a) => a.action)).toEqual(['org.grantRole', 'org.grantRole']);
  });

  it('audit: unit admins read their own unit only, newest first', async () => {
    await ok(cloud, 'org', { action: 'retireBranch', branchId: 'b-own2' }, UNIT);
    await ok(cloud, 'org', { action: 'retireBranch', branchId: 'b-far2' }, DEPT);
    const own = await ok<{ items: { summary: string; at: string }[] }>(cloud, 'org', { action: 'listAudit', unitId: 'u-own' }, UNIT);
    expect(own.items.map((i) => i.summary)).toEqual(['撤销支部：本单位第二支部']);
    expect(own.items[0].at).toMatch(/\+08:00$/);
    const all = await ok<{ items: unknown[] }>(cloud, 'org', { action: 'listAudit' }, DEPT);
    expect(all.items).toHaveLength(2);
    expect(failOf(await cloud.call('org', { action: 'listAudit' }, UNIT))?.code).toBe('FORBIDDEN');
  });
});
