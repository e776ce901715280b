import { z } from 'zod';

/** 角色（DOMAIN：党员、支部书记/支委、分党委管理员、组织部管理员、评委） */
export const ROLES = ['member', 'branchEditor', 'unitAdmin', 'deptAdmin', 'judge'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  branchEditor: '支部书记/支委',
  unitAdmin: '分党委管理员',
  deptAdmin: '组织部管理员',
  judge: '评委',
};

/** 一次角色授予及其范围：支部编辑限本支部，分党委管理员限本单位，评委限某次评选 */
export const roleGrantSchema = z.object({
  role: roleSchema,
  unitId: z.string().optional(),
  branchId: z.string().optional(),
  campaignId: z.string().optional(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;
