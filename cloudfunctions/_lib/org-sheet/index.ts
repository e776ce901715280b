/**
 * 组织树与人员的批量导入/导出（.xlsx）。纯模块：不访问数据库和网络，输入输出都是 Buffer 与普通对象。
 *
 * 工作簿：单位、党总支、支部、人员四张表（中文表头，冻结首行）加一张「说明」表；
 * 编号列（第一列）以“示例”开头的行是示例，解析时跳过。版式见 ./layout.ts。
 *
 * - parseOrgWorkbook(bytes, existing)：校验整本工作簿，收集全部问题（最多列 200 条）；
 *   只在没有任何问题时返回 data，调用方据此整体写入（全有或全无）。
 * - buildOrgTemplate()：空模板（表头、说明、每表一行示例）。
 * - buildOrgWorkbook(data)：同一版式导出，parseOrgWorkbook(buildOrgWorkbook(x)) 得到 x。
 */
export type { ExistingOrg, ImportedPerson, OrgImport, ParseResult, SheetIssue } from './types';
export { parseOrgWorkbook, MAX_LISTED_ISSUES } from './parse';
export { buildOrgTemplate, buildOrgWorkbook } from './build';
export {
  ORG_IMPORT_LIMITS,
  EXAMPLE_MARK,
  DATA_SHEETS,
  SHEET_UNITS,
  SHEET_GENERAL_BRANCHES,
  SHEET_BRANCHES,
  SHEET_PEOPLE,
  SHEET_README,
  SHEET_SPECS,
} from './layout';
