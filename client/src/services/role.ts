import Taro from '@tarojs/taro';
import type { Role, RoleGrant } from '@contract/index';

/** 本机记住的当前身份（一人多角色时在“我的”里切换），存角色名 */
export const ACTIVE_ROLE_KEY = 'activeRole';

/** 默认身份的先后：管理权限大的在前 */
const ROLE_PRIORITY: readonly Role[] = ['deptAdmin', 'unitAdmin', 'branchEditor', 'judge', 'member'];

/** 可切换的身份：持有的角色去重（同一角色的多个授权范围算一个），管理权限大的在前 */
export function switchableRoles(grants: RoleGrant[]): Role[] {
  return [...new Set(grants.map((g) => g.role))].sort((a, b) => ROLE_PRIORITY.indexOf(a) - ROLE_PRIORITY.indexOf(b));
}

/** 当前身份：本机记住的那一个（仍持有时），否则取权限最大的；没有任何角色时为 null */
export function getActiveRole(grants: RoleGrant[]): Role | null {
  const roles = switchableRoles(grants);
  if (!roles.length) return null;
  let saved: unknown = '';
  try {
    saved = Taro.getStorageSync(ACTIVE_ROLE_KEY);
  } catch {
    saved = '';
  }
  return roles.find((r) => r === saved) ?? roles[0];
}

export function setActiveRole(role: Role): void {
  try {
    Taro.setStorageSync(ACTIVE_ROLE_KEY, role);
  } catch {
    // 存储不可用时只在本次打开期间生效
  }
}

/** “我的”里的一个管理入口 */
export interface AdminEntry {
  key: string;
  title: string;
  description: string;
  /** 小程序页面路径（含查询串） */
  url: string;
}

/**
 * 某个身份看到的管理入口（纯函数）。grants 为本人的全部授权，用来取分党委管理员的“本单位”。
 * 这里只决定“显示什么”，能不能做仍由云函数守卫判定：
 * 组织部管理员管评选、全校单位与审计；分党委管理员管本单位的支部、人员与本单位审计。
 */
export function entriesFor(role: Role | null, grants: RoleGrant[] = []): AdminEntry[] {
  switch (role) {
    case 'deptAdmin':
      return [
        { key: 'campaigns', title: '评选管理', description: '从往年的通知复制新一年的评选，修改日程与限额后发布', url: '/admin/campaigns/index' },
        { key: 'units', title: '单位管理', description: '二级党组织、支部与人员，发放绑定邀请码', url: '/admin/units/index' },
        { key: 'audit', title: '审计日志', description: '全校组织与人员的每一次变更', url: '/admin/audit/index' },
        { key: 'exports', title: '导出文件', description: '立项结果汇总表、案例汇编（PDF/Word）、公众号文章', url: '/admin/exports/index' },
        { key: 'cases', title: '案例编辑', description: '评选结果公布后的获奖案例：编辑后发布到成果储备库，或撤下', url: '/admin/cases/index' },
      ];
    case 'unitAdmin': {
      const unitIds = [...new Set(grants.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string))];
      return unitIds.flatMap((unitId, i) => {
        const id = encodeURIComponent(unitId);
        const suffix = unitIds.length > 1 ? `-${i + 1}` : '';
        return [
          { key: `unit${suffix}`, title: '本单位支部与人员', description: '支部信息、人员名单、角色与绑定邀请码', url: `/admin/unit/index?id=${id}` },
          { key: `audit${suffix}`, title: '审计日志', description: '本单位组织与人员的变更记录', url: `/admin/audit/index?unitId=${id}` },
          { key: `exports${suffix}`, title: '导出立项汇总表', description: '本单位立项结果汇总表（Excel，B3）', url: `/admin/exports/index?unitId=${id}` },
        ];
      });
    }
    default:
      return [];
  }
}
