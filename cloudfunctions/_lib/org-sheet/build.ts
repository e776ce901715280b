import type ExcelJS from 'exceljs';
import { BRANCH_KIND_LABELS, UNIT_KIND_LABELS, type Role } from '../../../types';
import { excelJs } from '../heavy-libs';
import { displayWidth } from './cells';
import {
  ACTIVE_LABEL,
  DATA_SHEETS,
  EXPORT_ROLE_LABELS,
  generalNotes,
  MODEL_LEVEL_LABELS,
  ORG_IMPORT_LIMITS,
  RETIRED_LABEL,
  SHEET_README,
  SHEET_SPECS,
  type DataSheet,
  type SheetSpec,
} from './layout';
import type { OrgImport } from './types';

type CellValue = string | number | null;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2DCDB' } };
const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };

/** exceljs 的类型声明里没有 worksheet.dataValidations（实现里有）：按区域加下拉列表 */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

const status = (active: boolean) => (active ? ACTIVE_LABEL : RETIRED_LABEL);

/** 人员的角色 → 标签（只写可导入的角色；评委、组织部管理员经邀请授予，不导出） */
function roleLabels(roles: { role: Role }[]): string {
  const labels: string[] = [];
  for (const r of roles) {
    const label = EXPORT_ROLE_LABELS[r.role];
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels.join('、');
}

function rowsOf(data: OrgImport): Record<DataSheet, CellValue[][]> {
  return {
    单位: data.units.map((u) => [u._id, u.name, UNIT_KIND_LABELS[u.kind], status(u.active)]),
    党总支: data.generalBranches.map((g) => [g._id, g.unitId, g.name, status(g.active)]),
    支部: data.branches.map((b) => [
      b._id,
      b.unitId,
      b.generalBranchId,
      b.name,
      BRANCH_KIND_LABELS[b.kind],
      b.memberCount,
      b.model ? MODEL_LEVEL_LABELS[b.model.level] : null,
      b.model?.batch ?? null,
      b.model?.cycleStart ?? null,
      b.model?.cycleEnd ?? null,
      status(b.active),
    ]),
    人员: data.people.map((p) => [p.personNo, p.name, p.phone, p.unitId, p.branchId, roleLabels(p.roles)]),
  };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addDataSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: CellValue[][], example: boolean) {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const all: CellValue[][] = example ? [spec.columns.map((c) => c.example), ...rows] : rows;
  ws.columns = spec.columns.map((c, i) => {
    let width = displayWidth(c.header);
    for (const r of all) {
      const v = r[i];
      if (v !== null && v !== undefined) width = Math.max(width, displayWidth(String(v)));
    }
    return { header: c.header, key: `c${i}`, width: Math.min(Math.max(width + 2, 8), 60), style: c.text ? { numFmt: '@' } : {} };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
  });
  for (const r of all) ws.addRow(r.map((v) => (v === null ? null : v)));
  if (example) ws.getRow(2).font = EXAMPLE_FONT;

  // 下拉列表：只是方便填写，解析时仍逐格校验（粘贴进来的值不受下拉限制）
  const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
  const lastRow = Math.max(ORG_IMPORT_LIMITS.maxRows, all.length) + 1;
  spec.columns.forEach((c, i) => {
    if (!c.options) return;
    const col = columnLetter(i + 1);
    validations.add(`${col}2:${col}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.options.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.options.join('、')}`,
    });
  });
}

function addReadme(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(SHEET_README);
  ws.columns = [{ width: 10 }, { width: 16 }, { width: 6 }, { width: 100 }];
  ws.addRow(['组织与人员导入说明']).font = { bold: true, size: 14 };
  generalNotes(ORG_IMPORT_LIMITS).forEach((note, i) => ws.addRow([`${i + 1}. ${note}`]));
  ws.addRow([]);
  const head = ws.addRow(['工作表', '列名', '必填', '填写说明与允许取值']);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const name of DATA_SHEETS) {
    for (const c of SHEET_SPECS[name].columns) {
      const row = ws.addRow([name, c.header, c.required ? '是' : '否', c.note]);
      row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

async function write(data: OrgImport, example: boolean): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = '党委组织部';
  const rows = rowsOf(data);
  for (const name of DATA_SHEETS) addDataSheet(wb, SHEET_SPECS[name], rows[name], example);
  addReadme(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 导入模板：四张表只有表头和一行示例（编号以“示例”开头，导入时跳过），另附「说明」表 */
export function buildOrgTemplate(): Promise<Buffer> {
  return write({ units: [], generalBranches: [], branches: [], people: [] }, true);
}

/**
 * 导出：与模板同一版式，parseOrgWorkbook(buildOrgWorkbook(x)) 得到 x。
 * 人员的角色只写可导入的三种（党员、支部书记/支委、分党委管理员），范围一律取本行的单位/支部；
 * 范围与本行不一致的授予无法在表格中表达，重新导入后会变为本行的单位/支部。
 */
export function buildOrgWorkbook(data: OrgImport): Promise<Buffer> {
  return write(data, false);
}
