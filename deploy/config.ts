import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SUBSCRIPTION_KEYS, SUBSCRIPTION_LABELS, SUBSCRIPTION_TEMPLATES, type SubscriptionKey } from '../types/subscriptions';

/**
 * 部署配置：全项目唯一的一处。值来自环境变量，或被 git 忽略的 config/local.secrets.json（格式见
 * config/local.secrets.example.json）；环境变量优先。仓库里没有任何密钥。
 *
 * 每一项写明：文件里的路径、对应的环境变量、做什么用、哪些部署步骤需要它。
 * 缺项时 loadDeployConfig 不抛错，而是列出缺了什么；真正部署时由 requireConfig 抛出中英双语的错误，
 * 演练（--dry-run）时把需要它的步骤标成“将失败：缺少 …”。
 */

export const SECRETS_FILE = 'config/local.secrets.json';

export type ConfigNeed = 'build' | 'upload' | 'cloudApi' | 'subscriptions' | 'exports' | 'officialAccount' | 'bootstrap';

export interface ConfigItem {
  /** local.secrets.json 里的路径，如 subscriptions.result.templateId */
  key: string;
  env: string;
  /** 中文说明（错误信息与 README 用） */
  zh: string;
  en: string;
  needs: ConfigNeed[];
  secret?: boolean;
  optional?: boolean;
  schema: z.ZodType<string>;
}

const nonEmpty = z.string().trim().min(1);

