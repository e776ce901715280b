import Taro from '@tarojs/taro';

/** 小程序：经微信云开发调用云函数；调用者身份由平台带上，事件里从不带身份 */
export async function send(name: string, event: object): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> });
    return res.result;
  } catch (err) {
    // 断网、超时、函数未部署都在这里；详情留在控制台，界面只给可操作的中文
    console.error('callFunction failed', name, err);
    return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
  }
}
