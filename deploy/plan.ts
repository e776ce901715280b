import type { IndexDeclaration } from '../cloudfunctions/_lib/db';
import { SUBSCRIPTION_TEMPLATES, type SubscriptionKey } from '../types/subscriptions';
import { CONFIG_ITEMS, describeProblem, problemsFor, type ConfigNeed, type ConfigProblem, type LoadedConfig } from './config';
import { describeCron, formatCst, nextFires } from './cron';
import type { Declarations } from './declarations';
import { baseSeeds, FIRST_ADMIN_ID, FIRST_ADMIN_INVITE_HOURS } from './seed';

/**
 * 部署计划：由代码里的声明（declarations.ts）与配置（config.ts）算出的、有序的全部步骤。
 * 计划是纯数据：--dry-run 只打印它；真正部署时由适配器（adapter.ts）逐步执行同一份计划，
 * 所以“演练看到的”就是“部署会做的”。
 */

export type StepAction =
  | { kind: 'buildWeapp'; env: Record<string, string> }
  | { kind: 'buildFunctions'; functions: string[] }
  | { kind: 'createCollection'; collection: string }
  | { kind: 'setCollectionAcl'; collection: string; acl: 'ADMINONLY' }
  | { kind: 'ensureIndex'; collection: string; index: IndexDeclaration }
  | { kind: 'uploadFunction'; name: string; path: string; remoteNpmInstall: true; openapi: string[] }
  | { kind: 'configureFunction'; name: string; timeout: number; memorySize: number; envVariables: Record<string, { from: string; secret: boolean }> }
  | { kind: 'createTimeTrigger'; name: string; trigger: { name: string; type: 'timer'; config: string }; schedule: string; next: string[] }
  | { kind: 'setStorageAcl'; acl: 'PRIVATE' }
  | { kind: 'seed'; collection: string; ids: string[]; why: string }
  | { kind: 'bootstrapAdmin'; personId: string; validHours: number }
  | { kind: 'uploadMiniprogram'; version: string; desc: string; projectPath: string }
  | { kind: 'manual'; text: string };

export interface PlanStep {
  n: number;
  phase: 'build' | 'database' | 'functions' | 'storage' | 'seed' | 'miniprogram' | 'manual';
  title: string;
  action: StepAction;
  /** 演练时：缺了哪些配置会使这一步失败（真正部署时这些缺项直接报错，不开始部署） */
  wouldFail: string[];
}

export interface DeployPlan {
  generatedAt: string;
  cloudEnv: string | null;
  appId: string | null;
  school: string | null;
  /** 声明本身的错误与声明/代码不一致之处：有任何一条都不会开始部署 */
  declarationProblems: string[];
  configProblems: string[];
  steps: PlanStep[];
  summary: {
    functions: string[];
    collections: string[];
    indexes: string[];
    triggers: string[];
    openapi: string[];
    envVariables: string[];
    subscriptionTemplates: Array<{ key: SubscriptionKey; title: string; fields: Array<{ key: string; type: string; label: string }> }>;
  };
}

export interface PlanOptions {
  now: Date;
  version: string;
  desc: string;
  bootstrapAdmin: boolean;
  /** verify.ts 的结果（代码实际用法与声明的差异） */
  codeProblems?: string[];
}

const ENV_SOURCE = new Map(CONFIG_ITEMS.map((i) => [i.env, i]));

