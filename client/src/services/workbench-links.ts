import type { Role, RoleGrant } from '@contract/index';
import type { AdminEntry } from './role';

/**
 * “我的”里的工作台入口（纯函数）：分党委管理员每个单位一个，组织部管理员一个。
 * 只决定显示什么，能做什么仍由云函数守卫判定。
 */
export function workbenchLinks(role: Role | null, grants: RoleGrant[] = []): AdminEntry[] {
  if (role === 'deptAdmin') {
    return [{ key: 'dept', title: '组织部工作台', description: '全校申报材料初审、限期补正（A8）、单位进度与提醒', url: '/workbench/dept/index' }];
  }
  if (role === 'unitAdmin') {
    const unitIds = [...new Set(grants.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string))];
    return unitIds.map((unitId, i) => ({
      key: unitIds.length > 1 ? `unit-${i + 1}` : 'unit',
      title: unitIds.length > 1 ? `分党委工作台（第 ${i + 1} 个单位）` : '分党委工作台',
      description: '审核推荐（名额）、立项定级（比例）、督促检查与结项验收、年度总结',
      url: `/workbench/unit/index?unitId=${encodeURIComponent(unitId)}`,
    }));
  }
  return [];
}
