import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFunction, OUT_DIR } from '../../cloudfunctions/_tools/build-functions';

/**
 * exports 的可部署包：pdfmake 的依赖（fontkit、linebreak）在加载时按 __dirname 读 .trie 数据文件，
 * 打包成单个 index.js 后必须已内联（inline-assets.ts），否则云端一加载就失败；字体不进包（19 MB，见 fonts.ts）。
 */
describe('exports bundle', () => {
  it('loads and answers, carries the trie data inline, and stays without the CJK font', async () => {
    const { bytes } = await buildFunction('exports');
    const js = await readFile(path.join(OUT_DIR, 'exports', 'index.js'), 'utf8');
    expect(js).not.toMatch(/readFileSync\(__dirname\s*\+\s*"\/[\w-]+\.trie"/);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
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
