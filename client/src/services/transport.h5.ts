/** 网络不通时的失败回复：与云端回复同一信封，页面照常显示中文与“重试” */
const NETWORK_FAILURE = { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' } as const;

/** H5：经 HTTP 调用本地运行时；身份来自本地登录 Cookie（同源），请求体里从不带身份 */
export async function send(name: string, event: object): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(event),
    });
  } catch {
    return NETWORK_FAILURE;
  }
  // 回复不是 JSON（如网关的 502 页面）时原样交回，由 cloud.ts 判为无法识别的回复
  try {
    return await res.json();
  } catch {
    return null;
  }
}
