import type { CloudDb, IndexDeclaration } from '../../_lib/db';
import { Executor, type Session } from './executor';
import { createSdkDatabase } from './request';
import { Store } from './store';

/**
 * 本地云数据库：生产用的 wx-server-sdk + @cloudbase/database 原样运行，
 * 请求由嵌入式执行器在 nedb 数据文件上完成。
 *
 *   request.ts      把 SDK 的 Db.reqClass 接到执行器（按 config.localExecutor 分派）
 *   executor.ts     各请求的语义与回复形状；集合存在性；多记录更新/删除
 *   query.ts        查询条件与排序（MongoDB 语义）   projection.ts  field() 投影
 *   update.ts       更新操作符                        values.ts      BSON 式比较与相等
 *   transactions.ts 事务的串行化、覆盖层与冲突检测    indexes.ts     唯一索引与等值查找（lookup.ts：声明的索引本地也用来缩小查询范围）
 *   store.ts        nedb 持久化、半行修复、提交日志    ejson.ts       EJSON 编解码、serverDate
 *
 * 与云端有意不同之处（测试见 test/conformance）：
 * - add()/doc().set() 在集合不存在时自动创建集合（云端报 -502005，须先建集合）；读、更新、删除仍报 -502005。
 * - 不带 where 条件的整集合 update()/remove() 直接拒绝。
 * - 事务彼此串行（云端是快照隔离 + 写锁）；普通写不因事务而阻塞，冲突改在提交时报告并由 runTransaction 重试。
 * - 地理查询、聚合、位置操作符 'arr.$'、正则 x 选项、ObjectId 等未实现，一律报错而不是静默放过。
 * - 小程序端视角（clientDb）只模拟 _openid 与 20 条上限，不模拟集合权限规则。
 * - 未指定排序时按 _id 顺序返回（云端为自然顺序，二者都不应被依赖）。
 */

export interface LocalDatabaseOptions {
  /** 数据文件目录；省略则全在内存 */
  dir?: string;
  /** 云环境 id，默认 'local'（出现在 E11000 等错误文本里） */
  env?: string;
  /** serverDate() 与事务计时用的时钟，默认 () => new Date() */
  clock?: () => Date;
  /** 事务最长存活时间（超时自动回滚并释放事务锁），默认 10 秒 */
  transactionTimeoutMs?: number;
  /** 每个数据库请求（一次往返，如 get、count、事务内的单条读写、提交）到达执行器时调用；只观察（压测统计往返次数） */
  onRequest?: (action: string, params: Readonly<Record<string, unknown>>) => void;
}

export interface LocalDatabase {
  /** 与云函数里 cloud.database() 相同的 API（服务端 SDK：不写 _openid） */
  db: CloudDb;
  /** 小程序端视角：add()/set() 写入 _openid = openid，单次读取上限 20 条，不能用事务 */
  clientDb(openid: string): CloudDb;
  /** 建索引（同时创建集合）；唯一索引此后在插入与更新时强制执行，声明持久化在数据目录里 */
  ensureIndexes(decls: IndexDeclaration[]): Promise<void>;
  collectionNames(): Promise<string[]>;
  /** 原始记录（_id 排序）；集合不存在时为空数组 */
  dump(collection: string): Promise<Record<string, unknown>[]>;
  /** 所有集合内容的 sha256：测试用来断言“什么都没变” */
  digest(): Promise<string>;
  /** 回滚进行中的事务、压缩数据文件并释放；之后的请求都会失败 */
  close(): Promise<void>;
}

export async function openLocalDatabase(opts: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const env = opts.env ?? 'local';
  const clock = opts.clock ?? (() => new Date());
  const store = await Store.open(opts.dir);
  const executor = await Executor.create({ env, clock, store, transactionLifetimeMs: opts.transactionTimeoutMs ?? 10_000, onRequest: opts.onRequest });

  const serverSession: Session = { executor, openid: null };
  const db = createSdkDatabase(env, serverSession);
  const clients = new Map<string, CloudDb>();

  return {
    db,
    clientDb(openid) {
      if (typeof openid !== 'string' || !openid) throw new Error('clientDb(openid): openid must be a non-empty string');
      let client = clients.get(openid);
      if (!client) clients.set(openid, (client = createSdkDatabase(env, { executor, openid })));
      return client;
    },
    ensureIndexes: (decls) => executor.ensureIndexes(decls),
    collectionNames: () => executor.collectionNames(),
    dump: (collection) => executor.dump(collection),
    digest: () => executor.digest(),
    close: () => executor.close(),
  };
}
