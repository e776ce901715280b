import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SOURCE_DIR } from '../../cloudfunctions/_tools/build-functions';
import type { IndexDeclaration } from '../../cloudfunctions/_lib/db';
import { cloudFunctions, COLLECTION_NAMES, indexDeclarations } from '../../cloudfunctions/registry';
import { loadDeployConfig } from '../../deploy/config';
import { readDeclarations, ROOT, type Declarations } from '../../deploy/declarations';
import { buildPlan, type DeployPlan, type PlanStep } from '../../deploy/plan';
import { collectionsUsedInCode, PORT_OPENAPI, verifyAgainstCode } from '../../deploy/verify';

/**
 * 部署计划完整且与代码一致。每一项都从与计划无关的第二个来源核对：
 * 目录里的 package.json、config.json 原文、源码里的 collection(…) 与端口调用、各模块导出的索引声明。
 * 有人新增函数、集合、索引、定时触发器或开放接口调用而没有声明时，这里变红。
 */

const FULL_ENV = {
  WX_APPID: 'wx0123456789abcdef',
  CLOUD_ENV: 'prod-1a2b3c',
  WX_PRIVATE_KEY_PATH: 'package.json', // 只需一个存在的文件
  TENCENTCLOUD_SECRETID: 'AKIDtest',
  TENCENTCLOUD_SECRETKEY: 'S3cr3t-do-not-print',
  SUBSCRIBE_TEMPLATE_RESULT: 'tmpl-result-0123456789',
  SUBSCRIBE_TEMPLATE_CORRECTION: 'tmpl-correction-0123456789',
  SUBSCRIBE_TEMPLATE_DEADLINE: 'tmpl-deadline-0123456789',
  EXPORT_FONT_REGULAR_FILEID: 'cloud://prod-1a2b3c.7072-prod/fonts/NotoSansCJK-Regular.ttc',
  EXPORT_FONT_BOLD_FILEID: 'cloud://prod-1a2b3c.7072-prod/fonts/NotoSansCJK-Bold.ttc',
  SCHOOL_NAME: '北辰大学',
};
const NOW = new Date('2026-11-30T16:00:00Z'); // 北京时间 12-01 00:00

/** 独立于构建工具的函数目录判定：cloudfunctions/ 下不以 _ 开头、带 package.json 的目录 */
function functionFolders(): string[] {
  return readdirSync(SOURCE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && existsSync(path.join(SOURCE_DIR, e.name, 'package.json')))
    .map((e) => e.name)
    .sort();
}

function rawConfig(name: string): { permissions?: { openapi?: string[] }; triggers?: { name: string; config: string }[]; timeout?: number; memorySize?: number; envVariables?: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(SOURCE_DIR, name, 'config.json'), 'utf8'));
}

const stepsOf = <K extends PlanStep['action']['kind']>(plan: DeployPlan, kind: K) =>
  plan.steps.filter((s) => s.action.kind === kind).map((s) => s.action as Extract<PlanStep['action'], { kind: K }>);

