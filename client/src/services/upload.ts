import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ErrorCode } from '@contract/index';
import { CloudError } from './cloud';

/** 用户选中的一个本地文件：小程序是临时文件路径，H5 是浏览器的 File */
export interface PickedFile {
  name: string;
  size: number;
  source: string | Blob;
}

/** 上传进度回调：0–100 的整数百分比 */
export type ProgressFn = (percent: number) => void;

/** 导入用工作簿的云存储路径：imports/org/<时间>-<随机>.xlsx */
export function importCloudPath(now = Date.now()): string {
  return `imports/org/${now}-${Math.random().toString(36).slice(2, 10)}.xlsx`;
}

/**
 * 选一个 .xlsx 文件。小程序：从聊天记录里选（chooseMessageFile）；
 * H5：临时创建一个 <input type="file">。用户取消时返回 null。
 */
export async function chooseXlsx(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
      const f = res.tempFiles[0];
      return f ? { name: f.name, size: f.size, source: f.path } : null;
    } catch {
      return null; // 用户取消
    }
  }
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      input.style.display = 'none';
      input.setAttribute('data-testid', 'xlsx-input');
      const done = (file: File | null) => {
        input.remove();
        resolve(file ? { name: file.name, size: file.size, source: file } : null);
      };
      input.addEventListener('change', () => done(input.files?.[0] ?? null));
      input.addEventListener('cancel', () => done(null));
      document.body.appendChild(input);
      input.click();
    });
  }
  return null;
}

function failure(code: ErrorCode, message?: string): CloudError {
  return new CloudError(code, message || ERROR_MESSAGES[code] || ERROR_MESSAGES.INTERNAL);
}

/**
 * 上传到云存储，返回 fileID。小程序：Taro.cloud.uploadFile；
 * H5：以原始字节 POST 到本地运行时的 /api/files（wx.cloud.uploadFile 的本地对应）。
 * 失败时抛出带中文说明的 CloudError。
 */
export function uploadFile(cloudPath: string, source: string | Blob, onProgress?: ProgressFn): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve, reject) => {
      const task = Taro.cloud.uploadFile({
        cloudPath,
        filePath: source as string,
        success: (res) => resolve(res.fileID),
        fail: () => reject(failure('INTERNAL', '上传失败，请检查网络后重试')),
      });
      task?.onProgressUpdate?.((p) => onProgress?.(Math.round(p.progress)));
    });
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/files?cloudPath=${encodeURIComponent(cloudPath)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(failure('INTERNAL', '网络异常，请检查网络后重试'));
    xhr.onload = () => {
      let reply: { ok?: boolean; data?: { fileID?: string }; code?: ErrorCode; message?: string } | null = null;
      try {
        reply = JSON.parse(xhr.responseText);
      } catch {
        reply = null;
      }
      if (reply?.ok && typeof reply.data?.fileID === 'string') {
        onProgress?.(100);
        resolve(reply.data.fileID);
      } else if (reply && reply.ok === false) {
        const code = reply.code && reply.code in ERROR_MESSAGES ? reply.code : 'INTERNAL';
        reject(failure(code, reply.message));
      } else {
        reject(failure('INTERNAL', '上传失败：服务返回了无法识别的内容'));
      }
    };
    xhr.send(source as Blob);
  });
}
