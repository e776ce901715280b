import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { inlineTrieAssets } from './inline-assets';

/**
 * 把 cloudfunctions/<name>/index.ts 打包成可部署目录 dist/cloudfunctions/<name>/
 * （index.js + package.json + config.json，用到大文档库的函数另有 vendor/<包名>.js），运行时只依赖 wx-server-sdk。
 * 以 _ 开头的目录是共享代码、本地运行时与工具，不是云函数。
 *
 * issue 8（每个函数包 ≤ 300 KB、冷启动 ≤ 50 ms）：
 * - types/ 下的契约文件视为无副作用：函数经 types/index.ts 引入一个契约时，只打进并构造它真正用到的 zod 模式，
 *   而不是全部 13 个函数的契约（每个 z.object 都在加载时执行）。
 * - pdfmake、pdf-lib、docx、exceljs 不进 index.js：各自打包为 vendor/<包名>.js，
 *   由 _lib/heavy-libs.ts 在生成文件的操作第一次用到时 require；导出列表、任务进度等调用从不加载它们。
 */
export const ROOT = path.resolve(__dirname, '../..');
export const SOURCE_DIR = path.join(ROOT, 'cloudfunctions');
export const OUT_DIR = path.join(ROOT, 'dist/cloudfunctions');

/** 按需加载的大文档库（包名 → 函数目录里的 vendor/<包名>.js）；只能经 _lib/heavy-libs.ts 引用 */
export const LAZY_PACKAGES = ['pdfmake', 'pdf-lib', 'docx', 'exceljs'] as const;
export type LazyPackage = (typeof LAZY_PACKAGES)[number];
export const VENDOR_DIR = 'vendor';
const HEAVY_LIBS = path.join(SOURCE_DIR, '_lib', 'heavy-libs.ts');
const TYPES_DIR = path.join(ROOT, 'types') + path.sep;

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

/**
 * types/ 的契约文件只声明 zod 模式与常量，没有加载时必须发生的副作用（time.ts 的 dayjs.extend 只为它自己的函数服务，
 * 用到其中任何导出时整个文件照样打进来）。告诉 esbuild 这一点，它才能丢掉没用到的部分：
 * - 文件级：桶文件 types/index.ts 里本函数没用到的文件整个不打进来；
 * - 语句级：顶层 `const x = z.object(…)`、`defineContract(…)` 之类的初始化标为 @__PURE__，
 *   同一文件里别的函数的契约（如 engine.ts 里 campaigns 与 entries 两份）没人引用就不在加载时构造。
 * 所以 types/ 里不要写“为了副作用”的顶层初始化（如注册全局的东西）：没人引用时它会从函数包里消失。
 */
export function markTopLevelInitsPure(source: string, fileName: string): string {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { at: number; text: string }[] = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (!init || !ts.isIdentifier(d.name) || !hasCall(init)) continue;
      edits.push({ at: init.getStart(sf), text: '/* @__PURE__ */ (() => (' }, { at: init.getEnd(), text: '))()' });
    }
  }
  let out = source;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

function hasCall(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  return ts.forEachChild(node, hasCall) ?? false;
}

const contractsWithoutSideEffects: Plugin = {
  name: 'contracts-without-side-effects',
  setup(b) {
    b.onLoad({ filter: /[\\/]types[\\/][^\\/]+\.ts$/ }, async (args) => {
      if (!args.path.startsWith(TYPES_DIR)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: markTopLevelInitsPure(source, args.path), loader: 'ts' };
    });
    // 相对路径的 import 都要看：types/ 里的文件彼此也以 './x' 引用
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolving' || args.kind === 'entry-point') return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
      if (r.errors.length || !r.path.startsWith(TYPES_DIR)) return undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

/**
 * heavy-libs.ts 里对大文档库的 require 改指 ./vendor/<包名>.js（留在函数体里：第一次调用时才加载）；
 * 业务代码直接 import 这些包会把几 MB 打回 index.js，构建直接报错（import type 不受影响）。
 */
const lazyVendorPackages: Plugin = {
  name: 'lazy-vendor-packages',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
    b.onResolve({ filter }, (args) => {
      if (args.importer === HEAVY_LIBS && args.kind === 'require-call') return { path: vendorRequirePath(args.path as LazyPackage), external: true };
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { errors: [{ text: `${args.path} 体积大，只能经 cloudfunctions/_lib/heavy-libs.ts 按需加载（类型请用 import type）：${path.relative(ROOT, args.importer)}` }] };
    });
  },
};

const vendorRequirePath = (pkg: LazyPackage) => `./${VENDOR_DIR}/${pkg}.js`;

/** 构建与部署核对（deploy/verify.ts）共用的 esbuild 选项：同一个 import 闭包 */
export function functionBuildOptions(name: string): BuildOptions {
  return {
    entryPoints: [path.join(SOURCE_DIR, name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16', // 云函数运行时 Node.js 16 及以上
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [contractsWithoutSideEffects, lazyVendorPackages],
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
}

/** 一个大文档库单独打包（pdfmake 的依赖加载时读 .trie 数据文件：内联进包） */
async function buildVendor(pkg: LazyPackage, outfile: string): Promise<void> {
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: ROOT, loader: 'js', sourcefile: `vendor:${pkg}` },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [inlineTrieAssets],
    logLevel: 'warning',
  });
}

export interface BuiltFunction {
  name: string;
  /** index.js 的字节数（加载函数时解析的全部代码） */
  bytes: number;
  /** 按需加载的 vendor 文件：包名 → 字节数 */
  vendors: Partial<Record<LazyPackage, number>>;
  /** 整个可部署目录的字节数 */
  folderBytes: number;
}

export async function buildFunction(name: string): Promise<BuiltFunction> {
  const src = path.join(SOURCE_DIR, name);
  const out = path.join(OUT_DIR, name);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({ ...functionBuildOptions(name), outfile: path.join(out, 'index.js') });
  // 只打包 index.js 里（摇树之后）还留着 require 的库：orgSheet 只要 exceljs
  const js = await readFile(path.join(out, 'index.js'), 'utf8');
  const vendors: BuiltFunction['vendors'] = {};
  for (const pkg of LAZY_PACKAGES.filter((p) => js.includes(JSON.stringify(vendorRequirePath(p))))) {
    const file = path.join(out, VENDOR_DIR, `${pkg}.js`);
    await buildVendor(pkg, file);
    vendors[pkg] = (await stat(file)).size;
  }
  await copyFile(path.join(src, 'package.json'), path.join(out, 'package.json'));
  await copyFile(path.join(src, 'config.json'), path.join(out, 'config.json'));
  return { name, bytes: (await stat(path.join(out, 'index.js'))).size, vendors, folderBytes: await folderSize(out) };
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await folderSize(p) : (await stat(p)).size;
  }
  return total;
}

async function main() {
  const names = await listFunctionNames();
  const results = [];
  for (const n of names) results.push(await buildFunction(n));
  const kb = (b: number) => `${(b / 1024).toFixed(1).padStart(8)} KB`;
  for (const r of results) {
    const lazy = Object.entries(r.vendors).map(([p, b]) => `${p} ${(b! / 1024).toFixed(0)} KB`);
    console.log(`${r.name.padEnd(16)} ${kb(r.bytes)}${lazy.length ? `   目录 ${kb(r.folderBytes)}（按需：${lazy.join('、')}）` : ''}`);
  }
  console.log(`已构建 ${results.length} 个云函数 → ${path.relative(ROOT, OUT_DIR)}/`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