describe('deployment plan (issue 9): complete and matching the code', () => {
  let decls: Declarations;
  let codeProblems: string[];
  let plan: DeployPlan;
  beforeAll(async () => {
    decls = await readDeclarations();
    codeProblems = (await verifyAgainstCode(decls)).problems;
    plan = buildPlan(decls, loadDeployConfig({ env: FULL_ENV, secretsFile: '/nonexistent/local.secrets.json' }), {
      now: NOW,
      version: '1.0.0',
      desc: 'test',
      bootstrapAdmin: false,
      codeProblems,
    });
  }, 120_000);

  it('declarations and code agree (no config.json/registry/collection/openapi/env problems)', () => {
    expect(plan.declarationProblems).toEqual([]);
  });

  it('every folder with a package.json is uploaded and configured with its config.json timeout and memory', () => {
    const folders = functionFolders();
    expect(folders.length).toBeGreaterThan(5);
    expect(stepsOf(plan, 'uploadFunction').map((a) => a.name).sort()).toEqual(folders);
    expect(Object.keys(cloudFunctions).sort()).toEqual(folders);
    for (const c of stepsOf(plan, 'configureFunction')) {
      const raw = rawConfig(c.name);
      expect({ name: c.name, timeout: c.timeout, memorySize: c.memorySize }).toEqual({ name: c.name, timeout: raw.timeout, memorySize: raw.memorySize });
      expect(Object.keys(c.envVariables).sort()).toEqual(Object.keys(raw.envVariables ?? {}).sort());
    }
    for (const u of stepsOf(plan, 'uploadFunction')) {
      expect(u.path).toBe(`dist/cloudfunctions/${u.name}`);
      expect(u.openapi.sort()).toEqual([...(rawConfig(u.name).permissions?.openapi ?? [])].sort());
    }
  });

  it('every collection is created and closed to the client (ADMINONLY), and every name used in code is declared', async () => {
    expect(stepsOf(plan, 'createCollection').map((a) => a.collection).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(stepsOf(plan, 'setCollectionAcl').map((a) => `${a.collection}:${a.acl}`).sort()).toEqual([...COLLECTION_NAMES].map((c) => `${c}:ADMINONLY`).sort());
    const { used } = await collectionsUsedInCode();
    // 扫描确实解析出了常量与字面量两种写法
    expect(used.map((u) => u.name)).toEqual(expect.arrayContaining(['invites', 'branches', 'bindings', 'entries', 'audit']));
    const undeclared = [...new Set(used.map((u) => u.name))].filter((n) => !(COLLECTION_NAMES as readonly string[]).includes(n));
    expect(undeclared).toEqual([]);
  });

  it('every index declared next to a query is in the registry and in the plan', () => {
    const planned = stepsOf(plan, 'ensureIndex').map((a) => `${a.collection}.${a.index.name}`);
    expect(planned.sort()).toEqual([...new Set(indexDeclarations.map((d) => `${d.collection}.${d.name}`))].sort());
    // 第二个来源：源码里所有导出的 IndexDeclaration[]，逐个加载，内容都必须在 registry 的汇总里
    const files = walk(SOURCE_DIR).filter((f) => /\.ts$/.test(f) && !f.includes('/_local/'));
    const exported: { file: string; decl: IndexDeclaration }[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/export const (\w+)\s*:\s*IndexDeclaration\[\]/g)) {
        const mod = require(f) as Record<string, IndexDeclaration[]>;
        for (const decl of mod[m[1]]) exported.push({ file: path.relative(ROOT, f), decl });
      }
    }
    expect(exported.length).toBeGreaterThan(5);
    const key = (d: IndexDeclaration) => JSON.stringify([d.collection, d.name, d.keys, !!d.unique]);
    const registered = new Set(indexDeclarations.map(key));
    expect(exported.filter((e) => !registered.has(key(e.decl))).map((e) => `${e.file}: ${e.decl.collection}.${e.decl.name}`)).toEqual([]);
  });

  it('every timer trigger is planned with a valid 7-field cron read as Beijing time, and pairs with the function’s timer action', () => {
    const triggers = stepsOf(plan, 'createTimeTrigger');
    const fromFiles = functionFolders().flatMap((n) => (rawConfig(n).triggers ?? []).map((t) => `${n}.${t.name}:${t.config}`));
    expect(triggers.map((t) => `${t.name}.${t.trigger.name}:${t.trigger.config}`).sort()).toEqual(fromFiles.sort());
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) {
      expect(t.schedule).toMatch(/北京时间/);
      expect(t.next).toHaveLength(3);
      expect(cloudFunctions[t.name].timerAction).toBeTruthy();
    }
    // A8 逾期取消资格：每小时第 5 分，北京时间
    const entries = triggers.find((t) => t.name === 'entries')!;
    expect(entries.next).toEqual(['2026-12-01 00:05:00', '2026-12-01 01:05:00', '2026-12-01 02:05:00']);
    for (const [name, fn] of Object.entries(cloudFunctions)) {
      expect({ name, hasTrigger: (rawConfig(name).triggers ?? []).length > 0 }).toEqual({ name, hasTrigger: !!fn.timerAction });
    }
  });

  it('every openapi the code calls is declared by the function that bundles the call', async () => {
    // 交叉核对本身能发现问题：把 entries 的声明拿掉，核对必须报出 security.msgSecCheck（submit 的文字检查）
    const stripped: Declarations = { ...decls, functions: decls.functions.map((f) => (f.name === 'entries' ? { ...f, openapi: [] } : f)) };
    const res = await verifyAgainstCode(stripped);
    expect(res.problems.filter((p) => p.startsWith('entries:'))).toContainEqual(expect.stringMatching(/security\.msgSecCheck.*transitions\.handler\.ts|transitions\.handler\.ts.*security\.msgSecCheck/));
    expect(res.problems.filter((p) => !p.startsWith('entries:'))).toEqual(codeProblems.filter((p) => !p.startsWith('entries:')));
    const planned = stepsOf(plan, 'uploadFunction').flatMap((u) => u.openapi.map((a) => `${u.name}:${a}`));
    for (const u of res.usage) for (const api of u.openapi.keys()) expect(planned).toContain(`${u.name}:${api}`);
  }, 120_000);

  it('every openapi the production adapter calls has a port mapping, so its callers are found', () => {
    const adapter = readFileSync(path.join(ROOT, 'cloudfunctions/_lib/wechat.ts'), 'utf8');
    const called = [...adapter.matchAll(/\bopenapi\.([a-zA-Z]+)\.([a-zA-Z]+)\(/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(called.length).toBeGreaterThan(0);
    expect([...new Set(called)].filter((api) => !PORT_OPENAPI.some((p) => p.openapi === api))).toEqual([]);
  });

  it('is ordered: build, database, functions, storage, seed, mini-program; nothing would fail with a full configuration', () => {
    const phases = plan.steps.map((s) => s.phase);
    const order = ['build', 'database', 'functions', 'storage', 'seed', 'miniprogram', 'manual'];
    expect(phases).toEqual([...phases].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(plan.steps.filter((s) => s.wouldFail.length)).toEqual([]);
    expect(plan.steps.map((s) => s.n)).toEqual(plan.steps.map((_, i) => i + 1));
    const seed = stepsOf(plan, 'seed');
    expect(seed).toEqual([
      expect.objectContaining({ collection: 'notices', ids: ['n-2021-53', 'n-2022-5', 'n-2021-8', 'n-2024-64', 'n-2014-e'] }),
      expect.objectContaining({ collection: 'campaigns', ids: ['c-2021-a', 'c-2022-b', 'c-2021-c', 'c-2024-d', 'c-2014-e'] }),
    ]);
    expect(stepsOf(plan, 'uploadMiniprogram')).toEqual([expect.objectContaining({ version: '1.0.0' })]);
    expect(stepsOf(plan, 'buildWeapp')[0].env).toEqual({ CLOUD_ENV: 'prod-1a2b3c', APP_TITLE: '基层党建' });
    expect(plan.school).toBe('北辰大学');
  });

  it('subscription template env variables come from the configuration, never from the repository', () => {
    for (const c of stepsOf(plan, 'configureFunction')) {
      for (const [k, v] of Object.entries(c.envVariables)) {
        expect(rawConfig(c.name).envVariables?.[k]).toBe('');
        if (k.startsWith('SUBSCRIBE_TEMPLATE_')) expect(v.from).toBe(`subscriptions.${k.slice('SUBSCRIBE_TEMPLATE_'.length).toLowerCase()}.templateId`);
      }
    }
  });
});

describe('npm run deploy -- --dry-run (the real CLI, network and deploy SDKs blocked)', () => {
  function dryRun(args: string[], env: Record<string, string>) {
    const res = spawnSync('npx', ['tsx', 'deploy/deploy.ts', '--dry-run', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network.cjs')}`, ...env } as unknown as NodeJS.ProcessEnv,
      timeout: 120_000,
    });
    return res;
  }

  it('prints the full plan as JSON with no secrets configured, marking what would fail', () => {
    const res = dryRun(['--json', '--bootstrap-admin'], {});
    expect(res.stderr).not.toMatch(/BLOCKED/);
    expect([0, 2]).toContain(res.status);
    const plan = JSON.parse(res.stdout) as DeployPlan;
    expect(plan.summary.functions.sort()).toEqual(functionFolders());
    expect(plan.summary.collections.sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(plan.summary.indexes.sort()).toEqual([...new Set(indexDeclarations.map((d) => `${d.collection}.${d.name}`))].sort());
    const upload = plan.steps.find((s) => s.action.kind === 'uploadFunction')!;
    expect(upload.wouldFail).toEqual(expect.arrayContaining([expect.stringMatching(/appId（WX_APPID）/), expect.stringMatching(/privateKeyPath（WX_PRIVATE_KEY_PATH）/)]));
    const bootstrap = plan.steps.find((s) => s.action.kind === 'bootstrapAdmin')!;
    expect(bootstrap.wouldFail).toEqual(expect.arrayContaining([expect.stringMatching(/BOOTSTRAP_ADMIN_NAME/)]));
    expect(plan.configProblems.join('\n')).toMatch(/CLOUD_ENV/);
  }, 150_000);

  it('human-readable: every function, collection and trigger appears, times in Beijing time', () => {
    const res = dryRun([], { ...FULL_ENV });
    expect(res.stderr).not.toMatch(/BLOCKED/);
    for (const f of functionFolders()) expect(res.stdout).toContain(`上传云函数 ${f}（`);
    for (const c of COLLECTION_NAMES) expect(res.stdout).toContain(`集合 ${c}：不存在则创建`);
    expect(res.stdout).toMatch(/定时触发器 entries\.disqualifyOverdue：0 5 \* \* \* \* \*（北京时间每小时第 5 分）/);
    expect(res.stdout).toMatch(/配置齐全|声明有/);
    expect(res.stdout).not.toContain('S3cr3t-do-not-print'); // 密钥不打印
  }, 150_000);
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]));
}
