import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CloudDb } from '../cloudfunctions/_lib/db';
import { openLocalDatabase, type LocalDatabase } from '../cloudfunctions/_local/db';
import { COLLECTION_NAMES, indexDeclarations } from '../cloudfunctions/registry';
import { fromJsonLines, toJsonLine } from './jsonl';

/**
 * 数据库备份与恢复：每个集合一个 JSON Lines 文件（<集合>.json，与云开发控制台“导出 JSON”同形，日期为 {"$date": …}），
 * 外加 manifest.json（每个集合的条数与 sha256）。集合清单来自 registry.ts 的 COLLECTION_NAMES，不另写。
 *
 * 本地运行时（.data/）：npx tsx deploy/backup.ts export --data-dir .data --out backups/<日期>
 *                      npx tsx deploy/backup.ts import --data-dir .data --in backups/<日期>   （先清空再导入）
 * 生产：云开发控制台 → 数据库 → 每个集合“导出/导入”（JSON），或 @cloudbase/manager-node 的
 *       database.export / database.import（见 README“备份与恢复”）。恢复前先停用定时触发器。
 */

export interface ManifestEntry {
  collection: string;
  count: number;
  sha256: string;
}
export interface Manifest {
  exportedAt: string;
  collections: ManifestEntry[];
}

/** 本地数据库的全部集合导出到 dir */
export async function exportLocal(db: LocalDatabase, dir: string, now: Date = new Date()): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const existing = new Set(await db.collectionNames());
  // 代码声明的集合之外，库里若还有别的集合（旧版本留下的），一并导出，不丢数据
  const names = [...new Set<string>([...COLLECTION_NAMES, ...existing])];
  const collections: ManifestEntry[] = [];
  for (const name of names) {
    const docs = existing.has(name) ? await db.dump(name) : [];
    const text = docs.map(toJsonLine).join('\n') + (docs.length ? '\n' : '');
    await writeFile(path.join(dir, `${name}.json`), text);
    collections.push({ collection: name, count: docs.length, sha256: createHash('sha256').update(text).digest('hex') });
  }
  const manifest: Manifest = { exportedAt: now.toISOString(), collections };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** 读备份并核对 manifest（条数与 sha256），文件被改动或截断时拒绝恢复 */
export async function readBackup(dir: string): Promise<{ manifest: Manifest; data: Map<string, Record<string, unknown>[]> }> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const data = new Map<string, Record<string, unknown>[]>();
  for (const m of manifest.collections) {
    const text = await readFile(path.join(dir, `${m.collection}.json`), 'utf8');
    const sha = createHash('sha256').update(text).digest('hex');
    if (sha !== m.sha256) throw new Error(`${m.collection}.json 与 manifest 不符（sha256），备份可能被改动或不完整`);
    const docs = fromJsonLines(text);
    if (docs.length !== m.count) throw new Error(`${m.collection}.json 有 ${docs.length} 条，manifest 记 ${m.count} 条`);
    data.set(m.collection, docs);
  }
  return { manifest, data };
}

/** 删除集合里的全部记录（逐条按 _id，集合本身保留） */
async function wipeCollection(db: LocalDatabase, name: string) {
  for (const doc of await db.dump(name)) await db.db.collection(name).doc(String(doc._id)).remove();
}

/**
 * 恢复到本地数据库：先清空备份里出现的每个集合，再按原 _id 写回。
 * 索引先按声明建好，唯一索引在写回时照常检查。
 */
export async function importLocal(db: LocalDatabase, dir: string): Promise<{ collection: string; count: number }[]> {
  const { data } = await readBackup(dir);
  await db.ensureIndexes(indexDeclarations);
  const existing = new Set(await db.collectionNames());
  const out: { collection: string; count: number }[] = [];
  for (const [name, docs] of data) {
    if (existing.has(name)) await wipeCollection(db, name);
    await writeDocs(db.db, name, docs);
    out.push({ collection: name, count: docs.length });
  }
  return out;
}

async function writeDocs(db: CloudDb, name: string, docs: Record<string, unknown>[]) {
  for (const { _id, ...rest } of docs) await db.collection(name).doc(String(_id)).set({ data: rest });
}

/** 清空本地数据库的全部集合（测试与“恢复到干净环境”用） */
export async function wipeLocal(db: LocalDatabase): Promise<void> {
  for (const name of await db.collectionNames()) await wipeCollection(db, name);
}

async function cli(argv: string[]) {
  const [cmd, ...rest] = argv;
  const arg = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const dataDir = arg('--data-dir') ?? process.env.LOCAL_DATA_DIR ?? '.data';
  if (cmd !== 'export' && cmd !== 'import') {
    console.error('用法：backup.ts export --data-dir .data --out backups/<名字> | import --data-dir .data --in backups/<名字>');
    return 1;
  }
  // 本地运行时（npm run serve）在运行时不要导入：两个进程同时写同一数据目录会互相覆盖
  const db = await openLocalDatabase({ dir: path.join(dataDir, 'db') });
  try {
    if (cmd === 'export') {
      const out = arg('--out') ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-'));
      const m = await exportLocal(db, out);
      for (const c of m.collections) console.log(`${c.collection.padEnd(24)} ${String(c.count).padStart(7)} 条`);
      console.log(`已导出到 ${out}/（manifest.json 记有每个集合的条数与 sha256）`);
    } else {
      const dir = arg('--in');
      if (!dir) throw new Error('缺少 --in <备份目录>');
      const res = await importLocal(db, dir);
      for (const c of res) console.log(`${c.collection.padEnd(24)} ${String(c.count).padStart(7)} 条`);
      console.log(`已从 ${dir}/ 恢复（原有记录先清空）`);
    }
  } finally {
    await db.close();
  }
  return 0;
}

if (require.main === module) {
  cli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
