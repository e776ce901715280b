import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PRESENTER_STATE_LABELS, SESSION_STATUS_LABELS, type DefenceHostView, type DefenceSessionSummary } from '@contract/index';
import { Button } from '@/components/Button';
import InlineState from '@/components/InlineState';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, messageOf } from '@/services/cloud';
import { usePolling } from '../shared/poll';
import '../shared/defence.scss';

/** 主持人看板每 3 秒刷新：谁交了、谁还没交 */
const POLL_MS = 3000;

async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
  return !!res.confirm;
}

/** 场次列表（组织部）：新建场次、进入主持 */
function SessionList() {
  const [items, setItems] = useState<DefenceSessionSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const load = useCallback(async () => {
    setError(null);
    try {
      const page = await callFunction('defence', 'list', { pageSize: 20 });
      setItems(page.items);
      setNext(page.nextCursor);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);
  const loadMore = async () => {
    if (!next || more) return;
    setMore(true);
    try {
      const page = await callFunction('defence', 'list', { pageSize: 20, cursor: next });
      setItems((xs) => [...(xs ?? []), ...page.items]);
      setNext(page.nextCursor);
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' });
    } finally {
      setMore(false);
    }
  };
  if (error) return <StateView kind='error' message={error} onRetry={load} />;
  if (!items) return <StateView kind='loading' />;
  return (
    <View className='def-page'>
      <Button className='def-btn def-btn--primary def-btn--block' data-testid='new-session' onClick={() => Taro.navigateTo({ url: '/defence/create/index' })}>
        新建答辩场次
      </Button>
      <Text className='def-section-title'>全部场次</Text>
      {items.length ? null : <InlineState kind='empty' message='还没有答辩场次。初审确定入围项目后，在这里建场。' />}
      {items.map((s) => (
        <View key={s._id} className='def-card def-card--link' data-testid='session' onClick={() => Taro.navigateTo({ url: `/defence/host/index?id=${s._id}` })}>
          <Text className='def-card__title'>{s.title}</Text>
          <Text className='def-card__meta'>
            {s.campaignTitle} · {s.trackLabel}
          </Text>
          <Text className='def-card__meta'>
            {SESSION_STATUS_LABELS[s.status]} · 已答辩 {s.closed}/{s.presenters} · 评委 {s.judges} 位{s.currentTitle ? ` · 当前：${s.currentTitle}` : ''}
          </Text>
        </View>
      ))}
      {next ? (
        <Button className='def-btn def-btn--block' loading={more} onClick={loadMore}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

/**
 * 主持现场答辩（组织部，E3）：按出场顺序“开始下一位”→ 评委交分（这里看到谁交了、谁没交，看不到分数）→“截止评分”；
 * 可逐项“亮分”；全部答完“锁定成绩”（大屏随即公布名次）；最后“结束答辩”，各材料转为已评分并记下答辩成绩。
 */
function HostPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [view, setView] = useState<DefenceHostView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setView(await callFunction('defence', 'get', { id }));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);
  usePolling(load, POLL_MS);

  if (!id) return <SessionList />;
  if (error && !view) return <StateView kind='error' message={error} onRetry={load} />;
  if (!view) return <StateView kind='loading' />;

  const { session, presenters, nextEntryId } = view;
  const presenting = presenters.find((p) => p.state === 'presenting') ?? null;
  const next = presenters.find((p) => p.entryId === nextEntryId) ?? null;
  const allClosed = presenters.every((p) => p.state === 'closed');

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) Taro.showToast({ title: done, icon: 'success', duration: 1500 });
    } catch (err) {
      Taro.showModal({ title: '未能完成', content: messageOf(err), showCancel: false, confirmColor: '#c8161d' });
    } finally {
      setBusy(false);
      await load();
    }
  };

  const openNext = () => next && run(() => callFunction('defence', 'openNext', { id, entryId: next.entryId }), '已开始');
  const close = async () => {
    if (!presenting) return;
    const missing = presenting.expected - presenting.received;
    if (missing > 0 && !(await confirm('截止评分', `还有 ${missing} 位评委未提交（${presenting.pendingNames.join('、')}）。截止后不再接收本项评分，确定截止？`, '截止'))) return;
    run(() => callFunction('defence', 'closeScoring', { id, entryId: presenting.entryId }), '已截止');
  };
  const reveal = (entryId: string) => run(() => callFunction('defence', 'reveal', { id, entryId }), '已亮分');
  const lock = async () => {
    if (!(await confirm('锁定成绩', '锁定后成绩不再变化，大屏将公布各项目的得分与名次。确定锁定？', '锁定'))) return;
    run(() => callFunction('defence', 'lock', { id }), '已锁定');
  };
  const finish = async () => {
    if (!(await confirm('结束答辩', '各入围材料将转为“已评分”，答辩成绩记入材料，随后可评定奖项。确定结束？', '结束答辩'))) return;
    run(() => callFunction('defence', 'finish', { id }), '已结束');
  };
  const move = (index: number, delta: number) => {
    const order = presenters.map((p) => p.entryId);
    const j = index + delta;
    [order[index], order[j]] = [order[j], order[index]];
    run(() => callFunction('defence', 'reorder', { id, expectedVersion: session.version, entryIds: order }));
  };
  const openBoard = () => Taro.navigateTo({ url: `/defence/board/index?id=${id}` });

  return (
    <View className='def-page def-host'>
      <View className='def-header'>
        <Text className='def-header__title'>{session.title}</Text>
        <Text className='def-header__meta'>
          {session.campaignTitle} · {session.trackLabel} · {SESSION_STATUS_LABELS[session.status]}
        </Text>
      </View>
      {error ? <InlineState kind='error' message={`${error}（稍后自动重试）`} /> : null}

      <View className='def-card' data-testid='host-controls'>
        {presenting ? (
          <>
            <Text className='def-card__meta'>正在答辩</Text>
            <Text className='def-card__title'>{presenting.title}</Text>
            <Text className={`def-count${presenting.received >= presenting.expected ? ' def-count--full' : ''}`} data-testid='host-received'>
              已收到 {presenting.received} / {presenting.expected} 份
            </Text>
            {presenting.pendingNames.length ? <Text className='def-names'>未交：{presenting.pendingNames.join('、')}</Text> : null}
            <Button className='def-btn def-btn--primary def-btn--block' data-testid='close-scoring' disabled={busy} onClick={close}>
              截止本项评分
            </Button>
          </>
        ) : session.status === 'open' && next ? (
          <Button className='def-btn def-btn--primary def-btn--block' data-testid='open-next' disabled={busy} onClick={openNext}>
            开始下一位：{next.title}
          </Button>
        ) : session.status === 'open' && allClosed ? (
          <Button className='def-btn def-btn--primary def-btn--block' data-testid='lock' disabled={busy} onClick={lock}>
            全部答辩完毕，锁定成绩
          </Button>
        ) : session.status === 'locked' ? (
          <Button className='def-btn def-btn--primary def-btn--block' data-testid='finish' disabled={busy} onClick={finish}>
            结束答辩，成绩记入材料
          </Button>
        ) : (
          <Text className='def-card__meta'>本场答辩已结束，可在评选的材料里评定奖项。</Text>
        )}
        <Button className='def-btn def-btn--block' data-testid='open-board' onClick={openBoard}>
          打开大屏
        </Button>
      </View>

      <Text className='def-section-title'>出场顺序（{presenters.length} 个项目，评委 {session.judges.length} 位）</Text>
      {presenters.map((p, i) => {
        const movable = session.status === 'open' && p.state === 'waiting';
        return (
          <View key={p.entryId} className={`def-card${p.state === 'presenting' ? ' def-card--current' : ''}`} data-testid='host-presenter'>
            <View className='def-card__row'>
              <View className='def-card__body'>
                <Text className='def-card__title'>
                  {i + 1}. {p.title}
                </Text>
                <Text className='def-card__meta'>
                  {p.entrantName} · {p.unitName}
                </Text>
                <View className='def-card__row'>
                  <Text className={`def-tag def-tag--${p.state}`}>{PRESENTER_STATE_LABELS[p.state]}</Text>
                  {p.state !== 'waiting' ? (
                    <Text className={`def-count${p.received >= p.expected ? ' def-count--full' : ''}`}>
                      {p.received}/{p.expected}
                    </Text>
                  ) : null}
                  {p.revealed ? <Text className='def-tag'>已亮分</Text> : null}
                </View>
                {p.recusedNames.length ? <Text className='def-names'>回避：{p.recusedNames.join('、')}</Text> : null}
                {p.state === 'closed' && !p.revealed && session.status === 'open' ? (
                  <Button className='def-btn def-btn--block' disabled={busy} onClick={() => reveal(p.entryId)}>
                    在大屏亮分
                  </Button>
                ) : null}
              </View>
              {movable ? (
                <View className='def-order'>
                  <View className={`def-order__btn${i > 0 && presenters[i - 1].state === 'waiting' ? '' : ' def-order__btn--off'}`} onClick={() => !busy && i > 0 && presenters[i - 1].state === 'waiting' && move(i, -1)}>
                    ↑
                  </View>
                  <View className={`def-order__btn${i < presenters.length - 1 ? '' : ' def-order__btn--off'}`} onClick={() => !busy && i < presenters.length - 1 && move(i, 1)}>
                    ↓
                  </View>
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

export default withSystemFont(HostPage);
