import fs from 'node:fs';
import path from 'node:path';

/**
 * 小程序分包体积：读构建产物 dist/weapp（或参数给的目录），按 app.json 的 subPackages 把文件归到各分包，
 * 其余都算主包。微信的上限：主包与每个分包各 2 MB；本项目的目标：主包 ≤ 600 KB、每个分包 ≤ 1 MB（issue 8）。
 * 用法：tsx client/tools/package-sizes.ts [dist/weapp] [--json]
 */
export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: number;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export function packageSizes(distDir: string): PackageSize[] {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, PackageSize>([['', { name: '主包', root: '', bytes: 0, files: 0 }]]);
  for (const r of roots) sizes.set(r, { name: `分包 ${r}`, root: r, bytes: 0, files: 0 });
  for (const file of walk(distDir)) {
    const rel = path.relative(distDir, file).split(path.sep).join('/');
    // 开发者工具的项目配置不随包上传
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue;
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? '';
    const s = sizes.get(root)!;
    s.bytes += fs.statSync(file).size;
    s.files += 1;
  }
  return [...sizes.values()];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? 'dist/weapp';
  const sizes = packageSizes(dir);
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(sizes, null, 2)}\n`);
  } else {
    for (const s of sizes) console.log(`${s.name.padEnd(16)} ${kb(s.bytes).padStart(10)}  ${String(s.files).padStart(4)} 个文件`);
    console.log(`${'合计'.padEnd(16)} ${kb(sizes.reduce((a, s) => a + s.bytes, 0)).padStart(10)}`);
  }
}
