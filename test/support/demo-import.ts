import type { OrgImport } from '../../cloudfunctions/_lib/org-sheet';
import { buildDemoData } from '../../cloudfunctions/_local/demo';

/** 演示大学的组织与人员，按导入格式（人员无 _id，只含可导入的角色） */
export function demoImport(): OrgImport {
  const d = buildDemoData();
  return {
    units: d.units,
    generalBranches: d.generalBranches,
    branches: d.branches,
    people: d.people.map(({ _id: _omit, ...p }) => ({ ...p, roles: p.roles.filter((r) => ['member', 'branchEditor', 'unitAdmin'].includes(r.role)) })),
  };
}
