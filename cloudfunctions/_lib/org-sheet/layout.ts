import {
  BRANCH_KIND_LABELS,
  BRANCH_KINDS,
  branchSchema,
  docIdSchema,
  generalBranchSchema,
  personSchema,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  unitSchema,
  type ModelListing,
  type Role,
} from '../../../types';

/**
 * 组织与人员工作簿的版式：四张数据表（单位、党总支、支部、人员）加一张「说明」表。
 * 每张数据表第 1 行是表头（冻结），第 2 行起是数据；编号列（第一列）以“示例”开头的行是示例，解析时跳过。
 * 解析按表头文字找列，列的顺序可以调整，多余的列忽略；缺列或改了列名都报问题（不猜）。
 */

/** 单次导入的上限：每张表的数据行数、文件字节数 */
export const ORG_IMPORT_LIMITS = { maxRows: 5000, maxBytes: 5 * 1024 * 1024 } as const;

export const SHEET_UNITS = '单位';
export const SHEET_GENERAL_BRANCHES = '党总支';
export const SHEET_BRANCHES = '支部';
export const SHEET_PEOPLE = '人员';
export const SHEET_README = '说明';
export const DATA_SHEETS = [SHEET_UNITS, SHEET_GENERAL_BRANCHES, SHEET_BRANCHES, SHEET_PEOPLE] as const;
export type DataSheet = (typeof DATA_SHEETS)[number];

/** 示例行标记：编号列（第一列）以此开头的行不导入 */
export const EXAMPLE_MARK = '示例';

export const ACTIVE_LABEL = '在用';
export const RETIRED_LABEL = '已撤销';
export const STATUS_LABELS = [ACTIVE_LABEL, RETIRED_LABEL] as const;

export const MODEL_LEVEL_LABELS: Record<ModelListing['level'], string> = {
  national: '全国',
  provincial: '省级',
  school: '校级',
};

/** 可导入的角色标签 → 角色。支部书记与支委同为 branchEditor（DOMAIN：写材料、提交） */
export const IMPORTABLE_ROLE_LABELS: Record<string, Extract<Role, 'member' | 'branchEditor' | 'unitAdmin'>> = {
  党员: 'member',
  支部书记: 'branchEditor',
  支委: 'branchEditor',
  分党委管理员: 'unitAdmin',
};
/** 导出时每个角色写成的标签；“支部书记/支委”在导入时按“/”拆开，两者都映射到 branchEditor */
export const EXPORT_ROLE_LABELS: Partial<Record<Role, string>> = {
  member: '党员',
  branchEditor: '支部书记/支委',
  unitAdmin: '分党委管理员',
};
/** 只能经邀请授予、不能导入的角色 */
export const INVITE_ONLY_ROLE_LABELS = ['评委', '组织部管理员'] as const;
/** 角色列的分隔符：中英文逗号、顿号、分号、斜杠、空白 */
export const ROLE_SEPARATORS = /[,，、;；/／\s\u3000]+/;

const maxOf = (s: { maxLength: number | null }): number => s.maxLength ?? 1000;
export const LIMITS = {
  unitName: maxOf(unitSchema.shape.name),
  generalBranchName: maxOf(generalBranchSchema.shape.name),
  branchName: maxOf(branchSchema.shape.name),
  personName: maxOf(personSchema.shape.name),
  personNo: maxOf(personSchema.shape.personNo),
  id: maxOf(docIdSchema),
};

export interface ColumnSpec {
  header: string;
  required: boolean;
  /** 设为文本格式（编号、工号、手机号、年月），避免 Excel 改成数字或日期 */
  text?: boolean;
  /** 下拉选项（写入数据有效性；解析时仍逐格校验） */
  options?: readonly string[];
  /** 读成“年-月”：日期单元格转成 YYYY-MM */
  month?: boolean;
  note: string;
  example: string | number | null;
}

export interface SheetSpec {
  name: DataSheet;
  columns: ColumnSpec[];
}

const ID_NOTE = '只能含字母、数字、下划线(_)和连字符(-)，最长 64 个字符';
const STATUS_COLUMN: ColumnSpec = {
  header: '状态',
  required: false,
  options: STATUS_LABELS,
  note: `${STATUS_LABELS.join(' / ')}；留空按“${ACTIVE_LABEL}”`,
  example: ACTIVE_LABEL,
};

export const UNIT_SHEET: SheetSpec = {
  name: SHEET_UNITS,
  columns: [
    { header: '单位编号', required: true, text: true, note: `二级党组织的编号，与系统中已有单位相同即表示修改该单位。${ID_NOTE}`, example: `${EXAMPLE_MARK}-u-cs` },
    { header: '单位名称', required: true, note: `最多 ${LIMITS.unitName} 个字符`, example: '计算机科学与工程学院党委' },
    { header: '类型', required: true, options: UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]), note: `${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(' / ')}`, example: UNIT_KIND_LABELS.college },
    STATUS_COLUMN,
  ],
};

export const GENERAL_BRANCH_SHEET: SheetSpec = {
  name: SHEET_GENERAL_BRANCHES,
  columns: [
    { header: '党总支编号', required: true, text: true, note: ID_NOTE, example: `${EXAMPLE_MARK}-g-cs-stu` },
    { header: '所属单位编号', required: true, text: true, note: '须是「单位」表中或系统中已有的单位编号', example: 'u-cs' },
    { header: '党总支名称', required: true, note: `最多 ${LIMITS.generalBranchName} 个字符`, example: '计算机学院学生党总支' },
    STATUS_COLUMN,
  ],
};

