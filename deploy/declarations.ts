import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IndexDeclaration } from '../cloudfunctions/_lib/db';
import { listFunctionNames, SOURCE_DIR } from '../cloudfunctions/_tools/build-functions';
import { cloudFunctions, COLLECTION_NAMES, indexDeclarations } from '../cloudfunctions/registry';
import { parseCron, type Cron } from './cron';

/**
 * 代码里的部署声明，一律从代码读出，不另写清单：
 * - 云函数：cloudfunctions/ 下带 package.json 的目录（与构建工具同一判定），各自的 config.json；
 * - 集合：registry.ts 的 COLLECTION_NAMES；索引：registry.ts 的 indexDeclarations（各查询旁声明后汇总）；
 * - 定时触发：config.json 的 triggers（cron 按北京时间解释），对应 defineFunction 的 timer 选项。
 */

/** 微信云函数 config.json 的格式（未知字段一律报错，免得写错的键被平台静默忽略） */
export const functionConfigSchema = z
  .object({
    timeout: z.number().int().min(1).max(60),
    memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]),
    permissions: z.object({ openapi: z.array(z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, '形如 subscribeMessage.send')) }).strict(),
    // 微信限制：每个云函数至多一个定时触发器
    triggers: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/),
            type: z.literal('timer'),
            config: z.string(),
          })
          .strict(),
      )
      .max(1, '微信云函数只支持一个定时触发器')
      .optional(),
    envVariables: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).optional(),
  })
  .strict();
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export interface TriggerDeclaration {
  name: string;
  config: string;
  cron: Cron;
}

export interface FunctionDeclaration {
  name: string;
  /** 源码目录与构建产物目录（相对仓库根） */
  sourceDir: string;
  distDir: string;
  timeout: number;
  memorySize: number;
  openapi: string[];
  triggers: TriggerDeclaration[];
  /** config.json 里声明的环境变量名（值在部署时由配置填入，仓库里一律为空） */
  envVariables: string[];
  /** defineFunction 的 timer 选项 */
  timerAction: string | null;
  registered: boolean;
}

export interface CollectionDeclaration {
  name: string;
  /** 小程序端直接访问的权限：全部经云函数，所以一律“仅管理端可读写” */
  acl: 'ADMINONLY';
  indexes: IndexDeclaration[];
}

export interface Declarations {
  functions: FunctionDeclaration[];
  collections: CollectionDeclaration[];
  /** 声明里发现的错误（config.json 格式、索引指向未声明的集合、未注册的函数等） */
  errors: string[];
}

export const ROOT = path.resolve(__dirname, '..');

export function readFunctionConfig(name: string): { config: FunctionConfig | null; error: string | null } {
  const file = path.join(SOURCE_DIR, name, 'config.json');
  if (!existsSync(file)) return { config: null, error: `${name}: 缺少 config.json` };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { config: null, error: `${name}/config.json 不是合法 JSON：${(err as Error).message}` };
  }
  const parsed = functionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return { config: null, error: `${name}/config.json：${parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'} ${i.message}`).join('；')}` };
  }
  return { config: parsed.data, error: null };
}

export async function readDeclarations(): Promise<Declarations> {
  const errors: string[] = [];
  const folders = await listFunctionNames();
  const functions: FunctionDeclaration[] = [];
  for (const name of folders) {
    const { config, error } = readFunctionConfig(name);
    if (error) errors.push(error);
    const fn = cloudFunctions[name];
    if (!fn) errors.push(`${name}: 目录里有 package.json，但没有在 cloudfunctions/registry.ts 的 cloudFunctions 里注册`);
    const triggers: TriggerDeclaration[] = [];
    for (const t of config?.triggers ?? []) {
      try {
        triggers.push({ name: t.name, config: t.config, cron: parseCron(t.config) });
      } catch (err) {
        errors.push(`${name}: 定时触发器 ${t.name} 的 cron “${t.config}” 无效：${(err as Error).message}`);
      }
    }
    functions.push({
      name,
      sourceDir: path.posix.join('cloudfunctions', name),
      distDir: path.posix.join('dist/cloudfunctions', name),
      timeout: config?.timeout ?? 0,
      memorySize: config?.memorySize ?? 0,
      openapi: [...(config?.permissions.openapi ?? [])].sort(),
      triggers,
      envVariables: Object.keys(config?.envVariables ?? {}).sort(),
      timerAction: fn?.timerAction ?? null,
      registered: !!fn,
    });
    // 定时触发器与 defineFunction 的 timer 选项必须成对：有触发器没有 timer 选项，触发时只会答 UNKNOWN_ACTION
    if (fn) {
      if (fn.timerAction && !triggers.length) errors.push(`${name}: defineFunction 声明了 timer（${fn.timerAction}），config.json 却没有 timer 触发器`);
      if (!fn.timerAction && triggers.length) errors.push(`${name}: config.json 有定时触发器 ${triggers[0].name}，defineFunction 却没有 timer 选项`);
    }
    const envValues = Object.entries(config?.envVariables ?? {}).filter(([, v]) => v !== '');
    for (const [k] of envValues) errors.push(`${name}/config.json: 环境变量 ${k} 在仓库里必须为空字符串（值在部署时由配置填入，密钥不进仓库）`);
  }
  for (const name of Object.keys(cloudFunctions)) {
    if (!folders.includes(name)) errors.push(`${name}: 在 registry.ts 注册了，但 cloudfunctions/${name}/ 没有 package.json，不会被构建和部署`);
  }

  const names = new Set<string>(COLLECTION_NAMES);
  // 两处查询需要同一个索引时各自声明是正常的：完全相同的声明合并为一个；同名而字段不同则是错误
  const byId = new Map<string, IndexDeclaration>();
  for (const d of indexDeclarations) {
    if (!names.has(d.collection)) errors.push(`索引 ${d.collection}.${d.name}：集合 ${d.collection} 不在 COLLECTION_NAMES 里`);
    const id = `${d.collection}.${d.name}`;
    const prev = byId.get(id);
    if (!prev) byId.set(id, d);
    else if (JSON.stringify([prev.keys, !!prev.unique]) !== JSON.stringify([d.keys, !!d.unique])) errors.push(`索引 ${id} 有两个不同的声明（字段或唯一性不同）`);
  }
  const collections: CollectionDeclaration[] = [...COLLECTION_NAMES].map((name) => ({
    name,
    acl: 'ADMINONLY',
    indexes: [...byId.values()].filter((d) => d.collection === name),
  }));
  return { functions, collections, errors };
}
