import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  BRANCH_KIND_LABELS,
  branchSchema,
  describeIssue,
  docIdSchema,
  generalBranchSchema,
  personSchema,
  UNIT_KIND_LABELS,
  unitSchema,
  type Branch,
  type GeneralBranch,
  type ModelListing,
  type RoleGrant,
  type Unit,
} from '../../../types';
import { excelJs } from '../heavy-libs';
import { cellText, quote, tidy } from './cells';
import {
  ACTIVE_LABEL,
  BRANCH_SHEET,
  DATA_SHEETS,
  EXAMPLE_MARK,
  GENERAL_BRANCH_SHEET,
  IMPORTABLE_ROLE_LABELS,
  INVITE_ONLY_ROLE_LABELS,
  LIMITS,
  MODEL_LEVEL_LABELS,
  ORG_IMPORT_LIMITS,
  PEOPLE_SHEET,
  RETIRED_LABEL,
  ROLE_SEPARATORS,
  UNIT_SHEET,
  type DataSheet,
  type SheetSpec,
} from './layout';
import type { ExistingOrg, ImportedPerson, OrgImport, ParseResult, SheetIssue } from './types';
import { sniffXlsx } from './zip';

/** 最多列出的问题数；其余合并为一条“还有 N 个问题未列出” */
export const MAX_LISTED_ISSUES = 200;

/** exceljs 解析时的硬上限（行元素、每行单元格）：挡住超大的表，计数在解析完成后再精确做 */
const PARSE_MAX_ROW_ELEMENTS = ORG_IMPORT_LIMITS.maxRows * 4;
const PARSE_MAX_CELLS_PER_ROW = 1000;
/**
 * 不需要、且对不可信文件有风险的部分不解析：数据有效性、合并单元格、条件格式的区域会被 exceljs
 * 逐格展开（A1:XFD1048576 即上百亿格）；超链接、图片、表格对象导入用不到。
 */
const IGNORED_NODES = ['dataValidations', 'mergeCells', 'conditionalFormatting', 'hyperlinks', 'extLst', 'drawing', 'picture', 'tableParts'];

/** 表头文字比较时去掉所有空白，全角斜杠当半角 */
const headerKey = (text: string) => text.replace(/[\s\u3000\u00a0]+/g, '').replace(/／/g, '/');

interface RawRow {
  row: number;
  /** 列名 → 规范化后的文本；null 表示取不到值（已报问题） */
  cells: Map<string, string | null>;
}

interface SheetRead {
  /** 表存在且表头完整、行数未超限：行内容可信，可用于引用检查 */
  readable: boolean;
  rows: RawRow[];
}

class Issues {
  readonly list: SheetIssue[] = [];
  add(sheet: string, row: number, column: string, message: string) {
    this.list.push({ sheet, row, column, message });
  }
  cell(sheet: string, row: number, column: string, detail: string) {
    this.add(sheet, row, column, `第 ${row} 行「${column}」：${detail}`);
  }
}