function readPath(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function buildPlan(decls: Declarations, loaded: LoadedConfig, opts: PlanOptions): DeployPlan {
  const steps: PlanStep[] = [];
  const declarationProblems = [...decls.errors, ...(opts.codeProblems ?? [])];
  // 步骤里只写缺项的键与环境变量名；完整说明在计划开头列一次
  const short = (p: ConfigProblem) => `${p.kind === 'missing' ? '缺少' : '格式不对'} ${p.item.key}（${p.item.env}）`;
  const missing = (...needs: ConfigNeed[]) => needs.flatMap((n) => problemsFor(loaded, n)).map(short).filter((v, i, a) => a.indexOf(v) === i);
  const add = (phase: PlanStep['phase'], title: string, action: StepAction, needs: ConfigNeed[] = [], extra: string[] = []) =>
    steps.push({ n: steps.length + 1, phase, title, action, wouldFail: [...missing(...needs), ...extra] });
  const cfg = loaded.config;

  // 1. 构建：云环境 id 与学校名在构建时写进小程序
  add(
    'build',
    `构建小程序（CLOUD_ENV=${cfg.cloudEnv ?? '?'}，标题“${cfg.school.appTitle ?? '基层党建'}”）→ dist/weapp/`,
    { kind: 'buildWeapp', env: { CLOUD_ENV: cfg.cloudEnv ?? '', APP_TITLE: cfg.school.appTitle ?? '' } },
    ['build'],
  );
  add('build', `打包 ${decls.functions.length} 个云函数 → dist/cloudfunctions/<name>/`, { kind: 'buildFunctions', functions: decls.functions.map((f) => f.name) });

  // 2. 数据库：先于函数——云数据库读不存在的集合会报错，定时触发器可能在上传后立刻执行
  for (const c of decls.collections) {
    add('database', `集合 ${c.name}：不存在则创建`, { kind: 'createCollection', collection: c.name }, ['cloudApi']);
    add('database', `集合 ${c.name}：权限设为“仅管理端可读写”（小程序端不直接访问，全部经云函数）`, { kind: 'setCollectionAcl', collection: c.name, acl: 'ADMINONLY' }, ['cloudApi']);
    for (const ix of c.indexes) {
      const keys = Object.entries(ix.keys)
        .map(([k, d]) => `${k}${d === -1 ? '↓' : '↑'}`)
        .join(' + ');
      add('database', `索引 ${c.name}.${ix.name}（${keys}${ix.unique ? '，唯一' : ''}）：不存在则创建`, { kind: 'ensureIndex', collection: c.name, index: ix }, ['cloudApi']);
    }
  }

  // 3. 云函数：上传（config.json 里的开放接口权限随代码生效）、运行配置与环境变量、定时触发器
  for (const f of decls.functions) {
    add(
      'functions',
      `上传云函数 ${f.name}（${f.distDir}，云端安装依赖；开放接口：${f.openapi.length ? f.openapi.join('、') : '无'}）`,
      { kind: 'uploadFunction', name: f.name, path: f.distDir, remoteNpmInstall: true, openapi: f.openapi },
      ['upload'],
    );
    const envVariables: Record<string, { from: string; secret: boolean }> = {};
    const unknownEnv: string[] = [];
    for (const k of f.envVariables) {
      const item = ENV_SOURCE.get(k);
      if (!item) {
        unknownEnv.push(`环境变量 ${k} 没有对应的配置项（在 deploy/config.ts 的 CONFIG_ITEMS 里加一项）`);
        continue;
      }
      envVariables[k] = { from: item.key, secret: !!item.secret };
      for (const p of loaded.problems) if (p.item.env === k) unknownEnv.push(short(p));
    }
    add(
      'functions',
      `云函数 ${f.name}：超时 ${f.timeout} 秒、内存 ${f.memorySize} MB${f.envVariables.length ? `、环境变量 ${f.envVariables.join('、')}` : ''}`,
      { kind: 'configureFunction', name: f.name, timeout: f.timeout, memorySize: f.memorySize, envVariables },
      ['cloudApi'],
      unknownEnv,
    );
    for (const t of f.triggers) {
      const schedule = describeCron(t.cron);
      add(
        'functions',
        `定时触发器 ${f.name}.${t.name}：${t.config}（${schedule}）→ 执行 ${f.timerAction ?? '?'}`,
        { kind: 'createTimeTrigger', name: f.name, trigger: { name: t.name, type: 'timer', config: t.config }, schedule, next: nextFires(t.cron, opts.now, 3).map(formatCst) },
        ['upload'],
      );
    }
  }

  // 4. 云存储：材料与照片只经云函数发临时链接，不公开可读
  add('storage', '云存储权限设为“仅创建者及管理员可读写”（材料经云函数发放临时链接）', { kind: 'setStorageAcl', acl: 'PRIVATE' }, ['cloudApi']);

  // 5. 初始数据
  for (const seed of baseSeeds()) {
    add('seed', `写入${seed.why}：${seed.docs.map((d) => d._id).join('、')}（已存在则跳过）`, { kind: 'seed', collection: seed.collection, ids: seed.docs.map((d) => d._id), why: seed.why }, ['cloudApi']);
  }
  if (opts.bootstrapAdmin) {
    add(
      'seed',
      `写入首位组织部管理员 ${cfg.bootstrapAdmin.name ?? '?'}（${cfg.bootstrapAdmin.personNo ?? '?'}）与 ${FIRST_ADMIN_INVITE_HOURS} 小时有效的绑定邀请码（部署结束时打印）`,
      { kind: 'bootstrapAdmin', personId: FIRST_ADMIN_ID, validHours: FIRST_ADMIN_INVITE_HOURS },
      ['cloudApi'],
      // 首位管理员的几项平时可选，加了 --bootstrap-admin 就必填
      CONFIG_ITEMS.filter((i) => i.needs.includes('bootstrap') && readPath(cfg, i.key) === undefined && !loaded.problems.some((p) => p.item.key === i.key)).map(
        (i) => `缺少 ${i.key}（${i.env}）`,
      ),
    );
  } else {
    add('seed', '首位组织部管理员：未加 --bootstrap-admin，不写入（只在首次部署时加）', { kind: 'manual', text: 'first deployment: add --bootstrap-admin' });
  }

  // 6. 小程序代码：上传为开发版，提交审核与发布在公众平台上点
  add('miniprogram', `上传小程序代码 版本 ${opts.version}（${opts.desc}）`, { kind: 'uploadMiniprogram', version: opts.version, desc: opts.desc, projectPath: '.' }, ['upload']);
  add('manual', '在微信公众平台“版本管理”把该版本设为体验版试用，再提交审核、发布（无法自动完成）', { kind: 'manual', text: 'submit for review and release in mp.weixin.qq.com' });

  const subscriptionTemplates = (Object.keys(SUBSCRIPTION_TEMPLATES) as SubscriptionKey[]).map((key) => ({
    key,
    title: SUBSCRIPTION_TEMPLATES[key].title,
    fields: SUBSCRIPTION_TEMPLATES[key].fields.map((f) => ({ key: f.key, type: f.type, label: f.label })),
  }));
  return {
    generatedAt: opts.now.toISOString(),
    cloudEnv: cfg.cloudEnv ?? null,
    appId: cfg.appId ?? null,
    school: cfg.school.name ?? null,
    declarationProblems,
    configProblems: loaded.problems.map(describeProblem),
    steps,
    summary: {
      functions: decls.functions.map((f) => f.name),
      collections: decls.collections.map((c) => c.name),
      indexes: decls.collections.flatMap((c) => c.indexes.map((i) => `${c.name}.${i.name}`)),
      triggers: decls.functions.flatMap((f) => f.triggers.map((t) => `${f.name}.${t.name}`)),
      openapi: [...new Set(decls.functions.flatMap((f) => f.openapi.map((a) => `${f.name}:${a}`)))],
      envVariables: [...new Set(decls.functions.flatMap((f) => f.envVariables.map((e) => `${f.name}:${e}`)))],
      subscriptionTemplates,
    },
  };
}

/** 人读的计划（中文），演练时打印 */
export function formatPlan(plan: DeployPlan): string {
  const lines: string[] = [];
  lines.push(`部署计划（演练，不访问网络）${plan.school ? `  ${plan.school}` : ''}  云环境 ${plan.cloudEnv ?? '（未配置）'}  AppID ${plan.appId ?? '（未配置）'}`);
  lines.push(
    `云函数 ${plan.summary.functions.length} 个，集合 ${plan.summary.collections.length} 个，索引 ${plan.summary.indexes.length} 个，定时触发器 ${plan.summary.triggers.length} 个，开放接口权限 ${plan.summary.openapi.length} 项`,
  );
  if (plan.configProblems.length) {
    lines.push('', `配置缺 ${plan.configProblems.length} 项（环境变量或 config/local.secrets.json；真正部署时缺任何一项都不会开始）：`);
    for (const p of plan.configProblems) lines.push(`  - ${p}`);
  }
  if (plan.declarationProblems.length) {
    lines.push('', `✗ 声明有 ${plan.declarationProblems.length} 处问题（改好之前不会部署）：`);
    for (const p of plan.declarationProblems) lines.push(`  - ${p}`);
  }
  let phase = '';
  const PHASES: Record<PlanStep['phase'], string> = {
    build: '构建',
    database: '数据库（集合、权限、索引）',
    functions: '云函数（代码、开放接口权限、运行配置、定时触发器）',
    storage: '云存储',
    seed: '初始数据',
    miniprogram: '小程序代码',
    manual: '手工步骤',
  };
  for (const s of plan.steps) {
    if (s.phase !== phase) {
      phase = s.phase;
      lines.push('', `【${PHASES[s.phase]}】`);
    }
    lines.push(`${String(s.n).padStart(3)}. ${s.title}`);
    if (s.action.kind === 'createTimeTrigger') lines.push(`       下三次（北京时间）：${s.action.next.join('，')}`);
    if (s.action.kind === 'configureFunction') {
      for (const [k, v] of Object.entries(s.action.envVariables)) lines.push(`       ${k} ← 配置 ${v.from}${v.secret ? '（密钥，不打印）' : ''}`);
    }
    if (s.wouldFail.length) lines.push(`       将失败 / would fail: ${s.wouldFail.join('；')}`);
  }
  lines.push('', '订阅消息模板（在小程序后台“订阅消息”里选用，关键词与参数编号须与下表一致，见 types/subscriptions.ts）：');
  for (const t of plan.summary.subscriptionTemplates) {
    lines.push(`  ${t.title}（${t.key}）：${t.fields.map((f) => `${f.label} ${f.key}`).join('，')}`);
  }
  const failing = plan.steps.filter((s) => s.wouldFail.length).length;
  lines.push('', failing ? `共 ${plan.steps.length} 步，其中 ${failing} 步因配置缺项将失败；补齐配置后再去掉 --dry-run。` : `共 ${plan.steps.length} 步，配置齐全。`);
  return lines.join('\n');
}
