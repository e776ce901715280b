import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeployConfig } from './config';
import { ROOT } from './declarations';
import type { DeployPlan } from './plan';
import { baseSeeds, bootstrapSeed, type SeedSet } from './seed';
import { toJsonLine } from './jsonl';

/**
 * 真正部署的适配器——唯一触达网络的地方，薄薄一层：把计划里的每一步翻译成
 * miniprogram-ci（小程序代码、云函数代码、定时触发器）与 @cloudbase/manager-node（集合、权限、索引、
 * 函数配置、存储权限、数据导入）的一次调用。两个包都只在这里、只在真正部署时才加载。
 *
 * 注意：开发环境够不到微信与腾讯云，这一层没有在这里运行过；计划本身（做什么、按什么顺序、缺什么配置）
 * 由 --dry-run 与 test/deploy 的测试覆盖。第一次在真实环境运行时请逐步核对输出。
 */

type Ci = typeof import('miniprogram-ci');
type Manager = import('@cloudbase/manager-node');

export interface AdapterResult {
  inviteCode?: string;
  inviteExpiresAt?: Date;
}

export async function executePlan(plan: DeployPlan, cfg: DeployConfig, log: (line: string) => void): Promise<AdapterResult> {
  const ci: Ci = require('miniprogram-ci');
  const CloudBase = require('@cloudbase/manager-node') as new (c: { secretId: string; secretKey: string; envId: string }) => Manager;
  const manager = new CloudBase({ secretId: cfg.tencentCloud.secretId!, secretKey: cfg.tencentCloud.secretKey!, envId: cfg.cloudEnv! });
  const project = new ci.Project({
    appid: cfg.appId!,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKeyPath: path.resolve(ROOT, cfg.privateKeyPath!),
    ignores: ['node_modules/**/*'],
  });
  const tcb = manager.commonService('tcb', '2018-06-08');
  const result: AdapterResult = {};
  const indexCache = new Map<string, Set<string>>();

  for (const step of plan.steps) {
    log(`${String(step.n).padStart(3)}. ${step.title}`);
    const a = step.action;
    switch (a.kind) {
      case 'buildWeapp':
        run('npx', ['taro', 'build', '--type', 'weapp'], a.env);
        break;
      case 'buildFunctions':
        run('npx', ['tsx', 'cloudfunctions/_tools/build-functions.ts'], {});
        break;
      case 'createCollection':
        await manager.database.createCollectionIfNotExists(a.collection);
        break;
      case 'setCollectionAcl':
        await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: cfg.cloudEnv, CollectionName: a.collection, AclTag: a.acl } });
        break;
      case 'ensureIndex': {
        let existing = indexCache.get(a.collection);
        if (!existing) {
          const info = await manager.database.describeCollection(a.collection);
          existing = new Set((info.Indexes ?? []).map((i) => i.Name));
          indexCache.set(a.collection, existing);
        }
        if (existing.has(a.index.name)) {
          log('       已存在，跳过（同名索引的字段若有变化，请在控制台删除后重新部署）');
          break;
        }
        await manager.database.updateCollection(a.collection, {
          CreateIndexes: [
            {
              IndexName: a.index.name,
              MgoKeySchema: {
                MgoIndexKeys: Object.entries(a.index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
                MgoIsUnique: !!a.index.unique,
              },
            },
          ],
        });
        existing.add(a.index.name);
        break;
      }
      case 'uploadFunction':
        await ci.cloud.uploadFunction({ project, env: cfg.cloudEnv!, name: a.name, path: path.join(ROOT, a.path), remoteNpmInstall: a.remoteNpmInstall });
        break;
      case 'configureFunction': {
        const envVariables: Record<string, string> = {};
        for (const [k, v] of Object.entries(a.envVariables)) envVariables[k] = String(readPath(cfg, v.from) ?? '');
        await manager.functions.updateFunctionConfig({ name: a.name, timeout: a.timeout, memorySize: a.memorySize, envVariables });
        break;
      }
      case 'createTimeTrigger':
        // 重复部署：先删同名触发器（不存在时的报错忽略），再按 config.json 建；微信每个函数只支持一个定时触发器
        await manager.functions.deleteFunctionTrigger(a.name, a.trigger.name).catch((err: unknown) => log(`       （删除旧触发器：${String((err as Error)?.message ?? err).slice(0, 80)}）`));
        await ci.cloud.createTimeTrigger({ project, envId: cfg.cloudEnv!, functionName: a.name, triggersConfig: [a.trigger] });
        break;
      case 'setStorageAcl':
        await manager.storage.setStorageAcl(a.acl);
        break;
      case 'seed': {
        const set = baseSeeds().find((s) => s.collection === a.collection);
        if (!set) throw new Error(`没有 ${a.collection} 的初始数据`);
        await importInsertOnly(manager, set);
        break;
      }
      case 'bootstrapAdmin': {
        const seed = bootstrapSeed({ name: cfg.bootstrapAdmin.name!, personNo: cfg.bootstrapAdmin.personNo! }, cfg.school.name!, new Date());
        for (const set of seed.sets) await importInsertOnly(manager, set);
        result.inviteCode = seed.inviteCode;
        result.inviteExpiresAt = seed.expiresAt;
        break;
      }
      case 'uploadMiniprogram':
        await ci.upload({ project, version: a.version, desc: a.desc, setting: { es6: false, minify: false }, robot: 1, onProgressUpdate: () => undefined });
        break;
      case 'manual':
        log(`       （手工）${a.text}`);
        break;
    }
  }
  return result;
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 失败（退出码 ${res.status}）`);
}

function readPath(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * 数据导入（DatabaseMigrateImport）：JSON Lines，ConflictMode insert——同 _id 已存在的记录计为失败而跳过，
 * 不覆盖线上记录。导入是异步任务：轮询到结束再继续。
 */
async function importInsertOnly(manager: Manager, set: SeedSet) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-seed-'));
  const file = path.join(dir, `${set.collection}.json`);
  writeFileSync(file, set.docs.map(toJsonLine).join('\n') + '\n');
  const { JobId } = await manager.database.import(set.collection, { FilePath: file }, { FileType: 'json', StopOnError: false, ConflictMode: 'insert' });
  for (;;) {
    const st = await manager.database.migrateStatus(JobId);
    if (st.Status === 'success' || st.Status === 'fail') {
      if (st.Status === 'fail') throw new Error(`导入 ${set.collection} 失败：${st.ErrorMsg}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
