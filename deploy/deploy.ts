import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeployConfigError, loadDeployConfig, requireConfig, type ConfigNeed } from './config';
import { readDeclarations, ROOT } from './declarations';
import { buildPlan, formatPlan, type DeployPlan } from './plan';
import { verifyAgainstCode } from './verify';

/**
 * npm run deploy [-- --dry-run] [--json] [--bootstrap-admin] [--version 1.2.0] [--desc 说明]
 *
 * 计划完全由代码里的声明与配置算出（plan.ts）；--dry-run 打印计划后退出，不加载 miniprogram-ci /
 * @cloudbase/manager-node、不访问网络，缺少的配置标成“将失败”。不带 --dry-run 时先核对声明与配置，
 * 任何一处不齐都不开始，然后由 adapter.ts 逐步执行同一份计划。
 */

export interface CliOptions {
  dryRun: boolean;
  json: boolean;
  bootstrapAdmin: boolean;
  version: string;
  desc: string;
}

export function parseArgs(argv: string[], now: Date): CliOptions {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const opts: CliOptions = { dryRun: false, json: false, bootstrapAdmin: false, version: pkg.version, desc: `部署于 ${now.toISOString().slice(0, 10)}` };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--bootstrap-admin') opts.bootstrapAdmin = true;
    else if (a === '--version') opts.version = argv[++i] ?? '';
    else if (a === '--desc') opts.desc = argv[++i] ?? '';
    else throw new Error(`不认识的参数 / unknown argument: ${a}`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(opts.version)) throw new Error(`--version 须形如 1.2.3 / must look like 1.2.3: ${opts.version}`);
  return opts;
}

export async function makePlan(opts: CliOptions, env: Record<string, string | undefined>, now: Date): Promise<{ plan: DeployPlan; loaded: ReturnType<typeof loadDeployConfig> }> {
  const loaded = loadDeployConfig({ env });
  const decls = await readDeclarations();
  const code = await verifyAgainstCode(decls);
  const plan = buildPlan(decls, loaded, { now, version: opts.version, desc: opts.desc, bootstrapAdmin: opts.bootstrapAdmin, codeProblems: code.problems });
  return { plan, loaded };
}

export async function main(argv: string[], env: Record<string, string | undefined> = process.env, out: (s: string) => void = (s) => console.log(s)): Promise<number> {
  const now = new Date();
  const opts = parseArgs(argv, now);
  const { plan, loaded } = await makePlan(opts, env, now);
  if (opts.dryRun) {
    out(opts.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    return plan.declarationProblems.length ? 2 : 0;
  }
  // 真正部署：配置缺项与声明问题都在动手之前拦下，什么都不做
  const needs: ConfigNeed[] = ['build', 'upload', 'cloudApi', 'subscriptions', 'exports', 'officialAccount'];
  const cfg = requireConfig(loaded, needs, opts.bootstrapAdmin ? ['bootstrap'] : []);
  if (plan.declarationProblems.length) {
    out(formatPlan(plan));
    out('声明与代码不一致，未开始部署 / declarations do not match the code; nothing was deployed');
    return 2;
  }
  // 只有真正部署才加载适配器（及其中的 miniprogram-ci、@cloudbase/manager-node）
  const { executePlan } = await import('./adapter');
  const res = await executePlan(plan, cfg, out);
  if (res.inviteCode) {
    out(`首位组织部管理员的绑定邀请码：${res.inviteCode}（${res.inviteExpiresAt?.toISOString()} 前有效）`);
    out(`在小程序“我的 → 绑定身份”输入，或打开 pages/bind/index?code=${res.inviteCode}`);
  }
  out('部署完成。下一步见 README“部署”：设体验版、提交审核与发布。');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err) => {
      console.error(err instanceof DeployConfigError ? err.message : err);
      process.exit(1);
    });
}
