/**
 * 组件测试里切换“手机所在时区”。jest 给每个测试文件的是 process.env 的副本，在副本上改 TZ 到不了 V8；
 * 真正的 process 要经宿主环境传进沙箱的对象（Buffer）所在的外层领域取得。改后 Date 立即按新时区计算。
 * 调用方应断言 getTimezoneOffset() 确实变了：将来 jest 改了沙箱，测试会明确失败而不是悄悄变成空测。
 */
type HostProcess = { env: Record<string, string | undefined> };

function hostProcess(): HostProcess {
  const HostFunction = (Buffer as unknown as { constructor: FunctionConstructor }).constructor;
  return HostFunction('return process')() as HostProcess;
}

/** 把本机时区设为 zone（IANA 名称），返回恢复原时区的函数 */
export function setDeviceTimeZone(zone: string): () => void {
  const host = hostProcess();
  const before = host.env.TZ;
  host.env.TZ = zone;
  return () => {
    if (before === undefined) delete host.env.TZ;
    else host.env.TZ = before;
  };
}