/** 所有配置项：README 的“配置”表与错误信息都由此生成，不另写一份 */
export const CONFIG_ITEMS: ConfigItem[] = [
  {
    key: 'appId',
    env: 'WX_APPID',
    zh: '小程序 AppID（微信公众平台 → 开发 → 开发管理 → 开发设置）',
    en: 'mini-program AppID',
    needs: ['upload'],
    schema: z.string().regex(/^wx[0-9a-f]{16}$/, '形如 wx 加 16 位十六进制 / wx + 16 hex digits'),
  },
  {
    key: 'cloudEnv',
    env: 'CLOUD_ENV',
    zh: '云开发环境 ID（云开发控制台 → 设置 → 环境 ID）',
    en: 'cloud environment id',
    needs: ['build', 'upload', 'cloudApi'],
    schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, '字母、数字与连字符 / letters, digits and dashes'),
  },
  {
    key: 'privateKeyPath',
    env: 'WX_PRIVATE_KEY_PATH',
    zh: '代码上传密钥文件路径（开发设置 → 小程序代码上传 → 生成密钥，并把本机出口 IP 加入白名单）',
    en: 'path of the miniprogram-ci upload key',
    needs: ['upload'],
    secret: true,
    schema: nonEmpty,
  },
  {
    key: 'tencentCloud.secretId',
    env: 'TENCENTCLOUD_SECRETID',
    zh: '腾讯云 API 密钥 SecretId（用小程序账号登录腾讯云控制台 → 访问管理 → API 密钥），用于建集合、索引、权限与函数配置',
    en: 'Tencent Cloud API SecretId (collections, indexes, permissions, function settings)',
    needs: ['cloudApi'],
    secret: true,
    schema: nonEmpty,
  },
  {
    key: 'tencentCloud.secretKey',
    env: 'TENCENTCLOUD_SECRETKEY',
    zh: '腾讯云 API 密钥 SecretKey',
    en: 'Tencent Cloud API SecretKey',
    needs: ['cloudApi'],
    secret: true,
    schema: nonEmpty,
  },
  ...SUBSCRIPTION_KEYS.map(
    (k): ConfigItem => ({
      key: `subscriptions.${k}.templateId`,
      env: `SUBSCRIBE_TEMPLATE_${k.toUpperCase()}`,
      zh: `订阅消息模板 ID：${SUBSCRIPTION_LABELS[k]}（小程序后台 → 订阅消息 → 我的模板）`,
      en: `subscription template id: ${k}`,
      needs: ['subscriptions'],
      schema: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, '模板 ID 由字母数字、- 与 _ 组成 / letters, digits, - and _'),
    }),
  ),
  {
    key: 'officialAccount.appId',
    env: 'OFFICIAL_ACCOUNT_APPID',
    zh: '公众号“We党微家”的 AppID（可选：不填则不向公众号推送图文草稿）',
    en: 'official account AppID (optional)',
    needs: ['officialAccount'],
    optional: true,
    schema: z.string().regex(/^wx[0-9a-f]{16}$/, '形如 wx 加 16 位十六进制 / wx + 16 hex digits'),
  },
  {
    key: 'officialAccount.appSecret',
    env: 'OFFICIAL_ACCOUNT_SECRET',
    zh: '公众号“We党微家”的 AppSecret（可选，与 AppID 同时填写）',
    en: 'official account AppSecret (optional, together with its AppID)',
    needs: ['officialAccount'],
    optional: true,
    secret: true,
    schema: z.string().regex(/^[0-9a-f]{32}$/, '32 位十六进制 / 32 hex digits'),
  },
  ...SUBSCRIPTION_KEYS.map(
    (k): ConfigItem => ({
      key: `subscriptions.${k}.fields`,
      env: `SUBSCRIBE_FIELDS_${k.toUpperCase()}`,
      zh: `可选：“${SUBSCRIPTION_LABELS[k]}”模板详情里的参数名，按顺序以逗号分隔（如 thing1,thing2,thing3,time4）；填了就与代码的字段布局核对`,
      en: `optional: parameter names of the ${k} template as shown by WeChat, checked against the code`,
      needs: ['subscriptions'],
      optional: true,
      schema: z.string().regex(/^[a-z_]+\d+(,[a-z_]+\d+)*$/, '形如 thing1,thing2,time3 / like thing1,thing2,time3'),
    }),
  ),
  {
    key: 'exportFonts.regularFileId',
    env: 'EXPORT_FONT_REGULAR_FILEID',
    zh: '导出 PDF 用的中文字体 NotoSansCJK-Regular.ttc 在云存储里的 fileID（云开发控制台 → 存储 → 上传后复制 File ID）',
    en: 'cloud storage fileID of NotoSansCJK-Regular.ttc (PDF exports)',
    needs: ['exports'],
    schema: z.string().regex(/^cloud:\/\/\S+\.ttc$/, '形如 cloud://<环境>.<存储桶>/fonts/NotoSansCJK-Regular.ttc'),
  },
  {
    key: 'exportFonts.boldFileId',
    env: 'EXPORT_FONT_BOLD_FILEID',
    zh: '中文粗体 NotoSansCJK-Bold.ttc 在云存储里的 fileID',
    en: 'cloud storage fileID of NotoSansCJK-Bold.ttc (PDF exports)',
    needs: ['exports'],
    schema: z.string().regex(/^cloud:\/\/\S+\.ttc$/, '形如 cloud://<环境>.<存储桶>/fonts/NotoSansCJK-Bold.ttc'),
  },
  {
    key: 'school.name',
    env: 'SCHOOL_NAME',
    zh: '学校全称（写进部署计划与首位管理员的审计记录；--bootstrap-admin 时必填）',
    en: 'school name (required with --bootstrap-admin)',
    needs: ['bootstrap'],
    optional: true,
    schema: z.string().trim().min(2).max(30),
  },
  {
    key: 'school.appTitle',
    env: 'APP_TITLE',
    zh: '小程序标题栏文字（可选，默认“基层党建”；构建时以环境变量 APP_TITLE 写入 app.config）',
    en: 'navigation bar title (optional, default 基层党建)',
    needs: ['build'],
    optional: true,
    schema: z.string().trim().min(1).max(12),
  },
  {
    key: 'bootstrapAdmin.name',
    env: 'BOOTSTRAP_ADMIN_NAME',
    zh: '首位组织部管理员姓名（首次部署写入，凭打印出的邀请码绑定微信；之后的人员在小程序里管理）',
    en: 'first department administrator name (first deployment only)',
    needs: ['bootstrap'],
    optional: true,
    schema: z.string().trim().min(1).max(30),
  },
  {
    key: 'bootstrapAdmin.personNo',
    env: 'BOOTSTRAP_ADMIN_NO',
    zh: '首位组织部管理员工号',
    en: 'first department administrator staff number',
    needs: ['bootstrap'],
    optional: true,
    schema: z.string().trim().min(1).max(30),
  },
];

