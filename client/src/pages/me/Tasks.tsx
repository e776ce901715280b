import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role, Task } from '@contract/index';
import Deadline from '@/components/Deadline';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';
import { useCampaignTitles } from './campaign-titles';
import Notices from './Notices';

interface TasksState {
  status: 'loading' | 'ready' | 'error';
  items: Task[];
  error?: string;
}

/** 按单位、按评选计数的待办（没有单份材料可直接打开）怎么处理 */
function countHint(kind: Task['kind'], activeRole: Role | null): string | null {
  if (kind === 'unitReview' || kind === 'closingReview') {
    return activeRole === 'unitAdmin' ? '在下方“我的申报”中逐份打开处理' : '切换到“分党委管理员”身份后，在“我的申报”中逐份处理';
  }
  return null;
}

/**
 * 我的待办（entries.tasks）：退回、补正、未提交的材料可直接打开；分党委、组织部的按评选计数。
 * 有期限的在前，期限以北京时间显示并写明剩余时间，不足 24 小时标红。
 * reloadKey 变化（回到本页、下拉刷新）时重新读取，读取期间保留旧列表。
 */
export default function Tasks({ reloadKey, activeRole }: { reloadKey: number; activeRole: Role | null }) {
  const [state, setState] = useState<TasksState>({ status: 'loading', items: [] });
  const seq = useRef(0);
  const titles = useCampaignTitles(state.items.map((t) => t.campaignId));

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading', items: [] }));
    try {
      const { items } = await callFunction('entries', 'tasks', {});
      if (mine === seq.current) setState({ status: 'ready', items });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], error: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  return (
    <View className='me-page__section' data-testid='tasks'>
      <Text className='me-page__section-title'>
        我的待办{state.status === 'ready' && state.items.length ? `（${state.items.length}）` : ''}
      </Text>
      <Notices reloadKey={reloadKey} />
      {state.status === 'loading' ? <InlineState kind='loading' testId='tasks' /> : null}
      {state.status === 'error' ? <InlineState kind='error' message={`待办读取失败：${state.error}`} onRetry={load} testId='tasks' /> : null}
      {state.status === 'ready' && !state.items.length ? <InlineState kind='empty' message='暂无待办：需要你处理的材料会出现在这里' testId='tasks' /> : null}
      {state.items.map((t, i) => {
        const open = t.entryId ? () => Taro.navigateTo({ url: `/entry/detail/index?id=${encodeURIComponent(t.entryId as string)}` }) : undefined;
        const hint = t.entryId ? null : countHint(t.kind, activeRole);
        return (
          <View
            key={`${t.kind}-${t.entryId ?? t.campaignId}-${i}`}
            className={`me-page__item${open ? '' : ' me-page__item--static'}`}
            data-testid='task'
            data-kind={t.kind}
            onClick={open}
          >
            <View className='me-page__item-body'>
              <Text className='me-page__item-title'>{t.label}</Text>
              <Text className='me-page__item-meta'>{titles[t.campaignId] ?? '评选'}</Text>
              {t.deadline ? <Deadline deadline={t.deadline} label={t.kind === 'correction' ? '补正期限' : '截止'} testId='task-deadline' /> : null}
              {hint ? <Text className='me-page__item-hint'>{hint}</Text> : null}
            </View>
            {open ? <Text className='me-page__chevron'>›</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
