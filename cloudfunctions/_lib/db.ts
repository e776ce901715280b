/**
 * 云数据库的平台无关部分：云函数代码只依赖这里的类型与判断函数。
 *
 * 生产环境 `cloud.database()`（wx-server-sdk）与本地运行时 `openLocalDatabase().db`
 * 是同一套对象（本地用的就是 wx-server-sdk 的数据库包装 + @cloudbase/database 查询构造器，
 * 只把网络请求换成嵌入式执行器），所以这里描述的是 wx-server-sdk 在运行时真实的形状。
 *
 * 为什么自己写类型：wx-server-sdk 自带的声明把每个方法的返回值写成
 * `Promise<X> | void | string`，业务代码无法直接读 `res.data`。生产适配器把
 * `cloud.database()` 断言为 CloudDb 一次即可（`cloud.database() as unknown as CloudDb`）。
 */

export type DocumentId = string | number;

/** 读出的记录：一定带 _id；字段值为 JSON 值或 Date（云数据库原生日期读出即 Date） */
export interface CloudDocument {
  _id: DocumentId;
  [field: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- 记录结构由各集合自行收窄
}

/** 写入的记录：_id 省略时由数据库生成（32 位十六进制） */
export interface NewDocument {
  _id?: DocumentId;
  [field: string]: unknown;
}

export interface QueryResult {
  data: CloudDocument[];
  errMsg: string;
}
export interface DocumentResult {
  data: CloudDocument;
  errMsg: string;
}
export interface CountResult {
  total: number;
  errMsg: string;
}
export interface AddResult {
  _id: DocumentId;
  errMsg: string;
}
export interface AddManyResult {
  _ids: DocumentId[];
  errMsg: string;
}
export interface UpdateResult {
  /** 实际被改变的记录数：新值与旧值完全相同时不计入 */
  stats: { updated: number };
  errMsg: string;
}
export interface SetResult {
  _id: DocumentId;
  stats: { updated: number; created: number };
  errMsg: string;
}
export interface RemoveResult {
  stats: { removed: number };
  errMsg: string;
}

/** db.command 产生的不透明对象；只能交回给 where()/update() 使用 */
export interface DbLogicCommand {
  and(...expressions: unknown[]): DbLogicCommand;
  or(...expressions: unknown[]): DbLogicCommand;
}
export interface DbQueryCommand extends DbLogicCommand {
  eq(value: unknown): DbLogicCommand;
  neq(value: unknown): DbLogicCommand;
  gt(value: unknown): DbLogicCommand;
  gte(value: unknown): DbLogicCommand;
  lt(value: unknown): DbLogicCommand;
  lte(value: unknown): DbLogicCommand;
  in(values: unknown[]): DbLogicCommand;
  nin(values: unknown[]): DbLogicCommand;
}
export interface DbUpdateCommand {
  readonly operator: string;
}
export interface DbServerDate {
  readonly offset: number;
}
export interface DbRegExp {
  readonly $regularExpression: { pattern: string; options: string };
}

export interface DbCommand {
  eq(value: unknown): DbQueryCommand;
  neq(value: unknown): DbQueryCommand;
  gt(value: unknown): DbQueryCommand;
  gte(value: unknown): DbQueryCommand;
  lt(value: unknown): DbQueryCommand;
  lte(value: unknown): DbQueryCommand;
  in(values: readonly unknown[]): DbQueryCommand;
  nin(values: readonly unknown[]): DbQueryCommand;
  and(...expressions: Array<object | readonly object[]>): DbLogicCommand;
  or(...expressions: Array<object | readonly object[]>): DbLogicCommand;
  nor(...expressions: Array<object | readonly object[]>): DbLogicCommand;
  not(expression: object): DbLogicCommand;
  exists(value: boolean): DbQueryCommand;
  mod(divisor: number, remainder: number): DbQueryCommand;
  all(values: readonly unknown[]): DbQueryCommand;
  elemMatch(condition: unknown): DbQueryCommand;
  size(length: number): DbQueryCommand;

  set(value: unknown): DbUpdateCommand;
  remove(): DbUpdateCommand;
  inc(value: number): DbUpdateCommand;
  mul(value: number): DbUpdateCommand;
  min(value: unknown): DbUpdateCommand;
  max(value: unknown): DbUpdateCommand;
  rename(newPath: string): DbUpdateCommand;
  push(...values: unknown[]): DbUpdateCommand;
  pop(): DbUpdateCommand;
  shift(): DbUpdateCommand;
  unshift(...values: unknown[]): DbUpdateCommand;
  addToSet(value: unknown): DbUpdateCommand;
  pull(value: unknown): DbUpdateCommand;
  pullAll(values: readonly unknown[]): DbUpdateCommand;

