import ExcelJS from 'exceljs';
import {
  buildOrgTemplate,
  MAX_LISTED_ISSUES,
  ORG_IMPORT_LIMITS,
  parseOrgWorkbook,
  SHEET_SPECS,
  type ExistingOrg,
  type SheetIssue,
} from '../../cloudfunctions/_lib/org-sheet';

/**
 * 解析规则：每条规则一个（或一组）用例。工作簿由 exceljs 直接写出（不经导出函数），
 * 以便放入数字、富文本、公式、日期等用户文件里会有的单元格。
 */

type SheetName = '单位' | '党总支' | '支部' | '人员';
type Row = ExcelJS.CellValue[];
type Rows = Record<SheetName, Row[]>;

const NONE: ExistingOrg = { unitIds: new Set(), generalBranchIds: new Map(), branchIds: new Map() };

/** 一个合格的小组织：两个单位、一个党总支、三个支部、三名人员（数据从第 2 行起） */
function base(): Rows {
  return {
    单位: [
      ['u-a', '甲学院党委', '学院党委', '在用'],
      ['u-b', '乙分党委', '分党委', null],
    ],
    党总支: [['g-a', 'u-a', '甲学院学生党总支', null]],
    支部: [
      ['b-a1', 'u-a', 'g-a', '甲学院本科生党支部', '学生党支部', 30, null, null, null, null, null],
      ['b-a2', 'u-a', null, '甲学院教工党支部', '教职工党支部', 12, '校级', null, '2024-01', '2025-12', '在用'],
      ['b-b1', 'u-b', null, '乙分党委离退休党支部', '离退休党支部', 40, null, null, null, null, '已撤销'],
    ],
    人员: [
      ['20230001', '张三', '13900000001', 'u-a', 'b-a1', '党员'],
      ['T001', '李四', null, 'u-a', 'b-a2', '支部书记、党员'],
      ['T002', '王五', '13900000003', 'u-b', null, '分党委管理员'],
    ],
  };
}

const col = (sheet: SheetName, header: string) => {
  const i = SHEET_SPECS[sheet].columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
};

/** 在 base() 上改几格：patch(rows, '支部', 0, { 支部类型: '学生支部' }) 改第 2 行 */
function patch(rows: Rows, sheet: SheetName, index: number, cells: Record<string, ExcelJS.CellValue>): Rows {
  const row = rows[sheet][index];
  for (const [header, value] of Object.entries(cells)) row[col(sheet, header)] = value;
  return rows;
}

interface BookOptions {
  /** 不写这些工作表 */
  omit?: SheetName[];
  /** 改写某张表的表头 */
  headers?: Partial<Record<SheetName, (string | null)[]>>;
}

async function book(rows: Rows = base(), opts: BookOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const name of ['单位', '党总支', '支部', '人员'] as SheetName[]) {
    if (opts.omit?.includes(name)) continue;
    const ws = wb.addWorksheet(name);
    ws.addRow(opts.headers?.[name] ?? SHEET_SPECS[name].columns.map((c) => c.header));
    for (const r of rows[name]) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function issuesOf(bytes: Buffer, existing: ExistingOrg = NONE): Promise<SheetIssue[]> {
  const res = await parseOrgWorkbook(bytes, existing);
  if (res.ok) throw new Error('expected issues, parse succeeded');
  return res.issues;
}

async function dataOf(bytes: Buffer, existing: ExistingOrg = NONE) {
  const res = await parseOrgWorkbook(bytes, existing);
  if (!res.ok) throw new Error(`expected success: ${JSON.stringify(res.issues, null, 1)}`);
  return res.data;
}

/** 恰好一处问题，位置与文字都对 */
async function expectOnly(rows: Rows, sheet: SheetName, row: number, column: string, message: string | RegExp, existing: ExistingOrg = NONE) {
  const issues = await issuesOf(await book(rows), existing);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ sheet, row, column });
  if (typeof message === 'string') expect(issues[0].message).toBe(message);
  else expect(issues[0].message).toMatch(message);
  expect(issues[0].message.startsWith(`第 ${row} 行「${column}」：`)).toBe(true);
}

