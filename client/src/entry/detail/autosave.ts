import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useUnload } from '@tarojs/taro';
import { formatCst, type EntryContent } from '@contract/index';
import { CloudError, messageOf } from '@/services/cloud';
import { clearDraft, sameContent, writeDraft } from './drafts';

/**
 * 自动保存的状态：
 * saved（已保存 HH:mm）→ 修改 → pending（停顿 2 秒后保存）→ saving → saved；
 * 网络失败 → failed（network，按退避自动重试，也可点“重试”）；其他失败 → failed（说明原因，点“重试”）；
 * 云端版本已被他人改过 → conflict（暂停自动保存，等用户选择）；材料已不可编辑 → locked。
 */
export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; network: boolean; retryInMs: number | null }
  | { kind: 'conflict' }
  | { kind: 'locked'; message: string };

export interface ServerBase {
  version: number;
  content: EntryContent;
  updatedAt: string;
}

/** 保存遇到 CONFLICT 后，页面重新读取云端得到的结论 */
export type ConflictOutcome =
  /** 云端内容与我要存的相同（如上次保存其实已成功、只是回复丢了）：采用云端版本号即可 */
  | { outcome: 'same'; version: number; updatedAt: string }
  /** 另一位编辑存了不同的内容 */
  | { outcome: 'conflict' }
  /** 材料已不能修改（已被提交等） */
  | { outcome: 'locked'; message: string };

export interface AutosaveOptions {
  entryId: string;
  /** 可编辑（草稿/退回/待补正，且取到了表单） */
  enabled: boolean;
  /** 本机的工作副本 */
  content: EntryContent | null;
  /** 页面所知的云端版本 */
  base: ServerBase | null;
  /** 以 expectedVersion 保存；成功时页面更新自己的云端版本，返回新版本号与时刻 */
  save: (content: EntryContent, expectedVersion: number) => Promise<{ version: number; updatedAt: string }>;
  /** 保存答 CONFLICT 时：重新读取云端并判断 */
  onConflict: (content: EntryContent) => Promise<ConflictOutcome>;
  /** 停止输入多久后保存（毫秒） */
  delayMs?: number;
}

/** 网络失败后的自动重试间隔（毫秒），最后一项之后一直按它重试 */
export const RETRY_DELAYS = [3000, 6000, 15000, 30000, 60000];

/** 可自动重试的失败：断网、超时、服务繁忙、限流 */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof CloudError) || err.code === 'INTERNAL' || err.code === 'RATE_LIMITED';
}

/** 状态行的文字 */
export function saveStateText(s: SaveState): string {
  switch (s.kind) {
    case 'saved':
      return s.at ? `已保存 ${formatCst(s.at, 'HH:mm')}` : '草稿已保存';
    case 'pending':
    case 'saving':
      return '保存中…';
    case 'failed':
      return s.network ? '未保存（网络问题），将自动重试' : `未保存：${s.message}`;
    case 'conflict':
      return '未保存：另一位编辑已修改这份材料';
    case 'locked':
      return `未保存：${s.message}`;
  }
}

/**
 * 自动保存：每次修改写本机副本；停止输入 delayMs 后、页面隐藏或关闭时保存到云端（带 expectedVersion）；
 * 网络失败按退避重试；CONFLICT 时暂停，交给页面让用户选择，绝不悄悄覆盖他人的修改。
 */
