import Taro from '@tarojs/taro';

/** 小程序：经微信云开发调用云函数，身份由平台带上 */
export async function send(name: string, event: object): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> });
    return res.result;
  } catch (err) {
    console.error('callFunction failed', name, err);
    return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
  }
}

export function setTransport(): void {
  // 仅测试使用
}
