import ExcelJS from 'exceljs';
import { buildDemoData } from '../../cloudfunctions/_local/demo';
import {
  buildOrgTemplate,
  buildOrgWorkbook,
  DATA_SHEETS,
  EXAMPLE_MARK,
  parseOrgWorkbook,
  SHEET_README,
  SHEET_SPECS,
  type ExistingOrg,
  type ImportedPerson,
  type OrgImport,
} from '../../cloudfunctions/_lib/org-sheet';
import { BRANCH_KIND_LABELS, type Person } from '../../types';

const NONE: ExistingOrg = { unitIds: new Set(), generalBranchIds: new Map(), branchIds: new Map() };
const IMPORTABLE = new Set(['member', 'branchEditor', 'unitAdmin']);

/** 演示数据 → 导入形状：去掉 _id；评委、组织部管理员只经邀请授予，不在表格里 */
const toImported = ({ _id, ...p }: Person): ImportedPerson => ({ ...p, roles: p.roles.filter((r) => IMPORTABLE.has(r.role)) });

function demoImport(): OrgImport {
  const d = buildDemoData();
  return { units: d.units, generalBranches: d.generalBranches, branches: d.branches, people: d.people.map(toImported) };
}

/** 读回工作簿；下拉列表（5000 行的数据有效性）exceljs 会逐格展开，检查版式时不需要，跳过以免拖慢测试 */
async function load(bytes: Buffer, opts: { validations?: boolean } = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: opts.validations ? [] : ['dataValidations'] });
  return wb;
}
async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const headersOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