// ---- 一个最小的 zip 写入器（只用“存储”方式），用来造 .docx 之类的非 Excel 压缩包 ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('org-sheet parser: the base fixture', () => {
  it('parses the base fixture into the documented shapes (roles scoped by the row’s unit and branch)', async () => {
    const data = await dataOf(await book());
    expect(data.units).toEqual([
      { _id: 'u-a', name: '甲学院党委', kind: 'college', active: true },
      { _id: 'u-b', name: '乙分党委', kind: 'committee', active: true }, // 状态留空 → 在用
    ]);
    expect(data.generalBranches).toEqual([{ _id: 'g-a', unitId: 'u-a', name: '甲学院学生党总支', active: true }]);
    expect(data.branches[1]).toEqual({
      _id: 'b-a2', unitId: 'u-a', generalBranchId: null, name: '甲学院教工党支部', kind: 'staff', memberCount: 12,
      model: { level: 'school', batch: null, cycleStart: '2024-01', cycleEnd: '2025-12' }, active: true,
    });
    expect(data.branches[2]).toMatchObject({ kind: 'retired', active: false }); // 已撤销
    expect(data.people).toStrictEqual([
      { personNo: '20230001', name: '张三', phone: '13900000001', unitId: 'u-a', branchId: 'b-a1', roles: [{ role: 'member', unitId: 'u-a', branchId: 'b-a1' }] },
      {
        personNo: 'T001', name: '李四', phone: null, unitId: 'u-a', branchId: 'b-a2',
        roles: [{ role: 'branchEditor', unitId: 'u-a', branchId: 'b-a2' }, { role: 'member', unitId: 'u-a', branchId: 'b-a2' }],
      },
      { personNo: 'T002', name: '王五', phone: '13900000003', unitId: 'u-b', branchId: null, roles: [{ role: 'unitAdmin', unitId: 'u-b' }] },
    ]);
  });
});

