import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFunction, listFunctionNames, OUT_DIR } from '../../cloudfunctions/_tools/build-functions';
import { contracts } from '../../types';

/**
 * 可部署的产物本身：每个云函数打包为 index.js + package.json + config.json，只依赖 wx-server-sdk；
 * 在离线环境里加载真正的 bundle 并调用 main()，不触达数据库的路径必须回复统一信封。
 */
describe('deployable function bundles', () => {
  let names: string[];
  beforeAll(async () => {
    names = await listFunctionNames();
    for (const n of names) await buildFunction(n);
  }, 60_000);

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
