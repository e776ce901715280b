import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCst, type Role } from '@contract/index';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';

interface Summary {
  status: 'loading' | 'ready' | 'error';
  done: number;
  total: number;
  /** 评审中、未提交的 */
  todo: number;
  /** 未提交的里最早的函评截止 */
  deadline: string | null;
  error?: string;
}

/**
 * “我的”里的函评入口（C1.5）：评委身份时显示待评份数、进度与最早的截止（北京时间），点开“我的评审”。
 */
export default function ReviewEntry({ role, reloadKey }: { role: Role | null; reloadKey: number }) {
  const [s, setS] = useState<Summary>({ status: 'loading', done: 0, total: 0, todo: 0, deadline: null });
  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const res = await callFunction('reviews', 'mine', {});
      const pending = res.items.filter((i) => i.status !== 'submitted');
      const deadline = pending.map((i) => i.deadline).filter((d): d is string => !!d).sort()[0] ?? null;
      if (mine === seq.current) setS({ status: 'ready', done: res.done, total: res.total, todo: pending.filter((i) => i.open).length, deadline });
    } catch (err) {
      if (mine === seq.current) setS({ status: 'error', done: 0, total: 0, todo: 0, deadline: null, error: messageOf(err) });
    }
  }, []);
  useEffect(() => {
    if (role === 'judge') load();
  }, [load, reloadKey, role]);
  if (role !== 'judge') return null;
  return (
    <View className='me-page__section' data-testid='review-entry'>
      <Text className='me-page__section-title'>函评打分</Text>
      {s.status === 'loading' ? <InlineState kind='loading' testId='review' /> : null}
      {s.status === 'error' ? <InlineState kind='error' message={`函评读取失败：${s.error}`} onRetry={load} testId='review' /> : null}
      {s.status === 'ready' && !s.total ? <InlineState kind='empty' message='暂无指派给您的函评材料' testId='review' /> : null}
      {s.status === 'ready' && s.total ? (
        <View className='me-page__item' data-testid='review-mine' onClick={() => Taro.navigateTo({ url: '/review/mine/index' })}>
          <View className='me-page__item-body'>
            <Text className='me-page__item-title'>我的评审{s.todo ? `：${s.todo} 份待评分` : ''}</Text>
            <Text className='me-page__item-meta'>
              已提交 {s.done} / {s.total} 份{s.deadline && s.done < s.total ? ` · 截止 ${formatCst(s.deadline)}（北京时间）` : ''}
            </Text>
          </View>
          <Text className='me-page__chevron'>›</Text>
        </View>
      ) : null}
    </View>
  );
}