export interface DeployConfig {
  appId?: string;
  cloudEnv?: string;
  privateKeyPath?: string;
  tencentCloud: { secretId?: string; secretKey?: string };
  subscriptions: Record<SubscriptionKey, { templateId?: string; fields?: string }>;
  officialAccount: { appId?: string; appSecret?: string };
  exportFonts: { regularFileId?: string; boldFileId?: string };
  school: { name?: string; appTitle?: string };
  bootstrapAdmin: { name?: string; personNo?: string };
}

export interface ConfigProblem {
  item: ConfigItem;
  kind: 'missing' | 'invalid';
  detail?: string;
}

export interface LoadedConfig {
  config: DeployConfig;
  /** 每一项的值从哪里来：'env' | 'file' | 'default' | null（没有） */
  sources: Record<string, 'env' | 'file' | 'default' | null>;
  problems: ConfigProblem[];
  secretsFile: string;
  secretsFileFound: boolean;
}

function getPath(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown) {
  const keys = dotted.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}

const KNOWN_FILE_KEYS = new Set(CONFIG_ITEMS.map((i) => i.key));

function flattenKeys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => flattenKeys(v, prefix ? `${prefix}.${k}` : k));
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  root?: string;
  /** 覆盖文件位置（测试用） */
  secretsFile?: string;
}

/**
 * 读取配置：不抛错（文件 JSON 写错除外），缺项与格式错误都进 problems。
 * 成对的可选项（公众号 AppID/AppSecret、首位管理员姓名/工号）只填一半也算错。
 */
export function loadDeployConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const root = opts.root ?? path.resolve(__dirname, '..');
  const secretsFile = opts.secretsFile ?? path.join(root, SECRETS_FILE);
  let file: unknown = {};
  const secretsFileFound = existsSync(secretsFile);
  if (secretsFileFound) {
    try {
      file = JSON.parse(readFileSync(secretsFile, 'utf8'));
    } catch (err) {
      throw new DeployConfigError([], `${path.relative(root, secretsFile)} 不是合法的 JSON / is not valid JSON: ${(err as Error).message}`);
    }
  }
  const problems: ConfigProblem[] = [];
  for (const k of flattenKeys(file)) {
    if (k && !KNOWN_FILE_KEYS.has(k)) {
      problems.push({
        item: { key: k, env: '-', zh: `未知配置项 ${k}`, en: `unknown key ${k}`, needs: [], schema: nonEmpty },
        kind: 'invalid',
        detail: '拼写错误？可用的键见 config/local.secrets.example.json / typo? see the example file',
      });
    }
  }
  const out: Record<string, unknown> = { tencentCloud: {}, subscriptions: { result: {}, correction: {}, deadline: {} }, officialAccount: {}, exportFonts: {}, school: {}, bootstrapAdmin: {} };
  const sources: LoadedConfig['sources'] = {};
  for (const item of CONFIG_ITEMS) {
    const fromEnv = env[item.env];
    const fromFile = getPath(file, item.key);
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : fromFile;
    sources[item.key] = fromEnv !== undefined && fromEnv !== '' ? 'env' : fromFile !== undefined && fromFile !== '' ? 'file' : null;
    if (raw === undefined || raw === '' || raw === null) {
      if (item.key === 'school.appTitle') {
        setPath(out, item.key, '基层党建');
        sources[item.key] = 'default';
        continue;
      }
      if (!item.optional) problems.push({ item, kind: 'missing' });
      continue;
    }
    const parsed = item.schema.safeParse(typeof raw === 'string' ? raw : String(raw));
    if (!parsed.success) {
      problems.push({ item, kind: 'invalid', detail: parsed.error.issues[0]?.message });
      continue;
    }
    setPath(out, item.key, parsed.data);
  }
  const cfg = out as unknown as DeployConfig;
  // 成对出现的可选项：只填一半时指出另一半
  const pairs: [string, string][] = [
    ['officialAccount.appId', 'officialAccount.appSecret'],
    ['bootstrapAdmin.name', 'bootstrapAdmin.personNo'],
  ];
  for (const [a, b] of pairs) {
    const hasA = getPath(cfg, a) !== undefined;
    const hasB = getPath(cfg, b) !== undefined;
    if (hasA !== hasB) {
      const missingKey = hasA ? b : a;
      const item = CONFIG_ITEMS.find((i) => i.key === missingKey)!;
      if (!problems.some((p) => p.item.key === missingKey)) problems.push({ item, kind: 'missing', detail: `与 ${hasA ? a : b} 须同时填写 / required together with ${hasA ? a : b}` });
    }
  }
  // 模板参数名与代码的字段布局（types/subscriptions.ts）不一致时，发送会被微信拒绝（47003）：部署前就指出
  for (const k of SUBSCRIPTION_KEYS) {
    const given = cfg.subscriptions[k].fields;
    const expected = SUBSCRIPTION_TEMPLATES[k].fields.map((f) => f.key).join(',');
    if (given !== undefined && given !== expected) {
      problems.push({
        item: CONFIG_ITEMS.find((i) => i.key === `subscriptions.${k}.fields`)!,
        kind: 'invalid',
        detail: `代码按 ${expected} 发送（${SUBSCRIPTION_TEMPLATES[k].fields.map((f) => f.label).join('、')}），模板却是 ${given}：改 types/subscriptions.ts 里的 key，或重选模板关键词 / the template does not match the code's field layout`,
      });
    }
  }
  if (cfg.privateKeyPath && !existsSync(path.resolve(root, cfg.privateKeyPath))) {
    problems.push({ item: CONFIG_ITEMS.find((i) => i.key === 'privateKeyPath')!, kind: 'invalid', detail: `文件不存在 / file not found: ${cfg.privateKeyPath}` });
  }
  return { config: cfg, sources, problems, secretsFile, secretsFileFound };
}

