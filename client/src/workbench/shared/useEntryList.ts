import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryStatus, EntrySummary } from '@contract/index';
import { callFunction, messageOf } from '@/services/cloud';
import { toast } from '../../admin/shared/ui';

/** entries.list 的筛选（落点由守卫核对：unitId 限本单位，都不给的只有组织部） */
export interface EntryFilter {
  campaignId?: string;
  trackKey?: string;
  unitId?: string;
  status?: EntryStatus;
}

export interface EntryListState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: EntrySummary[];
  nextCursor: string | null;
  loadingMore: boolean;
  error?: string;
}

export const PAGE_SIZE = 20;

/**
 * 材料列表的分页：每页 20 份、按最近更新倒序，游标翻页（从不一次读全部）。
 * 筛选变化时重读第一页；迟到的旧回复被丢弃（seq）。enabled=false 时不读（如还没选评选）。
 */
export function useEntryList(filter: EntryFilter, enabled = true) {
  const [state, setState] = useState<EntryListState>({ status: 'idle', items: [], nextCursor: null, loadingMore: false });
  const seq = useRef(0);
  const key = JSON.stringify(filter);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    if (!enabled) return setState({ status: 'idle', items: [], nextCursor: null, loadingMore: false });
    setState((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      const page = await callFunction('entries', 'list', { ...(JSON.parse(key) as EntryFilter), pageSize: PAGE_SIZE });
      if (mine !== seq.current) return;
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false });
    } catch (err) {
      if (mine !== seq.current) return;
      setState({ status: 'error', items: [], nextCursor: null, loadingMore: false, error: messageOf(err) });
    }
  }, [key, enabled]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.loadingMore || !state.nextCursor) return;
    const mine = seq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await callFunction('entries', 'list', { ...(JSON.parse(key) as EntryFilter), pageSize: PAGE_SIZE, cursor: state.nextCursor });
      if (mine !== seq.current) return;
      setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      setState((s) => ({ ...s, loadingMore: false }));
      toast(messageOf(err));
    }
  }, [state, key]);

  useEffect(() => {
    // 筛选变了：先清空旧列表再读，免得看到上一个筛选的结果
    setState({ status: 'idle', items: [], nextCursor: null, loadingMore: false });
    void reload();
  }, [reload]);

  return { state, reload, loadMore };
}
