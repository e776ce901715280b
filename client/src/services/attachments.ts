import Taro from '@tarojs/taro';

/** 文件大小的人类可读写法 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 打开附件：小程序里下载到本地再用系统预览（Word/Excel/PDF）。
 * H5 本地模式没有云存储下载通道，给出明确提示而不是静默失败。
 */
export async function openAttachment(fileID: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.showLoading({ title: '正在打开…' });
    try {
      const res = await Taro.cloud.downloadFile({ fileID });
      await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
    } catch {
      Taro.showToast({ title: '附件打开失败，请稍后重试', icon: 'none' });
    } finally {
      Taro.hideLoading();
    }
    return;
  }
  Taro.showToast({ title: '请在微信小程序中打开附件', icon: 'none' });
}
