import Taro from '@tarojs/taro';
import { entryFilesDir, ERROR_MESSAGES, extensionOf, type ErrorCode } from '@contract/index';
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
 * H5：临时创建一个隐藏的 <input type="file"> 让用户选文件（测试用 Playwright 的 filechooser 交付文件）。
 * 用户取消时返回空数组。
 */
function pickH5Files(accept: string, multiple: boolean, testId: string): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    input.setAttribute('data-testid', testId);
    let settled = false;
    const done = (files: File[]) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
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
    const [file] = await pickH5Files('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false, 'xlsx-input');
    return file ? { name: file.name, size: file.size, source: file } : null;
  }
  return null;
}

// ── 申报材料的照片、视频与文件 ────────────────────────────────────────────

/** 照片压缩后长边不超过的像素数 */
export const PHOTO_MAX_SIDE = 1920;
/** 照片压缩质量（H5 canvas 的 JPEG 质量；小程序 compressImage 为 0–100） */
export const PHOTO_QUALITY = 0.8;

/** 一张选好并已压缩的照片；previewUrl 用于上传中与上传后的缩略图（小程序临时路径 / H5 blob: 链接） */
export interface PickedImage extends PickedFile {
  width: number;
  height: number;
  previewUrl: string;
}

/** 一段选好的视频与它的元数据（上传前据此检查时长、分辨率与格式，C1） */
export interface PickedVideo extends PickedFile {
  seconds: number;
  width: number;
  height: number;
  /** 扩展名（小写），如 mp4 */
  format: string;
  previewUrl: string;
}

/** 材料文件的云存储路径：entries/<材料 id>/<类别>-<时间>-<随机>.<扩展名>（服务端只接受这份材料目录下的文件） */
export function entryFileCloudPath(entryId: string, kind: 'photo' | 'video' | 'doc' | 'scan', ext: string, now = Date.now()): string {
  const clean = ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
  return `${entryFilesDir(entryId)}${kind}-${now}-${Math.random().toString(36).slice(2, 8)}.${clean === 'jpeg' ? 'jpg' : clean}`;
}

/** 按长边上限等比缩小后的尺寸（不放大） */
export function fitWithin(width: number, height: number, maxSide = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function fileSizeWeapp(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (r) => resolve(r.size),
      fail: () => resolve(0),
    });
  });
}

/** H5：把图片解码后画到画布上，长边缩到 PHOTO_MAX_SIDE 以内，导出 JPEG */
async function downscaleH5(file: File): Promise<PickedImage> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image();
      el.onload = () => resolve(el);
      el.onerror = () => reject(new CloudError('FILE_REJECTED', `无法读取图片“${file.name}”，请换一张 JPG 或 PNG 图片`));
      el.src = url;
    });
    const size = fitWithin(img.naturalWidth, img.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) throw new CloudError('INTERNAL', '浏览器不支持图片压缩');
    g.fillStyle = '#ffffff'; // 透明背景的 PNG 转 JPEG 时垫白
    g.fillRect(0, 0, size.width, size.height);
    g.drawImage(img, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    if (!blob) throw new CloudError('INTERNAL', `图片“${file.name}”压缩失败，请重试`);
    const base = file.name.replace(/\.[^.]*$/, '') || 'photo';
    return { name: `${base}.jpg`, size: blob.size, source: blob, width: size.width, height: size.height, previewUrl: URL.createObjectURL(blob) };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * 选照片（最多 count 张）并压缩。小程序：chooseMedia（压缩图）后 compressImage 把长边压到 1920 以内；
 * H5：隐藏的文件框 + 画布缩放，JPEG 质量 0.8。用户取消时返回空数组。
 */
export async function choosePhotos(count: number): Promise<PickedImage[]> {
  if (count <= 0) return [];
  if (process.env.TARO_ENV === 'weapp') {
    let picked: Taro.chooseMedia.ChooseMedia[];
    try {
      picked = (await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFiles;
    } catch {
      return []; // 用户取消
    }
    const out: PickedImage[] = [];
    for (const f of picked) {
      const info = await Taro.getImageInfo({ src: f.tempFilePath });
      const size = fitWithin(info.width, info.height);
      const shrink = size.width < info.width ? (info.width >= info.height ? { compressedWidth: size.width } : { compressedHeight: size.height }) : {};
      const { tempFilePath } = await Taro.compressImage({ src: f.tempFilePath, quality: Math.round(PHOTO_QUALITY * 100), ...shrink });
      const ext = extensionOf(tempFilePath) || 'jpg';
      out.push({ name: `photo.${ext}`, size: (await fileSizeWeapp(tempFilePath)) || f.size, source: tempFilePath, width: size.width, height: size.height, previewUrl: tempFilePath });
    }
    return out;
  }
  if (process.env.TARO_ENV === 'h5') {
    const files = (await pickH5Files('image/*', count > 1, 'photo-input')).slice(0, count);
    const out: PickedImage[] = [];
    for (const f of files) out.push(await downscaleH5(f));
    return out;
  }
  return [];
}

/** H5：用 <video> 元素读时长与分辨率（不播放） */
function videoMetaH5(file: File): Promise<PickedVideo> {
  const url = URL.createObjectURL(file);
  return new Promise((resolve) => {
    const v = document.createElement('video');
    v.preload = 'metadata';
    v.muted = true;
    const done = (seconds: number, width: number, height: number) =>
      resolve({ name: file.name, size: file.size, source: file, seconds, width, height, format: extensionOf(file.name), previewUrl: url });
    v.onloadedmetadata = () => done(Number.isFinite(v.duration) ? v.duration : 0, v.videoWidth, v.videoHeight);
    // 浏览器读不出元数据（编码不支持）时交回 0，由调用方说明“无法读取”
    v.onerror = () => done(0, 0, 0);
    v.src = url;
  });
}

/**
 * 选一段视频及其时长、宽高。小程序：chooseMedia（mediaType video）直接给出 duration/width/height；
 * H5：隐藏的文件框 + <video> 读元数据。用户取消时返回 null。
 */
export async function chooseVideo(): Promise<PickedVideo | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['video'], sourceType: ['album', 'camera'], maxDuration: 60 });
      const f = res.tempFiles[0];
      if (!f) return null;
      const format = extensionOf(f.tempFilePath);
      return { name: `video.${format || 'mp4'}`, size: f.size, source: f.tempFilePath, seconds: f.duration, width: f.width, height: f.height, format, previewUrl: f.tempFilePath };
    } catch {
      return null;
    }
  }
  if (process.env.TARO_ENV === 'h5') {
    const [file] = await pickH5Files('video/mp4,.mp4', false, 'video-input');
    return file ? videoMetaH5(file) : null;
  }
  return null;
}

/**
 * 选文件（支撑材料、盖章扫描件）。小程序：从聊天记录里选（chooseMessageFile，按扩展名过滤）；
 * H5：隐藏的文件框。用户取消时返回空数组。
 */
export async function chooseFiles(extensions: readonly string[], count: number, testId = 'file-input'): Promise<PickedFile[]> {
  if (count <= 0) return [];
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMessageFile({ count, type: 'file', extension: [...extensions] });
      return res.tempFiles.map((f) => ({ name: f.name, size: f.size, source: f.path }));
    } catch {
      return [];
    }
  }
  if (process.env.TARO_ENV === 'h5') {
    const files = await pickH5Files(extensions.map((e) => `.${e}`).join(','), count > 1, testId);
    return files.slice(0, count).map((f) => ({ name: f.name, size: f.size, source: f }));
  }
  return [];
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
