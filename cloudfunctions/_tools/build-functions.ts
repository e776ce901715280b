import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { inlineTrieAssets } from './inline-assets';

/**
 * 把 cloudfunctions/<name>/index.ts 打包成可部署目录 dist/cloudfunctions/<name>/
 * （index.js + package.json + config.json），运行时只依赖 wx-server-sdk。
 * 以 _ 开头的目录是共享代码、本地运行时与工具，不是云函数。
 */
export const ROOT = path.resolve(__dirname, '../..');
export const SOURCE_DIR = path.join(ROOT, 'cloudfunctions');
export const OUT_DIR = path.join(ROOT, 'dist/cloudfunctions');

export async function listFunctionNames(): Promise<string[]> {
  const entries = await readdir(SOURCE_DIR, { withFileTypes: true });
  const names: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('_')) continue;
    try {
      await stat(path.join(SOURCE_DIR, e.name, 'package.json'));
      names.push(e.name);
    } catch {
      // 没有 package.json 的目录不是云函数
    }
  }
  return names.sort();
}

export async function buildFunction(name: string): Promise<{ name: string; bytes: number }> {
  const src = path.join(SOURCE_DIR, name);
  const out = path.join(OUT_DIR, name);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [path.join(src, 'index.ts')],
    outfile: path.join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // 云函数运行时 Node.js 16 及以上
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [inlineTrieAssets], // 导出函数的 pdfmake 依赖加载时读数据文件：内联进 bundle
    logLevel: 'warning',
  });
  await copyFile(path.join(src, 'package.json'), path.join(out, 'package.json'));
  await copyFile(path.join(src, 'config.json'), path.join(out, 'config.json'));
  return { name, bytes: (await stat(path.join(out, 'index.js'))).size };
}

async function main() {
  const names = await listFunctionNames();
  const results = [];
  for (const n of names) results.push(await buildFunction(n));
  for (const r of results) console.log(`${r.name.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB`);
  console.log(`已构建 ${results.length} 个云函数 → ${path.relative(ROOT, OUT_DIR)}/`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
