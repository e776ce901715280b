import { Db } from '@cloudbase/database';
import wxServerSdk from 'wx-server-sdk';
import type { CloudDb } from '../../_lib/db';
import type { Session } from './executor';

/**
 * 把真实的 SDK 接到本地执行器上。
 *
 * 链路与生产完全相同：业务代码 → wx-server-sdk 的数据库包装（结果形状、错误换算、
 * throwOnNotFound、runTransaction）→ @cloudbase/database 的 Db（查询构造、EJSON 序列化）
 * → `new Db.reqClass(config).send(action, params)`。生产里 reqClass 是发 HTTP 的
 * TcbDBApiHttpRequester；这里换成分派器：config 里带 localExecutor（本地会话）的请求交给
 * 本地执行器，其余仍交给原来的类。
 *
 * Db.reqClass 是静态属性，而 @cloudbase/node-sdk 每次 `database()` 都会把它改回 HTTP 类，
 * 所以装成访问器：读到的永远是分派器，写入只更新“其余请求”的去处。执行器跟着 config
 * 走而不是放在全局，所以一个进程里可以同时开多个互不相干的本地数据库（测试各开一个）。
 */

interface RequestLike {
  send(action: string, params?: Record<string, unknown>, opts?: unknown): Promise<unknown>;
}
type RequestClass = new (config: Record<string, unknown>) => RequestLike;

const INSTALLED = Symbol.for('local-cloud-db.request-dispatcher');

class LocalRequest implements RequestLike {
  constructor(private readonly session: Session) {}

  send(action: string, params?: Record<string, unknown>): Promise<unknown> {
    return this.session.executor.handle(action, params, this.session);
  }
}

function isSession(v: unknown): v is Session {
  return !!v && typeof v === 'object' && 'executor' in v && 'openid' in v;
}

function installDispatcher(): void {
  const holder = Db as unknown as Record<PropertyKey, unknown>;
  if (holder[INSTALLED]) return;
  let fallback = holder.reqClass as RequestClass | undefined;
  // 用普通函数当构造器：`new` 一个返回对象的函数得到的就是那个对象
  const dispatcher = function LocalOrRemoteRequest(config: Record<string, unknown>): RequestLike {
    const session = config?.localExecutor;
    if (isSession(session)) return new LocalRequest(session);
    if (!fallback) throw new Error('@cloudbase/database: no request class installed for a non-local database');
    return new fallback(config);
  };
  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    enumerable: true,
    get: () => dispatcher,
    set: (cls: RequestClass) => {
      if (cls !== (dispatcher as unknown)) fallback = cls;
    },
  });
  Object.defineProperty(Db, INSTALLED, { value: true });
}

interface WxServerSdkFactory {
  createNewInstance(config: Record<string, unknown>): { database(config?: Record<string, unknown>): unknown };
}

/** 一个与 `cloud.database()` 完全相同的数据库对象，请求由 session 指向的执行器处理 */
export function createSdkDatabase(env: string, session: Session): CloudDb {
  installDispatcher();
  // createNewInstance 是 wx-server-sdk 导出但未写进类型声明的 API：得到独立的 cloud 实例
  const cloud = withoutPlatformProbe(() => (wxServerSdk as unknown as WxServerSdkFactory).createNewInstance({ env, localExecutor: session }));
  return cloud.database() as CloudDb;
}

/**
 * node-sdk 每建一个实例都会顺手探测一次腾讯云元数据服务（HTTP 到 metadata.tencentyun.com），
 * 只为日后的网络请求选路。本地数据库从不发网络请求；而在没有这个域名的机器上，偶发的 DNS
 * 超时会让进程（和 Jest）多挂好几秒。所以只在创建实例的这一刻把探测换成空操作（探测在
 * 构造函数里同步发起，换回后不受影响；其它 node-sdk 用法不受影响）。
 */
function withoutPlatformProbe<T>(create: () => T): T {
  const platform = require('@cloudbase/node-sdk/dist/utils/cloudplatform') as { preflightRuntimeCloudPlatform: () => Promise<void> };
  const original = platform.preflightRuntimeCloudPlatform;
  platform.preflightRuntimeCloudPlatform = async () => undefined;
  try {
    return create();
  } finally {
    platform.preflightRuntimeCloudPlatform = original;
  }
}
