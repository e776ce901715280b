import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCst, type EntrySummary } from '@contract/index';
import { Button } from '@/components/Button';
import Deadline from '@/components/Deadline';
import InlineState from '@/components/InlineState';
import StatusBadge from '@/components/StatusBadge';
import { callFunction, messageOf } from '@/services/cloud';
import { useCampaignTitles } from './campaign-titles';

/** 一次读取的条数 */
export const MY_ENTRIES_PAGE_SIZE = 10;

/** 支部书记看本支部的，分党委管理员看本单位的（含各支部与单位自身的） */
export type EntryScope = { branchId: string } | { unitId: string };

interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: EntrySummary[];
  nextCursor: string | null;
  error?: string;
  more: 'idle' | 'loading' | 'error';
  moreError?: string;
}

const INITIAL: ListState = { status: 'loading', items: [], nextCursor: null, more: 'idle' };

/**
 * 我的申报（entries.list）：最近更新的在前，每份写明评选、状态、更新时间，待补正的写明补正期限；
 * 点开进入申报详情；“加载更多”按游标续读。reloadKey 变化时从第一页重读（读取期间保留旧列表）。
 */
export default function MyEntries({ scope, reloadKey, subtitle }: { scope: EntryScope; reloadKey: number; subtitle: string }) {
  const [state, setState] = useState<ListState>(INITIAL);
  const seq = useRef(0);
  const titles = useCampaignTitles(state.items.map((e) => e.campaignId));
  const scopeKey = 'branchId' in scope ? `branch:${scope.branchId}` : `unit:${scope.unitId}`;

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ready' ? { ...s, more: 'idle', moreError: undefined } : INITIAL));
    const [level, id] = scopeKey.split(':');
    try {
      const res = await callFunction('entries', 'list', { ...(level === 'branch' ? { branchId: id } : { unitId: id }), pageSize: MY_ENTRIES_PAGE_SIZE });
      if (mine === seq.current) setState({ status: 'ready', items: res.items, nextCursor: res.nextCursor, more: 'idle' });
    } catch (err) {
      if (mine === seq.current) setState({ ...INITIAL, status: 'error', error: messageOf(err) });
    }
  }, [scopeKey]);

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  const loadMore = async () => {
    const cursor = state.nextCursor;
    if (!cursor || state.more === 'loading') return;
    const mine = seq.current;
    setState((s) => ({ ...s, more: 'loading', moreError: undefined }));
    const [level, id] = scopeKey.split(':');
    try {
      const res = await callFunction('entries', 'list', { ...(level === 'branch' ? { branchId: id } : { unitId: id }), pageSize: MY_ENTRIES_PAGE_SIZE, cursor });
      if (mine !== seq.current) return;
      setState((s) => {
        const seen = new Set(s.items.map((e) => e._id));
        return { ...s, items: [...s.items, ...res.items.filter((e) => !seen.has(e._id))], nextCursor: res.nextCursor, more: 'idle' };
      });
    } catch (err) {
      if (mine === seq.current) setState((s) => ({ ...s, more: 'error', moreError: messageOf(err) }));
    }
  };

  const showEntrant = !('branchId' in scope);
  return (
    <View className='me-page__section' data-testid='my-entries' data-scope={scopeKey}>
      <Text className='me-page__section-title'>我的申报</Text>
      <Text className='me-page__section-note'>{subtitle}</Text>
      {state.status === 'loading' ? <InlineState kind='loading' testId='my-entries' /> : null}
      {state.status === 'error' ? <InlineState kind='error' message={`申报读取失败：${state.error}`} onRetry={load} testId='my-entries' /> : null}
      {state.status === 'ready' && !state.items.length ? (
        <InlineState kind='empty' message='还没有申报材料：从通知里的“参加评选”开始申报' testId='my-entries' />
      ) : null}
      {state.items.map((e) => (
        <View
          key={e._id}
          className='me-page__item'
          data-testid='my-entry'
          data-id={e._id}
          onClick={() => Taro.navigateTo({ url: `/entry/detail/index?id=${encodeURIComponent(e._id)}` })}
        >
          <View className='me-page__item-body'>
            <View className='me-page__item-head'>
              <Text className='me-page__item-title' data-testid='my-entry-title'>
                {e.title || '（未填写名称）'}
              </Text>
              <StatusBadge status={e.status} testId='my-entry-status' />
            </View>
            <Text className='me-page__item-meta' data-testid='my-entry-campaign'>
              {titles[e.campaignId] ?? `${e.year} 年度评选`}
            </Text>
            <Text className='me-page__item-meta'>
              {showEntrant ? `${e.entrantName} · ` : ''}更新于 {formatCst(e.updatedAt)}
            </Text>
            {e.status === 'correctionRequested' && e.correctionDeadline ? <Deadline deadline={e.correctionDeadline} label='补正期限' testId='my-entry-deadline' /> : null}
          </View>
          <Text className='me-page__chevron'>›</Text>
        </View>
      ))}
      {state.status === 'ready' && state.nextCursor ? (
        state.more === 'error' ? (
          <InlineState kind='error' message={`加载更多失败：${state.moreError}`} onRetry={loadMore} testId='my-entries-more' />
        ) : (
          <Button className='me-page__more' data-testid='my-entries-more' loading={state.more === 'loading'} onClick={loadMore}>
            {state.more === 'loading' ? '正在加载…' : '加载更多'}
          </Button>
        )
      ) : null}
      {state.status === 'ready' && state.items.length >= MY_ENTRIES_PAGE_SIZE && !state.nextCursor ? <Text className='me-page__section-note'>已全部显示</Text> : null}
    </View>
  );
}
