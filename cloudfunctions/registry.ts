import type { CloudFunction } from './_lib/define';
import type { IndexDeclaration } from './_lib/db';
import { noticesFunction, noticesIndexes } from './notices/function';
import { sessionFunction } from './session/function';

/** 所有可部署云函数（与 types/functions.ts 的契约一一对应）；本地运行时、测试与部署共用 */
export const cloudFunctions: Record<string, CloudFunction> = {
  notices: noticesFunction,
  session: sessionFunction,
};

/** 各查询旁声明的索引汇总：本地运行时据此建索引，部署时据此创建 */
export const indexDeclarations: IndexDeclaration[] = [
  ...noticesIndexes,
  { collection: 'bindings', name: 'personId_unique', keys: { personId: 1 }, unique: true },
];
