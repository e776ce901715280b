import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SESSION_STATUS_LABELS, type DefenceSessionSummary, type Role } from '@contract/index';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';

interface State {
  status: 'loading' | 'ready' | 'error';
  items: DefenceSessionSummary[];
  error?: string;
}

/** 评委：我参加的现场答辩（E3），进行中的在前，点开即评分页 */
function JudgeSessions({ reloadKey }: { reloadKey: number }) {
  const [state, setState] = useState<State>({ status: 'loading', items: [] });
  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const { items } = await callFunction('defence', 'mine', {});
      if (mine === seq.current) setState({ status: 'ready', items: items.filter((s) => s.status !== 'finished') });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], error: messageOf(err) });
    }
  }, []);
  useEffect(() => {
    load();
  }, [load, reloadKey]);
  return (
    <View className='me-page__section' data-testid='defence-sessions'>
      <Text className='me-page__section-title'>现场答辩评分</Text>
      {state.status === 'loading' ? <InlineState kind='loading' testId='defence' /> : null}
      {state.status === 'error' ? <InlineState kind='error' message={`答辩场次读取失败：${state.error}`} onRetry={load} testId='defence' /> : null}
      {state.status === 'ready' && !state.items.length ? <InlineState kind='empty' message='暂无需要您评分的现场答辩' testId='defence' /> : null}
      {state.items.map((s) => (
        <View key={s._id} className='me-page__item' data-testid='defence-session' onClick={() => Taro.navigateTo({ url: `/defence/judge/index?id=${encodeURIComponent(s._id)}` })}>
          <View className='me-page__item-body'>
            <Text className='me-page__item-title'>{s.title}</Text>
            <Text className='me-page__item-meta'>
              {s.campaignTitle} · {SESSION_STATUS_LABELS[s.status]}
              {s.currentTitle ? ` · 当前：${s.currentTitle}` : ''}
            </Text>
          </View>
          <Text className='me-page__chevron'>›</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * “我的”里的现场答辩入口：评委看到自己参加的场次；组织部管理员（主持人）进入场次管理与大屏。
 */
export default function DefenceEntry({ role, reloadKey }: { role: Role | null; reloadKey: number }) {
  if (role === 'judge') return <JudgeSessions reloadKey={reloadKey} />;
  if (role !== 'deptAdmin') return null;
  return (
    <View className='me-page__section' data-testid='defence-host'>
      <Text className='me-page__section-title'>现场答辩</Text>
      <View className='me-page__item' data-testid='defence-host-entry' onClick={() => Taro.navigateTo({ url: '/defence/host/index' })}>
        <View className='me-page__item-body'>
          <Text className='me-page__item-title'>主持现场答辩</Text>
          <Text className='me-page__item-meta'>按出场顺序开始、截止评分、锁定成绩，打开会场大屏</Text>
        </View>
        <Text className='me-page__chevron'>›</Text>
      </View>
    </View>
  );
}
