import type ExcelJS from 'exceljs';
import { excelJs } from '../heavy-libs';
import { displayWidth } from '../org-sheet/cells';

/** 立项结果汇总表的一行（B3）：一个支部的一份立项材料 */
export interface SummaryRow {
  unitName: string;
  branchName: string;
  branchKindLabel: string;
  theme: string;
  title: string;
  lead: string;
  levelLabel: string;
  statusLabel: string;
  submittedAt: string;
}

export interface SummarySheet {
  /** 表头大标题，如“2026 年度基层党组织活动方案立项结果汇总表” */
  title: string;
  /** 范围：全校或某分党委 */
  scopeLabel: string;
  generatedAt: string;
  /** 结果等级（B5：最佳、优秀、培育），按评选定义的顺序 */
  levels: { label: string }[];
  rows: SummaryRow[];
}

const COLUMNS: { header: string; key: keyof SummaryRow | 'no' }[] = [
  { header: '序号', key: 'no' },
  { header: '单位', key: 'unitName' },
  { header: '支部', key: 'branchName' },
  { header: '支部类型', key: 'branchKindLabel' },
  { header: '立项主题', key: 'theme' },
  { header: '项目名称', key: 'title' },
  { header: '负责人', key: 'lead' },
  { header: '等级', key: 'levelLabel' },
  { header: '状态', key: 'statusLabel' },
  { header: '提交时间', key: 'submittedAt' },
];

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2DCDB' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

/** 列宽：按内容的显示宽度（汉字计 2），不窄于表头，不宽于 60 */
function fitWidths(sheet: ExcelJS.Worksheet, fromRow: number): void {
  sheet.columns.forEach((col, i) => {
    let w = 4;
    sheet.eachRow((row, n) => {
      if (n < fromRow) return;
      const v = row.getCell(i + 1).value;
      if (v != null) w = Math.max(w, displayWidth(String(v)));
    });
    col.width = Math.min(60, w + 2);
  });
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, sub: string, span: number): void {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, span);
  sheet.addRow([sub]).font = { color: { argb: 'FF666666' } };
  sheet.mergeCells(2, 1, 2, span);
}

function headerRow(sheet: ExcelJS.Worksheet, headers: string[]): void {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  // 冻结到表头行：滚动时单位、支部与列名一直可见
  sheet.views = [{ state: 'frozen', ySplit: row.number, xSplit: 0 }];
}

/**
 * 立项结果汇总表（B3：分党委 4 月 1 日前报送本年度立项结果汇总表）。
 * 第一张表逐项列出，第二张表按单位统计各等级数量与“最佳”占比（B5 约 30%）。
 */
export async function buildSummaryWorkbook(data: SummarySheet): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = '基层党建工作平台';
  wb.created = new Date(0); // 不写生成时刻到元数据：同样的数据导出同样的内容

  const list = wb.addWorksheet('立项结果汇总表');
  titleRows(list, data.title, `范围：${data.scopeLabel}　导出时间：${data.generatedAt}　共 ${data.rows.length} 项`, COLUMNS.length);
  headerRow(list, COLUMNS.map((c) => c.header));
  data.rows.forEach((r, i) => {
    const row = list.addRow(COLUMNS.map((c) => (c.key === 'no' ? i + 1 : r[c.key])));
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = THIN;
      c.alignment = { vertical: 'middle', wrapText: false };
    });
  });
  list.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: COLUMNS.length } };
  fitWidths(list, 3);

  const stats = wb.addWorksheet('按单位统计');
  const levelHeaders = data.levels.map((l) => l.label);
  const headers = ['单位', '立项数', ...levelHeaders, `${levelHeaders[0] ?? ''}占比`];
  titleRows(stats, `${data.title}（按单位统计）`, `范围：${data.scopeLabel}`, headers.length);
  headerRow(stats, headers);
  const byUnit = new Map<string, SummaryRow[]>();
  for (const r of data.rows) byUnit.set(r.unitName, [...(byUnit.get(r.unitName) ?? []), r]);
  const statRow = (name: string, rows: SummaryRow[]) => {
    const counts = data.levels.map((l) => rows.filter((r) => r.levelLabel === l.label).length);
    const graded = counts.reduce((a, b) => a + b, 0);
    const top = graded ? `${Math.round((counts[0] / graded) * 100)}%` : '—';
    const row = stats.addRow([name, rows.length, ...counts, top]);
    row.eachCell({ includeEmpty: true }, (c) => (c.border = THIN));
    return row;
  };
  for (const [unit, rows] of byUnit) statRow(unit, rows);
  if (byUnit.size > 1) statRow('合计', data.rows).font = { bold: true };
  fitWidths(stats, 3);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
