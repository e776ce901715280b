import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatCst, type GrantStatus, type SubscriptionKey } from '@contract/index';
import { Button } from '@/components/Button';
import InlineState from '@/components/InlineState';
import { messageOf } from '@/services/cloud';
import { loadSubscriptions, requestSubscriptions, type SubscribeAnswer, type SubscribeOutcome } from '@/services/subscribe';

const ANSWER_LABELS: Record<SubscribeAnswer, string> = {
  accept: '允许',
  reject: '拒绝',
  ban: '已在微信中关闭',
  filter: '被微信过滤',
};

function lastAnswerText(g: GrantStatus): string {
  if (!g.lastAnswer) return '尚未开启';
  const at = g.updatedAt ? `（${formatCst(g.updatedAt, 'MM-DD HH:mm')}）` : '';
  return `上次：${ANSWER_LABELS[g.lastAnswer]}${at}`;
}

interface SubsState {
  status: 'loading' | 'ready' | 'error';
  items: GrantStatus[];
  error?: string;
}

/**
 * 订阅消息：每个模板的剩余条数与上次答复；“接收提醒”请求一次授权（每次允许可收一条）。
 * 没配置模板 ID 的写明原因、按钮不可点；授权结果就写在该模板下面。
 */
export default function Subscriptions({ reloadKey }: { reloadKey: number }) {
  const [state, setState] = useState<SubsState>({ status: 'loading', items: [] });
  const [busy, setBusy] = useState<SubscriptionKey | null>(null);
  const [results, setResults] = useState<Partial<Record<SubscriptionKey, SubscribeOutcome>>>({});
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading', items: [] }));
    try {
      const items = await loadSubscriptions();
      if (mine === seq.current) setState({ status: 'ready', items });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], error: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  // 不在这里 await 任何东西再调授权：微信只在点击的同一轮事件里弹订阅框（模板 ID 已随列表缓存）
  const subscribe = (key: SubscriptionKey) => {
    if (busy) return;
    setBusy(key);
    requestSubscriptions([key], { feedback: false }).then((outcome) => {
      setBusy(null);
      setResults((r) => ({ ...r, [key]: outcome }));
      const items = outcome.items;
      if (items) setState({ status: 'ready', items });
    });
  };

  return (
    <View className='me-page__section' data-testid='subscriptions'>
      <Text className='me-page__section-title'>订阅消息</Text>
      <Text className='me-page__section-note'>微信规定：每点一次“允许”，只能收到一条该类消息；收到后可再次开启。</Text>
      {state.status === 'loading' ? <InlineState kind='loading' testId='subscriptions' /> : null}
      {state.status === 'error' ? <InlineState kind='error' message={`订阅设置读取失败：${state.error}`} onRetry={load} testId='subscriptions' /> : null}
      {state.status === 'ready' && !state.items.length ? <InlineState kind='empty' message='暂无可订阅的消息' testId='subscriptions' /> : null}
      {state.items.map((g) => {
        const result = results[g.key];
        return (
          <View key={g.key} className='me-page__item me-page__item--static' data-testid={`subscription-${g.key}`}>
            <View className='me-page__item-body'>
              <View className='me-page__item-head'>
                <Text className='me-page__item-title'>{g.label}</Text>
                <Text className={`me-page__count${g.unused ? ' me-page__count--on' : ''}`} data-testid={`subscription-${g.key}-unused`}>
                  剩余 {g.unused} 条
                </Text>
              </View>
              {g.templateId ? (
                <Text className='me-page__item-meta' data-testid={`subscription-${g.key}-last`}>
                  {lastAnswerText(g)}
                </Text>
              ) : (
                <Text className='me-page__item-hint' data-testid={`subscription-${g.key}-unconfigured`}>
                  组织部尚未配置此消息模板，暂时无法订阅
                </Text>
              )}
              {result ? (
                <Text
                  className={`me-page__result${result.status === 'recorded' ? '' : ' me-page__result--warn'}`}
                  data-testid={`subscription-${g.key}-result`}
                  data-status={result.status}
                >
                  {result.message}
                </Text>
              ) : null}
              <Button
                // 已有剩余条数时按钮退为描边样式；不可点的样式用修饰类而不靠 [disabled]
                className={`me-page__subscribe${!g.templateId ? ' me-page__subscribe--off' : g.unused ? ' me-page__subscribe--plain' : ''}`}
                data-testid={`subscribe-${g.key}`}
                disabled={!g.templateId || (busy !== null && busy !== g.key)}
                loading={busy === g.key}
                onClick={() => subscribe(g.key)}
              >
                接收提醒
              </Button>
            </View>
          </View>
        );
      })}
    </View>
  );
}