describe('org-sheet parser: file-level checks (one clear issue each)', () => {
  const only = (issues: SheetIssue[]) => {
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: '', row: 0, column: '' });
    return issues[0].message;
  };

  it('a garbage buffer is “not an Excel workbook”', async () => {
    expect(only(await issuesOf(Buffer.from('这不是 Excel 文件，只是一些文字 not a zip at all')))).toMatch(/不是 Excel 工作簿（\.xlsx）/);
  });

  it('an empty file', async () => {
    expect(only(await issuesOf(Buffer.alloc(0)))).toMatch(/文件是空的/);
  });

  it('a legacy .xls (OLE compound file) is told to be saved as .xlsx', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(only(await issuesOf(xls))).toMatch(/旧版 Excel（\.xls）.*另存为/);
  });

  it('a .docx-like zip is recognised as a Word document, another zip as “not a workbook”', async () => {
    const docx = zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });
    expect(only(await issuesOf(docx))).toMatch(/这是 Word 文档（\.docx），不是 Excel 工作簿/);
    expect(only(await issuesOf(zip({ 'readme.txt': 'hello' })))).toMatch(/压缩包，但不是 Excel 工作簿/);
  });

  it('a truncated (corrupt) .xlsx', async () => {
    const good = await book();
    expect(only(await issuesOf(good.subarray(0, Math.floor(good.length / 2))))).toMatch(/不是 Excel 工作簿（\.xlsx），或文件已损坏/);
  });

  it('a zip whose workbook entry is not valid XML is “unreadable”, not an exception', async () => {
    const fake = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook><sheets><sheet name="x" sheetId="1" r:id="rId1"' });
    const res = await parseOrgWorkbook(fake, NONE);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues.length).toBeGreaterThanOrEqual(1);
  });

  it(`a file over ${ORG_IMPORT_LIMITS.maxBytes} bytes is refused before reading`, async () => {
    expect(only(await issuesOf(Buffer.alloc(ORG_IMPORT_LIMITS.maxBytes + 1)))).toMatch(/文件过大.*不超过 5 MB/);
  });

  it('a missing sheet gives one issue naming it (other sheets are still checked, no cascade)', async () => {
    const issues = await issuesOf(await book(base(), { omit: ['党总支'] }));
    expect(issues).toEqual([{ sheet: '党总支', row: 0, column: '', message: expect.stringMatching(/^缺少工作表「党总支」/) }]);
  });

  it('a renamed header column gives one issue naming the missing column and the unknown one; rows are not checked', async () => {
    const headers = SHEET_SPECS['支部'].columns.map((c) => (c.header === '支部类型' ? '类型' : c.header));
    const rows = patch(base(), '支部', 0, { 支部类型: '乱填' });
    const issues = await issuesOf(await book(rows, { headers: { 支部: headers } }));
    expect(issues).toEqual([{ sheet: '支部', row: 1, column: '支部类型', message: '第 1 行（表头）缺少列「支部类型」：请勿修改或删除列名（表头中有无法识别的列：「类型」）' }]);
  });

  it('a deleted optional column is still an issue (a missing 状态 column would silently revive 已撤销 branches)', async () => {
    const headers = SHEET_SPECS['支部'].columns.map((c) => (c.header === '状态' ? null : c.header));
    const issues = await issuesOf(await book(base(), { headers: { 支部: headers } }));
    expect(issues).toEqual([expect.objectContaining({ sheet: '支部', row: 1, column: '状态' })]);
  });

  it('a header repeated twice and a sheet without any header row', async () => {
    const twice = [...SHEET_SPECS['单位'].columns.map((c) => c.header), '单位名称'];
    const issues = await issuesOf(await book(base(), { headers: { 单位: twice, 人员: ['甲', '乙'] } }));
    expect(issues).toEqual([
      { sheet: '单位', row: 1, column: '单位名称', message: '第 1 行（表头）有 2 列都叫「单位名称」：请只保留一列' },
      { sheet: '人员', row: 1, column: '', message: expect.stringMatching(/^第 1 行应为表头（工号\/学号、姓名、手机号、所属单位编号、所属支部编号、角色），但一个列名也没有找到/) },
    ]);
  });

  it('headers match despite stray spaces, full-width spaces and a full-width slash; column order may change and extra columns are ignored', async () => {
    const rows = base();
    const spec = SHEET_SPECS['人员'].columns.map((c) => c.header);
    const order = [5, 4, 3, 2, 1, 0];
    const headers = [...order.map((i) => (spec[i] === '工号/学号' ? ' 工号／学号\u3000' : `${spec[i]} `)), '备注'];
    const wb = new ExcelJS.Workbook();
    for (const name of ['单位', '党总支', '支部'] as SheetName[]) {
      const ws = wb.addWorksheet(name);
      ws.addRow(SHEET_SPECS[name].columns.map((c) => c.header));
      rows[name].forEach((r) => ws.addRow(r));
    }
    const ws = wb.addWorksheet('人员');
    ws.addRow(headers);
    rows['人员'].forEach((r) => ws.addRow([...order.map((i) => r[i]), '随便写']));
    const data = await dataOf(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(data.people.map((p) => p.personNo)).toEqual(['20230001', 'T001', 'T002']);
    expect(data.people[0]).toMatchObject({ name: '张三', branchId: 'b-a1' });
  });

  it(`more than ${ORG_IMPORT_LIMITS.maxRows} data rows in a sheet → one issue asking to split the import`, async () => {
    const rows = base();
    rows['人员'] = Array.from({ length: ORG_IMPORT_LIMITS.maxRows + 1 }, (_, i) => [`N${i}`, '某人', null, 'u-a', null, '党员']);
    const issues = await issuesOf(await book(rows));
    expect(issues).toEqual([{ sheet: '人员', row: 0, column: '', message: `「人员」表有 5001 行数据，超过单次导入上限 5000 行：请分成几个文件分批导入` }]);
  });

  it(`exactly ${ORG_IMPORT_LIMITS.maxRows} rows are accepted`, async () => {
    const rows = base();
    rows['人员'] = Array.from({ length: ORG_IMPORT_LIMITS.maxRows }, (_, i) => [`N${i}`, '某人', null, 'u-a', null, '党员']);
    expect((await dataOf(await book(rows))).people).toHaveLength(ORG_IMPORT_LIMITS.maxRows);
  });

  it('the sheet-level issues sort before row issues, all sheets checked in one pass', async () => {
    const rows = patch(patch(base(), '人员', 2, { 角色: '评委' }), '单位', 1, { 类型: '学院' });
    const issues = await issuesOf(await book(rows, { omit: ['党总支'] }));
    expect(issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['单位', 3, '类型'],
      ['党总支', 0, ''],
      ['人员', 4, '角色'],
    ]);
  });
});

