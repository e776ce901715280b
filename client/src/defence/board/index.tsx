import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PRESENTER_STATE_LABELS, SESSION_STATUS_LABELS, type BoardRow, type DefenceBoard } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { usePolling } from '../shared/poll';
import './index.scss';

/** 大屏每 2.5 秒刷新 */
const POLL_MS = 2500;

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function Progress({ row }: { row: BoardRow }) {
  const pct = row.expected ? Math.min(100, Math.round((row.received / row.expected) * 100)) : 0;
  const full = row.expected > 0 && row.received >= row.expected;
  return (
    <View className='board-progress'>
      <View className='board-progress__bar'>
        <View className={`board-progress__fill${full ? ' board-progress__fill--full' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      <Text className='board-progress__text' data-testid={`count-${row.entryId}`}>
        {row.received}/{row.expected}
      </Text>
    </View>
  );
}

/**
 * 现场答辩大屏（主持人在会场投屏，E3）：横屏、大字，每 2–3 秒刷新。
 * 锁定前只显示每个项目已收到 / 应收的评分份数（会场公开，不出分；主持人逐项亮分的除外）；
 * 锁定后按名次显示汇总分，写明汇总方式与并列。
 */
function BoardPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [board, setBoard] = useState<DefenceBoard | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setBoard(await callFunction('defence', 'board', { id }));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);
  usePolling(load, POLL_MS);

  if (!id) return <StateView kind='error' message='缺少场次编号：请从“主持现场答辩”页面打开大屏' />;
  if (error && !board) return <StateView kind='error' message={error} onRetry={load} />;
  if (!board) return <StateView kind='loading' />;

  const current = board.rows.find((r) => r.entryId === board.currentEntryId && r.state === 'presenting') ?? null;

  return (
    <View className={`board${board.revealed ? ' board--revealed' : ''}`} data-testid='board'>
      <View className='board__head'>
        <View>
          <Text className='board__campaign'>{board.campaignTitle}</Text>
          <Text className='board__title'>{board.title}</Text>
        </View>
        <Text className={`board__status board__status--${board.status}`} data-testid='board-status'>
          {SESSION_STATUS_LABELS[board.status]}
        </Text>
      </View>
      {error ? <Text className='board__error'>连接中断，正在重试…</Text> : null}

      {board.revealed ? (
        <View className='board__table' data-testid='board-ranking'>
          <View className='board__row board__row--head'>
            <Text className='board__cell board__cell--rank'>名次</Text>
            <Text className='board__cell board__cell--title'>项目</Text>
            <Text className='board__cell board__cell--count'>评委</Text>
            <Text className='board__cell board__cell--value'>得分</Text>
          </View>
          {board.ranking.map((r) => (
            <View key={r.entryId} className={`board__row${r.rank && r.rank <= 3 ? ` board__row--top${r.rank}` : ''}`} data-testid='rank-row'>
              <Text className='board__cell board__cell--rank'>{r.rank ?? '—'}</Text>
              <View className='board__cell board__cell--title'>
                <Text className='board__name'>{r.title}</Text>
                <Text className='board__sub'>
                  {r.entrantName} · {r.unitName}
                  {r.note ? ` · ${r.note}` : ''}
                </Text>
              </View>
              <Text className='board__cell board__cell--count'>{r.received}</Text>
              <Text className='board__cell board__cell--value' data-testid={`value-${r.entryId}`}>
                {r.value === null ? '—' : fmt(r.value)}
              </Text>
            </View>
          ))}
          <Text className='board__foot'>
            满分 {board.scaleMax} · {board.methodLabel} · 分数相同者并列
          </Text>
        </View>
      ) : (
        <>
          {current ? (
            <View className='board__now' data-testid='board-now'>
              <Text className='board__now-label'>正在答辩 · 第 {current.order} 位</Text>
              <Text className='board__now-title'>{current.title}</Text>
              <Text className='board__now-sub'>
                {current.entrantName} · {current.unitName}
              </Text>
              <Text className='board__now-count'>
                已收到 <Text className='board__now-num'>{current.received}</Text> / {current.expected} 份评分
              </Text>
            </View>
          ) : null}
          <View className='board__table' data-testid='board-progress'>
            {board.rows.map((r) => (
              <View key={r.entryId} className={`board__row${r.state === 'presenting' ? ' board__row--current' : ''}`} data-testid='progress-row'>
                <Text className='board__cell board__cell--rank'>{r.order}</Text>
                <View className='board__cell board__cell--title'>
                  <Text className='board__name'>{r.title}</Text>
                  <Text className='board__sub'>
                    {r.entrantName} · {r.unitName}
                  </Text>
                </View>
                <Text className={`board__state board__state--${r.state}`}>{PRESENTER_STATE_LABELS[r.state]}</Text>
                <View className='board__cell board__cell--progress'>{r.state === 'waiting' ? <Text className='board__sub'>—</Text> : <Progress row={r} />}</View>
                <Text className='board__cell board__cell--value' data-testid={`value-${r.entryId}`}>
                  {r.value === null ? '' : fmt(r.value)}
                </Text>
              </View>
            ))}
            <Text className='board__foot'>成绩锁定后公布得分与名次</Text>
          </View>
        </>
      )}
    </View>
  );
}

export default BoardPage;
