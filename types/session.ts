import { z } from 'zod';
import { action, defineContract } from './contract';
import { roleGrantSchema } from './roles';

export const meSchema = z.object({
  /** 是否已绑定到一名人员 */
  bound: z.boolean(),
  person: z
    .object({
      _id: z.string(),
      name: z.string(),
      unitName: z.string().nullable(),
      branchName: z.string().nullable(),
      roles: z.array(roleGrantSchema),
    })
    .nullable(),
  /** 本地运行时（非微信环境），界面需明显标注 */
  localMode: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionContract = defineContract('session', {
  whoami: action(z.object({}), meSchema),
});
