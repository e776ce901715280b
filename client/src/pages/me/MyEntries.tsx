import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCst } from '@contract/index';
import { Button } from '@/components/Button';
import Deadline from '@/components/Deadline';
import InlineState from '@/components/InlineState';
import StatusBadge from '@/components/StatusBadge';
import { callFunction } from '@/services/cloud';
import { usePagedList } from '@/services/paged-list';
import { useCampaignTitles } from './campaign-titles';

/** 一次读取的条数 */
export const MY_ENTRIES_PAGE_SIZE = 10;

/** 支部书记看本支部的，分党委管理员看本单位的（含各支部与单位自身的） */
export type EntryScope = { branchId: string } | { unitId: string };

/**
 * 我的申报（entries.list）：最近更新的在前，每份写明评选、状态、更新时间，待补正的写明补正期限；
 * 点开进入申报详情；“加载更多”按游标续读。reloadKey 变化时从第一页重读（读取期间保留旧列表）。
 */
export default function MyEntries({ scope, reloadKey, subtitle }: { scope: EntryScope; reloadKey: number; subtitle: string }) {
  const scopeKey = 'branchId' in scope ? `branch:${scope.branchId}` : `unit:${scope.unitId}`;
  const where = 'branchId' in scope ? { branchId: scope.branchId } : { unitId: scope.unitId };
  const state = usePagedList((cursor?: string) => callFunction('entries', 'list', { ...where, pageSize: MY_ENTRIES_PAGE_SIZE, cursor }));
  const titles = useCampaignTitles(state.items.map((e) => e.campaignId));
  const { refresh, loadMore } = state;

  useEffect(() => {
    refresh();
  }, [refresh, scopeKey, reloadKey]);

  const showEntrant = !('branchId' in scope);
  return (
    <View className='me-page__section' data-testid='my-entries' data-scope={scopeKey}>
      <Text className='me-page__section-title'>我的申报</Text>
      <Text className='me-page__section-note'>{subtitle}</Text>
      {state.status === 'loading' ? <InlineState kind='loading' testId='my-entries' /> : null}
      {state.status === 'error' ? <InlineState kind='error' message={`申报读取失败：${state.error}`} onRetry={() => refresh()} testId='my-entries' /> : null}
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
      {state.hasMore ? (
        state.more === 'error' ? (
          <InlineState kind='error' message={`加载更多失败：${state.moreError}`} onRetry={loadMore} testId='my-entries-more' />
        ) : (
          <Button className='me-page__more' data-testid='my-entries-more' loading={state.more === 'loading'} onClick={loadMore}>
            {state.more === 'loading' ? '正在加载…' : '加载更多'}
          </Button>
        )
      ) : null}
      {state.atEnd && state.items.length >= MY_ENTRIES_PAGE_SIZE ? <Text className='me-page__section-note'>已全部显示</Text> : null}
    </View>
  );
}
