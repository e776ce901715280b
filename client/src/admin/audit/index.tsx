import { withSystemFont } from '@/components/SystemFont';
import ListFooter from '../shared/ListFooter';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { formatCst, type AuditEntry } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

const PAGE_SIZE = 20;

interface AuditState {
  status: 'loading' | 'ready' | 'error';
  items: AuditEntry[];
  nextCursor: string | null;
  loadingMore: boolean;
  error?: string;
}

/** 审计日志：组织与人员的每次变更，最新在前；组织部看全校，带 unitId 时只看该单位 */
function AuditPage() {
  const { params } = useRouter();
  const unitId = params.unitId || undefined;
  const [state, setState] = useState<AuditState>({ status: 'loading', items: [], nextCursor: null, loadingMore: false });
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, status: s.items.length ? s.status : 'loading', error: undefined }));
    try {
      const page = await callFunction('org', 'listAudit', { pageSize: PAGE_SIZE, ...(unitId ? { unitId } : {}) });
      if (mine !== seq.current) return;
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false });
    } catch (err) {
      if (mine !== seq.current) return;
      setState({ status: 'error', items: [], nextCursor: null, loadingMore: false, error: messageOf(err) });
    }
  }, [unitId]);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: unitId ? '本单位审计日志' : '审计日志' });
    load();
  }, [unitId, load]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.loadingMore || !state.nextCursor) return;
    const mine = seq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await callFunction('org', 'listAudit', { pageSize: PAGE_SIZE, cursor: state.nextCursor, ...(unitId ? { unitId } : {}) });
      if (mine !== seq.current) return;
      setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      setState((s) => ({ ...s, loadingMore: false }));
      toast(messageOf(err));
    }
  }, [state, unitId]);

  useReachBottom(() => {
    loadMore();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  return (
    <View className='adm-page audit-page'>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={load} /> : null}
      {state.status === 'ready' && state.items.length === 0 ? <StateView kind='empty' message='还没有变更记录' /> : null}
      {state.items.map((e) => (
        <View key={e._id} className='audit-page__item' data-testid='audit-row'>
          <View className='audit-page__head'>
            <Text className='audit-page__time'>{formatCst(e.at)}</Text>
            <Text className='audit-page__actor'>{e.actorName ?? '系统'}</Text>
          </View>
          <Text className='audit-page__summary'>{e.summary}</Text>
        </View>
      ))}
      {state.status === 'ready' && state.items.length > 0 ? (
        <ListFooter loadingMore={state.loadingMore} hasMore={!!state.nextCursor} onLoadMore={loadMore} />
      ) : null}
    </View>
  );
}

export default withSystemFont(AuditPage);