describe('org-sheet parser: rows', () => {
  it('skips rows whose first cell starts with 示例 (anywhere in the sheet) and blank rows, keeping Excel row numbers', async () => {
    const rows = base();
    rows['单位'].splice(1, 0, ['示例-u-x', '示例单位', '学院党委', null], [null, null, null, null], ['', ' ', '\u3000', null]);
    // u-b 现在在第 6 行：给它一个错，看行号
    patch(rows, '单位', 4, { 类型: '学部' });
    const issues = await issuesOf(await book(rows));
    expect(issues).toEqual([{ sheet: '单位', row: 6, column: '类型', message: '第 6 行「类型」：“学部”不是允许的取值（学院党委、分党委、直属党总支）' }]);
  });

  it('the template’s own 示例 rows are skipped (see the template test) — here a hand-written “示例：” row too', async () => {
    const rows = base();
    rows['人员'].unshift(['示例：2023001', '张三', '12', 'nowhere', 'nowhere', '评委']);
    expect((await dataOf(await book(rows))).people).toHaveLength(3);
    expect(await parseOrgWorkbook(await buildOrgTemplate(), NONE)).toMatchObject({ ok: true });
  });

  it('required cells empty → “不能为空” in every sheet, all collected', async () => {
    const rows = base();
    patch(rows, '单位', 0, { 单位名称: null });
    patch(rows, '党总支', 0, { 所属单位编号: '  ' });
    patch(rows, '支部', 0, { 支部类型: '', 党员人数: null });
    patch(rows, '人员', 0, { 姓名: '\u3000', 角色: null });
    const issues = await issuesOf(await book(rows));
    expect(issues.map((i) => i.message)).toEqual([
      '第 2 行「单位名称」：不能为空',
      '第 2 行「所属单位编号」：不能为空',
      '第 2 行「支部类型」：不能为空',
      '第 2 行「党员人数」：不能为空',
      '第 2 行「姓名」：不能为空',
      '第 2 行「角色」：不能为空',
    ]);
  });

  it('ids must match docIdSchema (letters, digits, _ and -; at most 64)', async () => {
    const rows = base();
    rows['单位'].push(['u c', '丙学院党委', '学院党委', null]);
    rows['党总支'].push(['甲总支', 'u-a', '另一个党总支', null]);
    patch(rows, '支部', 2, { 支部编号: `b-${'x'.repeat(63)}` });
    patch(rows, '人员', 0, { 所属支部编号: 'b/a1' });
    const issues = await issuesOf(await book(rows));
    expect(issues.map((i) => [i.sheet, i.row, i.column, i.message])).toEqual([
      ['单位', 4, '单位编号', '第 4 行「单位编号」：编号“u c”格式不正确：只能含字母、数字、下划线(_)和连字符(-)'],
      ['党总支', 3, '党总支编号', '第 3 行「党总支编号」：编号“甲总支”格式不正确：只能含字母、数字、下划线(_)和连字符(-)'],
      ['支部', 4, '支部编号', expect.stringMatching(/^第 4 行「支部编号」：编号“b-x+…”过长（65 个字符，最多 64 个）$/)],
      ['人员', 2, '所属支部编号', '第 2 行「所属支部编号」：编号“b/a1”格式不正确：只能含字母、数字、下划线(_)和连字符(-)'],
    ]);
  });

  it('names longer than the schemas allow (unit/党总支/branch 50, person 30)', async () => {
    const rows = base();
    patch(rows, '单位', 0, { 单位名称: '甲'.repeat(51) });
    patch(rows, '支部', 0, { 支部名称: '支'.repeat(50) }); // 正好 50：可以
    patch(rows, '人员', 0, { 姓名: '名'.repeat(31) });
    const issues = await issuesOf(await book(rows));
    expect(issues.map((i) => i.message)).toEqual(['第 2 行「单位名称」：最多 50 个字符，现有 51 个', '第 2 行「姓名」：最多 30 个字符，现有 31 个']);
  });

  it('unknown unit kind and 状态 labels list the allowed values (UNIT_KIND_LABELS)', async () => {
    await expectOnly(patch(base(), '单位', 1, { 类型: '党委' }), '单位', 3, '类型', '第 3 行「类型」：“党委”不是允许的取值（学院党委、分党委、直属党总支）');
    await expectOnly(patch(base(), '党总支', 0, { 状态: '撤销' }), '党总支', 2, '状态', '第 2 行「状态」：“撤销”不是允许的取值（在用、已撤销）');
  });

  it('B6: 毕业年级党支部 is its own kind; “毕业生支部” and the English key are not labels', async () => {
    const ok = await dataOf(await book(patch(base(), '支部', 0, { 支部类型: '毕业年级党支部' })));
    expect(ok.branches[0].kind).toBe('graduating');
    await expectOnly(patch(base(), '支部', 0, { 支部类型: 'graduating' }), '支部', 2, '支部类型', /“graduating”不是允许的取值（教职工党支部、学生党支部、毕业年级党支部、离退休党支部）/);
  });

  it('D5: 党员人数 must be a non-negative integer (0 allowed; −1, 12.5, 十二 refused)', async () => {
    expect((await dataOf(await book(patch(base(), '支部', 0, { 党员人数: 0 })))).branches[0].memberCount).toBe(0);
    expect((await dataOf(await book(patch(base(), '支部', 0, { 党员人数: ' 25 ' })))).branches[0].memberCount).toBe(25);
    for (const bad of [-1, 12.5, '十二']) {
      await expectOnly(patch(base(), '支部', 0, { 党员人数: bad }), '支部', 2, '党员人数', `第 2 行「党员人数」：“${bad}”不是 0 或正整数`);
    }
  });

  describe('B9/D1 样板党支部 fields', () => {
    it('a full national listing with batch parses; batch is a number', async () => {
      const rows = patch(base(), '支部', 0, { 样板级别: '全国', 样板批次: 4, 创建周期开始: '2024-01', 创建周期结束: '2025-12' });
      expect((await dataOf(await book(rows))).branches[0].model).toEqual({ level: 'national', batch: 4, cycleStart: '2024-01', cycleEnd: '2025-12' });
    });

    it('level without cycle → one issue per missing cycle cell', async () => {
      const issues = await issuesOf(await book(patch(base(), '支部', 0, { 样板级别: '省级' })));
      expect(issues.map((i) => [i.row, i.column, i.message])).toEqual([
        [2, '创建周期开始', '第 2 行「创建周期开始」：填写了样板级别，须同时填写创建周期开始（如 2024-01）'],
        [2, '创建周期结束', '第 2 行「创建周期结束」：填写了样板级别，须同时填写创建周期结束（如 2025-12）'],
      ]);
    });

    it('cycle or batch without level → issue on 样板级别 naming the filled cells', async () => {
      await expectOnly(
        patch(base(), '支部', 0, { 样板批次: 3, 创建周期开始: '2022-01' }),
        '支部', 2, '样板级别',
        '第 2 行「样板级别」：填写了「样板批次」、「创建周期开始」，但样板级别为空：是样板党支部请填写样板级别，不是请清空这几列',
      );
    });

    it('batch must be a positive integer', async () => {
      const rows = patch(base(), '支部', 1, { 样板批次: '第四批' });
      await expectOnly(rows, '支部', 3, '样板批次', '第 3 行「样板批次」：“第四批”不是正整数（如第四批填 4）');
      await expectOnly(patch(base(), '支部', 1, { 样板批次: 0 }), '支部', 3, '样板批次', /“0”不是正整数/);
    });

    it('cycle must be YYYY-MM; end not before start', async () => {
      const rows = patch(base(), '支部', 1, { 创建周期开始: '2024/01', 创建周期结束: '2024-13' });
      const issues = await issuesOf(await book(rows));
      expect(issues.map((i) => i.message)).toEqual([
        '第 3 行「创建周期开始」：“2024/01”不是“年-月”格式（应如 2024-05）',
        '第 3 行「创建周期结束」：“2024-13”不是“年-月”格式（应如 2024-05）',
      ]);
      await expectOnly(patch(base(), '支部', 1, { 创建周期开始: '2025-05', 创建周期结束: '2024-04' }), '支部', 3, '创建周期结束', '第 3 行「创建周期结束」：创建周期结束（2024-04）早于开始（2025-05）');
      // 开始与结束同月可以
      expect((await dataOf(await book(patch(base(), '支部', 1, { 创建周期开始: '2024-05', 创建周期结束: '2024-05' })))).branches[1].model?.cycleEnd).toBe('2024-05');
    });

    it('Excel dates in the cycle columns (Excel turns “2024-5” into a date) read as YYYY-MM', async () => {
      const rows = patch(base(), '支部', 1, { 创建周期开始: new Date(Date.UTC(2024, 4, 1)), 创建周期结束: new Date(Date.UTC(2025, 3, 30)) });
      expect((await dataOf(await book(rows))).branches[1].model).toEqual({ level: 'school', batch: null, cycleStart: '2024-05', cycleEnd: '2025-04' });
    });
  });

  it('phone: optional; 11 digits starting with 1; spaces, hyphens and +86 are removed; a number cell keeps all digits', async () => {
    const rows = base();
    patch(rows, '人员', 0, { 手机号: 13900000001 });
    patch(rows, '人员', 1, { 手机号: '139-0000 0002' });
    patch(rows, '人员', 2, { 手机号: '+86 13900000003' });
    expect((await dataOf(await book(rows))).people.map((p) => p.phone)).toEqual(['13900000001', '13900000002', '13900000003']);
    for (const bad of ['1390000123', '23900001234', '139000012345', '电话']) {
      await expectOnly(patch(base(), '人员', 0, { 手机号: bad }), '人员', 2, '手机号', `第 2 行「手机号」：“${bad}”不是手机号：应为 1 开头的 11 位数字`);
    }
  });

  it('工号/学号: letters, digits, _ and - only, at most 30', async () => {
    await expectOnly(patch(base(), '人员', 0, { '工号/学号': '2023 0001' }), '人员', 2, '工号/学号', '第 2 行「工号/学号」：“2023 0001”格式不正确：只能含字母、数字、下划线(_)和连字符(-)');
    await expectOnly(patch(base(), '人员', 0, { '工号/学号': '1'.repeat(31) }), '人员', 2, '工号/学号', '第 2 行「工号/学号」：最多 30 个字符，现有 31 个');
  });

  describe('duplicates inside the workbook → issue on the second occurrence naming the first row', () => {
    it('same 单位编号 twice', async () => {
      const rows = base();
      rows['单位'].push(['u-a', '甲学院党委（重复）', '学院党委', null]);
      await expectOnly(rows, '单位', 4, '单位编号', '第 4 行「单位编号」：单位编号“u-a”与第 2 行重复');
    });

    it('same 党总支编号 and 支部编号 twice', async () => {
      const rows = base();
      rows['党总支'].push(['g-a', 'u-a', '又一个', null]);
      rows['支部'].push(['b-a2', 'u-a', null, '又一个', '教职工党支部', 3, null, null, null, null, null]);
      const issues = await issuesOf(await book(rows));
      expect(issues.map((i) => i.message)).toEqual(['第 3 行「党总支编号」：党总支编号“g-a”与第 2 行重复', '第 5 行「支部编号」：支部编号“b-a2”与第 3 行重复']);
    });

    it('same personNo twice, even when one is a number cell and the other text', async () => {
      const rows = base();
      rows['人员'].push([20230001, '张三', null, 'u-a', 'b-a1', '党员']);
      rows['人员'].push(['T001', '李四', null, 'u-a', 'b-a2', '党员']);
      const issues = await issuesOf(await book(rows));
      expect(issues.map((i) => i.message)).toEqual(['第 5 行「工号/学号」：工号/学号“20230001”与第 2 行重复', '第 6 行「工号/学号」：工号/学号“T001”与第 3 行重复']);
    });
  });

  describe('references', () => {
    it('a 党总支’s unit must exist in the workbook or in the system', async () => {
      const rows = base();
      rows['党总支'].push(['g-z', 'u-zz', '另一个党总支', null]);
      await expectOnly(rows, '党总支', 3, '所属单位编号', '第 3 行「所属单位编号」：单位“u-zz”不存在：既不在「单位」表中，也不是系统中已有的单位');
      const existing: ExistingOrg = { ...NONE, unitIds: new Set(['u-zz']) };
      expect((await dataOf(await book(rows), existing)).generalBranches[1].unitId).toBe('u-zz');
    });

    it('a 支部’s unit must exist; its 党总支 must exist and belong to the same unit', async () => {
      await expectOnly(patch(base(), '支部', 2, { 所属单位编号: 'u-zz' }), '支部', 4, '所属单位编号', /单位“u-zz”不存在/);
      await expectOnly(patch(base(), '支部', 1, { 所属党总支编号: 'g-zz' }), '支部', 3, '所属党总支编号', '第 3 行「所属党总支编号」：党总支“g-zz”不存在：既不在「党总支」表中，也不是系统中已有的党总支');
      await expectOnly(patch(base(), '支部', 2, { 所属党总支编号: 'g-a' }), '支部', 4, '所属党总支编号', '第 4 行「所属党总支编号」：党总支“g-a”属于单位“u-a”，与本行的所属单位“u-b”不一致');
    });

    it('existing 党总支 count, and the workbook’s own row wins over the system’s (a 党总支 moved in this file)', async () => {
      const existing: ExistingOrg = { unitIds: new Set(), generalBranchIds: new Map([['g-old', 'u-b'], ['g-a', 'u-b']]), branchIds: new Map() };
      expect((await dataOf(await book(patch(base(), '支部', 2, { 所属党总支编号: 'g-old' })), existing)).branches[2].generalBranchId).toBe('g-old');
      // g-a 在系统里属于 u-b，但本文件把它放在 u-a：按本文件判断
      await expectOnly(patch(base(), '支部', 2, { 所属党总支编号: 'g-a' }), '支部', 4, '所属党总支编号', /属于单位“u-a”/, existing);
      expect((await dataOf(await book(), existing)).branches[0].generalBranchId).toBe('g-a');
    });

    it('a person’s unit must exist; the person’s branch must exist and belong to that unit', async () => {
      await expectOnly(patch(base(), '人员', 2, { 所属单位编号: 'u-zz' }), '人员', 4, '所属单位编号', /单位“u-zz”不存在/);
      await expectOnly(patch(base(), '人员', 0, { 所属支部编号: 'b-zz' }), '人员', 2, '所属支部编号', '第 2 行「所属支部编号」：支部“b-zz”不存在：既不在「支部」表中，也不是系统中已有的支部');
      await expectOnly(patch(base(), '人员', 2, { 所属支部编号: 'b-a1' }), '人员', 4, '所属支部编号', '第 4 行「所属支部编号」：支部“b-a1”属于单位“u-a”，与本行的所属单位“u-b”不一致');
      const existing: ExistingOrg = { ...NONE, branchIds: new Map([['b-sys', 'u-b']]) };
      expect((await dataOf(await book(patch(base(), '人员', 2, { 所属支部编号: 'b-sys' })), existing)).people[2].branchId).toBe('b-sys');
    });

    it('an invalid row elsewhere does not cascade: a unit with a bad 类型 still counts as declared for its 党总支, branches and people', async () => {
      await expectOnly(patch(base(), '单位', 0, { 类型: '学院' }), '单位', 2, '类型', /“学院”不是允许的取值/);
    });

    it('an unreadable 单位 sheet (renamed header) gives only the header issue, no reference issues in other sheets', async () => {
      const headers = SHEET_SPECS['单位'].columns.map((c) => (c.header === '单位编号' ? '编号' : c.header));
      const issues = await issuesOf(await book(base(), { headers: { 单位: headers } }));
      expect(issues).toEqual([expect.objectContaining({ sheet: '单位', row: 1, column: '单位编号' })]);
    });
  });

  describe('roles (党员, 支部书记, 支委, 分党委管理员; 评委 and 组织部管理员 by invite only)', () => {
    it('支部书记 and 支委 both map to branchEditor with unitId+branchId; 党员 to member with unitId/branchId; 分党委管理员 to unitAdmin with unitId', async () => {
      const rows = base();
      patch(rows, '人员', 0, { 角色: '支委，党员' });
      patch(rows, '人员', 1, { 角色: '支部书记, 支委;党员 分党委管理员' });
      patch(rows, '人员', 2, { 角色: '党员、分党委管理员' });
      const people = (await dataOf(await book(rows))).people;
      expect(people[0].roles).toStrictEqual([{ role: 'branchEditor', unitId: 'u-a', branchId: 'b-a1' }, { role: 'member', unitId: 'u-a', branchId: 'b-a1' }]);
      expect(people[1].roles).toStrictEqual([
        { role: 'branchEditor', unitId: 'u-a', branchId: 'b-a2' },
        { role: 'member', unitId: 'u-a', branchId: 'b-a2' },
        { role: 'unitAdmin', unitId: 'u-a' },
      ]);
      // 没有支部的党员：只有单位
      expect(people[2].roles).toStrictEqual([{ role: 'member', unitId: 'u-b' }, { role: 'unitAdmin', unitId: 'u-b' }]);
    });

    it('评委 and 组织部管理员 are refused with the invite-only reason', async () => {
      await expectOnly(patch(base(), '人员', 0, { 角色: '党员、评委' }), '人员', 2, '角色', '第 2 行「角色」：“评委”不能导入：评委、组织部管理员只能由组织部在系统中通过邀请授予');
      await expectOnly(patch(base(), '人员', 0, { 角色: '组织部管理员' }), '人员', 2, '角色', /“组织部管理员”不能导入/);
    });

    it('unknown role labels list the importable ones', async () => {
      await expectOnly(patch(base(), '人员', 0, { 角色: '书记' }), '人员', 2, '角色', '第 2 行「角色」：“书记”不是允许的取值（党员、支部书记、支委、分党委管理员）');
    });

    it('支部书记/支委 requires a branch', async () => {
      await expectOnly(patch(base(), '人员', 2, { 角色: '支部书记' }), '人员', 4, '角色', '第 4 行「角色」：“支部书记”须同时填写「所属支部编号」（支部书记、支委的范围是本行的支部）');
      // 书记和支委都写了：只报一次
      await expectOnly(patch(base(), '人员', 2, { 角色: '支部书记、支委' }), '人员', 4, '角色', /“支部书记”须同时填写「所属支部编号」/);
    });
  });

  describe('cell normalisation', () => {
    it('numbers become strings without “.0” for ids, personNo and phones; rich text, formulas with results, hyperlinks and stray spaces are read as text', async () => {
      const rows = base();
      rows['单位'][0] = [{ richText: [{ text: 'u-' }, { text: 'a', font: { bold: true } }] }, { formula: '"甲学院"&"党委"', result: '甲学院党委' }, ' 学院党委\u3000', '\u00a0在用 '];
      rows['党总支'][0] = [{ text: 'g-a', hyperlink: 'https://example.org/g-a' }, 'u-a\u200b', '\u3000甲学院学生党总支', null];
      patch(rows, '支部', 0, { 党员人数: { formula: 'SUM(10,20)', result: 30 } });
      rows['人员'].push([20240001, { richText: [{ text: '赵' }, { text: '六' }] }, 13900000004, 'u-a', 'b-a1', { formula: '"党员"', result: '党员' }]);
      const data = await dataOf(await book(rows));
      expect(data.units[0]).toEqual({ _id: 'u-a', name: '甲学院党委', kind: 'college', active: true });
      expect(data.generalBranches[0]).toEqual({ _id: 'g-a', unitId: 'u-a', name: '甲学院学生党总支', active: true });
      expect(data.branches[0].memberCount).toBe(30);
      expect(data.people[3]).toStrictEqual({ personNo: '20240001', name: '赵六', phone: '13900000004', unitId: 'u-a', branchId: 'b-a1', roles: [{ role: 'member', unitId: 'u-a', branchId: 'b-a1' }] });
    });

    it('a numeric id cell reads without “.0” (so it is a valid id)', async () => {
      const rows = base();
      rows['单位'].push([1001, '丙学院党委', '学院党委', null]);
      expect((await dataOf(await book(rows))).units[2]._id).toBe('1001');
    });

    it('a formula error value or a formula without a result is an issue, not a silently wrong value', async () => {
      const rows = base();
      patch(rows, '单位', 0, { 单位名称: { formula: 'VLOOKUP(A2,X:Y,2,0)', result: { error: '#N/A' } } });
      patch(rows, '单位', 1, { 单位名称: { formula: 'A3&"x"', date1904: false } as ExcelJS.CellFormulaValue });
      const issues = await issuesOf(await book(rows));
      expect(issues.map((i) => i.message)).toEqual([
        '第 2 行「单位名称」：单元格是错误值 #N/A，请检查公式',
        '第 3 行「单位名称」：公式没有计算结果，请在 Excel 中打开、保存后再导入，或改为直接填写',
      ]);
    });
  });

  it(`collects all issues (does not stop at the first) and caps the list at ${MAX_LISTED_ISSUES} plus a “还有 N 个问题未列出” entry`, async () => {
    const rows = base();
    rows['单位'] = Array.from({ length: 250 }, (_, i) => [`u-${i}`, `单位${i}`, '学部', null]);
    rows['党总支'] = [];
    rows['支部'] = [];
    rows['人员'] = [];
    const issues = await issuesOf(await book(rows));
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[0]).toMatchObject({ sheet: '单位', row: 2, column: '类型' });
    expect(issues[MAX_LISTED_ISSUES - 1]).toMatchObject({ row: MAX_LISTED_ISSUES + 1 });
    expect(issues[MAX_LISTED_ISSUES]).toEqual({ sheet: '', row: 0, column: '', message: '还有 50 个问题未列出' });
  });

  it('sheet names tolerate stray spaces, and extra sheets (说明, 备注) are ignored', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['随便写']);
    const rows = base();
    for (const name of ['单位', '党总支', '支部', '人员'] as SheetName[]) {
      const ws = wb.addWorksheet(` ${name} `);
      ws.addRow(SHEET_SPECS[name].columns.map((c) => c.header));
      rows[name].forEach((r) => ws.addRow(r));
    }
    wb.addWorksheet('备注');
    expect((await dataOf(Buffer.from(await wb.xlsx.writeBuffer()))).branches).toHaveLength(3);
  });

  it('an untrusted file with a whole-sheet data-validation range is not expanded cell by cell (parses in well under a second)', async () => {
    const wb = new ExcelJS.Workbook();
    const rows = base();
    for (const name of ['单位', '党总支', '支部', '人员'] as SheetName[]) {
      const ws = wb.addWorksheet(name);
      ws.addRow(SHEET_SPECS[name].columns.map((c) => c.header));
      rows[name].forEach((r) => ws.addRow(r));
      (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('A1:XFD1048576', {
        type: 'list', allowBlank: true, formulae: ['"x,y"'],
      });
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const started = Date.now();
    expect((await dataOf(bytes)).people).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not modify the `existing` maps it is given', async () => {
    const existing: ExistingOrg = { unitIds: new Set(['u-x']), generalBranchIds: new Map([['g-x', 'u-x']]), branchIds: new Map([['b-x', 'u-x']]) };
    await parseOrgWorkbook(await book(), existing);
    expect([...existing.unitIds]).toEqual(['u-x']);
    expect([...existing.generalBranchIds]).toEqual([['g-x', 'u-x']]);
    expect([...existing.branchIds]).toEqual([['b-x', 'u-x']]);
  });
});
