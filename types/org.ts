import { z } from 'zod';
import { docIdSchema } from './ids';
import { roleGrantSchema } from './roles';

/** 二级党组织类型：学院党委（E3 最低推荐 2 项）、其他分党委、直属党总支 */
export const UNIT_KINDS = ['college', 'committee', 'directGeneralBranch'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;
export const UNIT_KIND_LABELS: Record<(typeof UNIT_KINDS)[number], string> = {
  college: '学院党委',
  committee: '分党委',
  directGeneralBranch: '直属党总支',
};

/** 支部类型：教职工、学生、毕业年级（B6 不立项）、离退休 */
export const BRANCH_KINDS = ['staff', 'student', 'graduating', 'retired'] as const;
export const branchKindSchema = z.enum(BRANCH_KINDS);
export const BRANCH_KIND_LABELS: Record<(typeof BRANCH_KINDS)[number], string> = {
  staff: '教职工党支部',
  student: '学生党支部',
  graduating: '毕业年级党支部',
  retired: '离退休党支部',
};

/** 样板党支部（B9、D1）：全国（第 N 批）、省级、校级，及其创建周期 */
export const modelListingSchema = z.object({
  level: z.enum(['national', 'provincial', 'school']),
  batch: z.number().int().positive().nullable(),
  cycleStart: z.string(), // YYYY-MM
  cycleEnd: z.string(),
});
export type ModelListing = z.infer<typeof modelListingSchema>;

export const unitSchema = z.object({
  _id: docIdSchema,
  name: z.string().min(1).max(50),
  kind: unitKindSchema,
  active: z.boolean(),
});
export type Unit = z.infer<typeof unitSchema>;

/** 党总支（可选层级） */
export const generalBranchSchema = z.object({
  _id: docIdSchema,
  unitId: docIdSchema,
  name: z.string().min(1).max(50),
  active: z.boolean(),
});
export type GeneralBranch = z.infer<typeof generalBranchSchema>;

export const branchSchema = z.object({
  _id: docIdSchema,
  unitId: docIdSchema,
  generalBranchId: docIdSchema.nullable(),
  name: z.string().min(1).max(50),
  kind: branchKindSchema,
  memberCount: z.number().int().nonnegative(),
  model: modelListingSchema.nullable(),
  active: z.boolean(),
});
export type Branch = z.infer<typeof branchSchema>;

export const personSchema = z.object({
  _id: docIdSchema,
  name: z.string().min(1).max(30),
  personNo: z.string().min(1).max(30), // 工号/学号
  phone: z.string().max(20).nullable(), // 只存必要的，显示时打码
  unitId: docIdSchema.nullable(),
  branchId: docIdSchema.nullable(),
  roles: z.array(roleGrantSchema),
});
/** 微信身份与人员的绑定存于 bindings 集合（_id = openid），见 cloudfunctions/_lib/actor.ts */
export type Person = z.infer<typeof personSchema>;
