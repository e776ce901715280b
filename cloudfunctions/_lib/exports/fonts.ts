import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../app-error';
import type { FileStore } from '../ports';

/**
 * 导出 PDF 用的中文字体（Noto Sans CJK，OpenType 字体集 .ttc，常规与粗体各约 19 MB）。
 * pdfmake 按 PostScript 名从字体集里取简体中文字面，并只把用到的字形子集嵌入 PDF（几十 KB）。
 *
 * 字体从哪里来（19 MB 的字体不进每个函数的部署包）：
 * 1. 环境变量 EXPORT_FONT_REGULAR_PATH / EXPORT_FONT_BOLD_PATH 指向的本机文件；
 * 2. 系统字体 /usr/share/fonts/opentype/noto/（本地运行与 CI：apt 包 fonts-noto-cjk）；
 * 3. 生产：组织部把两个 .ttc 上传到云存储，把 fileID 配在 exports 函数的环境变量
 *    EXPORT_FONT_REGULAR_FILEID / EXPORT_FONT_BOLD_FILEID；每个温实例第一次导出时经 FileStore 下载到 /tmp，
 *    之后同一实例直接读 /tmp（再次冷启动才重新下载）。
 * 读进内存的字体在实例内缓存，同一实例的后续导出不再读盘。
 */
export interface CjkFonts {
  regular: Buffer;
  bold: Buffer;
}

export const CJK_FACE = { regular: 'NotoSansCJKsc-Regular', bold: 'NotoSansCJKsc-Bold' } as const;

const SYSTEM_DIR = '/usr/share/fonts/opentype/noto';
const FILE_NAMES = { regular: 'NotoSansCJK-Regular.ttc', bold: 'NotoSansCJK-Bold.ttc' } as const;
const ENV = {
  regular: { path: 'EXPORT_FONT_REGULAR_PATH', fileID: 'EXPORT_FONT_REGULAR_FILEID' },
  bold: { path: 'EXPORT_FONT_BOLD_PATH', fileID: 'EXPORT_FONT_BOLD_FILEID' },
} as const;

let cached: Promise<CjkFonts> | null = null;

/** where：系统字体目录与实例内的下载目录（测试可换成别处） */
export function loadCjkFonts(
  files: FileStore,
  env: Record<string, string | undefined> = process.env,
  where: { systemDir: string; tmpDir: string } = { systemDir: SYSTEM_DIR, tmpDir: path.join(os.tmpdir(), 'export-fonts') },
): Promise<CjkFonts> {
  cached ??= (async () => ({ regular: await loadFace('regular', files, env, where), bold: await loadFace('bold', files, env, where) }))();
  cached.catch(() => {
    cached = null; // 失败不缓存：配置补上后下一次导出即可成功
  });
  return cached;
}

async function loadFace(face: 'regular' | 'bold', files: FileStore, env: Record<string, string | undefined>, where: { systemDir: string; tmpDir: string }): Promise<Buffer> {
  const configuredPath = env[ENV[face].path];
  if (configuredPath) return readFile(configuredPath);
  const system = path.join(where.systemDir, FILE_NAMES[face]);
  if (existsSync(system)) return readFile(system);
  const fileID = env[ENV[face].fileID];
  if (!fileID) {
    throw new AppError(
      'INTERNAL',
      `导出 PDF 需要中文字体：请把 ${FILE_NAMES[face]} 上传到云存储，并在 exports 云函数的环境变量 ${ENV[face].fileID} 中填写其 fileID`,
    );
  }
  const tmp = path.join(where.tmpDir, FILE_NAMES[face]);
  if (existsSync(tmp)) return readFile(tmp);
  const bytes = await files.download(fileID);
  await mkdir(path.dirname(tmp), { recursive: true });
  // 先写临时名再改名：同一实例并发的两次导出不会读到写了一半的字体
  const partial = `${tmp}.${process.pid}.${Date.now()}.part`;
  await writeFile(partial, bytes);
  await rename(partial, tmp);
  return bytes;
}

/** 仅测试用：清空实例内缓存 */
export function resetCjkFontCache(): void {
  cached = null;
}
