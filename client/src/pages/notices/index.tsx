import { useCallback, useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { NoticeSummary } from '@contract/index';
import NoticeCard from '@/components/NoticeCard';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import OpenCampaigns from './OpenCampaigns';
import './index.scss';

const PAGE_SIZE = 10;
const SEARCH_DELAY_MS = 300;

interface ListState {
  items: NoticeSummary[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error?: string;
  /** 当前结果对应的搜索词（输入框里的词可能还在防抖中） */
  loadedKeyword: string;
}

/** 通知：上方是正在进行的评选（已绑定时）；通知最新在前，游标分页（触底加载更多），按标题搜索，下拉刷新 */
function NoticesPage() {
  const [keyword, setKeyword] = useState('');
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: 'loading', loadingMore: false, loadedKeyword: '' });
  /** 每次读第一页加一：晚到的旧回复（旧搜索词、刷新前的翻页）直接丢弃 */
  const requestSeq = useRef(0);
  const loadingMoreRef = useRef(false);
  /** 评选一块在每次回到本页（绑定、换身份后）和下拉刷新时重读；首次显示由它自己挂载时读 */
  const [campaignsKey, setCampaignsKey] = useState(0);
  const shownOnce = useRef(false);

  /** 读第一页；下拉刷新时 keepVisible，列表留在屏幕上直到新数据到达（不闪骨架屏） */
  const loadFirstPage = useCallback(async (kw: string, keepVisible = false) => {
    const seq = ++requestSeq.current;
    if (!keepVisible) setState((s) => ({ ...s, status: 'loading', error: undefined }));
    try {
      const page = await callFunction('notices', 'list', { pageSize: PAGE_SIZE, ...(kw ? { keyword: kw } : {}) });
      if (seq !== requestSeq.current) return; // 已有更新的搜索
      setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', loadingMore: false, loadedKeyword: kw });
    } catch (err) {
      if (seq !== requestSeq.current) return;
      const message = messageOf(err);
      // 刷新失败时已有的列表仍然有用：保留并提示，不换成整页出错
      if (keepVisible) Taro.showToast({ title: message, icon: 'none' });
      setState((s) =>
        keepVisible && s.status === 'ready' && s.items.length
          ? s
          : { items: [], nextCursor: null, status: 'error', loadingMore: false, error: message, loadedKeyword: kw },
      );
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => loadFirstPage(keyword.trim()), keyword ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [keyword, loadFirstPage]);

  const loadMore = useCallback(async () => {
    // 触底事件可能在重渲染前连发两次：用 ref 挡住同一游标的重复请求
    if (state.status !== 'ready' || loadingMoreRef.current || !state.nextCursor) return;
    loadingMoreRef.current = true;
    const seq = requestSeq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const kw = state.loadedKeyword;
      const page = await callFunction('notices', 'list', { pageSize: PAGE_SIZE, cursor: state.nextCursor, ...(kw ? { keyword: kw } : {}) });
      if (seq !== requestSeq.current) return;
      setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      // 已加载的保留，只提示；用户可再次触底或点“加载更多”
      setState((s) => ({ ...s, loadingMore: false }));
      Taro.showToast({ title: messageOf(err), icon: 'none' });
    } finally {
      loadingMoreRef.current = false;
    }
  }, [state]);

  useReachBottom(() => {
    loadMore();
  });
  useDidShow(() => {
    if (shownOnce.current) setCampaignsKey((k) => k + 1);
    shownOnce.current = true;
  });
  usePullDownRefresh(async () => {
    setCampaignsKey((k) => k + 1);
    await loadFirstPage(keyword.trim(), true);
    Taro.stopPullDownRefresh();
  });

  const open = (id: string) => Taro.navigateTo({ url: `/pages/notice/index?id=${encodeURIComponent(id)}` });

  return (
    <View className='notices-page'>
      <View className='notices-page__search'>
        <Input
          className='notices-page__search-input'
          placeholder='搜索通知标题'
          value={keyword}
          maxlength={30}
          confirmType='search'
          onInput={(e) => setKeyword(e.detail.value)}
        />
      </View>
      {/* 搜索通知时收起评选（不卸载，清空搜索词后不必重读） */}
      <View className={keyword ? 'notices-page__campaigns--hidden' : undefined}>
        <OpenCampaigns reloadKey={campaignsKey} />
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={() => loadFirstPage(keyword.trim())} /> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StateView kind='empty' message={state.loadedKeyword ? '没有找到相关通知' : '暂无通知'} />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <View className='notices-page__list'>
          {state.items.map((n) => (
            <NoticeCard key={n._id} notice={n} onOpen={open} />
          ))}
          <View className='notices-page__footer'>
            {state.loadingMore ? (
              <Text>正在加载…</Text>
            ) : state.nextCursor ? (
              <Text className='notices-page__more' onClick={loadMore}>
                加载更多
              </Text>
            ) : (
              <Text>没有更多了</Text>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default withSystemFont(NoticesPage);
