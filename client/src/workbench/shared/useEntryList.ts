import { useCallback, useEffect } from 'react';
import type { EntryStatus, EntrySummary } from '@contract/index';
import { callFunction } from '@/services/cloud';
import { usePagedList } from '@/services/paged-list';
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
 * 材料列表的分页：每页 20 份、按最近更新倒序，游标翻页（从不一次读全部；分页本身是 services/paged-list 的 usePagedList）。
 * 筛选变化时先清空再读第一页（免得看到上一个筛选的结果）；迟到的旧回复被丢弃。enabled=false 时不读（如还没选评选），状态为 idle。
 */
export function useEntryList(filter: EntryFilter, enabled = true) {
  const key = JSON.stringify(filter);
  const list = usePagedList((cursor?: string) => callFunction('entries', 'list', { ...(JSON.parse(key) as EntryFilter), pageSize: PAGE_SIZE, cursor }), {
    onLoadMoreError: toast,
  });
  const { refresh, loadMore } = list;

  /** 重读第一页（操作之后、下拉刷新）：读取期间保留当前列表 */
  const reload = useCallback(async () => {
    if (enabled) await refresh();
  }, [refresh, enabled]);

  useEffect(() => {
    if (enabled) void refresh({ clear: true });
  }, [refresh, key, enabled]);

  const state: EntryListState = enabled
    ? { status: list.status, items: list.items, nextCursor: list.nextCursor, loadingMore: list.loadingMore, error: list.error }
    : { status: 'idle', items: [], nextCursor: null, loadingMore: false };
  return { state, reload, loadMore };
}
