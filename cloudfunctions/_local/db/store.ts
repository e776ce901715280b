import Datastore from '@seald-io/nedb';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentId } from '../../_lib/db';
import { decodeEJSON, encodeEJSON } from './ejson';
import { requestFailed } from './errors';
import { isPlainObject, type Doc } from './values';

/**
 * 持久化：每个集合一个 nedb 数据文件 `<dir>/<集合名>.db`（省略 dir 时全在内存）。
 *
 * nedb 每次写入都把新状态追加为数据文件的一行，insertAsync/updateAsync/removeAsync
 * 在追加完成后才 resolve——执行器等到这里才回复请求，所以“已确认”的写入在进程被
 * kill -9 后仍在（未 fsync：断电不保证，进程崩溃保证）。
 *
 * 两处加固：
 * - 打开时若数据文件最后一行没有换行符（写到一半被杀），截掉这半行——它从未被确认过；
 *   之后 corruptAlertThreshold 为 0：其余任何损坏行都让打开失败，而不是默默丢数据
 *   （nedb 默认容忍 10% 损坏行）。
 * - 事务提交涉及多条记录，先把全部改动写进 `<dir>/commit.journal`（写临时文件、fsync、改名），
 *   再逐条落盘，最后删除日志；打开时发现日志就重放（幂等），提交因此是原子的。
 */

const DATA_EXT = '.db';
const JOURNAL = 'commit.journal';

export interface JournalEntry {
  collection: string;
  id: DocumentId;
  /** null 表示删除 */
  doc: Doc | null;
}

export class CollectionStore {
  constructor(
    readonly name: string,
    private readonly ds: Datastore,
  ) {}

  /** nedb 内部的记录对象（按 _id 排序）：只读，调用方不得修改 */
  all(): Doc[] {
    return this.ds.getAllData() as Doc[];
  }

  /** 按 _id 取记录（只读引用）；走 nedb 的 _id 索引 */
  get(id: DocumentId): Doc | undefined {
    const index = (this.ds as unknown as { indexes?: { _id?: { getMatching(v: unknown): Doc[] } } }).indexes?._id;
    if (index) return index.getMatching(id)[0];
    return this.all().find((d) => d._id === id);
  }

  async insert(docs: Doc[]): Promise<void> {
    if (docs.length) await this.ds.insertAsync(docs);
  }

  async replace(doc: Doc): Promise<void> {
    const res = await this.ds.updateAsync({ _id: doc._id }, doc, {});
    if (res.numAffected !== 1) throw requestFailed(`[local] record ${String(doc._id)} vanished during update`);
  }

  async remove(ids: DocumentId[]): Promise<void> {
    if (ids.length) await this.ds.removeAsync({ _id: { $in: ids } }, { multi: true });
  }

  /** 幂等地写到目标状态（重放日志用） */
  async put(id: DocumentId, doc: Doc | null): Promise<void> {
    const existing = this.get(id);
    if (doc === null) {
      if (existing) await this.remove([id]);
    } else if (existing) await this.replace(doc);
    else await this.insert([doc]);
  }

  compact(): Promise<void> {
    return this.ds.compactDatafileAsync();
  }
}

export class Store {
  private readonly collections = new Map<string, CollectionStore>();

  private constructor(readonly dir: string | undefined) {}

  static async open(dir: string | undefined): Promise<Store> {
    const store = new Store(dir);
    if (dir) {
      await fs.mkdir(dir, { recursive: true });
      const names = new Set(
        (await fs.readdir(dir))
          .filter((f) => f.endsWith(DATA_EXT) || f.endsWith(`${DATA_EXT}~`))
          .map((f) => f.slice(0, f.lastIndexOf(DATA_EXT))),
      );
      for (const name of [...names].sort()) await store.create(name);
      await store.replayJournal();
    }
    return store;
  }

  names(): string[] {
    return [...this.collections.keys()].sort();
  }

  get(name: string): CollectionStore | undefined {
    return this.collections.get(name);
  }

  async create(name: string): Promise<CollectionStore> {
    const existing = this.collections.get(name);
    if (existing) return existing;
    let ds: Datastore;
    if (this.dir) {
      const filename = path.join(this.dir, `${name}${DATA_EXT}`);
      await dropTornTail(filename);
      ds = new Datastore({ filename, corruptAlertThreshold: 0 });
    } else {
      ds = new Datastore({ inMemoryOnly: true });
    }
    await ds.loadDatabaseAsync();
    const coll = new CollectionStore(name, ds);
    this.collections.set(name, coll);
    return coll;
  }

  /** 原子地应用一组跨集合的改动（事务提交） */
  async applyAtomically(entries: JournalEntry[]): Promise<void> {
    if (this.dir) await writeFileDurably(path.join(this.dir, JOURNAL), encodeEJSON(entries));
    await this.applyEntries(entries);
    if (this.dir) await fs.rm(path.join(this.dir, JOURNAL), { force: true });
  }

  private async applyEntries(entries: JournalEntry[]): Promise<void> {
    for (const e of entries) await (await this.create(e.collection)).put(e.id, e.doc);
  }

  private async replayJournal(): Promise<void> {
    const file = path.join(this.dir as string, JOURNAL);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return;
    }
    const entries = decodeEJSON(text, 'commit journal');
    if (!Array.isArray(entries) || !entries.every((e) => isPlainObject(e) && typeof e.collection === 'string')) {
      throw requestFailed(`[local] unreadable commit journal ${file}`);
    }
    await this.applyEntries(entries as JournalEntry[]);
    await fs.rm(file, { force: true });
  }

  async readMeta(name: string): Promise<unknown> {
    if (!this.dir) return undefined;
    try {
      return decodeEJSON(await fs.readFile(path.join(this.dir, name), 'utf8'), name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async writeMeta(name: string, value: unknown): Promise<void> {
    if (this.dir) await writeFileDurably(path.join(this.dir, name), encodeEJSON(value));
  }

  /** 关闭前压缩数据文件（去掉被覆盖的旧行） */
  async close(): Promise<void> {
    if (this.dir) for (const c of this.collections.values()) await c.compact();
    this.collections.clear();
  }
}

/** 截掉没有换行符结尾的最后一行：那是被中断的追加，从未被确认 */
async function dropTornTail(filename: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(filename, 'r+');
  } catch {
    return; // 文件不存在：新集合
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const tail = Buffer.alloc(Math.min(size, 64 * 1024));
    let end = size;
    // 从末尾向前找最后一个换行符
    while (end > 0) {
      const start = Math.max(0, end - tail.length);
      const { bytesRead } = await handle.read(tail, 0, end - start, start);
      const idx = tail.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (idx !== -1) {
        const keep = start + idx + 1;
        if (keep !== size) await handle.truncate(keep);
        return;
      }
      end = start;
    }
    await handle.truncate(0);
  } finally {
    await handle.close();
  }
}

async function writeFileDurably(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}