/** 某一组步骤缺的配置项（可选项只有在填了一半或写错时才算） */
export function problemsFor(loaded: LoadedConfig, need: ConfigNeed): ConfigProblem[] {
  return loaded.problems.filter((p) => p.item.needs.includes(need));
}

export function describeProblem(p: ConfigProblem): string {
  const what = p.kind === 'missing' ? '缺少 / missing' : '格式不对 / invalid';
  return `${what} ${p.item.key}（环境变量 ${p.item.env}）：${p.item.zh} — ${p.item.en}${p.detail ? `；${p.detail}` : ''}`;
}

export class DeployConfigError extends Error {
  constructor(
    readonly problems: ConfigProblem[],
    message?: string,
  ) {
    super(
      message ??
        [
          `部署配置不完整，共 ${problems.length} 项 / deployment configuration incomplete (${problems.length}):`,
          ...problems.map((p) => `  - ${describeProblem(p)}`),
          `在环境变量或 ${SECRETS_FILE} 里补上（示例见 config/local.secrets.example.json） / set them in the environment or ${SECRETS_FILE}`,
        ].join('\n'),
    );
    this.name = 'DeployConfigError';
  }
}

/**
 * 真正部署前调用：needs 里任何一组有问题就抛出列出全部问题的错误。
 * requiredOptional：这次运行必须有的可选项组（如 --bootstrap-admin 要首位管理员的姓名与工号）。
 */
export function requireConfig(loaded: LoadedConfig, needs: ConfigNeed[], requiredOptional: ConfigNeed[] = []): DeployConfig {
  const problems = loaded.problems.filter((p) => p.item.needs.length === 0 || p.item.needs.some((n) => needs.includes(n) || requiredOptional.includes(n)));
  for (const item of CONFIG_ITEMS) {
    if (!item.optional || !item.needs.some((n) => requiredOptional.includes(n))) continue;
    if (getPath(loaded.config, item.key) === undefined && !problems.some((p) => p.item.key === item.key)) problems.push({ item, kind: 'missing', detail: `这次部署需要 / required for ${item.needs.join(', ')}` });
  }
  if (problems.length) throw new DeployConfigError(problems);
  return loaded.config;
}

/** 打印用：密钥只显示是否已设置 */
export function redacted(loaded: LoadedConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of CONFIG_ITEMS) {
    const v = getPath(loaded.config, item.key);
    const src = loaded.sources[item.key];
    out[item.key] = v === undefined ? '（未设置 / not set）' : item.secret ? `（已设置 / set, ${src}）` : `${String(v)}（${src}）`;
  }
  return out;
}
