import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { buildFunction, functionBuildOptions, LAZY_PACKAGES, listFunctionNames, OUT_DIR, ROOT, SOURCE_DIR, VENDOR_DIR, type BuiltFunction } from '../../cloudfunctions/_tools/build-functions';
import { contracts, type ExportJob, type Reply } from '../../types';
import { docxParagraphs, pdfText, readWorkbook } from '../exports/files';
import { seededCloud, type SeededCloud } from '../support/local-cloud';

/**
 * 可部署的产物本身：每个云函数打包为 index.js + package.json + config.json，只依赖 wx-server-sdk；
 * 在离线环境里加载真正的 bundle 并调用 main()，不触达数据库的路径必须回复统一信封。
 */
// 每个函数构建一次，各组测试共用
const built: BuiltFunction[] = [];
beforeAll(async () => {
  for (const n of await listFunctionNames()) built.push(await buildFunction(n));
}, 120_000);

describe('deployable function bundles', () => {
  let names: string[];
  beforeAll(() => {
    names = built.map((b) => b.name);
  });

  it('there is one deployable function per contract', () => {
    expect(names).toEqual(Object.keys(contracts).sort());
  });

  it('each bundle depends only on wx-server-sdk and carries its config', async () => {
    for (const n of names) {
      const pkg = JSON.parse(await readFile(path.join(OUT_DIR, n, 'package.json'), 'utf8'));
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
      const config = JSON.parse(await readFile(path.join(OUT_DIR, n, 'config.json'), 'utf8'));
      expect(config.permissions).toBeDefined();
      const js = await readFile(path.join(OUT_DIR, n, 'index.js'), 'utf8');
      expect(js).toContain('require("wx-server-sdk")');
      expect(js).not.toMatch(/@cloudbase\/database|_local\//);
    }
  });

  it('main() answers unknown actions and bad input with the envelope, caller from the platform', async () => {
    process.env.WX_OPENID = '';
    for (const n of names) {
      const mod = require(path.join(OUT_DIR, n, 'index.js'));
      expect(typeof mod.main).toBe('function');
      const unknown = await mod.main({ action: 'no-such-action', userInfo: { openId: 'forged' } }, {});
      expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    }
    const notices = require(path.join(OUT_DIR, 'notices', 'index.js'));
    expect(await notices.main({ action: 'list', pageSize: 0 }, {})).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

/**
 * issue 8：index.js ≤ 300 KB；pdfmake、pdf-lib、docx、exceljs 在函数目录的 vendor/<包名>.js 里，
 * 只有生成文件的操作第一次用到时才加载（cloudfunctions/_lib/heavy-libs.ts）。
 */
describe('bundle layout: small index.js, document libraries loaded on first use', () => {
  const MAX_INDEX_BYTES = 300 * 1024;

  it('every index.js is at most 300 KB; only exports and orgSheet carry vendor files, and only the libraries they use', async () => {
    expect(built.filter((b) => b.bytes > MAX_INDEX_BYTES).map((b) => `${b.name} ${(b.bytes / 1024).toFixed(1)} KB`)).toEqual([]);
    for (const b of built) {
      const js = await readFile(path.join(OUT_DIR, b.name, 'index.js'), 'utf8');
      // 库的代码不在 index.js 里：pdfkit 的文档类、exceljs 的工作簿实现、docx 的打包器都只在 vendor 文件里
      expect(js).not.toMatch(/PDFKit|WorkbookWriter|OoxmlCompiler/);
    }
    const vendors = Object.fromEntries(built.filter((b) => Object.keys(b.vendors).length).map((b) => [b.name, Object.keys(b.vendors).sort()]));
    expect(vendors).toEqual({ exports: ['docx', 'exceljs', 'pdf-lib', 'pdfmake'], orgSheet: ['exceljs'] });
    for (const b of built) {
      for (const pkg of LAZY_PACKAGES) {
        const file = path.join(OUT_DIR, b.name, VENDOR_DIR, `${pkg}.js`);
        expect({ pkg, present: existsSync(file) }).toEqual({ pkg, present: pkg in b.vendors });
      }
    }
  });

  it('a fresh node process requiring index.js (as the bench measures cold start) loads no vendor file', () => {
    for (const name of ['exports', 'orgSheet']) {
      const index = path.join(OUT_DIR, name, 'index.js');
      const vendor = path.join(OUT_DIR, name, VENDOR_DIR, 'exceljs.js');
      const script = [
        `const mod = require(${JSON.stringify(index)});`,
        `const vendorLoaded = () => Object.keys(require.cache).filter((k) => k.includes(${JSON.stringify(`${path.sep}${VENDOR_DIR}${path.sep}`)}));`,
        'const before = vendorLoaded();',
        // 反证：同一种查法确实看得见已加载的 vendor 文件
        `require(${JSON.stringify(vendor)});`,
        'process.stdout.write(JSON.stringify({ main: typeof mod.main, before, after: vendorLoaded().length }));',
      ].join('\n');
      const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WX_OPENID: '' } });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ main: 'function', before: [], after: 1 });
    }
  }, 60_000);

  /** 用构建本身的选项（插件）打包一段入口代码，不写文件 */
  const bundleSnippet = (contents: string, minify = false) =>
    build({ ...functionBuildOptions('session'), entryPoints: undefined, stdin: { contents, resolveDir: path.join(SOURCE_DIR, '_lib'), sourcefile: 'snippet.ts', loader: 'ts' }, minify, write: false, logLevel: 'silent' });

  it('a function builds only the contracts it uses, even when they share a file (engine.ts: campaigns and entries)', async () => {
    const out = (await bundleSnippet("import { entriesContract } from '../../types';\nconsole.log(entriesContract);")).outputFiles![0].text;
    expect(out).toContain('defineContract("entries"');
    expect(out).not.toContain('defineContract("campaigns"'); // 同在 types/engine.ts
    expect(out).not.toContain('defineContract("reviews"'); // 桶文件 types/index.ts 里的其他文件
  });

  it('importing a document library directly (not through _lib/heavy-libs.ts) fails the build', async () => {
    await expect(bundleSnippet("import ExcelJS from 'exceljs';\nconsole.log(new ExcelJS.Workbook());")).rejects.toThrow(/heavy-libs\.ts/);
    // 只用类型的 import 在编译时被擦掉，照常构建
    await expect(bundleSnippet("import type ExcelJS from 'exceljs';\nexport const f = (w: ExcelJS.Workbook) => w.creator;")).resolves.toBeDefined();
  });

  it('pdf-lib and docx vendor files load on their own and work', async () => {
    const pdfLib = require(path.join(OUT_DIR, 'exports', VENDOR_DIR, 'pdf-lib.js')) as typeof import('pdf-lib');
    const doc = await pdfLib.PDFDocument.create();
    doc.addPage([595, 842]);
    const reread = await pdfLib.PDFDocument.load(await doc.save());
    expect(reread.getPageCount()).toBe(1);
    const docx = require(path.join(OUT_DIR, 'exports', VENDOR_DIR, 'docx.js')) as typeof import('docx');
    const bytes = await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [new docx.Paragraph({ children: [new docx.TextRun('汇编')] })] }] }));
    expect(await docxParagraphs(bytes)).toEqual(['汇编']);
  }, 60_000);
});

