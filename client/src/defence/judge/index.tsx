import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { DEFENCE_COMMENT_MAX, SESSION_STATUS_LABELS, type DefenceCurrent, type DefenceSessionSummary } from '@contract/index';
import { Button } from '@/components/Button';
import InlineState from '@/components/InlineState';
import ScoreCriterion from '@/components/ScoreCriterion';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { clampScore, fmtScore as fmt } from '@/services/score-format';
import { newRequestId, usePolling } from '../shared/poll';
import '../shared/defence.scss';

/** 评委手机每 3 秒读一次当前项目 */
const POLL_MS = 3000;

type Sheet = Record<string, number | undefined>;

/** 我参加的场次（没有带场次编号打开时） */
function MySessions() {
  const [items, setItems] = useState<DefenceSessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await callFunction('defence', 'mine', {})).items);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);
  if (error) return <StateView kind='error' message={error} onRetry={load} />;
  if (!items) return <StateView kind='loading' />;
  if (!items.length) return <StateView kind='empty' message='您还没有被列入任何一场现场答辩的评委名单' />;
  return (
    <View className='def-page'>
      {items.map((s) => (
        <View key={s._id} className='def-card def-card--link' data-testid='my-session' onClick={() => Taro.redirectTo({ url: `/defence/judge/index?id=${s._id}` })}>
          <Text className='def-card__title'>{s.title}</Text>
          <Text className='def-card__meta'>{s.campaignTitle} · {SESSION_STATUS_LABELS[s.status]}</Text>
          {s.currentTitle ? <Text className='def-card__meta'>当前：{s.currentTitle}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * 评委打分（E3 现场答辩）：只给主持人正在进行的项目打分。每项有说明与满分，用 −/+ 按 0.5 分调或直接输入，
 * 下方实时合计；提交前确认一次（提交后不能修改）。状态一目了然：等待开始、可打分、已提交、本项评分已截止、回避、已锁定。
 */
function JudgePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<DefenceCurrent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet>({});
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** 当前项目的请求键：同一份评分的重试沿用它 */
  const request = useRef<{ entryId: string; key: string; body: string } | null>(null);
  const entryId = data?.presenter?.entryId ?? null;

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const res = await callFunction('defence', 'current', { id });
      setData(res);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);
  usePolling(load, POLL_MS);

  // 换了项目：清空评分表
  useEffect(() => {
    setSheet({});
    setComment('');
    setNotice(null);
    request.current = null;
  }, [entryId]);

  if (!id) return <MySessions />;
  if (error && !data) return <StateView kind='error' message={error} onRetry={load} />;
  if (!data) return <StateView kind='loading' />;

  const { session, presenter, rubric, scaleMax, step, mine } = data;
  const total = rubric.reduce((a, c) => a + (sheet[c.key] ?? 0), 0);
  const filled = rubric.every((c) => sheet[c.key] !== undefined);

  const submit = async () => {
    if (!presenter || !filled) return;
    const scores = Object.fromEntries(rubric.map((c) => [c.key, sheet[c.key] as number]));
    const body = JSON.stringify({ scores, comment: comment.trim() });
    // 内容没变就是重试（沿用请求键）；改过内容算新的一次提交
    if (!request.current || request.current.entryId !== presenter.entryId || request.current.body !== body) {
      request.current = { entryId: presenter.entryId, key: newRequestId(), body };
    }
    const ok = await Taro.showModal({
      title: '确认提交评分',
      content: `《${presenter.title}》总分 ${fmt(total)} / ${fmt(scaleMax)}。提交后不能修改。`,
      confirmText: '提交',
      confirmColor: '#c8161d',
      cancelText: '再看看',
    });
    if (!ok.confirm) return;
    setSubmitting(true);
    setNotice(null);
    try {
      await callFunction('defence', 'score', { id, entryId: presenter.entryId, scores, comment: comment.trim(), requestId: request.current.key });
      Taro.showToast({ title: '已提交', icon: 'success', duration: 1500 });
    } catch (err) {
      // 截止、重复、回避：云端的说明直接给评委看；网络错误可原样重试
      setNotice(err instanceof CloudError ? err.message : messageOf(err));
    } finally {
      setSubmitting(false);
      await load();
    }
  };

  return (
    <View className='def-page def-judge'>
      <View className='def-header'>
        <Text className='def-header__title'>{session.title}</Text>
        <Text className='def-header__meta'>
          {session.campaignTitle} · {SESSION_STATUS_LABELS[session.status]}
        </Text>
      </View>
      {error ? <InlineState kind='error' message={`${error}（稍后自动重试）`} /> : null}

      {presenter ? (
        <View className='def-card def-presenter' data-testid='presenter'>
          <Text className='def-presenter__order'>
            第 {presenter.order} / {session.presenters} 位
          </Text>
          <Text className='def-presenter__title' data-testid='presenter-title'>
            {presenter.title}
          </Text>
          <Text className='def-card__meta'>
            {presenter.entrantName} · {presenter.unitName}
          </Text>
        </View>
      ) : null}

      <StateBanner data={data} />

      {mine.state === 'open' && presenter ? (
        <View className='def-rubric' data-testid='score-sheet'>
          {rubric.map((c) => (
            // 现场打分直接输入的也立即按一档取整、限定在满分内（没有提交前的逐项提示）
            <ScoreCriterion
              key={`${presenter.entryId}:${c.key}`}
              classPrefix='def'
              criterion={c}
              step={step}
              value={sheet[c.key]}
              placeholder='分数'
              onChange={(v) => setSheet((s) => ({ ...s, [c.key]: v === undefined ? undefined : clampScore(v, c.maxScore, step) }))}
            />
          ))}
          <View className='def-card'>
            <Text className='def-criterion__label'>评语（可不填）</Text>
            <Textarea
              className='def-comment'
              value={comment}
              maxlength={DEFENCE_COMMENT_MAX}
              placeholder='亮点、不足或建议'
              onInput={(e) => setComment(e.detail.value)}
            />
            <Text className={`def-counter${comment.length > DEFENCE_COMMENT_MAX ? ' def-counter--over' : ''}`}>
              {comment.length} / {DEFENCE_COMMENT_MAX}
            </Text>
          </View>
          <View className='def-submitbar'>
            <Text className='def-submitbar__total' data-testid='total'>
              <Text>合计</Text>
              <Text className='def-submitbar__num'>{fmt(total)}</Text>
              <Text>/ {fmt(scaleMax)}</Text>
            </Text>
            <Button className='def-btn def-btn--primary' data-testid='submit-score' disabled={!filled || submitting} loading={submitting} onClick={submit}>
              {filled ? '提交评分' : '请为每一项打分'}
            </Button>
          </View>
          {notice ? <InlineState kind='error' message={notice} testId='score-notice' /> : null}
        </View>
      ) : null}
    </View>
  );
}

/** 一眼看懂的状态：已提交（含我的分数）、本项评分已截止、回避、等待、已锁定 */
function StateBanner({ data }: { data: DefenceCurrent }) {
  const { mine, presenter, rubric } = data;
  switch (mine.state) {
    case 'open':
      return null;
    case 'submitted':
      return (
        <View className='def-banner def-banner--done' data-testid='state-submitted'>
          <Text className='def-banner__title'>已提交</Text>
          <Text className='def-banner__text'>
            总分 {fmt(mine.submitted?.total ?? 0)} / {fmt(data.scaleMax)}
            {'　'}
            {rubric.map((c) => `${c.label} ${fmt(mine.submitted?.scores[c.key] ?? 0)}`).join(' · ')}
          </Text>
          <Text className='def-banner__hint'>等待主持人开始下一位</Text>
        </View>
      );
    case 'closed':
      return (
        <View className='def-banner def-banner--closed' data-testid='state-closed'>
          <Text className='def-banner__title'>本项评分已截止</Text>
          <Text className='def-banner__text'>您没有在截止前为《{presenter?.title}》提交评分，本项不再接收。</Text>
        </View>
      );
    case 'recused':
      return (
        <View className='def-banner def-banner--recused' data-testid='state-recused'>
          <Text className='def-banner__title'>回避</Text>
          <Text className='def-banner__text'>您与本项目同属{presenter?.unitName}，按规定回避，不参与本项目评分，也不计入它的平均分。</Text>
        </View>
      );
    case 'locked':
      return (
        <View className='def-banner def-banner--closed' data-testid='state-locked'>
          <Text className='def-banner__title'>成绩已锁定</Text>
          <Text className='def-banner__text'>本场答辩的评分已全部结束，感谢您的辛苦评审。</Text>
        </View>
      );
    default:
      return (
        <View className='def-banner' data-testid='state-waiting'>
          <Text className='def-banner__title'>等待开始</Text>
          <Text className='def-banner__text'>{presenter ? '下一位即将开始答辩，开始后这里会出现评分表。' : '主持人开始第一位答辩后，这里会出现评分表。'}</Text>
        </View>
      );
  }
}

export default withSystemFont(JudgePage);
