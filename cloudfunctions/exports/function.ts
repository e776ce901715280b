import { exportsContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { roles } from '../_lib/guard';
import { exportArticle } from './article.handler';
import { exportCasebookDocx, exportCasebookPdf } from './casebook.handler';
import { exportApplicationForm, exportEvaluationForm, exportMaterials } from './entry-docs.handler';
import { listJobs } from './list.handler';
import { exportSummary } from './summary.handler';

/**
 * 导出（issue 7）。单独成一个云函数：pdfmake、docx、pdf-lib、exceljs 合起来体积大，
 * 不拖慢其他函数的冷启动；内存与超时也单独放宽（config.json：512 MB、60 秒）。
 * 守卫：全校的汇编与文章归组织部；汇总表组织部全校、分党委管理员本单位；
 * 一份材料的合成材料、申报表、评价表归能管这份材料的人（组织部、本单位分党委管理员、本支部书记/支委）。
 */
const entryEditors = ['deptAdmin', 'unitAdmin', 'branchEditor'] as const;
const onEntry = (i: { entryId: string }) => [{ entryId: i.entryId }];

export const exportsFunction = defineFunction(exportsContract, {
  summaryXlsx: { guard: roles(['deptAdmin', 'unitAdmin'], (i) => [i.unitId ? { unitId: i.unitId } : { school: true }]), handler: exportSummary },
  casebookPdf: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: exportCasebookPdf },
  casebookDocx: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: exportCasebookDocx },
  materialsPdf: { guard: roles(entryEditors, onEntry), handler: exportMaterials },
  applicationForm: { guard: roles(entryEditors, onEntry), handler: exportApplicationForm },
  evaluationForm: { guard: roles(entryEditors, onEntry), handler: exportEvaluationForm },
  article: { guard: roles(['deptAdmin'], () => [{ school: true }]), handler: exportArticle },
  list: { guard: roles(entryEditors), handler: listJobs },
});