/**
 * 部署产物本身跑一次导出：wx-server-sdk 换成接在本地运行时上的替身（数据库、文件与生产的端口一致），
 * 每个 vendor 文件的加载被记下来——查任务列表不加载任何库，汇总表只加载 exceljs，评价表加载 pdfmake。
 */
describe('the built exports and orgSheet bundles run their actions, loading each library on first use', () => {
  let s: SeededCloud;
  let caller = '';
  const loaded: string[] = [];
  type Main = (event: object, context: object) => Promise<Reply<unknown>>;
  let exportsMain: Main;
  let orgSheetMain: Main;

  beforeAll(async () => {
    s = await seededCloud({ clock: { now: () => new Date('2026-12-01T02:00:00Z') } });
    const files = s.cloud.files;
    const fakeSdk = {
      DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
      init: jest.fn(),
      getWXContext: () => ({ OPENID: caller, APPID: caller ? 'local-appid' : undefined }),
      database: () => s.cloud.database.db,
      uploadFile: ({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) => files.upload(cloudPath, fileContent),
      downloadFile: async ({ fileID }: { fileID: string }) => ({ fileContent: await files.download(fileID) }),
      getTempFileURL: async ({ fileList }: { fileList: { fileID: string; maxAge: number }[] }) => ({ fileList: await files.tempUrls(fileList.map((f) => f.fileID), fileList[0]?.maxAge) }),
      deleteFile: ({ fileList }: { fileList: string[] }) => files.remove(fileList),
    };
    jest.doMock('wx-server-sdk', () => fakeSdk);
    for (const n of ['exports', 'orgSheet']) {
      for (const pkg of LAZY_PACKAGES) {
        const file = path.join(OUT_DIR, n, VENDOR_DIR, `${pkg}.js`);
        if (!existsSync(file)) continue;
        jest.doMock(file, () => {
          loaded.push(`${n}/${pkg}`);
          return jest.requireActual(file);
        });
      }
    }
    jest.isolateModules(() => {
      exportsMain = require(path.join(OUT_DIR, 'exports', 'index.js')).main;
      orgSheetMain = require(path.join(OUT_DIR, 'orgSheet', 'index.js')).main;
    });
  }, 120_000);
  afterAll(async () => {
    jest.dontMock('wx-server-sdk');
    await s?.cloud.close();
  });

  async function call<T>(main: Main, event: object, personId: string): Promise<T> {
    caller = s.openidOf(personId);
    const reply = await main(event, { request_id: 'bundle-test' });
    if (!reply.ok) throw new Error(`${JSON.stringify(event)} failed: ${reply.code} ${reply.message}`);
    return reply.data as T;
  }

  it('exports.list answers without loading any document library', async () => {
    const page = await call<{ items: ExportJob[] }>(exportsMain, { action: 'list' }, 'p-dept-wang');
    expect(page.items).toEqual([]);
    expect(loaded).toEqual([]);
  });

  it('summaryXlsx (B3) loads exceljs only and the table reads back', async () => {
    const job = await call<ExportJob>(exportsMain, { action: 'summaryXlsx', campaignId: 'c-2026-b' }, 'p-dept-wang');
    expect(job).toMatchObject({ kind: 'summaryXlsx', status: 'done', progress: 100, error: null });
    expect(loaded).toEqual(['exports/exceljs']);
    const wb = await readWorkbook(await s.cloud.files.download(job.fileID!));
    expect((wb.getWorksheet('立项结果汇总表')!.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['序号', '单位', '支部']);
    const listed = await call<{ items: ExportJob[] }>(exportsMain, { action: 'list' }, 'p-dept-wang');
    expect(listed.items.map((j) => j.kind)).toEqual(['summaryXlsx']);
  }, 60_000);

  it('the 评价表 (C1.4) loads pdfmake (its .trie data inlined in the vendor file) and reads back', async () => {
    const job = await call<ExportJob>(exportsMain, { action: 'evaluationForm', entryId: 'e-2026-a-cs-staff1' }, 'p-ua-cs');
    expect(job.status).toBe('done');
    expect(loaded).toEqual(['exports/exceljs', 'exports/pdfmake']);
    const text = pdfText(await s.cloud.files.download(job.fileID!));
    expect(text).toContain('评价表');
    expect(text).toContain('分党委（盖章）');
  }, 90_000);

  it('orgSheet loads its own exceljs only when the template is made', async () => {
    const before = loaded.length;
    const out = await call<{ fileID: string }>(orgSheetMain, { action: 'template' }, 'p-dept-wang');
    expect(loaded.slice(before)).toEqual(['orgSheet/exceljs']);
    const wb = await readWorkbook(await s.cloud.files.download(out.fileID));
    expect(wb.worksheets.map((w) => w.name)).toContain('人员');
  }, 60_000);
});
