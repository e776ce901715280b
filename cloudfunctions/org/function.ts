import { orgContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { boundOnly, roles } from '../_lib/guard';
import { mergeBranches, retireBranch, saveBranch, saveGeneralBranch } from './branches.handler';
import { grantRole, listAudit, listPeople, revokeRole, savePerson } from './people.handler';
import { listUnits, mergeUnits, retireUnit, saveUnit, unitTree } from './units.handler';

const ADMINS = ['deptAdmin', 'unitAdmin'] as const;

/**
 * 组织与人员。守卫表即授权规则：组织部管理员管全校；分党委管理员管本单位子树；
 * 支部书记/支委只能看本支部的人员。单位的增改撤只归组织部。
 */
export const orgFunction = defineFunction(orgContract, {
  listUnits: { guard: boundOnly, handler: listUnits },
  unitTree: { guard: roles(ADMINS, (i) => [{ unitId: i.unitId }]), handler: unitTree },
  saveUnit: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: saveUnit },
  retireUnit: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: retireUnit },
  mergeUnits: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: mergeUnits },
  saveGeneralBranch: {
    guard: roles(ADMINS, (i) => [{ unitId: i.unitId }, ...(i.expectedVersion !== undefined ? [{ generalBranchId: i._id }] : [])]),
    handler: saveGeneralBranch,
  },
  saveBranch: {
    guard: roles(ADMINS, (i) => [{ unitId: i.unitId }, ...(i.expectedVersion !== undefined ? [{ branchId: i._id }] : [])]),
    handler: saveBranch,
  },
  retireBranch: { guard: roles(ADMINS, (i) => [{ branchId: i.branchId }]), handler: retireBranch },
  mergeBranches: { guard: roles(ADMINS, (i) => [{ branchId: i.fromBranchId }, { branchId: i.intoBranchId }]), handler: mergeBranches },
  listPeople: {
    guard: roles(['deptAdmin', 'unitAdmin', 'branchEditor'], (i) => [i.branchId ? { branchId: i.branchId } : { unitId: i.unitId }]),
    handler: listPeople,
  },
  savePerson: {
    guard: roles(ADMINS, (i) => [{ unitId: i.unitId }, ...(i._id ? [{ personId: i._id }] : [])]),
    handler: savePerson,
  },
  grantRole: { guard: roles(ADMINS, (i) => [{ personId: i.personId }, { grant: i.grant }]), handler: grantRole },
  revokeRole: { guard: roles(ADMINS, (i) => [{ personId: i.personId }, { grant: i.grant }]), handler: revokeRole },
  listAudit: { guard: roles(ADMINS, (i) => [i.unitId ? { unitId: i.unitId } : { school: true }]), handler: listAudit },
});
