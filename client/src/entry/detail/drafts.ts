import Taro from '@tarojs/taro';
import { entryContentSchema, type EntryContent } from '@contract/index';

/**
 * 本机的工作副本：每次修改都先写进本机存储（按材料 id），断网、切走、被系统回收都不丢；
 * 云端保存成功后它与云端一致。另有一份“备份”：遇到他人修改而选择载入对方版本时，把自己的版本留在这里。
 */
export interface LocalDraft {
  content: EntryContent;
  /** 这份副本是在云端哪个版本之上改的 */
  baseVersion: number;
  /** 最后修改时刻（本机毫秒） */
  editedAt: number;
}

export interface LocalBackup {
  content: EntryContent;
  /** 备份时云端的版本（别人的版本） */
  theirVersion: number;
  at: number;
}

export const draftKey = (entryId: string) => `entry-draft:${entryId}`;
export const backupKey = (entryId: string) => `entry-backup:${entryId}`;

function read(key: string): unknown {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (!raw) return null;
    return typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // 存储已满：云端保存仍会进行
  }
}

function parseContent(v: unknown): EntryContent | null {
  const r = entryContentSchema.safeParse(v);
  return r.success ? r.data : null;
}

export function readDraft(entryId: string): LocalDraft | null {
  const v = read(draftKey(entryId)) as Partial<LocalDraft> | null;
  if (!v || typeof v.baseVersion !== 'number') return null;
  const content = parseContent(v.content);
  return content ? { content, baseVersion: v.baseVersion, editedAt: Number(v.editedAt) || 0 } : null;
}

export function writeDraft(entryId: string, draft: LocalDraft): boolean {
  return write(draftKey(entryId), draft);
}

export function clearDraft(entryId: string): void {
  try {
    Taro.removeStorageSync(draftKey(entryId));
  } catch {
    // 忽略
  }
}

export function readBackup(entryId: string): LocalBackup | null {
  const v = read(backupKey(entryId)) as Partial<LocalBackup> | null;
  if (!v) return null;
  const content = parseContent(v.content);
  return content ? { content, theirVersion: Number(v.theirVersion) || 0, at: Number(v.at) || 0 } : null;
}

export function writeBackup(entryId: string, backup: LocalBackup): boolean {
  return write(backupKey(entryId), backup);
}

export function clearBackup(entryId: string): void {
  try {
    Taro.removeStorageSync(backupKey(entryId));
  } catch {
    // 忽略
  }
}

/** 键序无关的 JSON：比较两份内容是否相同 */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function sameContent(a: EntryContent, b: EntryContent): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * 打开页面时本机副本怎么办：
 * - none：没有副本，或与云端相同 → 用云端的；
 * - restore：副本是在云端当前版本上改的、还没存上 → 恢复它（并告诉用户）；
 * - conflict：副本是在旧版本上改的，而云端已被（别人）改过 → 不悄悄覆盖任何一方，让用户选。
 */
export function restoreDecision(local: LocalDraft | null, server: { version: number; content: EntryContent }): 'none' | 'restore' | 'conflict' {
  if (!local || sameContent(local.content, server.content)) return 'none';
  if (local.baseVersion === server.version) return 'restore';
  return local.baseVersion < server.version ? 'conflict' : 'restore';
}
