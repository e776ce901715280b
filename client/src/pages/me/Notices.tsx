import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCst, type Notification } from '@contract/index';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';
import './Notices.scss';

interface NoticesState {
  status: 'loading' | 'ready' | 'error';
  items: Notification[];
  more: boolean;
  error?: string;
}

/**
 * 未送达的通知（notifications.mine）：结果公布、补正、截止提醒等没能以微信订阅消息送到的
 * （没有订阅授权、用户拒收、模板未配置），在“我的·待办”顶部列出，写明为什么没收到微信提醒。
 * 点开去相关页面；“知道了”标为已读（notifications.markRead）后不再显示。没有时不占位置。
 */
export default function Notices({ reloadKey }: { reloadKey: number }) {
  const [state, setState] = useState<NoticesState>({ status: 'loading', items: [], more: false });
  const [marking, setMarking] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const { items, more } = await callFunction('notifications', 'mine', {});
      if (mine === seq.current) setState({ status: 'ready', items, more });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], more: false, error: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  const markRead = async (id: string) => {
    setMarking(id);
    try {
      await callFunction('notifications', 'markRead', { ids: [id] });
      setState((s) => ({ ...s, items: s.items.filter((n) => n._id !== id) }));
    } catch (err) {
      Taro.showToast({ title: `操作失败：${messageOf(err)}`.slice(0, 20), icon: 'none' });
    } finally {
      setMarking(null);
    }
  };

  if (state.status === 'loading') return null; // 待办自己的加载状态已在下方显示
  if (state.status === 'error') return <InlineState kind='error' message={`通知读取失败：${state.error}`} onRetry={load} testId='notices' />;
  if (!state.items.length) return null;
  return (
    <View className='notices' data-testid='notices'>
      <Text className='notices__heading'>未读通知（{state.items.length}{state.more ? '+' : ''}）</Text>
      {state.items.map((n) => (
        <View
          key={n._id}
          className='notices__card'
          data-testid='notice'
          data-key={n.key}
          data-status={n.status}
          onClick={() => Taro.navigateTo({ url: `/${n.page}` })}
        >
          <View className='notices__body'>
            <Text className='notices__title'>{n.title}</Text>
            <Text className='notices__text'>{n.body}</Text>
            <Text className='notices__meta'>{formatCst(n.createdAt)}（北京时间）</Text>
            {n.reason ? <Text className='notices__reason'>未收到微信提醒：{n.reason}</Text> : null}
          </View>
          {/* 用 View 而不是 Button：H5 的迷你按钮会盖掉文字颜色；处理中时不再响应第二次点击 */}
          <View
            className={`notices__read${marking === n._id ? ' notices__read--busy' : ''}`}
            data-testid='notice-read'
            role='button'
            aria-disabled={marking === n._id}
            onClick={(e) => {
              e.stopPropagation();
              if (marking !== n._id) markRead(n._id);
            }}
          >
            <Text>{marking === n._id ? '处理中…' : '知道了'}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
