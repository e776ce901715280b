import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFunction, OUT_DIR } from '../../cloudfunctions/_tools/build-functions';

/**
 * exports 的可部署包：pdfmake 的依赖（fontkit、linebreak）在加载时按 __dirname 读 .trie 数据文件，
 * 打包成单个 vendor/pdfmake.js 后必须已内联（inline-assets.ts），否则第一次生成 PDF 就失败；字体不进包（19 MB，见 fonts.ts）。
 * index.js 本身不含文档库（按需加载，见 cloudfunctions/_lib/heavy-libs.ts 与 test/functions/bundles.test.ts）。
 */
describe('exports bundle', () => {
  it('loads and answers, carries the trie data inline, and stays without the CJK font', async () => {
    const { folderBytes } = await buildFunction('exports');
    const pdfmake = await readFile(path.join(OUT_DIR, 'exports', 'vendor', 'pdfmake.js'), 'utf8');
    expect(pdfmake).not.toMatch(/readFileSync\(__dirname\s*\+\s*"\/[\w-]+\.trie"/);
    // 读盘换成了内联的数据（fontkit 的 use.trie 与 linebreak 的 classes.trie 以 base64 嵌入）
    expect(pdfmake.match(/Buffer\.from\("[A-Za-z0-9+/=]{1000,}","base64"\)/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(folderBytes).toBeLessThan(5 * 1024 * 1024);
    const pkg = JSON.parse(await readFile(path.join(OUT_DIR, 'exports', 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
    const config = JSON.parse(await readFile(path.join(OUT_DIR, 'exports', 'config.json'), 'utf8'));
    expect(config).toMatchObject({ timeout: 60, memorySize: 512 });
    expect(Object.keys(config.envVariables)).toEqual(expect.arrayContaining(['EXPORT_FONT_REGULAR_FILEID', 'EXPORT_FONT_BOLD_FILEID', 'OFFICIAL_ACCOUNT_APPID', 'OFFICIAL_ACCOUNT_SECRET']));
    process.env.WX_OPENID = '';
    const mod = require(path.join(OUT_DIR, 'exports', 'index.js'));
    expect(await mod.main({ action: 'no-such-action' }, {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  }, 60_000);
});
