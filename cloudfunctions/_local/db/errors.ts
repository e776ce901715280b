/**
 * 执行器的错误：形状与 @cloudbase/node-sdk 收到服务端错误码时抛出的 TcbError 相同
 * （Error + 字符串 code + message + requestId）。@cloudbase/database 与 wx-server-sdk 的包装层
 * 据 code 换算成数字 errCode（如 DATABASE_REQUEST_FAILED → -502001），所以业务代码看到的
 * 错误与生产一致。code 取自 wx-server-sdk 的 TCB_ERR_CODE 表；表里没有的 code 会被换算成
 * -501001（系统错误），本地特有的错误都以 "[local]" 开头，便于一眼认出。
 */
export type LocalErrorCode =
  | 'DATABASE_REQUEST_FAILED' // -502001
  | 'DATABASE_INVALID_OPERRATOR' // -502002（拼写与 SDK 一致）
  | 'DATABASE_PERMISSION_DENIED' // -502003
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005
  | 'INVALID_PARAM' // -501007
  | 'DATABASE_COLLECTION_ALREADY_EXIST' // 不在表中 → -501001
  | 'DATABASE_TRANSACTION_CONFLICT' // 不在表中；@cloudbase/database 的 runTransaction 据此重试
  | 'DATABASE_TRANSACTION_FAIL'
  | 'LOCAL_UNSUPPORTED';

export class LocalDbError extends Error {
  readonly code: LocalErrorCode;
  requestId = '';
  constructor(code: LocalErrorCode, message: string) {
    super(message);
    this.name = 'LocalDbError';
    this.code = code;
  }
}

export const invalidParam = (message: string) => new LocalDbError('INVALID_PARAM', message);

export const invalidOperator = (op: string) => new LocalDbError('DATABASE_INVALID_OPERRATOR', `unknown operator: ${op}`);

/** 云端支持、本地执行器没有实现的能力：一律大声失败，绝不当作“匹配全部” */
export const unsupported = (what: string) =>
  new LocalDbError('LOCAL_UNSUPPORTED', `[local] ${what} is not supported by the local database executor`);

export const requestFailed = (message: string) => new LocalDbError('DATABASE_REQUEST_FAILED', message);

export const collectionNotExist = (name: string) =>
  new LocalDbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
  );

/** MongoDB 的唯一索引冲突文本；isDuplicateKeyError 据 “E11000 duplicate key” 识别 */
export const duplicateKey = (env: string, collection: string, index: string, key: Record<string, unknown>) =>
  requestFailed(
    `E11000 duplicate key error collection: ${env}.${collection} index: ${index} dup key: { ${Object.entries(key)
      .map(([k, v]) => `${k}: ${describeValue(v)}`)
      .join(', ')} }`,
  );

export const transactionConflict = () =>
  new LocalDbError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with others. Please check your request, but if the problem persists, contact us.',
  );

function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