  project: { slice(value: number | [number, number]): object };
}

/** field() 投影：true/1 包含，false/0 排除；嵌套路径写作 'a.b' */
export type Projection = Record<string, boolean | 0 | 1 | object>;

export interface CloudQuery {
  where(condition: object): CloudQuery;
  orderBy(fieldPath: string, order: 'asc' | 'desc'): CloudQuery;
  /** 云函数端默认 100、上限 1000；小程序端默认与上限均为 20 */
  limit(max: number): CloudQuery;
  skip(offset: number): CloudQuery;
  field(projection: Projection): CloudQuery;
  get(): Promise<QueryResult>;
  count(): Promise<CountResult>;
  /** 多记录更新（默认 multi），嵌套对象按字段合并，整体替换请用 _.set() */
  update(options: { data: object; multi?: boolean }): Promise<UpdateResult>;
  remove(options?: { multi?: boolean }): Promise<RemoveResult>;
}

export interface CloudDocumentRef {
  field(projection: Projection): CloudDocumentRef;
  /** 记录不存在时 reject（wx-server-sdk 默认 throwOnNotFound） */
  get(): Promise<DocumentResult>;
  /** 整条替换（保留 _id），不存在则创建 */
  set(options: { data: object }): Promise<SetResult>;
  update(options: { data: object }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface CloudCollection extends CloudQuery {
  readonly collectionName: string;
  doc(id: DocumentId): CloudDocumentRef;
  add(options: { data: readonly object[] }): Promise<AddManyResult>;
  add(options: { data: object }): Promise<AddResult>;
}

/** 事务内只允许单记录操作（doc 与 add），与云端一致 */
export interface CloudTransactionDocumentRef {
  get(): Promise<DocumentResult>;
  set(options: { data: object }): Promise<SetResult>;
  update(options: { data: object }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}
export interface CloudTransactionCollection {
  doc(id: DocumentId): CloudTransactionDocumentRef;
  add(options: { data: object }): Promise<AddResult>;
}
export interface CloudTransaction {
  collection(name: string): CloudTransactionCollection;
  /** 仅 startTransaction() 得到的事务需要手动提交 */
  commit(): Promise<unknown>;
  /** runTransaction 中调用后，runTransaction 以 reason reject */
  rollback(reason?: unknown): Promise<unknown>;
}

export interface CloudDb {
  readonly command: DbCommand;
  serverDate(options?: { offset: number }): DbServerDate;
  RegExp(options: { regexp: string; options?: string }): DbRegExp;
  collection(name: string): CloudCollection;
  createCollection(name: string): Promise<{ errMsg: string }>;
  /** 回调可能因冲突被重复执行（最多 times 次重试），返回值即回调的返回值 */
  runTransaction<T>(callback: (transaction: CloudTransaction) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<CloudTransaction>;
}

/** 索引声明：写在查询旁边，部署时据此建索引，本地运行时据此建索引并执行唯一约束 */
export interface IndexDeclaration {
  collection: string;
  name: string;
  keys: Record<string, 1 | -1>;
  /**
   * 唯一索引。注意：不是稀疏索引——缺少该字段的记录按 null 计入，
   * 两条都缺少该字段的记录同样冲突（与 MongoDB/云数据库的非稀疏唯一索引一致）。
   */
  unique?: boolean;
}

/*
 * 错误形状（生产与本地一致）：wx-server-sdk 抛出 Error，带数字 errCode 与 errMsg，
 * message 形如 `collection.add:fail -502001 database request fail. E11000 duplicate key error ...`。
 * 事务提交阶段的错误由 @cloudbase/database 原样抛出：Error 带字符串 code
 * （如 'DATABASE_TRANSACTION_CONFLICT'）与 message。两种都要认。
 */

function errorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (!err || typeof err !== 'object') return '';
  const e = err as { message?: unknown; errMsg?: unknown };
  return [e.message, e.errMsg].filter((s): s is string => typeof s === 'string').join(' ');
}

/** 唯一索引冲突（含重复 _id）：云端以 -502001 返回 MongoDB 的 E11000 文本 */
export function isDuplicateKeyError(err: unknown): boolean {
  return /E11000 duplicate key/.test(errorText(err));
}

/** 事务写冲突：code 为 DATABASE_TRANSACTION_CONFLICT，或（经 wx-server-sdk 包装后）消息里带 TransactionConflict */
export function isTransactionConflict(err: unknown): boolean {
  if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /TransactionConflict|DATABASE_TRANSACTION_CONFLICT/.test(errorText(err));
}
