import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { messageOf } from './cloud';

/** 云函数的一页（_lib/cursor.ts）：nextCursor 为 null 表示没有下一页 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** 读一页：cursor 省略为第一页 */
export type PageFetcher<T> = (cursor?: string) => Promise<Page<T>>;

export interface PagedListState<T> {
  /** 第一页：loading（还没有可显示的列表）、ready、error（读取失败，列表为空） */
  status: 'loading' | 'ready' | 'error';
  items: T[];
  nextCursor: string | null;
  /** status 为 error 时的说明 */
  error?: string;
  /** 下一页：idle、loading（正在读）、error（失败，可再点“加载更多”） */
  more: 'idle' | 'loading' | 'error';
  moreError?: string;
}

export interface PagedListOptions {
  /** 刷新失败但已有列表时保留列表、不报错（定时刷新进度的页：一次失败不该把列表清空） */
  keepItemsOnError?: boolean;
  /** 下一页读取失败时调用（管理端用轻提示）；不给时页面自己读 moreError 显示 */
  onLoadMoreError?: (message: string) => void;
}

export interface RefreshOptions {
  /** 先清空再读，显示“正在加载”（换了标签页：不该先看到另一类的列表）；默认读取期间保留旧列表 */
  clear?: boolean;
}

function initial<T>(): PagedListState<T> {
  return { status: 'loading', items: [], nextCursor: null, more: 'idle' };
}

/**
 * 按游标分页的列表（云端每次最多读 100 条，列表页每页 10–20 条，从不一次读全部）：
 * refresh() 从第一页重读（下拉刷新、页面重新显示、筛选变化），loadMore() 接着读下一页（触底、“加载更多”）。
 * 迟到的旧回复一律丢弃：刷新之后才回来的上一轮结果（或上一轮的下一页）不会混进新列表。
 * 下一页按 _id 去重：两次读取之间有新记录插到前面时，同一条不会出现两次。
 * fetchPage 每次渲染都可以是新函数（读取时用最新的那个），不必 useCallback。
 */
export function usePagedList<T extends { _id: string }>(fetchPage: PageFetcher<T>, options: PagedListOptions = {}) {
  const [state, setState] = useState<PagedListState<T>>(initial);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** 当前这一轮列表的编号：refresh 加一，回复的编号不是当前的就丢弃 */
  const round = useRef(0);
  /** 最新状态（触底回调可能拿着旧的闭包）与“正在读下一页”（同一刻连续触底只读一次） */
  const latest = useRef(state);
  latest.current = state;
  const readingMore = useRef(false);

  const refresh = useCallback(async ({ clear = false }: RefreshOptions = {}) => {
    const mine = ++round.current;
    readingMore.current = false;
    setState((s) => (!clear && s.status === 'ready' ? { ...s, more: 'idle', moreError: undefined } : initial<T>()));
    try {
      const page = await fetchRef.current();
      if (mine !== round.current) return;
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' });
    } catch (err) {
      if (mine !== round.current) return;
      const error = messageOf(err);
      setState((s) => (optionsRef.current.keepItemsOnError && s.items.length ? s : { ...initial<T>(), status: 'error', error }));
    }
  }, []);

  const loadMore = useCallback(async () => {
    const { status, nextCursor } = latest.current;
    if (status !== 'ready' || !nextCursor || readingMore.current) return;
    const mine = round.current;
    readingMore.current = true;
    setState((s) => ({ ...s, more: 'loading', moreError: undefined }));
    try {
      const page = await fetchRef.current(nextCursor);
      if (mine !== round.current) return;
      setState((s) => {
        const seen = new Set(s.items.map((item) => item._id));
        return { ...s, items: [...s.items, ...page.items.filter((item) => !seen.has(item._id))], nextCursor: page.nextCursor, more: 'idle' };
      });
    } catch (err) {
      if (mine !== round.current) return;
      const message = messageOf(err);
      setState((s) => ({ ...s, more: 'error', moreError: message }));
      optionsRef.current.onLoadMoreError?.(message);
    } finally {
      if (mine === round.current) readingMore.current = false;
    }
  }, []);

  return {
    ...state,
    /** 第一页已显示且还有下一页 */
    hasMore: state.status === 'ready' && state.nextCursor !== null,
    loadingMore: state.more === 'loading',
    /** 已读到最后一页 */
    atEnd: state.status === 'ready' && state.nextCursor === null,
    refresh,
    loadMore,
  };
}

/**
 * 整页列表的页面事件：每次显示都从第一页重读（从编辑页返回时记录可能已变），触底读下一页，下拉刷新。
 * refreshOptions 用于这三处的重读（如 { clear: true }：不先显示可能已变的旧卡片）。
 */
export function usePagedListPage(list: { refresh: (opts?: RefreshOptions) => Promise<void>; loadMore: () => Promise<void> }, refreshOptions: RefreshOptions = {}) {
  useDidShow(() => {
    void list.refresh(refreshOptions);
  });
  useReachBottom(() => {
    void list.loadMore();
  });
  usePullDownRefresh(async () => {
    await list.refresh(refreshOptions);
    Taro.stopPullDownRefresh();
  });
}
