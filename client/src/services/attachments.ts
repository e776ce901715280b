import Taro from '@tarojs/taro';
import { extensionOf, fileKindOf } from '@contract/index';

/** 文件大小的人类可读写法 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 要打开的附件：云存储 fileID；H5 还需要一个临时下载链接 */
export interface OpenableAttachment {
  name: string;
  fileID: string;
  /** 临时下载链接（H5 在新标签页打开它；小程序不用） */
  url?: string;
}

const DOCUMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * 打开附件。小程序：下载到本地，文档用系统预览（openDocument），图片用图片预览。
 * H5：在新标签页打开临时链接；没有链接时明确提示而不是静默失败。
 */
export async function openAttachment(attachment: OpenableAttachment): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.showLoading({ title: '正在打开…' });
    try {
      const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: attachment.fileID });
      const ext = extensionOf(attachment.name);
      if (fileKindOf(attachment.name) === 'image') {
        await Taro.previewImage({ urls: [tempFilePath] });
      } else {
        // 临时路径不一定保留扩展名，显式给出文档类型
        const fileType = (DOCUMENT_TYPES as readonly string[]).includes(ext) ? (ext as DocumentType) : undefined;
        await Taro.openDocument({ filePath: tempFilePath, showMenu: true, ...(fileType ? { fileType } : {}) });
      }
    } catch {
      Taro.showToast({ title: '附件打开失败，请稍后重试', icon: 'none' });
    } finally {
      Taro.hideLoading();
    }
    return;
  }
  if (attachment.url) {
    window.open(attachment.url, '_blank', 'noopener');
    return;
  }
  Taro.showToast({ title: '附件暂时无法在浏览器中打开，请在微信小程序中查看', icon: 'none' });
}
