/**
 * 默认传输层（jest 解析到这里）：测试用 setTransport 接上假的服务端；
 * 小程序与 H5 构建分别解析到 transport.weapp.ts / transport.h5.ts。
 */
export type SendFn = (name: string, event: object) => Promise<unknown>;

let current: SendFn | null = null;

export function setTransport(fn: SendFn | null): void {
  current = fn;
}

export function send(name: string, event: object): Promise<unknown> {
  if (!current) throw new Error('transport not configured: call setTransport() in tests');
  return current(name, event);
}
