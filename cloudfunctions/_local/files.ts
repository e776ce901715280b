import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLOUD_PATH_PATTERN, extensionOf, rejectFile } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FileStore, TempUrl } from '../_lib/ports';

/** 文件头（魔数）与扩展名须一致：改名的可执行文件进不来 */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  mp4: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  pdf: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  zip: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04, // docx/xlsx/pptx
  ole: (b) => b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])), // doc/xls/ppt
};
const SIGNATURE_OF_EXT: Record<string, string> = {
  jpg: 'jpg', jpeg: 'jpg', png: 'png', webp: 'webp', mp4: 'mp4', pdf: 'pdf',
  docx: 'zip', xlsx: 'zip', pptx: 'zip', doc: 'ole', xls: 'ole', ppt: 'ole',
};

export interface DiskFileStoreOptions {
  root: string;
  env: string;
  bucket?: string;
  /** 临时链接的前缀，如 http://localhost:8080 */
  baseUrl: string;
  secret?: string;
  now?: () => Date;
}

/**
 * 云存储的本地对应：字节存在磁盘，fileID 与云端同形（cloud://env.bucket/path），
 * 临时链接带 HMAC 签名与过期时间，由本地服务器校验后提供下载。
 */
export class DiskFileStore implements FileStore {
  readonly prefix: string;
  private readonly secret: string;
  constructor(private readonly opts: DiskFileStoreOptions) {
    this.prefix = `cloud://${opts.env}.${opts.bucket ?? `${opts.env}-bucket`}/`;
    this.secret = opts.secret ?? randomBytes(32).toString('hex');
  }

  /** 检查类型、大小与文件头；不合格抛 FILE_REJECTED */
  check(cloudPath: string, bytes: Buffer): void {
    if (!CLOUD_PATH_PATTERN.test(cloudPath)) throw new AppError('FILE_REJECTED', '文件路径不合法');
    const reason = rejectFile(cloudPath, bytes.length);
    if (reason) throw new AppError('FILE_REJECTED', reason);
    const sig = SIGNATURE_OF_EXT[extensionOf(cloudPath)];
    if (sig && !SIGNATURES[sig](bytes)) throw new AppError('FILE_REJECTED', '文件内容与扩展名不符');
  }

  async upload(cloudPath: string, bytes: Buffer): Promise<{ fileID: string }> {
    this.check(cloudPath, bytes);
    const file = this.diskPath(cloudPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return { fileID: this.prefix + cloudPath };
  }

  async download(fileID: string): Promise<Buffer> {
    const file = this.diskPath(this.cloudPathOf(fileID)); // 外环境或非法路径：FILE_REJECTED
    try {
      return await readFile(file);
    } catch {
      throw new AppError('NOT_FOUND', '文件不存在或已删除');
    }
  }

  async readRange(fileID: string, start: number, length: number): Promise<Buffer> {
    const file = this.diskPath(this.cloudPathOf(fileID));
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      throw new AppError('NOT_FOUND', '文件不存在或已删除');
    }
    try {
      const buf = Buffer.alloc(Math.max(0, length));
      const { bytesRead } = await handle.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async tempUrls(fileIDs: string[], maxAgeSeconds = 2 * 60 * 60): Promise<TempUrl[]> {
    const expires = (this.opts.now?.() ?? new Date()).getTime() + maxAgeSeconds * 1000;
    return fileIDs.map((fileID) => {
      const cloudPath = this.tryCloudPath(fileID);
      if (!cloudPath) return { fileID, tempFileURL: '', status: -503003 }; // 云端：文件不存在/无权限
      const sign = this.sign(cloudPath, expires);
      const url = `${this.opts.baseUrl}/files/${encodeURI(cloudPath)}?expires=${expires}&sign=${sign}`;
      return { fileID, tempFileURL: url, status: 0 };
    });
  }

  async remove(fileIDs: string[]): Promise<void> {
    for (const id of fileIDs) await rm(this.diskPath(this.cloudPathOf(id)), { force: true });
  }

  /** 校验临时链接，返回磁盘路径；过期或签名不符返回 null */
  resolveSignedPath(cloudPath: string, expires: number, sign: string): string | null {
    if (!CLOUD_PATH_PATTERN.test(cloudPath)) return null;
    if (!Number.isFinite(expires) || expires < (this.opts.now?.() ?? new Date()).getTime()) return null;
    const expected = Buffer.from(this.sign(cloudPath, expires));
    const given = Buffer.from(sign);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return this.diskPath(cloudPath);
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }

  private tryCloudPath(fileID: string): string | null {
    if (!fileID.startsWith(this.prefix)) return null;
    const p = fileID.slice(this.prefix.length);
    return CLOUD_PATH_PATTERN.test(p) ? p : null;
  }

  private cloudPathOf(fileID: string): string {
    const p = this.tryCloudPath(fileID);
    if (!p) throw new AppError('FILE_REJECTED', '文件编号不属于本环境');
    return p;
  }

  private diskPath(cloudPath: string): string {
    const resolved = path.resolve(this.opts.root, cloudPath);
    // 纵深防御：即使正则放过，也绝不走出根目录
    if (!resolved.startsWith(path.resolve(this.opts.root) + path.sep)) throw new AppError('FILE_REJECTED', '文件路径不合法');
    return resolved;
  }
}
