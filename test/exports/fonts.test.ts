import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../cloudfunctions/_lib/app-error';
import { loadCjkFonts, resetCjkFontCache } from '../../cloudfunctions/_lib/exports/fonts';
import type { FileStore } from '../../cloudfunctions/_lib/ports';

/**
 * 生产环境的中文字体来源（fonts.ts）：云端没有系统字体，19 MB 的 .ttc 放在云存储，fileID 配在环境变量里；
 * 每个温实例第一次导出时下载到 /tmp，之后读 /tmp；没配置时的错误写明要配哪个变量。
 */
const SYSTEM = '/usr/share/fonts/opentype/noto';
let tmpDir: string;
beforeEach(async () => {
  resetCjkFontCache();
  tmpDir = await mkdtemp(path.join(os.tmpdir(), 'fonts-test-'));
});
afterEach(async () => {
  resetCjkFontCache();
  await rm(tmpDir, { recursive: true, force: true });
});

function fakeStore(): FileStore & { downloads: string[] } {
  const downloads: string[] = [];
  return {
    downloads,
    async download(fileID: string) {
      downloads.push(fileID);
      return readFile(path.join(SYSTEM, fileID.endsWith('bold') ? 'NotoSansCJK-Bold.ttc' : 'NotoSansCJK-Regular.ttc'));
    },
  } as unknown as FileStore & { downloads: string[] };
}

describe('CJK font source for the exports function', () => {
  it('without a system font or a configured fileID: an error naming the environment variable', async () => {
    const err = await loadCjkFonts(fakeStore(), {}, { systemDir: '/nonexistent', tmpDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('EXPORT_FONT_REGULAR_FILEID');
  });

  it('production: downloads each face once into /tmp, a later cold cache reads /tmp instead of cloud storage', async () => {
    const store = fakeStore();
    const env = { EXPORT_FONT_REGULAR_FILEID: 'cloud://env.bucket/fonts/regular', EXPORT_FONT_BOLD_FILEID: 'cloud://env.bucket/fonts/bold' };
    const where = { systemDir: '/nonexistent', tmpDir };
    const fonts = await loadCjkFonts(store, env, where);
    expect(fonts.regular.length).toBeGreaterThan(10_000_000);
    expect(fonts.bold.equals(fonts.regular)).toBe(false);
    expect(store.downloads).toEqual([env.EXPORT_FONT_REGULAR_FILEID, env.EXPORT_FONT_BOLD_FILEID]);
    await loadCjkFonts(store, env, where); // 同一实例：内存里已有
    resetCjkFontCache(); // 模拟新的调用读不到内存缓存、但 /tmp 仍在（同一温实例）
    const again = await loadCjkFonts(store, env, where);
    expect(store.downloads).toHaveLength(2);
    expect(again.regular.equals(fonts.regular)).toBe(true);
  }, 60_000);
});