function readSheet(wb: ExcelJS.Workbook, spec: SheetSpec, issues: Issues): SheetRead {
  const ws = wb.worksheets.find((w) => tidy(w.name) === spec.name);
  if (!ws) {
    issues.add(spec.name, 0, '', `缺少工作表「${spec.name}」：请使用导入模板，保留全部四张表（单位、党总支、支部、人员），没有数据的表只留表头`);
    return { readable: false, rows: [] };
  }

  // 表头：按文字找列
  const found = new Map<string, number[]>();
  const unknown: string[] = [];
  const expected = new Set(spec.columns.map((c) => headerKey(c.header)));
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const t = cellText(cell.value);
    const key = t.ok ? headerKey(t.text) : '';
    if (!key) return;
    if (expected.has(key)) found.set(key, [...(found.get(key) ?? []), col]);
    else unknown.push(t.ok ? t.text : key);
  });
  const columns = new Map<string, number>();
  let headerOk = true;
  if (found.size === 0) {
    issues.add(spec.name, 1, '', `第 1 行应为表头（${spec.columns.map((c) => c.header).join('、')}），但一个列名也没有找到：请使用导入模板`);
    return { readable: false, rows: [] };
  }
  const hint = unknown.length ? `（表头中有无法识别的列：${unknown.map((u) => `「${u}」`).join('、')}）` : '';
  for (const c of spec.columns) {
    const cols = found.get(headerKey(c.header));
    if (!cols) {
      issues.add(spec.name, 1, c.header, `第 1 行（表头）缺少列「${c.header}」：请勿修改或删除列名${hint}`);
      headerOk = false;
    } else if (cols.length > 1) {
      issues.add(spec.name, 1, c.header, `第 1 行（表头）有 ${cols.length} 列都叫「${c.header}」：请只保留一列`);
      headerOk = false;
    } else {
      columns.set(c.header, cols[0]);
    }
  }
  if (!headerOk) return { readable: false, rows: [] };

  const keyColumn = columns.get(spec.columns[0].header)!;
  const rows: RawRow[] = [];
  const cellIssues: [number, string, string][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const first = cellText(row.getCell(1).value);
    const key = cellText(row.getCell(keyColumn).value);
    if ((first.ok && first.text.startsWith(EXAMPLE_MARK)) || (key.ok && key.text.startsWith(EXAMPLE_MARK))) return;
    const cells = new Map<string, string | null>();
    const bad: [number, string, string][] = [];
    let empty = true;
    for (const c of spec.columns) {
      const t = cellText(row.getCell(columns.get(c.header)!).value, { month: c.month });
      if (t.ok) {
        cells.set(c.header, t.text);
        if (t.text) empty = false;
      } else {
        cells.set(c.header, null);
        bad.push([rowNumber, c.header, t.reason]);
        empty = false;
      }
    }
    if (empty) return;
    rows.push({ row: rowNumber, cells });
    cellIssues.push(...bad);
  });
  if (rows.length > ORG_IMPORT_LIMITS.maxRows) {
    issues.add(spec.name, 0, '', `「${spec.name}」表有 ${rows.length} 行数据，超过单次导入上限 ${ORG_IMPORT_LIMITS.maxRows} 行：请分成几个文件分批导入`);
    return { readable: false, rows: [] };
  }
  for (const [r, col, reason] of cellIssues) issues.cell(spec.name, r, col, reason);
  return { readable: true, rows };
}

/** 一行的读取与校验：每个取值函数在不合格时记下问题并返回 undefined；空的选填项返回 null */
class RowReader {
  constructor(
    private readonly sheet: DataSheet,
    readonly raw: RawRow,
    private readonly issues: Issues,
  ) {}

  get row() {
    return this.raw.row;
  }

  problem(column: string, detail: string) {
    this.issues.cell(this.sheet, this.raw.row, column, detail);
  }

  /** 规范化后的原文；取不到值为 undefined */
  text(column: string): string | undefined {
    const v = this.raw.cells.get(column);
    return v === null ? undefined : (v ?? '');
  }

  required(column: string): string | undefined {
    const v = this.text(column);
    if (v === undefined) return undefined;
    if (!v) {
      this.problem(column, '不能为空');
      return undefined;
    }
    return v;
  }

  private checkId(column: string, v: string): string | undefined {
    if (docIdSchema.safeParse(v).success) return v;
    const why = v.length > LIMITS.id ? `过长（${v.length} 个字符，最多 ${LIMITS.id} 个）` : '格式不正确：只能含字母、数字、下划线(_)和连字符(-)';
    this.problem(column, `编号${quote(v)}${why}`);
    return undefined;
  }

  id(column: string): string | undefined {
    const v = this.required(column);
    return v === undefined ? undefined : this.checkId(column, v);
  }

  optionalId(column: string): string | null | undefined {
    const v = this.text(column);
    if (v === undefined) return undefined;
    return v ? this.checkId(column, v) : null;
  }

  name(column: string, max: number): string | undefined {
    const v = this.required(column);
    if (v === undefined) return undefined;
    if (v.length > max) {
      this.problem(column, `最多 ${max} 个字符，现有 ${v.length} 个`);
      return undefined;
    }
    return v;
  }

  choice<K extends string>(column: string, labels: Record<K, string>, opts: { required: boolean }): K | null | undefined {
    const v = opts.required ? this.required(column) : this.text(column);
    if (v === undefined) return undefined;
    if (!v) return null;
    const entry = (Object.entries(labels) as [K, string][]).find(([, label]) => label === v);
    if (entry) return entry[0];
    this.problem(column, `${quote(v)}不是允许的取值（${Object.values<string>(labels).join('、')}）`);
    return undefined;
  }

