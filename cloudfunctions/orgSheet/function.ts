import { orgSheetContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { roles } from '../_lib/guard';
import { downloadTemplate, exportOrg, importOrg } from './sheet.handler';

/**
 * 组织与人员的 Excel 导入导出。单独成一个云函数：exceljs 体积大，不拖慢其他函数的冷启动。
 * 导入会新建单位与授予分党委管理员，只归组织部；导出可按单位。
 */
export const orgSheetFunction = defineFunction(orgSheetContract, {
  template: { guard: roles(['deptAdmin', 'unitAdmin']), handler: downloadTemplate },
  export: { guard: roles(['deptAdmin', 'unitAdmin'], (i) => [i.unitId ? { unitId: i.unitId } : { school: true }]), handler: exportOrg },
  import: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: importOrg },
});
