import { withSystemFont } from '@/components/SystemFont';
import ListFooter from '../shared/ListFooter';
import { useCallback, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { caseStatusLabels, type CaseSummary } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { toast } from '../shared/ui';
import '../shared/admin.scss';

type Item = CaseSummary & { status: 'draft' | 'published' | 'hidden'; version: number };
type Tab = 'draft' | 'hidden';
const PAGE_SIZE = 20;

interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: Item[];
  nextCursor: string | null;
  loadingMore: boolean;
  error?: string;
}

/** 案例编辑（组织部，A7）：结果公布后生成的待发布案例与已撤下的案例，点开编辑后发布到储备库 */
function CaseDraftsPage() {
  const [tab, setTab] = useState<Tab>('draft');
  const [state, setState] = useState<ListState>({ status: 'loading', items: [], nextCursor: null, loadingMore: false });
  const seq = useRef(0);

  const load = useCallback(async (which: Tab) => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, status: 'loading', items: [], error: undefined }));
    try {
      const page = await callFunction('cases', 'drafts', { status: which, pageSize: PAGE_SIZE });
      if (mine !== seq.current) return;
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false });
    } catch (err) {
      if (mine !== seq.current) return;
      setState({ status: 'error', items: [], nextCursor: null, loadingMore: false, error: messageOf(err) });
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.loadingMore || !state.nextCursor) return;
    const mine = seq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await callFunction('cases', 'drafts', { status: tab, pageSize: PAGE_SIZE, cursor: state.nextCursor });
      if (mine !== seq.current) return;
      setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      setState((s) => ({ ...s, loadingMore: false }));
      toast(messageOf(err));
    }
  }, [state, tab]);

  // 从编辑页返回时案例可能已发布：每次显示都重读第一页
  useDidShow(() => {
    load(tab);
  });
  useReachBottom(() => {
    loadMore();
  });
  usePullDownRefresh(async () => {
    await load(tab);
    Taro.stopPullDownRefresh();
  });

  const switchTo = (t: Tab) => {
    setTab(t);
    load(t);
  };

  return (
    <View className='adm-page'>
      <View className='adm-tabs'>
        {(['draft', 'hidden'] as Tab[]).map((t) => (
          <View key={t} className={`adm-tabs__tab${tab === t ? ' adm-tabs__tab--active' : ''}`} data-testid={`tab-${t}`} onClick={() => switchTo(t)}>
            <Text>{caseStatusLabels[t]}</Text>
          </View>
        ))}
      </View>
      <View className='adm-banner adm-banner--info'>
        <Text>评选结果公布后，获奖案例先在这里待发布：核对题目、简介、正文与照片说明，发布后进入成果储备库（A7）。</Text>
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={() => load(tab)} /> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StateView kind='empty' message={tab === 'draft' ? '没有待发布的案例。公布评选结果后，获奖案例会出现在这里。' : '没有撤下的案例。'} />
      ) : null}
      {state.items.map((c) => (
        <View
          key={c._id}
          className='adm-card'
          data-testid='draft-card'
          data-id={c._id}
          onClick={() => Taro.navigateTo({ url: `/admin/case-edit/index?id=${encodeURIComponent(c._id)}` })}
        >
          <View className='adm-card__row'>
            <Text className='adm-card__title adm-card__body'>{c.title || '（无题目）'}</Text>
            <Text className='adm-card__chevron'>›</Text>
          </View>
          <View className='adm-card__meta'>
            <Text className={`adm-tag adm-tag--${c.status === 'draft' ? 'gold' : 'grey'}`}>{caseStatusLabels[c.status]}</Text>
            <Text className='adm-tag adm-tag--red'>{c.levelLabel}</Text>
            <Text>{c.year} 年度</Text>
          </View>
          <View className='adm-card__meta'>
            <Text>{c.unitName} · {c.entrantName} · {c.photoCount} 张照片</Text>
          </View>
        </View>
      ))}
      {state.status === 'ready' && state.items.length > 0 ? (
        <ListFooter loadingMore={state.loadingMore} hasMore={!!state.nextCursor} onLoadMore={loadMore} />
      ) : null}
    </View>
  );
}

export default withSystemFont(CaseDraftsPage);