  active(column = '状态'): boolean | undefined {
    const v = this.choice(column, { active: ACTIVE_LABEL, retired: RETIRED_LABEL }, { required: false });
    if (v === undefined) return undefined;
    return v !== 'retired';
  }
}

/** 工作簿内重复：记下首次出现的行，第二次起报问题 */
class FirstSeen {
  private readonly seen = new Map<string, number>();
  check(r: RowReader, column: string, value: string | undefined, what: string) {
    if (!value) return;
    const first = this.seen.get(value);
    if (first === undefined) this.seen.set(value, r.row);
    else r.problem(column, `${what}${quote(value)}与第 ${first} 行重复`);
  }
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseUnits(rows: RawRow[], issues: Issues): Unit[] {
  const out: Unit[] = [];
  const dup = new FirstSeen();
  for (const raw of rows) {
    const r = new RowReader(UNIT_SHEET.name, raw, issues);
    const _id = r.id('单位编号');
    dup.check(r, '单位编号', r.text('单位编号'), '单位编号');
    const name = r.name('单位名称', LIMITS.unitName);
    const kind = r.choice('类型', UNIT_KIND_LABELS, { required: true });
    const active = r.active();
    if (_id && name && kind && active !== undefined) out.push({ _id, name, kind, active });
  }
  return out;
}

interface Refs {
  /** 单位表不可读时不做单位引用检查（避免一处表头问题引出成百条连带问题） */
  checkUnits: boolean;
  checkGeneralBranches: boolean;
  checkBranches: boolean;
  unitExists(id: string): boolean;
  generalBranchUnit(id: string): string | undefined;
  branchUnit(id: string): string | undefined;
}

function checkUnitRef(r: RowReader, refs: Refs, column: string, unitId: string | undefined): boolean {
  if (!unitId) return false;
  if (!refs.checkUnits) return true;
  if (refs.unitExists(unitId)) return true;
  r.problem(column, `单位${quote(unitId)}不存在：既不在「单位」表中，也不是系统中已有的单位`);
  return false;
}

function parseGeneralBranches(rows: RawRow[], issues: Issues, refs: Refs): GeneralBranch[] {
  const out: GeneralBranch[] = [];
  const dup = new FirstSeen();
  for (const raw of rows) {
    const r = new RowReader(GENERAL_BRANCH_SHEET.name, raw, issues);
    const _id = r.id('党总支编号');
    dup.check(r, '党总支编号', r.text('党总支编号'), '党总支编号');
    const unitId = r.id('所属单位编号');
    const unitOk = checkUnitRef(r, refs, '所属单位编号', unitId);
    const name = r.name('党总支名称', LIMITS.generalBranchName);
    const active = r.active();
    if (_id && unitId && unitOk && name && active !== undefined) out.push({ _id, unitId, name, active });
  }
  return out;
}

function parseModel(r: RowReader): ModelListing | null | undefined {
  const level = r.choice('样板级别', MODEL_LEVEL_LABELS, { required: false });
  const batchText = r.text('样板批次');
  const startText = r.text('创建周期开始');
  const endText = r.text('创建周期结束');
  let ok = level !== undefined && batchText !== undefined && startText !== undefined && endText !== undefined;

  let batch: number | null = null;
  if (batchText) {
    if (/^[1-9]\d{0,5}$/.test(batchText)) batch = Number(batchText);
    else {
      r.problem('样板批次', `${quote(batchText)}不是正整数（如第四批填 4）`);
      ok = false;
    }
  }
  const month = (column: string, text: string | undefined): string | null | undefined => {
    if (!text) return text === undefined ? undefined : null;
    if (MONTH.test(text)) return text;
    r.problem(column, `${quote(text)}不是“年-月”格式（应如 2024-05）`);
    return undefined;
  };
  const cycleStart = month('创建周期开始', startText);
  const cycleEnd = month('创建周期结束', endText);
  if (cycleStart === undefined || cycleEnd === undefined) ok = false;

  if (level === null) {
    const filled = [batchText && '样板批次', startText && '创建周期开始', endText && '创建周期结束'].filter(Boolean);
    if (filled.length) {
      r.problem('样板级别', `填写了${filled.map((f) => `「${f}」`).join('、')}，但样板级别为空：是样板党支部请填写样板级别，不是请清空这几列`);
      return undefined;
    }
    return ok ? null : undefined;
  }
  if (level !== undefined) {
    if (startText === '') {
      r.problem('创建周期开始', `填写了样板级别，须同时填写创建周期开始（如 2024-01）`);
      ok = false;
    }
    if (endText === '') {
      r.problem('创建周期结束', `填写了样板级别，须同时填写创建周期结束（如 2025-12）`);
      ok = false;
    }
  }
  if (cycleStart && cycleEnd && cycleEnd < cycleStart) {
    r.problem('创建周期结束', `创建周期结束（${cycleEnd}）早于开始（${cycleStart}）`);
    ok = false;
  }
  if (!ok || !level || !cycleStart || !cycleEnd) return undefined;
  return { level, batch, cycleStart, cycleEnd };
}

function parseBranches(rows: RawRow[], issues: Issues, refs: Refs): Branch[] {
  const out: Branch[] = [];
  const dup = new FirstSeen();
  for (const raw of rows) {
    const r = new RowReader(BRANCH_SHEET.name, raw, issues);
    const _id = r.id('支部编号');
    dup.check(r, '支部编号', r.text('支部编号'), '支部编号');
    const unitId = r.id('所属单位编号');
    const unitOk = checkUnitRef(r, refs, '所属单位编号', unitId);
    const generalBranchId = r.optionalId('所属党总支编号');
    let gbOk = generalBranchId !== undefined;
    if (generalBranchId && refs.checkGeneralBranches) {
      const owner = refs.generalBranchUnit(generalBranchId);
      if (owner === undefined) {
        r.problem('所属党总支编号', `党总支${quote(generalBranchId)}不存在：既不在「党总支」表中，也不是系统中已有的党总支`);
        gbOk = false;
      } else if (unitOk && owner && owner !== unitId) {
        r.problem('所属党总支编号', `党总支${quote(generalBranchId)}属于单位${quote(owner)}，与本行的所属单位${quote(unitId!)}不一致`);
        gbOk = false;
      }
    }
    const name = r.name('支部名称', LIMITS.branchName);
    const kind = r.choice('支部类型', BRANCH_KIND_LABELS, { required: true });
    const countText = r.required('党员人数');
    let memberCount: number | undefined;
    if (countText !== undefined) {
      if (/^\d{1,9}$/.test(countText)) memberCount = Number(countText);
      else r.problem('党员人数', `${quote(countText)}不是 0 或正整数`);
    }
    const model = parseModel(r);
    const active = r.active();
    if (_id && unitId && unitOk && gbOk && generalBranchId !== undefined && name && kind && memberCount !== undefined && model !== undefined && active !== undefined) {
      out.push({ _id, unitId, generalBranchId, name, kind, memberCount, model, active });
    }
  }
  return out;
}

function parsePhone(r: RowReader): string | null | undefined {
  const v = r.text('手机号');
  if (v === undefined) return undefined;
  if (!v) return null;
  const digits = v.replace(/[\s\u3000\-－]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) return digits;
  r.problem('手机号', `${quote(v)}不是手机号：应为 1 开头的 11 位数字`);
  return undefined;
}

function parseRoles(r: RowReader, unitId: string | undefined, branchId: string | null | undefined): RoleGrant[] | undefined {
  const v = r.required('角色');
  if (v === undefined) return undefined;
  const roles: ('member' | 'branchEditor' | 'unitAdmin')[] = [];
  let ok = true;
  const tokens = v.split(ROLE_SEPARATORS).filter(Boolean);
  for (const token of tokens) {
    const role = IMPORTABLE_ROLE_LABELS[token];
    if (role) {
      const repeated = roles.includes(role);
      if (!repeated) roles.push(role);
      if (role === 'branchEditor' && branchId === null && !repeated) {
        r.problem('角色', `${quote(token)}须同时填写「所属支部编号」（支部书记、支委的范围是本行的支部）`);
        ok = false;
      }
    } else if ((INVITE_ONLY_ROLE_LABELS as readonly string[]).includes(token)) {
      r.problem('角色', `${quote(token)}不能导入：${INVITE_ONLY_ROLE_LABELS.join('、')}只能由组织部在系统中通过邀请授予`);
      ok = false;
    } else {
      r.problem('角色', `${quote(token)}不是允许的取值（${Object.keys(IMPORTABLE_ROLE_LABELS).join('、')}）`);
      ok = false;
    }
  }
  if (!tokens.length) {
    r.problem('角色', '不能为空');
    return undefined;
  }
  if (!ok || !unitId || branchId === undefined) return undefined;
  return roles.map((role): RoleGrant => {
    switch (role) {
      case 'unitAdmin':
        return { role, unitId };
      case 'branchEditor':
        return { role, unitId, branchId: branchId! };
      case 'member':
        return branchId ? { role, unitId, branchId } : { role, unitId };
    }
  });
}

function parsePeople(rows: RawRow[], issues: Issues, refs: Refs): ImportedPerson[] {
  const out: ImportedPerson[] = [];
  const dup = new FirstSeen();
  for (const raw of rows) {
    const r = new RowReader(PEOPLE_SHEET.name, raw, issues);
    let personNo = r.required('工号/学号');
    dup.check(r, '工号/学号', personNo, '工号/学号');
    if (personNo !== undefined) {
      if (personNo.length > LIMITS.personNo) {
        r.problem('工号/学号', `最多 ${LIMITS.personNo} 个字符，现有 ${personNo.length} 个`);
        personNo = undefined;
      } else if (!/^[A-Za-z0-9_-]+$/.test(personNo)) {
        r.problem('工号/学号', `${quote(personNo)}格式不正确：只能含字母、数字、下划线(_)和连字符(-)`);
        personNo = undefined;
      }
    }
    const name = r.name('姓名', LIMITS.personName);
    const phone = parsePhone(r);
    const unitId = r.id('所属单位编号');
    const unitOk = checkUnitRef(r, refs, '所属单位编号', unitId);
    const branchId = r.optionalId('所属支部编号');
    let branchOk = branchId !== undefined;
    if (branchId && refs.checkBranches) {
      const owner = refs.branchUnit(branchId);
      if (owner === undefined) {
        r.problem('所属支部编号', `支部${quote(branchId)}不存在：既不在「支部」表中，也不是系统中已有的支部`);
        branchOk = false;
      } else if (unitOk && owner && owner !== unitId) {
        r.problem('所属支部编号', `支部${quote(branchId)}属于单位${quote(owner)}，与本行的所属单位${quote(unitId!)}不一致`);
        branchOk = false;
      }
    }
    const roles = parseRoles(r, unitId, branchId);
    if (personNo && name && phone !== undefined && unitId && unitOk && branchOk && branchId !== undefined && roles) {
      out.push({ name, personNo, phone, unitId, branchId, roles });
    }
  }
  return out;
}

/** 结果再过一遍共用的 zod 模式：正常情况下不会有问题，有则说明上面的校验漏了什么 */
function schemaCheck<T>(sheet: DataSheet, schema: z.ZodType<T>, items: T[], rowsOf: (i: number) => number, issues: Issues) {
  items.forEach((item, i) => {
    const res = schema.safeParse(item);
    if (!res.success) {
      for (const e of res.error.issues) issues.add(sheet, rowsOf(i), '', `第 ${rowsOf(i)} 行：${e.path.join('.') || '记录'}${describeIssue(e)}`);
    }
  });
}

const SHEET_ORDER: string[] = ['', ...DATA_SHEETS];

function finish(issues: SheetIssue[]): SheetIssue[] {
  const specs: Record<string, SheetSpec> = { 单位: UNIT_SHEET, 党总支: GENERAL_BRANCH_SHEET, 支部: BRANCH_SHEET, 人员: PEOPLE_SHEET };
  const colIndex = (i: SheetIssue) => specs[i.sheet]?.columns.findIndex((c) => c.header === i.column) ?? -1;
  const sorted = issues
    .map((issue, seq) => ({ issue, seq }))
    .sort(
      (a, b) =>
        SHEET_ORDER.indexOf(a.issue.sheet) - SHEET_ORDER.indexOf(b.issue.sheet) ||
        a.issue.row - b.issue.row ||
        colIndex(a.issue) - colIndex(b.issue) ||
        a.seq - b.seq,
    )
    .map((x) => x.issue);
  if (sorted.length <= MAX_LISTED_ISSUES) return sorted;
  return [...sorted.slice(0, MAX_LISTED_ISSUES), { sheet: '', row: 0, column: '', message: `还有 ${sorted.length - MAX_LISTED_ISSUES} 个问题未列出` }];
}

function fileIssue(message: string): ParseResult {
  return { ok: false, issues: [{ sheet: '', row: 0, column: '', message }] };
}

/**
 * 解析并校验组织与人员工作簿。纯函数：不读库、不写任何东西；调用方只在 ok 时整体写入 data。
 * 收集全部问题（不在第一处停下），按表、行、列排序，最多列出 200 条。
 */
export async function parseOrgWorkbook(bytes: Buffer, existing: ExistingOrg): Promise<ParseResult> {
  if (bytes.length > ORG_IMPORT_LIMITS.maxBytes) {
    return fileIssue(`文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），单次导入不超过 ${ORG_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB：请删除多余内容或分批导入`);
  }
  const sniff = sniffXlsx(bytes);
  if (!sniff.ok) return fileIssue(sniff.reason);

  const wb = new (excelJs().Workbook)();
  try {
    const options: { ignoreNodes: string[]; maxRows: number; maxCols: number } = {
      ignoreNodes: IGNORED_NODES,
      maxRows: PARSE_MAX_ROW_ELEMENTS,
      maxCols: PARSE_MAX_CELLS_PER_ROW,
    };
    // exceljs 把自己的 Buffer 类型声明为 ArrayBuffer；运行时接受 Node Buffer
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer, options);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/Max row count/.test(msg)) {
      return fileIssue(`工作表行数过多（超过 ${PARSE_MAX_ROW_ELEMENTS} 行，含带格式的空行），单次导入每张表最多 ${ORG_IMPORT_LIMITS.maxRows} 行：请删除多余的空行或分批导入`);
    }
    if (/Max column count/.test(msg)) return fileIssue(`工作表列数过多（超过 ${PARSE_MAX_CELLS_PER_ROW} 列）：请使用导入模板`);
    return fileIssue('无法读取该 Excel 文件（文件可能已损坏）：请在 Excel 中打开并另存为 .xlsx 后重试');
  }

  const issues = new Issues();
  const units = readSheet(wb, UNIT_SHEET, issues);
  const gbs = readSheet(wb, GENERAL_BRANCH_SHEET, issues);
  const branches = readSheet(wb, BRANCH_SHEET, issues);
  const people = readSheet(wb, PEOPLE_SHEET, issues);

  // 工作簿内声明的编号（取原文，不论该行其他格是否合格，避免一处错引出连带问题）
  const declaredUnits = new Set(units.rows.map((r) => r.cells.get('单位编号')).filter((v): v is string => !!v));
  const ownerMap = (rows: RawRow[], idCol: string) => {
    const m = new Map<string, string>();
    for (const r of rows) {
      const id = r.cells.get(idCol);
      if (id && !m.has(id)) m.set(id, r.cells.get('所属单位编号') ?? '');
    }
    return m;
  };
  const declaredGbs = ownerMap(gbs.rows, '党总支编号');
  const declaredBranches = ownerMap(branches.rows, '支部编号');
  const refs: Refs = {
    checkUnits: units.readable,
    checkGeneralBranches: gbs.readable,
    checkBranches: branches.readable,
    unitExists: (id) => declaredUnits.has(id) || existing.unitIds.has(id),
    generalBranchUnit: (id) => (declaredGbs.has(id) ? declaredGbs.get(id) : existing.generalBranchIds.get(id)),
    branchUnit: (id) => (declaredBranches.has(id) ? declaredBranches.get(id) : existing.branchIds.get(id)),
  };

  const data: OrgImport = {
    units: parseUnits(units.rows, issues),
    generalBranches: parseGeneralBranches(gbs.rows, issues, refs),
    branches: parseBranches(branches.rows, issues, refs),
    people: parsePeople(people.rows, issues, refs),
  };

  if (issues.list.length === 0) {
    // 全部行都合格时 data 与行一一对应，可用下标找回行号
    schemaCheck(UNIT_SHEET.name, unitSchema, data.units, (i) => units.rows[i].row, issues);
    schemaCheck(GENERAL_BRANCH_SHEET.name, generalBranchSchema, data.generalBranches, (i) => gbs.rows[i].row, issues);
    schemaCheck(BRANCH_SHEET.name, branchSchema, data.branches, (i) => branches.rows[i].row, issues);
    schemaCheck(PEOPLE_SHEET.name, personSchema.omit({ _id: true }), data.people, (i) => people.rows[i].row, issues);
  }
  if (issues.list.length) return { ok: false, issues: finish(issues.list) };
  return { ok: true, data };
}
