import type { RoleGrant } from '@contract/index';
import { resetTaro } from '../../../test/stubs/taro';
import { ACTIVE_ROLE_KEY, entriesFor, getActiveRole, setActiveRole, switchableRoles } from './role';
import Taro from '@tarojs/taro';

const DEPT: RoleGrant[] = [{ role: 'member', unitId: 'u-admin', branchId: 'b-admin-org' }, { role: 'deptAdmin' }];
const UNIT_ADMIN: RoleGrant[] = [{ role: 'unitAdmin', unitId: 'u-cs' }, { role: 'member', unitId: 'u-cs', branchId: 'b-cs-staff1' }];

describe('role service', () => {
  beforeEach(() => resetTaro());

  it('lists each held role once, most powerful first', () => {
    expect(switchableRoles([...DEPT, { role: 'judge', campaignId: 'c1' }, { role: 'judge', campaignId: 'c2' }])).toEqual(['deptAdmin', 'judge', 'member']);
    expect(switchableRoles([])).toEqual([]);
  });

  it('defaults to the most powerful role and remembers the chosen one under activeRole', () => {
    expect(getActiveRole(DEPT)).toBe('deptAdmin');
    setActiveRole('member');
    expect(Taro.getStorageSync(ACTIVE_ROLE_KEY)).toBe('member');
    expect(getActiveRole(DEPT)).toBe('member');
    // 记住的角色已被撤销：回到默认
    expect(getActiveRole(UNIT_ADMIN.filter((g) => g.role === 'unitAdmin'))).toBe('unitAdmin');
    expect(getActiveRole([])).toBeNull();
  });

  it('gives the department admin the campaigns, the unit management and the school-wide audit log', () => {
    expect(entriesFor('deptAdmin', DEPT).map((e) => [e.title, e.url])).toEqual([
      ['评选管理', '/admin/campaigns/index'],
      ['单位管理', '/admin/units/index'],
      ['审计日志', '/admin/audit/index'],
      ['导出文件', '/admin/exports/index'],
      ['案例编辑', '/admin/cases/index'],
    ]);
  });

  it('gives a unit admin their own unit and its audit log', () => {
    expect(entriesFor('unitAdmin', UNIT_ADMIN).map((e) => [e.title, e.url])).toEqual([
      ['本单位支部与人员', '/admin/unit/index?id=u-cs'],
      ['审计日志', '/admin/audit/index?unitId=u-cs'],
      ['导出立项汇总表', '/admin/exports/index?unitId=u-cs'],
    ]);
  });

  it('gives members, branch editors and judges no admin entries', () => {
    for (const role of ['member', 'branchEditor', 'judge'] as const) expect(entriesFor(role, UNIT_ADMIN)).toEqual([]);
    expect(entriesFor(null)).toEqual([]);
    // 没有单位的分党委管理员授权（数据不完整）不给入口，而不是给一个打不开的入口
    expect(entriesFor('unitAdmin', [{ role: 'unitAdmin' }])).toEqual([]);
  });
});
