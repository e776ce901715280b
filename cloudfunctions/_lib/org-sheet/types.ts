import type { Branch, GeneralBranch, Person, Unit } from '../../../types';

/**
 * 导入中发现的一处问题。
 * - sheet：工作表名（单位、党总支、支部、人员）；整个文件的问题（不是 xlsx、过大）为 ''。
 * - row：用户在 Excel 里看到的行号（表头是第 1 行）；整张表的问题（缺表、行数超限）为 0。
 * - column：表头里的列名，如「支部类型」；整张表或整个文件的问题为 ''。
 * - message：中文说明，行内问题形如「第 12 行「支部类型」：“学生支部”不是允许的取值（…）」。
 * 超过上限时最后一条是 { sheet: '', row: 0, column: '', message: '还有 N 个问题未列出' }。
 */
export interface SheetIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** 导入的人员：以工号/学号为键，_id 由调用方决定（见 org 云函数的 personIdOf） */
export type ImportedPerson = Omit<Person, '_id'>;

export interface OrgImport {
  units: Unit[];
  generalBranches: GeneralBranch[];
  branches: Branch[];
  people: ImportedPerson[];
}

/** 系统中已有的组织：引用可以指向它们（工作簿里同编号的记录优先） */
export interface ExistingOrg {
  unitIds: Set<string>;
  /** 党总支编号 → 所属单位编号 */
  generalBranchIds: Map<string, string>;
  /** 支部编号 → 所属单位编号 */
  branchIds: Map<string, string>;
}

export type ParseResult = { ok: true; data: OrgImport } | { ok: false; issues: SheetIssue[] };
