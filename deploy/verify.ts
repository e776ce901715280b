import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { functionBuildOptions, SOURCE_DIR } from '../cloudfunctions/_tools/build-functions';
import { CONFIG_ITEMS } from './config';
import { ROOT, type Declarations } from './declarations';

/**
 * 用第二个独立来源核对声明：读源码本身，看代码实际用到了什么。
 * 新增函数、集合、开放接口调用或环境变量而忘了声明时，这里（以及 test/deploy 的测试）就会指出来。
 */

/** 端口方法 → 生产实现里调用的开放接口（见 cloudfunctions/_lib/wechat.ts） */
export const PORT_OPENAPI: { pattern: RegExp; openapi: string; via: string }[] = [
  { pattern: /\.sendSubscribe\(/, openapi: 'subscribeMessage.send', via: 'ctx.messages.sendSubscribe' },
  { pattern: /\.checkText\(/, openapi: 'security.msgSecCheck', via: 'ctx.security.checkText' },
  { pattern: /\.submitMediaCheck\(/, openapi: 'security.mediaCheckAsync', via: 'ctx.security.submitMediaCheck' },
];

/**
 * 开放接口的生产适配器：每个函数的 bundle 都带着它（createCloudMain），
 * 所以不能据它判断谁在用；判断看的是业务代码对端口的调用。
 */
const ADAPTER_FILES = new Set(['cloudfunctions/_lib/wechat.ts', 'cloudfunctions/_lib/ports.ts']);

/** 代码里按名字读取的环境变量（templateIdOf 按模板键拼出 SUBSCRIBE_TEMPLATE_<KEY>） */
const COMPUTED_ENV: { pattern: RegExp; env: string[] }[] = [
  { pattern: /\btemplateIdOf\(/, env: ['SUBSCRIBE_TEMPLATE_RESULT', 'SUBSCRIBE_TEMPLATE_CORRECTION', 'SUBSCRIBE_TEMPLATE_DEADLINE'] },
];
/** 平台或运行时自带、不需要在 config.json 里声明的环境变量 */
const PLATFORM_ENV = new Set(['NODE_ENV', 'TZ', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_ENV', 'SCF_NAMESPACE']);

export interface FunctionUsage {
  name: string;
  /** bundle 里的源文件（相对仓库根），不含 node_modules */
  files: string[];
  openapi: Map<string, string[]>; // 开放接口 → 调用它的文件
  env: Map<string, string[]>; // 环境变量 → 读取它的文件
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * 一个云函数 bundle 的源文件集合：用与构建相同的 esbuild 选项求 import 闭包（不写文件）。
 * 按需加载的 vendor/<包名>.js 只有第三方库（见 _lib/heavy-libs.ts），业务代码都在这个闭包里。
 */
export async function functionSourceFiles(name: string): Promise<string[]> {
  const res = await build({ ...functionBuildOptions(name), write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(res.metafile!.inputs)
    .filter((f) => !f.includes('node_modules/') && /\.tsx?$/.test(f))
    .map((f) => f.replace(/\\/g, '/'))
    .sort();
}

export async function functionUsage(name: string): Promise<FunctionUsage> {
  const files = await functionSourceFiles(name);
  const openapi = new Map<string, string[]>();
  const env = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, f: string) => m.set(k, [...(m.get(k) ?? []), f]);
  for (const f of files) {
    if (ADAPTER_FILES.has(f)) continue;
    const src = stripComments(readFileSync(path.join(ROOT, f), 'utf8'));
    for (const p of PORT_OPENAPI) if (p.pattern.test(src)) add(openapi, p.openapi, f);
    // 直接的云调用（不经端口）：cloud.openapi.x.y(...)
    for (const m of src.matchAll(/\bopenapi\.([a-zA-Z]+)\.([a-zA-Z]+)\(/g)) add(openapi, `${m[1]}.${m[2]}`, f);
    for (const m of src.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)|process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) {
      const k = m[1] ?? m[2];
      if (!PLATFORM_ENV.has(k)) add(env, k, f);
    }
    for (const c of COMPUTED_ENV) if (c.pattern.test(src) && !f.endsWith('subscription-grants.ts')) for (const k of c.env) add(env, k, f);
    // 以字符串常量给出的变量名（如 fonts.ts 的 'EXPORT_FONT_REGULAR_FILEID'，再经 env[name] 读取）：只认部署配置里有的名字
    for (const item of CONFIG_ITEMS) if (src.includes(`'${item.env}'`) || src.includes(`"${item.env}"`)) add(env, item.env, f);
  }
  return { name, files, openapi, env };
}

async function walkTs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules') continue;
      out.push(...(await walkTs(p)));
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

export interface CollectionUse {
  name: string;
  file: string;
  line: number;
}

/**
 * 代码里用到的集合名：扫描 cloudfunctions/**.ts 里的 .collection(…) 调用。
 * 参数是字符串字面量，或在某处定义为字符串常量的标识符（INVITES、COLLECTIONS.people 之类），都能解析；
 * 参数是变量（通用工具函数里的 collection 形参）时列入 dynamic，由调用处的字面量覆盖。
 */
export async function collectionsUsedInCode(): Promise<{ used: CollectionUse[]; dynamic: CollectionUse[] }> {
  const files = await walkTs(SOURCE_DIR);
  const sources = files.map((f) => ({ file: path.relative(ROOT, f).replace(/\\/g, '/'), src: stripComments(readFileSync(f, 'utf8')) }));
  const consts = new Map<string, Set<string>>();
  const addConst = (k: string, v: string) => consts.set(k, new Set([...(consts.get(k) ?? []), v]));
  for (const { src } of sources) {
    for (const m of src.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*['"]([^'"]+)['"]/g)) addConst(m[1], m[2]);
    // const COLLECTIONS = { people: 'people', ... }
    for (const m of src.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*\{([^{}]*)\}\s*(?:as const)?/g)) {
      for (const p of m[2].matchAll(/([A-Za-z_$][\w$]*)\s*:\s*['"]([^'"]+)['"]/g)) addConst(`${m[1]}.${p[1]}`, p[2]);
    }
  }
  const used: CollectionUse[] = [];
  const dynamic: CollectionUse[] = [];
  for (const { file, src } of sources) {
    for (const m of src.matchAll(/\.collection\(\s*([^()]*?)\s*\)/g)) {
      const arg = m[1];
      const line = src.slice(0, m.index).split('\n').length;
      const literal = /^['"]([^'"]+)['"]$/.exec(arg);
      if (literal) used.push({ name: literal[1], file, line });
      else if (consts.has(arg)) for (const v of consts.get(arg)!) used.push({ name: v, file, line });
      else dynamic.push({ name: arg, file, line });
    }
  }
  return { used, dynamic };
}

export interface CodeCheck {
  problems: string[];
  usage: FunctionUsage[];
}

/** 声明与代码实际用法的差异：缺的开放接口权限、缺的环境变量、未声明的集合 */
export async function verifyAgainstCode(decls: Declarations): Promise<CodeCheck> {
  const problems: string[] = [];
  const usage: FunctionUsage[] = [];
  for (const fn of decls.functions) {
    let u: FunctionUsage;
    try {
      u = await functionUsage(fn.name);
    } catch (err) {
      problems.push(`${fn.name}: 无法打包，未能核对它的用法：${String((err as Error).message).split('\n').slice(0, 2).join(' ')}`);
      continue;
    }
    usage.push(u);
    for (const [api, files] of u.openapi) {
      if (!fn.openapi.includes(api)) problems.push(`${fn.name}: 代码调用了 ${api}（${files[0]}），config.json 的 permissions.openapi 没有声明它`);
    }
    for (const [k, files] of u.env) {
      if (!fn.envVariables.includes(k)) problems.push(`${fn.name}: 代码读取环境变量 ${k}（${files[0]}），config.json 的 envVariables 没有声明它`);
    }
  }
  const declared = new Set(decls.collections.map((c) => c.name));
  const { used } = await collectionsUsedInCode();
  const reported = new Set<string>();
  for (const u of used) {
    if (!declared.has(u.name) && !reported.has(u.name)) {
      reported.add(u.name);
      problems.push(`集合 ${u.name}（${u.file}:${u.line}）在代码里用到，却不在 registry.ts 的 COLLECTION_NAMES 里`);
    }
  }
  return { problems, usage };
}
