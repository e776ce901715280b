import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  AGGREGATE_METHOD_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  type Campaign,
  type OutputOf,
  type Contracts,
  type Track,
} from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import Deadline from '@/components/Deadline';
import InlineState from '@/components/InlineState';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import { callFunction, messageOf } from '@/services/cloud';
import { confirmAction, toast } from '../../admin/shared/ui';
import ActionSheet from '../shared/ActionSheet';
import { decideCapLine } from '../shared/rules';
import '../../admin/shared/admin.scss';
import '../shared/workbench.scss';

type Tab = 'assign' | 'progress' | 'ranking';
type Method = 'mean' | 'trimmed' | 'zscore';
type Progress = OutputOf<Contracts['reviews'], 'progress'>;
type Ranking = OutputOf<Contracts['reviews'], 'ranking'>;
type AutoResult = OutputOf<Contracts['reviews'], 'autoAssign'>;
type FinishResult = OutputOf<Contracts['reviews'], 'finish'>;
type Load<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: T };

/**
 * 评审管理（组织部，函评 C1.5 / 评分细则 A2、C2）：自动分配评委（回避本单位、已声明的）、
 * 看进度与催办、汇总排名（并列写明与谁并列）、结束评审、逐份评定等级（比例上限实时显示）、公布结果。
 */
