import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageSizes } from '../../client/tools/package-sizes';

describe('package sizes of the weapp build', () => {
  it('puts files under a subpackage root into that subpackage and everything else into the main package', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sizes-'));
    const put = (rel: string, bytes: number) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), Buffer.alloc(bytes));
    };
    put('app.json', 0);
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/index'], subPackages: [{ root: 'admin' }, { root: 'entry/' }] }));
    put('app.js', 1000);
    put('pages/a/index.js', 200);
    put('admin/x/index.js', 300);
    put('entry/y/index.js', 400);
    put('entryway/z.js', 50); // 名称以 entry 开头但不在分包目录下
    put('project.config.json', 999); // 不随包上传
    const sizes = packageSizes(dir);
    const app = fs.statSync(path.join(dir, 'app.json')).size;
    expect(sizes.map((s) => [s.name, s.bytes])).toEqual([
      ['主包', app + 1000 + 200 + 50],
      ['分包 admin', 300],
      ['分包 entry', 400],
    ]);
  });
});