export function useAutosave(opts: AutosaveOptions) {
  const { entryId, enabled, content, base, delayMs = 2000 } = opts;
  const [state, setStateRaw] = useState<SaveState>({ kind: 'saved', at: base?.updatedAt ?? null });
  const stateRef = useRef(state);
  const setState = useCallback((s: SaveState) => {
    stateRef.current = s;
    setStateRaw(s);
  }, []);

  const cur = useRef(opts);
  cur.current = opts;
  /** 已知的云端版本：保存成功时立即更新（不等页面重新渲染），避免紧接着的保存用旧版本号 */
  const known = useRef<{ version: number; content: EntryContent } | null>(base ? { version: base.version, content: base.content } : null);
  /** 冲突中：不保存，也不跟随页面的云端版本（等用户选择） */
  const paused = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const attempts = useRef(0);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // 页面重新读取、载入对方版本后，云端版本变大：以它为准
  if (base && !paused.current && (!known.current || base.version > known.current.version)) {
    known.current = { version: base.version, content: base.content };
  }

  const clearTimers = () => {
    if (debounce.current) clearTimeout(debounce.current);
    if (retryTimer.current) clearTimeout(retryTimer.current);
    debounce.current = null;
    retryTimer.current = null;
  };

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const { content: working, enabled: on } = cur.current;
    const k = known.current;
    if (!on || !working || !k) return true;
    if (paused.current) return false;
    if (sameContent(working, k.content)) {
      if (stateRef.current.kind !== 'saved') setState({ kind: 'saved', at: cur.current.base?.updatedAt ?? null });
      return true;
    }
    clearTimers();
    setState({ kind: 'saving' });
    try {
      const res = await cur.current.save(working, k.version);
      known.current = { version: res.version, content: working };
      attempts.current = 0;
      setState({ kind: 'saved', at: res.updatedAt });
      return true;
    } catch (err) {
      if (err instanceof CloudError && err.code === 'CONFLICT') {
        paused.current = true;
        let outcome: ConflictOutcome | null = null;
        try {
          outcome = await cur.current.onConflict(working);
        } catch {
          outcome = null; // 读不到云端：按网络问题重试
        }
        if (outcome?.outcome === 'same') {
          paused.current = false;
          known.current = { version: outcome.version, content: working };
          attempts.current = 0;
          setState({ kind: 'saved', at: outcome.updatedAt });
          return true;
        }
        if (outcome?.outcome === 'conflict') {
          setState({ kind: 'conflict' });
          return false;
        }
        if (outcome?.outcome === 'locked') {
          // 页面已换成云端的（不可编辑的）材料；之后若撤回再编辑，从云端版本重新开始
          paused.current = false;
          setState({ kind: 'locked', message: outcome.message });
          return false;
        }
        paused.current = false;
      }
      const network = isRetryable(err);
      attempts.current += 1;
      const retryInMs = network ? RETRY_DELAYS[Math.min(attempts.current, RETRY_DELAYS.length) - 1] : null;
      setState({ kind: 'failed', message: messageOf(err), network, retryInMs });
      if (retryInMs !== null) {
        retryTimer.current = setTimeout(() => {
          retryTimer.current = null;
          void flush();
        }, retryInMs);
      }
      return false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** 立即保存（等正在进行的保存结束后再存最新内容）；全部存上返回 true */
  const flush = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    const p = saveOnce();
    inFlight.current = p;
    try {
      return await p;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce]);

  // 每次修改：写本机副本，并在停止输入 delayMs 后保存
  useEffect(() => {
    const k = known.current;
    if (!enabled || !content || !k) return;
    if (!paused.current && sameContent(content, k.content)) {
      clearDraft(entryId);
      return;
    }
    writeDraft(entryId, { content, baseVersion: k.version, editedAt: Date.now() });
    if (paused.current) return;
    const kind = stateRef.current.kind;
    if (kind === 'saved') setState({ kind: 'pending' });
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => {
      debounce.current = null;
      void flush();
    }, delayMs);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, base?.version, enabled, entryId]);

  useEffect(() => () => clearTimers(), []);

  // 重新可编辑（如撤回后恢复为草稿）：从“已保存”开始
  useEffect(() => {
    if (enabled && (stateRef.current.kind === 'locked' || stateRef.current.kind === 'failed')) setState({ kind: 'saved', at: null });
  }, [enabled, setState]);

  // 切到后台、锁屏、跳到别的页面：马上存
  useDidHide(() => {
    void flush();
  });
  useUnload(() => {
    clearTimers();
    void flush();
  });

  /** 用户点“重试” */
  const retry = useCallback(() => {
    clearTimers();
    attempts.current = 0;
    return flush();
  }, [flush]);

  /** 打开页面时发现本机副本是在旧版本上改的：从冲突状态开始 */
  const startConflict = useCallback(
    (baseVersion: number, baseContent: EntryContent) => {
      clearTimers();
      paused.current = true;
      known.current = { version: baseVersion, content: baseContent };
      setState({ kind: 'conflict' });
    },
    [setState],
  );

  /**
   * 冲突已由用户选择解决（页面已把云端版本换成对方的）：恢复自动保存。
   * 之后本机内容与对方版本不同（选择“保留我的”）就会以对方的版本号保存。
   */
  const resume = useCallback(
    (theirs: ServerBase) => {
      paused.current = false;
      known.current = { version: theirs.version, content: theirs.content };
      attempts.current = 0;
      setState({ kind: 'saved', at: theirs.updatedAt });
    },
    [setState],
  );

  const dirty = !!(enabled && content && known.current && !sameContent(content, known.current.content));
  // 打开页面后还没保存过：显示云端最后保存的时刻
  const shown: SaveState = state.kind === 'saved' && !state.at && base ? { kind: 'saved', at: base.updatedAt } : state;
  return { state: shown, dirty, flush, retry, startConflict, resume };
}