export const BRANCH_SHEET: SheetSpec = {
  name: SHEET_BRANCHES,
  columns: [
    { header: '支部编号', required: true, text: true, note: ID_NOTE, example: `${EXAMPLE_MARK}-b-cs-staff1` },
    { header: '所属单位编号', required: true, text: true, note: '须是「单位」表中或系统中已有的单位编号', example: 'u-cs' },
    { header: '所属党总支编号', required: false, text: true, note: '不设党总支的支部留空；填写时该党总支须属于本行的所属单位', example: null },
    { header: '支部名称', required: true, note: `最多 ${LIMITS.branchName} 个字符`, example: '计算机学院教工第一党支部' },
    {
      header: '支部类型',
      required: true,
      options: BRANCH_KINDS.map((k) => BRANCH_KIND_LABELS[k]),
      note: `${BRANCH_KINDS.map((k) => BRANCH_KIND_LABELS[k]).join(' / ')}（毕业年级党支部不参加年度立项，B6）`,
      example: BRANCH_KIND_LABELS.staff,
    },
    { header: '党员人数', required: true, note: '0 或正整数', example: 25 },
    {
      header: '样板级别',
      required: false,
      options: Object.values(MODEL_LEVEL_LABELS),
      note: `不在样板党支部名单上留空；否则填 ${Object.values(MODEL_LEVEL_LABELS).join(' / ')}，并填写创建周期（B9、D1）`,
      example: MODEL_LEVEL_LABELS.national,
    },
    { header: '样板批次', required: false, note: '正整数，如第四批全国样板支部填 4；没有批次留空；只能与样板级别一起填写', example: 4 },
    { header: '创建周期开始', required: false, text: true, month: true, note: '年-月，如 2024-01；填写了样板级别时必填', example: '2024-01' },
    { header: '创建周期结束', required: false, text: true, month: true, note: '年-月，如 2025-12，不早于开始；填写了样板级别时必填', example: '2025-12' },
    STATUS_COLUMN,
  ],
};

export const PEOPLE_SHEET: SheetSpec = {
  name: SHEET_PEOPLE,
  columns: [
    {
      header: '工号/学号',
      required: true,
      text: true,
      note: `人员按工号/学号识别：与系统中已有人员相同即表示修改该人员。只能含字母、数字、下划线和连字符，最多 ${LIMITS.personNo} 个字符`,
      example: `${EXAMPLE_MARK}-20230001`,
    },
    { header: '姓名', required: true, note: `最多 ${LIMITS.personName} 个字符`, example: '张三' },
    { header: '手机号', required: false, text: true, note: '选填；1 开头的 11 位数字（中间的空格和连字符会去掉）', example: '13900000000' },
    { header: '所属单位编号', required: true, text: true, note: '须是「单位」表中或系统中已有的单位编号', example: 'u-cs' },
    { header: '所属支部编号', required: false, text: true, note: '选填；填写时该支部须属于本行的所属单位。支部书记、支委必填', example: 'b-cs-staff1' },
    {
      header: '角色',
      required: true,
      note:
        `${Object.keys(IMPORTABLE_ROLE_LABELS).join('、')} 中的一个或几个，用顿号或逗号分隔；` +
        '支部书记、支委的范围是本行的所属支部，党员是本行的单位和支部，分党委管理员是本行的单位。' +
        `${INVITE_ONLY_ROLE_LABELS.join('、')}不能导入，只能由组织部通过邀请授予`,
      example: '党员、支部书记',
    },
  ],
};

export const SHEET_SPECS: Record<DataSheet, SheetSpec> = {
  [SHEET_UNITS]: UNIT_SHEET,
  [SHEET_GENERAL_BRANCHES]: GENERAL_BRANCH_SHEET,
  [SHEET_BRANCHES]: BRANCH_SHEET,
  [SHEET_PEOPLE]: PEOPLE_SHEET,
};

/** 「说明」表开头的通用规则（模板与导出共用） */
export function generalNotes(limits: { maxRows: number; maxBytes: number }): string[] {
  return [
    '本工作簿用于批量导入（或导出）二级党组织、党总支、党支部和人员，共四张表：单位、党总支、支部、人员。',
    '每张表第 1 行是表头：请勿修改或删除列名；列的顺序可以调整，表头以外多出的列会被忽略。',
    `第一列（编号列、工号/学号列）以“${EXAMPLE_MARK}”开头的行是填写示例，导入时跳过，可以保留或删除；空行也跳过。`,
    '导入前整个文件一起检查：只要有一处问题，就一条也不导入。请按问题清单（工作表、行号、列名）逐条改正后重新上传。',
    `每张表最多 ${limits.maxRows} 行数据，文件不超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB；只支持 .xlsx（旧版 .xls 请先在 Excel 中另存为 .xlsx）。`,
    '编号、工号/学号、手机号、创建周期请保持“文本”格式，以免 Excel 去掉开头的 0、改成科学计数法或改成日期。',
    '编号与系统中已有记录相同表示修改该记录，新的编号表示新建；党总支、支部、人员引用的单位可以在本文件中，也可以是系统中已有的。',
    '状态填“已撤销”表示该组织已撤销；留空按“在用”。',
    '评委、组织部管理员不能导入，只能由组织部在系统中通过邀请授予。',
  ];
}
