/**
 * 默认传输层（jest 解析到这里）：测试用 setTransport 接上假的服务端。
 * 小程序与 H5 构建按平台后缀解析到 transport.weapp.ts / transport.h5.ts，三者导出同一个 send。
 */
export type SendFn = (name: string, event: object) => Promise<unknown>;

let current: SendFn | null = null;

/** 接上（或以 null 卸下）一个假的服务端，仅测试使用 */
export function setTransport(fn: SendFn | null): void {
  current = fn;
}

export async function send(name: string, event: object): Promise<unknown> {
  if (!current) {
    throw new Error(`没有可用的传输层：调用云函数 ${name} 前请先 setTransport()（平台构建应解析到 transport.weapp.ts / transport.h5.ts）`);
  }
  return current(name, event);
}