function ReviewManagePage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const trackKey = params.trackKey ?? '';
  const [campaign, setCampaign] = useState<Load<{ campaign: Campaign; track: Track }>>({ status: 'loading' });
  const [tab, setTab] = useState<Tab>('progress');
  const [progress, setProgress] = useState<Load<Progress>>({ status: 'loading' });
  const [method, setMethod] = useState<Method>('mean');
  const [ranking, setRanking] = useState<Load<Ranking>>({ status: 'loading' });
  const [perEntry, setPerEntry] = useState(3);
  const [auto, setAuto] = useState<AutoResult | null>(null);
  const [finished, setFinished] = useState<FinishResult | null>(null);
  const [publishing, setPublishing] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [deciding, setDeciding] = useState<Ranking['items'][number] | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);

  const loadCampaign = useCallback(async () => {
    setCampaign({ status: 'loading' });
    try {
      const c = await callFunction('campaigns', 'get', { id: campaignId });
      const track = c.tracks.find((t) => t.key === trackKey);
      if (!track) throw new Error('no track');
      setCampaign({ status: 'ready', data: { campaign: c, track } });
    } catch (err) {
      setCampaign({ status: 'error', error: err instanceof Error && err.message === 'no track' ? '这项评选没有这一类别' : messageOf(err) });
    }
  }, [campaignId, trackKey]);

  const loadProgress = useCallback(async () => {
    setProgress((p) => (p.status === 'ready' ? p : { status: 'loading' }));
    try {
      setProgress({ status: 'ready', data: await callFunction('reviews', 'progress', { campaignId, trackKey }) });
    } catch (err) {
      setProgress({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId, trackKey]);

  const loadRanking = useCallback(async () => {
    setRanking((r) => (r.status === 'ready' ? r : { status: 'loading' }));
    try {
      setRanking({ status: 'ready', data: await callFunction('reviews', 'ranking', { campaignId, trackKey, method }) });
    } catch (err) {
      setRanking({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId, trackKey, method]);

  useEffect(() => {
    void loadCampaign();
  }, [loadCampaign]);
  useEffect(() => {
    if (tab === 'progress' || tab === 'assign') void loadProgress();
  }, [tab, loadProgress]);
  useEffect(() => {
    if (tab === 'ranking') void loadRanking();
  }, [tab, loadRanking]);

  if (campaign.status === 'loading') return <StateView kind='loading' />;
  if (campaign.status === 'error') return <StateView kind='error' message={campaign.error} onRetry={loadCampaign} />;
  const { campaign: c, track } = campaign.data;
  const levels = track.pipeline.outcome?.levels ?? [];

  /** 一次只做一件事：防重复点击 */
  const once = async (fn: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      toast(messageOf(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const autoAssign = () =>
    once(async () => {
      const res = await callFunction('reviews', 'autoAssign', { campaignId, trackKey, perEntry });
      setAuto(res);
      toast(res.created ? `新指派 ${res.created} 份` : '没有需要补足的指派');
      await loadProgress();
    });

  const remind = () =>
    once(async () => {
      if (!(await confirmAction('催办评委', '给还有未提交评分的评委发送截止提醒（同一天不重复发送）。确定吗？', '催办'))) return;
      const res = await callFunction('reviews', 'remind', { campaignId, trackKey });
      toast(res.items.length ? `已催办 ${res.items.length} 位评委` : '评委都已提交');
    });

  const finish = () =>
    once(async () => {
      if (!(await confirmAction('结束评审', '评分齐全的材料转为“已评分”；缺评分的不动并列出。确定吗？', '结束评审'))) return;
      const res = await callFunction('reviews', 'finish', { campaignId, trackKey });
      setFinished(res);
      await loadRanking();
    });

  const publish = () =>
    once(async () => {
      if (!(await confirmAction('公布结果', '公布本类别全部已评定的结果，申报方将收到结果通知；获奖案例进入成果储备库（A7）。确定吗？', '公布'))) return;
      // 云函数每次公布一批（每份一个事务加一条通知）；remaining > 0 就接着调用，并显示进度
      let published = 0;
      let already: number | null = null;
      try {
        for (;;) {
          const res = await callFunction('entries', 'publishResults', { campaignId, trackKey });
          published += res.published;
          already ??= res.already;
          if (!res.remaining) break;
          if (!res.published) throw new Error(`还有 ${res.remaining} 份没能公布，请稍后再试`);
          setPublishing({ done: published, total: published + res.remaining });
        }
      } finally {
        setPublishing(null);
      }
      toast(`已公布 ${published} 份${already ? `（此前已公布 ${already} 份）` : ''}`);
      await loadRanking();
    });

  const decide = async ({ text, choice }: { text: string; choice: string | null }) => {
    if (!deciding || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setSheetError(null);
    try {
      await callFunction('entries', 'decide', { id: deciding.entryId, level: choice ?? '', note: text });
      toast('已评定');
      setDeciding(null);
      await loadRanking();
    } catch (err) {
      setSheetError(messageOf(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const rankItems = ranking.status === 'ready' ? ranking.data.items : [];
  return (
    <View className='adm-page' data-testid='review-manage'>
      <View className='adm-header'>
        <Text className='adm-header__title'>评审管理</Text>
        <View className='adm-header__meta'>
          <Text>
            {c.title} · {track.label}
          </Text>
          {track.pipeline.review?.anonymous ? <Text className='adm-tag adm-tag--gold'>匿名评审</Text> : null}
        </View>
      </View>

      <View className='adm-tabs'>
        {(
          [
            ['assign', '指派'],
            ['progress', '进度'],
            ['ranking', '排名与评定'],
          ] as [Tab, string][]
        ).map(([key, label]) => (
          <Text key={key} className={`adm-tabs__tab${tab === key ? ' adm-tabs__tab--active' : ''}`} data-testid={`review-tab-${key}`} onClick={() => setTab(key)}>
            {label}
          </Text>
        ))}
      </View>

      {tab === 'assign' ? (
        <View className='wb-panel' data-testid='auto-assign'>
          <Text className='wb-panel__title'>自动分配评委</Text>
          <Text className='wb-panel__line'>每份材料的评委人数（工作量少者优先；本单位、本支部与已声明回避的评委不分配）</Text>
          <ChipGroup testId='per-entry' value={String(perEntry)} options={['2', '3', '5', '7'].map((n) => ({ value: n, label: `${n} 位` }))} onChange={(v) => setPerEntry(Number(v))} />
          <View className={`adm-btn adm-btn--block${busy ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '16px' }} data-testid='run-auto-assign' onClick={autoAssign}>
            <Text>{busy ? '请稍候…' : '自动分配（只补足缺口）'}</Text>
          </View>
          {auto ? (
            <View data-testid='auto-result'>
              <Text className='wb-panel__line'>新指派 {auto.created} 份</Text>
              {auto.shortfalls.map((s) => (
                <Text key={s.entryId} className='wb-panel__warn' data-testid='shortfall'>
                  《{s.title}》只配到 {s.got}/{s.needed} 位：{s.reason}
                </Text>
              ))}
              {auto.load.map((l) => (
                <Text key={l.personId} className='wb-panel__muted'>
                  {l.name}：{l.assigned} 份
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {tab === 'progress' || tab === 'assign' ? (
        <>
          {progress.status === 'loading' ? <InlineState kind='loading' testId='progress' /> : null}
          {progress.status === 'error' ? <InlineState kind='error' message={`进度读取失败：${progress.error}`} onRetry={loadProgress} testId='progress' /> : null}
          {progress.status === 'ready' ? (
            <>
              <View className='wb-panel' data-testid='progress-total'>
                <View className='wb-panel__head'>
                  <Text className='wb-panel__title'>评分进度</Text>
                  <Text className='wb-panel__big'>
                    {progress.data.done}/{progress.data.total}
                  </Text>
                </View>
                <View className='wb-bar'>
                  <View className='wb-bar__fill' style={{ width: `${progress.data.total ? Math.round((progress.data.done / progress.data.total) * 100) : 0}%` }} />
                </View>
                {progress.data.deadline ? <Deadline deadline={progress.data.deadline} label='函评截止' testId='review-deadline' /> : null}
                {tab === 'progress' ? (
                  <View className={`adm-btn adm-btn--ghost${busy ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '16px' }} data-testid='remind-reviewers' onClick={remind}>
                    <Text>催办未完成的评委</Text>
                  </View>
                ) : null}
              </View>
              {!progress.data.entries.length ? <InlineState kind='empty' message='还没有进入评审的材料：在初审页把初审通过的材料“进入评审”' testId='progress' /> : null}
              {tab === 'progress'
                ? progress.data.reviewers.map((r) => (
                    <View key={r.reviewerId} className='wb-panel__item' data-testid='reviewer-row'>
                      <Text>{r.name}</Text>
                      <Text className={r.done < r.total ? 'adm-tag adm-tag--gold' : 'adm-tag adm-tag--green'}>
                        {r.done}/{r.total}
                      </Text>
                    </View>
                  ))
                : null}
              {progress.data.entries.map((e) => (
                <View key={e.entryId} className='adm-card' data-testid='progress-entry'>
                  <Text className='adm-card__title'>{e.title}</Text>
                  <View className='adm-card__meta'>
                    <StatusBadge status={e.status} />
                    <Text>{e.unitName}</Text>
                    <Text>
                      已评 {e.done}/{e.total}
                    </Text>
                  </View>
                  <View className='adm-card__meta'>
                    {e.reviewers.map((r) => (
                      <Text key={r.assignmentId} className={`adm-tag adm-tag--${r.status === 'submitted' ? 'green' : 'grey'}`}>
                        {r.name}·{ASSIGNMENT_STATUS_LABELS[r.status]}
                      </Text>
                    ))}
                    {!e.reviewers.length ? <Text className='adm-tag adm-tag--gold'>尚未指派评委</Text> : null}
                  </View>
                </View>
              ))}
            </>
          ) : null}
        </>
      ) : null}

      {tab === 'ranking' ? (
        <>
          <View className='wb-filters'>
            <ChipGroup testId='ranking-method' value={method} options={(Object.keys(AGGREGATE_METHOD_LABELS) as Method[]).map((m) => ({ value: m, label: AGGREGATE_METHOD_LABELS[m] }))} onChange={setMethod} />
          </View>
          {levels.some((l) => l.capPercent !== null) && ranking.status === 'ready' ? (
            <View className='wb-panel' data-testid='decide-caps'>
              {levels
                .filter((l) => l.capPercent !== null)
                .map((l) => (
                  <Text key={l.key} className='wb-panel__line' data-testid='decide-cap'>
                    {decideCapLine(l, rankItems.filter((i) => i.level === l.key).length, rankItems.length)}
                  </Text>
                ))}
            </View>
          ) : null}
          {ranking.status === 'loading' ? <InlineState kind='loading' testId='ranking' /> : null}
          {ranking.status === 'error' ? <InlineState kind='error' message={`排名读取失败：${ranking.error}`} onRetry={loadRanking} testId='ranking' /> : null}
          {ranking.status === 'ready' && !rankItems.length ? <InlineState kind='empty' message='还没有已提交的评分' testId='ranking' /> : null}
          {rankItems.map((i) => (
            <View key={i.entryId} className='adm-card' data-testid='rank-row' data-entry={i.entryId}>
              <View className='adm-card__row'>
                <Text className='wb-panel__big'>第 {i.rank} 名</Text>
                <Text className='adm-card__title adm-card__body'>{i.title}</Text>
                <Text className='wb-panel__big'>{i.value}</Text>
              </View>
              <View className='adm-card__meta'>
                <StatusBadge status={i.status} />
                {i.level ? <Text className='adm-tag adm-tag--red'>{levels.find((l) => l.key === i.level)?.label ?? i.level}</Text> : null}
                <Text>{i.unitName}</Text>
                <Text>
                  {i.count} 份评分{i.missing ? `，缺 ${i.missing} 份` : ''}
                  {i.trimmed ? '，已去掉最高最低' : ''}
                </Text>
              </View>
              {i.tiedWith.length ? (
                <Text className='wb-panel__warn' data-testid='tie'>
                  与{i.tiedWith.map((t) => `《${t.title}》`).join('、')}并列{i.note ? `：${i.note}` : ''}
                </Text>
              ) : i.note ? (
                <Text className='wb-panel__muted'>{i.note}</Text>
              ) : null}
              {['scored', 'decided'].includes(i.status) && levels.length ? (
                <View className='wb-card-actions'>
                  <Text className='wb-chip-btn wb-chip-btn--primary' data-testid='decide' onClick={() => {
                      setSheetError(null);
                      setDeciding(i);
                    }}>
                    {i.status === 'decided' ? '改评等级' : '评定等级'}
                  </Text>
                </View>
              ) : null}
            </View>
          ))}
          {ranking.status === 'ready' && ranking.data.unscored.length ? (
            <View className='wb-panel'>
              <Text className='wb-panel__warn'>还没有已提交评分：{ranking.data.unscored.map((u) => `《${u.title}》`).join('、')}</Text>
            </View>
          ) : null}
          {finished ? (
            <View className='wb-panel' data-testid='finish-result'>
              <Text className='wb-panel__line'>本次转为“已评分” {finished.finished.length} 份{finished.already ? `，此前已评分 ${finished.already} 份` : ''}</Text>
              {finished.incomplete.map((x) => (
                <Text key={x.entryId} className='wb-panel__warn'>
                  《{x.title}》{x.done}/{x.total}：{x.reason}
                </Text>
              ))}
            </View>
          ) : null}
          <View className={`adm-btn adm-btn--block adm-btn--ghost${busy ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '16px' }} data-testid='finish-review' onClick={finish}>
            <Text>结束评审（评分齐全的转为已评分）</Text>
          </View>
          <View className={`adm-btn adm-btn--block${busy ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '16px' }} data-testid='publish-results' onClick={publish}>
            <Text>{publishing ? `正在公布… ${publishing.done}/${publishing.total}` : '公布结果'}</Text>
          </View>
          {publishing ? (
            <View className='wb-progress' data-testid='publish-progress'>
              <View className='wb-progress__bar' style={{ width: `${Math.round((publishing.done / publishing.total) * 100)}%` }} />
            </View>
          ) : null}
        </>
      ) : null}

      {deciding ? (
        <ActionSheet
          testId='decide-sheet'
          title={`评定：《${deciding.title}》`}
          intro={<Text>第 {deciding.rank} 名，{AGGREGATE_METHOD_LABELS[method]} {deciding.value}</Text>}
          choiceLabel='等级或奖项'
          choices={levels.map((l) => ({
            value: l.key,
            label: l.capPercent !== null ? decideCapLine(l, rankItems.filter((x) => x.level === l.key && x.entryId !== deciding.entryId).length, rankItems.length) : l.label,
          }))}
          text={{ label: '说明（可不填）', placeholder: '', min: 0, max: 1000 }}
          confirmText='评定'
          busy={busy}
          error={sheetError}
          onConfirm={decide}
          onCancel={() => setDeciding(null)}
        />
      ) : null}
    </View>
  );
}

export default withSystemFont(ReviewManagePage);
