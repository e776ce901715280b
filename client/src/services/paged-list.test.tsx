import { act, renderHook } from '@testing-library/react';
import { calls as taroCalls, resetTaro, trigger } from '../../../test/stubs/taro';
import { CloudError } from './cloud';
import { usePagedList, usePagedListPage, type Page, type PagedListOptions } from './paged-list';

type Item = { _id: string };
const items = (...ids: string[]): Item[] => ids.map((_id) => ({ _id }));

/** 手动放行的一次读取：测试决定它何时、以什么结果回来 */
interface Pending {
  cursor: string | undefined;
  resolve: (page: Page<Item>) => void;
  reject: (err: unknown) => void;
}

function setup(options?: PagedListOptions) {
  const calls: Pending[] = [];
  const fetchPage = jest.fn(
    (cursor?: string) =>
      new Promise<Page<Item>>((resolve, reject) => {
        calls.push({ cursor, resolve, reject });
      }),
  );
  const hook = renderHook(() => usePagedList(fetchPage, options));
  const answer = async (i: number, page: Page<Item> | Error) => {
    await act(async () => {
      if (page instanceof Error) calls[i].reject(page);
      else calls[i].resolve(page);
    });
  };
  return { calls, fetchPage, hook, answer };
}

describe('usePagedList: cursor paging with loading, error and end states', () => {
  it('starts loading, shows the first page, reads the next page by its cursor and ends when there is no cursor', async () => {
    const { calls, hook, answer } = setup();
    expect(hook.result.current.status).toBe('loading');
    act(() => {
      void hook.result.current.refresh();
    });
    expect(calls[0].cursor).toBeUndefined();
    await answer(0, { items: items('a', 'b'), nextCursor: 'k1' });
    expect(hook.result.current).toMatchObject({ status: 'ready', items: items('a', 'b'), hasMore: true, atEnd: false, loadingMore: false });

    act(() => {
      void hook.result.current.loadMore();
    });
    expect(calls[1].cursor).toBe('k1');
    expect(hook.result.current.loadingMore).toBe(true);
    await answer(1, { items: items('c'), nextCursor: null });
    expect(hook.result.current).toMatchObject({ items: items('a', 'b', 'c'), hasMore: false, atEnd: true, loadingMore: false });

    // 到底了：再触底不读
    await act(async () => {
      await hook.result.current.loadMore();
    });
    expect(calls).toHaveLength(2);
  });

  it('reads the next page once when the bottom is reached twice in a row, and drops an item already shown', async () => {
    const { calls, hook, answer } = setup();
    act(() => {
      void hook.result.current.refresh();
    });
    await answer(0, { items: items('a', 'b'), nextCursor: 'k1' });
    act(() => {
      void hook.result.current.loadMore();
      void hook.result.current.loadMore();
    });
    expect(calls).toHaveLength(2);
    // 两次读取之间有一条新记录插到了前面：b 被挤到第二页，不重复显示
    await answer(1, { items: items('b', 'c'), nextCursor: null });
    expect(hook.result.current.items).toEqual(items('a', 'b', 'c'));
  });

  it('drops a reply that arrives after a newer refresh (a slow first read does not overwrite the newer list)', async () => {
    const { hook, answer } = setup();
    act(() => {
      void hook.result.current.refresh();
      void hook.result.current.refresh();
    });
    await answer(1, { items: items('new'), nextCursor: null });
    await answer(0, { items: items('old'), nextCursor: 'stale' });
    expect(hook.result.current.items).toEqual(items('new'));
    expect(hook.result.current.atEnd).toBe(true);
  });

  it('drops a next page that arrives after a refresh started, and lets the bottom load again afterwards', async () => {
    const { calls, hook, answer } = setup();
    act(() => {
      void hook.result.current.refresh();
    });
    await answer(0, { items: items('a'), nextCursor: 'k1' });
    act(() => {
      void hook.result.current.loadMore();
    });
    act(() => {
      void hook.result.current.refresh();
    });
    expect(hook.result.current.loadingMore).toBe(false);
    await answer(2, { items: items('a2'), nextCursor: 'k2' });
    await answer(1, { items: items('b'), nextCursor: null });
    expect(hook.result.current.items).toEqual(items('a2'));
    act(() => {
      void hook.result.current.loadMore();
    });
    expect(calls[3].cursor).toBe('k2');
  });

  it('keeps the shown list while refreshing, unless asked to clear it (switching tabs)', async () => {
    const { hook, answer } = setup();
    act(() => {
      void hook.result.current.refresh();
    });
    await answer(0, { items: items('a'), nextCursor: null });
    act(() => {
      void hook.result.current.refresh();
    });
    expect(hook.result.current).toMatchObject({ status: 'ready', items: items('a') });
    await answer(1, { items: items('a', 'b'), nextCursor: null });
    act(() => {
      void hook.result.current.refresh({ clear: true });
    });
    expect(hook.result.current).toMatchObject({ status: 'loading', items: [] });
  });

  it('shows the error of a failed first read with an empty list; retry reads again', async () => {
    const { calls, hook, answer } = setup();
    act(() => {
      void hook.result.current.refresh();
    });
    await answer(0, new CloudError('FORBIDDEN', '只有组织部可以查看'));
    expect(hook.result.current).toMatchObject({ status: 'error', error: '只有组织部可以查看', items: [], hasMore: false, atEnd: false });
    act(() => {
      void hook.result.current.refresh();
    });
    expect(hook.result.current.status).toBe('loading');
    await answer(1, { items: items('a'), nextCursor: null });
    expect(hook.result.current.status).toBe('ready');
    expect(calls).toHaveLength(2);
  });

  it('replaces the list by the error on a failed refresh, or keeps it with keepItemsOnError (polled progress)', async () => {
    for (const keep of [false, true]) {
      const { hook, answer } = setup({ keepItemsOnError: keep });
      act(() => {
        void hook.result.current.refresh();
      });
      await answer(0, { items: items('a'), nextCursor: null });
      act(() => {
        void hook.result.current.refresh();
      });
      await answer(1, new Error('网络不通'));
      expect(hook.result.current.status).toBe(keep ? 'ready' : 'error');
      expect(hook.result.current.items).toEqual(keep ? items('a') : []);
    }
  });

  it('records a failed next page (and tells onLoadMoreError) without losing the list; trying again reads the same cursor', async () => {
    const onLoadMoreError = jest.fn();
    const { calls, hook, answer } = setup({ onLoadMoreError });
    act(() => {
      void hook.result.current.refresh();
    });
    await answer(0, { items: items('a'), nextCursor: 'k1' });
    act(() => {
      void hook.result.current.loadMore();
    });
    await answer(1, new CloudError('INTERNAL', '服务繁忙，请稍后再试'));
    expect(hook.result.current).toMatchObject({ more: 'error', moreError: '服务繁忙，请稍后再试', items: items('a'), hasMore: true, loadingMore: false });
    expect(onLoadMoreError).toHaveBeenCalledWith('服务繁忙，请稍后再试');
    act(() => {
      void hook.result.current.loadMore();
    });
    expect(calls[2].cursor).toBe('k1');
    await answer(2, { items: items('b'), nextCursor: null });
    expect(hook.result.current).toMatchObject({ more: 'idle', items: items('a', 'b') });
  });

  it('reads with the newest fetcher (a filter chosen after the first render)', async () => {
    const seen: string[] = [];
    let filter = 'draft';
    const hook = renderHook(() =>
      usePagedList(async () => {
        seen.push(filter);
        return { items: [], nextCursor: null };
      }),
    );
    filter = 'hidden';
    hook.rerender();
    await act(async () => {
      await hook.result.current.refresh();
    });
    expect(seen).toEqual(['hidden']);
  });
});

describe('usePagedListPage: page events of a whole-page list', () => {
  beforeEach(() => resetTaro());

  it('reads the first page when shown (and shown again), the next page at the bottom, and stops the pull-down spinner after a refresh', async () => {
    const fetchPage = jest.fn(async (cursor?: string) => (cursor ? { items: items('b'), nextCursor: null } : { items: items('a'), nextCursor: 'k1' }));
    const hook = renderHook(() => {
      const list = usePagedList(fetchPage);
      usePagedListPage(list, { clear: true });
      return list;
    });
    await act(async () => {});
    expect(fetchPage).toHaveBeenCalledTimes(1);
    await act(() => trigger('reachBottom'));
    expect(fetchPage).toHaveBeenLastCalledWith('k1');
    expect(hook.result.current.items).toEqual(items('a', 'b'));
    await act(() => trigger('didShow'));
    expect(hook.result.current.items).toEqual(items('a'));
    await act(() => trigger('pullDownRefresh'));
    expect(fetchPage).toHaveBeenCalledTimes(4);
    expect(taroCalls.map((c) => c.api)).toContain('stopPullDownRefresh');
  });
});
