import type { IndexDeclaration } from '../_lib/db';
import { AUDIT } from '../_lib/records';

export const UNITS = 'units';
export const GENERAL_BRANCHES = 'generalBranches';
export const BRANCHES = 'branches';
export const PEOPLE = 'people';

/** 本函数的查询所需索引（与查询写在一起，部署与本地运行时共用） */
export const orgIndexes: IndexDeclaration[] = [
  // 单位列表按名称排序（org.listUnits、campaigns.coverage）
  { collection: UNITS, name: 'name', keys: { name: 1 } },
  { collection: GENERAL_BRANCHES, name: 'unitId', keys: { unitId: 1 } },
  { collection: BRANCHES, name: 'unitId', keys: { unitId: 1 } },
  { collection: PEOPLE, name: 'personNo_unique', keys: { personNo: 1 }, unique: true },
  { collection: PEOPLE, name: 'unitId_id', keys: { unitId: 1, _id: 1 } },
  { collection: PEOPLE, name: 'branchId_id', keys: { branchId: 1, _id: 1 } },
  { collection: AUDIT, name: 'at_desc', keys: { at: -1, _id: -1 } },
  { collection: AUDIT, name: 'unitId_at_desc', keys: { unitId: 1, at: -1, _id: -1 } },
];
