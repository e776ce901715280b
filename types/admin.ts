import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, instantSchema } from './ids';
import { branchSchema, generalBranchSchema, unitSchema } from './org';
import { roleGrantSchema } from './roles';

/** 乐观并发：每条可编辑记录带 version，更新时回传读到的版本，不一致即 CONFLICT */
export const versionSchema = z.number().int().nonnegative();

export const unitInputSchema = unitSchema.omit({ active: true }).extend({ expectedVersion: versionSchema.optional() });
export const generalBranchInputSchema = generalBranchSchema.omit({ active: true }).extend({ expectedVersion: versionSchema.optional() });
export const branchInputSchema = branchSchema.omit({ active: true }).extend({ expectedVersion: versionSchema.optional() });

/** 管理端看到的人员：手机号打码，附绑定状态 */
export const personViewSchema = z.object({
  _id: docIdSchema,
  name: z.string(),
  personNo: z.string(),
  phoneMasked: z.string().nullable(),
  unitId: docIdSchema.nullable(),
  branchId: docIdSchema.nullable(),
  roles: z.array(roleGrantSchema),
  bound: z.boolean(),
  version: versionSchema,
});
export type PersonView = z.infer<typeof personViewSchema>;

export const personInputSchema = z.object({
  _id: docIdSchema.optional(),
  name: z.string().trim().min(1).max(30),
  personNo: z.string().trim().min(1).max(30).regex(/^[A-Za-z0-9_-]+$/, '工号/学号只能含字母、数字、下划线和连字符'),
  /** 省略 = 保留原号码（管理员只看得到打码的号码，无法回填）；null = 清除 */
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为 11 位数字')
    .nullable()
    .optional(),
  unitId: docIdSchema,
  branchId: docIdSchema.nullable(),
  expectedVersion: versionSchema.optional(),
});

const withVersion = <T extends z.ZodRawShape>(shape: z.ZodObject<T>) => shape.extend({ version: versionSchema });

export const unitTreeSchema = z.object({
  unit: withVersion(unitSchema),
  generalBranches: z.array(withVersion(generalBranchSchema)),
  branches: z.array(withVersion(branchSchema)),
});

export const auditEntrySchema = z.object({
  _id: z.string(),
  at: instantSchema,
  actorName: z.string().nullable(),
  action: z.string(),
  targetCollection: z.string(),
  targetId: z.string(),
  unitId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const pageInput = { cursor: z.string().max(200).optional(), pageSize: z.number().int().min(1).max(50).default(20) };

export const orgContract = defineContract('org', {
  /** 二级党组织列表（所有已绑定人员可见：选单位、看通知范围时用） */
  listUnits: action(z.object({ includeRetired: z.boolean().default(false) }), z.object({ units: z.array(withVersion(unitSchema)) })),
  /** 一个单位的党总支与支部 */
  unitTree: action(z.object({ unitId: docIdSchema }), unitTreeSchema),
  saveUnit: action(unitInputSchema, z.object({ _id: docIdSchema, version: versionSchema })),
  retireUnit: action(z.object({ unitId: docIdSchema }), z.object({ _id: docIdSchema })),
  /** 合并单位（机构调整）：党总支、支部、人员及其授权转入目标单位，原单位撤销并记下去向 */
  mergeUnits: action(
    z.object({ fromUnitId: docIdSchema, intoUnitId: docIdSchema }),
    z.object({ movedGeneralBranches: z.number().int(), movedBranches: z.number().int(), movedPeople: z.number().int() }),
  ),
  saveGeneralBranch: action(generalBranchInputSchema, z.object({ _id: docIdSchema, version: versionSchema })),
  saveBranch: action(branchInputSchema, z.object({ _id: docIdSchema, version: versionSchema })),
  retireBranch: action(z.object({ branchId: docIdSchema }), z.object({ _id: docIdSchema })),
  /** 合并支部：人员转入目标支部，原支部撤销并记下去向；已提交的材料仍挂在原支部名下 */
  mergeBranches: action(z.object({ fromBranchId: docIdSchema, intoBranchId: docIdSchema }), z.object({ movedPeople: z.number().int() })),
  listPeople: action(
    z.object({ unitId: docIdSchema, branchId: docIdSchema.optional(), keyword: z.string().trim().max(30).optional(), ...pageInput }),
    z.object({ items: z.array(personViewSchema), nextCursor: z.string().nullable() }),
  ),
  savePerson: action(personInputSchema, z.object({ _id: docIdSchema, version: versionSchema })),
  grantRole: action(z.object({ personId: docIdSchema, grant: roleGrantSchema }), z.object({ roles: z.array(roleGrantSchema) })),
  revokeRole: action(z.object({ personId: docIdSchema, grant: roleGrantSchema }), z.object({ roles: z.array(roleGrantSchema) })),
  /** 审计日志：组织部看全部，分党委管理员看本单位 */
  listAudit: action(
    z.object({ unitId: docIdSchema.optional(), ...pageInput }),
    z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
  ),
});

/** 邀请码：8 位，去掉易混字符（0/O、1/I/L）；一次性、会过期 */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const inviteCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]{8}$`), '邀请码应为 8 位字母数字');

export const inviteSchema = z.object({
  code: z.string(),
  personId: docIdSchema,
  personName: z.string(),
  expiresAt: instantSchema,
  status: z.enum(['active', 'used', 'revoked', 'expired']),
  /** 小程序内的绑定页路径，用于转发到聊天 */
  path: z.string(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const invitesContract = defineContract('invites', {
  create: action(
    z.object({ personId: docIdSchema, validHours: z.number().int().min(1).max(24 * 14).default(72) }),
    inviteSchema,
  ),
  listForPerson: action(z.object({ personId: docIdSchema }), z.object({ items: z.array(inviteSchema) })),
  revoke: action(z.object({ code: inviteCodeSchema }), z.object({ code: z.string() })),
  /** 凭邀请码把当前微信身份绑定到人员（调用者尚未绑定，身份取自平台） */
  redeem: action(z.object({ code: inviteCodeSchema }), z.object({ personId: docIdSchema, name: z.string() })),
  /** 解绑：只有管理员能做；之后需重新发邀请码 */
  unbind: action(z.object({ personId: docIdSchema }), z.object({ personId: docIdSchema })),
});

/** 生成的文件：云存储 fileID 与临时下载链接 */
export const generatedFileSchema = z.object({
  fileID: z.string(),
  url: z.string(),
  fileName: z.string(),
});

const importCountsSchema = z.object({ created: z.number().int(), updated: z.number().int() });

export const orgSheetContract = defineContract('orgSheet', {
  /** 下载导入模板（含说明与示例行） */
  template: action(z.object({}), generatedFileSchema),
  /** 导出：组织部导出全校，分党委管理员导出本单位；格式与导入相同 */
  export: action(z.object({ unitId: docIdSchema.optional() }), generatedFileSchema),
  /** 导入：任何一行有错则一条不写，并逐行指出问题；重复导入只更新不重复 */
  import: action(
    z.object({ fileID: z.string().min(1).max(512) }),
    z.object({
      units: importCountsSchema,
      generalBranches: importCountsSchema,
      branches: importCountsSchema,
      people: importCountsSchema,
    }),
  ),
});
