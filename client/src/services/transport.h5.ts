/** H5：经 HTTP 调用本地运行时；身份来自本地登录 Cookie（同源），请求体里从不带身份 */
export async function send(name: string, event: object): Promise<unknown> {
  try {
    const res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(event),
    });
    return await res.json();
  } catch {
    return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
  }
}

export function setTransport(): void {
  // 仅测试使用
}