describe('org-sheet export and round trip (demo 北辰大学)', () => {
  const data = demoImport();
  let exported: Buffer;
  beforeAll(async () => {
    exported = await buildOrgWorkbook(data);
  });

  it('parse(build(demo)) deep-equals the demo org: 11 units, 5 党总支, 61 branches, 349 people', async () => {
    expect([data.units.length, data.generalBranches.length, data.branches.length, data.people.length]).toEqual([11, 5, 61, 349]);
    const res = await parseOrgWorkbook(exported, NONE);
    if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 5)));
    expect(res.data).toStrictEqual(data);
  });

  it('B6: 毕业年级 branches are importable as their own kind; B9/D1: 样板 listings (national batch 4, provincial, school) survive', async () => {
    const res = await parseOrgWorkbook(exported, NONE);
    if (!res.ok) throw new Error('parse failed');
    const graduating = res.data.branches.filter((b) => b.kind === 'graduating');
    expect(graduating.length).toBe(data.branches.filter((b) => b.kind === 'graduating').length);
    expect(graduating.length).toBeGreaterThan(0);
    expect(res.data.branches.find((b) => b._id === 'b-cs-staff1')?.model).toEqual({ level: 'national', batch: 4, cycleStart: '2024-01', cycleEnd: '2025-12' });
    expect(res.data.branches.find((b) => b._id === 'b-info-stu1')?.model).toEqual({ level: 'provincial', batch: null, cycleStart: '2024-01', cycleEnd: '2025-12' });
    // 不设党总支的支部：所属党总支编号为空 → null
    expect(res.data.branches.find((b) => b._id === 'b-mat-staff1')?.generalBranchId).toBeNull();
  });

  it('round-trips again from the re-parsed data (export is stable) and with the demo ids already existing', async () => {
    const existing: ExistingOrg = {
      unitIds: new Set(data.units.map((u) => u._id)),
      generalBranchIds: new Map(data.generalBranches.map((g) => [g._id, g.unitId])),
      branchIds: new Map(data.branches.map((b) => [b._id, b.unitId])),
    };
    const res = await parseOrgWorkbook(exported, existing);
    if (!res.ok) throw new Error('parse failed');
    const again = await parseOrgWorkbook(await buildOrgWorkbook(res.data), existing);
    expect(again).toStrictEqual({ ok: true, data });
  });

  it('a people-only workbook may reference units and branches that already exist in the system', async () => {
    const existing: ExistingOrg = {
      unitIds: new Set(data.units.map((u) => u._id)),
      generalBranchIds: new Map(data.generalBranches.map((g) => [g._id, g.unitId])),
      branchIds: new Map(data.branches.map((b) => [b._id, b.unitId])),
    };
    const peopleOnly: OrgImport = { units: [], generalBranches: [], branches: [], people: data.people };
    const bytes = await buildOrgWorkbook(peopleOnly);
    expect(await parseOrgWorkbook(bytes, existing)).toStrictEqual({ ok: true, data: peopleOnly });
    // 同一份文件，系统里没有这些单位时：每名人员的单位都不存在
    const alone = await parseOrgWorkbook(bytes, NONE);
    expect(alone.ok).toBe(false);
  });

  it('exports roles as Chinese labels; 支部书记/支委 re-imports as one branchEditor; 评委 and 组织部管理员 are never exported', async () => {
    const d = buildDemoData();
    // 原样（含评委、组织部管理员）交给导出
    const raw: OrgImport = { units: d.units, generalBranches: d.generalBranches, branches: d.branches, people: d.people.map(({ _id, ...p }) => p) };
    const wb = await load(await buildOrgWorkbook(raw));
    const ws = wb.getWorksheet('人员')!;
    const roleCol = headersOf(ws).indexOf('角色') + 1;
    const labels = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 1) labels.add(String(row.getCell(roleCol).value));
    });
    expect([...labels].sort()).toEqual(['党员', '分党委管理员', '分党委管理员、党员', '支部书记/支委、党员'].sort());
    const res = await parseOrgWorkbook(await save(wb), NONE);
    if (!res.ok) throw new Error('parse failed');
    const secretary = res.data.people.find((p) => p.name === d.people.find((x) => x._id === 'p-sec-cs-staff1')!.name)!;
    expect(secretary.roles).toEqual([
      { role: 'branchEditor', unitId: 'u-cs', branchId: 'b-cs-staff1' },
      { role: 'member', unitId: 'u-cs', branchId: 'b-cs-staff1' },
    ]);
  });

  it('writes ids, 工号/学号 and phones as text cells (no number formatting that would drop digits)', async () => {
    const wb = await load(exported);
    const people = wb.getWorksheet('人员')!;
    expect(typeof people.getCell('A2').value).toBe('string');
    expect(people.getCell('C2').value).toBe(data.people[0].phone);
    expect(people.getColumn(1).numFmt).toBe('@');
    expect(typeof wb.getWorksheet('支部')!.getCell('F2').value).toBe('number'); // 党员人数
  });

  it('has Chinese headers in the documented order, a frozen header row and column widths that fit the longest value', async () => {
    for (const bytes of [exported, await buildOrgTemplate()]) {
      const wb = await load(bytes);
      expect(wb.worksheets.map((w) => w.name)).toEqual([...DATA_SHEETS, SHEET_README]);
      for (const name of DATA_SHEETS) {
        const ws = wb.getWorksheet(name)!;
        const headers = headersOf(ws);
        expect(headers).toEqual(SHEET_SPECS[name].columns.map((c) => c.header));
        for (const h of headers) expect(String(h)).toMatch(/^[\u4e00-\u9fa5/]+$/);
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
        // 列宽：汉字算 2 个宽度，至少容下最长的取值
        ws.columns.forEach((col, i) => {
          let longest = 0;
          ws.eachRow((row) => {
            const v = row.getCell(i + 1).value;
            if (v !== null && v !== undefined) longest = Math.max(longest, [...String(v)].reduce((w, ch) => w + (/[\u4e00-\u9fa5]/.test(ch) ? 2 : 1), 0));
          });
          expect(col.width).toBeGreaterThanOrEqual(Math.min(longest, 60));
        });
      }
    }
  });

  it('offers drop-down lists for the label columns (类型, 支部类型, 样板级别, 状态)', async () => {
    const wb = await load(await buildOrgTemplate(), { validations: true });
    const ws = wb.getWorksheet('支部')!;
    expect(ws.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"教职工党支部,学生党支部,毕业年级党支部,离退休党支部"'] });
    expect(ws.getCell('E5001').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('G100').dataValidation).toMatchObject({ formulae: ['"全国,省级,校级"'] });
    expect(wb.getWorksheet('单位')!.getCell('C2').dataValidation).toMatchObject({ formulae: ['"学院党委,分党委,直属党总支"'] });
  });

  it('the 说明 sheet explains every column, the allowed values and the 示例 rule', async () => {
    const wb = await load(await buildOrgTemplate());
    const ws = wb.getWorksheet(SHEET_README)!;
    const text: string[] = [];
    ws.eachRow((row) => text.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
    const all = text.join('\n');
    expect(all).toContain(`以“${EXAMPLE_MARK}”开头的行是填写示例，导入时跳过`);
    for (const name of DATA_SHEETS) for (const c of SHEET_SPECS[name].columns) expect(all).toContain(`${name} | ${c.header} |`);
    for (const label of Object.values(BRANCH_KIND_LABELS)) expect(all).toContain(label);
    expect(all).toContain('学院党委 / 分党委 / 直属党总支');
    expect(all).toMatch(/评委、组织部管理员不能导入/);
  });

  it('the template has one 示例 row per sheet and parses to an empty import', async () => {
    const bytes = await buildOrgTemplate();
    const wb = await load(bytes);
    for (const name of DATA_SHEETS) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.actualRowCount).toBe(2);
      expect(String(ws.getCell('A2').value)).toMatch(new RegExp(`^${EXAMPLE_MARK}`));
      expect(ws.getRow(2).getCell(1).font?.italic).toBe(true);
    }
    expect(await parseOrgWorkbook(bytes, NONE)).toStrictEqual({ ok: true, data: { units: [], generalBranches: [], branches: [], people: [] } });
  });

  it('a user filling in the template below the 示例 row gets exactly their rows', async () => {
    const wb = await load(await buildOrgTemplate());
    wb.getWorksheet('单位')!.addRow(['u-new', '新学院党委', '学院党委', '']);
    wb.getWorksheet('支部')!.addRow(['b-new-1', 'u-new', '', '新学院毕业生党支部', '毕业年级党支部', 18, '', '', '', '', '']);
    wb.getWorksheet('人员')!.addRow(['2024001', '赵六', '', 'u-new', 'b-new-1', '党员']);
    const res = await parseOrgWorkbook(await save(wb), NONE);
    expect(res).toStrictEqual({
      ok: true,
      data: {
        units: [{ _id: 'u-new', name: '新学院党委', kind: 'college', active: true }],
        generalBranches: [],
        branches: [{ _id: 'b-new-1', unitId: 'u-new', generalBranchId: null, name: '新学院毕业生党支部', kind: 'graduating', memberCount: 18, model: null, active: true }],
        people: [{ personNo: '2024001', name: '赵六', phone: null, unitId: 'u-new', branchId: 'b-new-1', roles: [{ role: 'member', unitId: 'u-new', branchId: 'b-new-1' }] }],
      },
    });
  });

  it('a 60-branch sheet with ONE bad row (支部类型 “学生支部” at row 39) gives exactly that issue: sheet, Excel row, column', async () => {
    const d = demoImport();
    const dropped = d.branches[d.branches.length - 1]._id;
    const sixty: OrgImport = {
      ...d,
      branches: d.branches.slice(0, 60),
      people: d.people.filter((p) => p.branchId !== dropped),
    };
    expect(sixty.branches).toHaveLength(60);
    const wb = await load(await buildOrgWorkbook(sixty));
    const ws = wb.getWorksheet('支部')!;
    const kindCol = headersOf(ws).indexOf('支部类型') + 1;
    // 第 39 行 = 第 38 个支部：外国语学院本科生党支部
    expect(ws.getRow(39).getCell(headersOf(ws).indexOf('支部名称') + 1).value).toBe('外国语学院本科生党支部');
    expect(ws.getRow(39).getCell(kindCol).value).toBe('学生党支部');
    ws.getRow(39).getCell(kindCol).value = '学生支部';
    const res = await parseOrgWorkbook(await save(wb), NONE);
    expect(res).toStrictEqual({
      ok: false,
      issues: [
        {
          sheet: '支部',
          row: 39,
          column: '支部类型',
          message: '第 39 行「支部类型」：“学生支部”不是允许的取值（教职工党支部、学生党支部、毕业年级党支部、离退休党支部）',
        },
      ],
    });
  });
});
