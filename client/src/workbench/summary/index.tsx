import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { ENTRY_STATUS_LABELS, type Campaign, type EntrySummary, type Track } from '@contract/index';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';
import ListFooter from '../../admin/shared/ListFooter';
import { toast } from '../../admin/shared/ui';
import { useEntryList } from '../shared/useEntryList';
import '../../admin/shared/admin.scss';
import '../shared/workbench.scss';

const isSummary = (t: Track) => t.pipeline.unitStep === 'none' && t.entrant.levels.length === 1 && t.entrant.levels[0] === 'unit';

/**
 * 本单位年度总结（B3）：基本情况 ≤1000 字、1–2 个特色案例 300–500 字各配 2–3 张带说明的照片。
 * 本页说明要求、显示总结当前状态，列出本单位各支部的立项材料（等级、验收）供撰写时参考；
 * “开始撰写/继续撰写”在已有的申报编辑器里打开（没有就新建，一个单位只有一份）。
 */
function UnitSummaryPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const unitId = params.unitId ?? '';
  const [campaign, setCampaign] = useState<{ status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: Campaign }>({ status: 'loading' });
  const [mine, setMine] = useState<{ status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; entry: EntrySummary | null }>({ status: 'loading' });
  const [opening, setOpening] = useState(false);
  const openingRef = useRef(false);

  const load = useCallback(async () => {
    setCampaign({ status: 'loading' });
    try {
      setCampaign({ status: 'ready', data: await callFunction('campaigns', 'get', { id: campaignId }) });
    } catch (err) {
      setCampaign({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId]);

  useEffect(() => {
    void load();
  }, [load]);

  const c = campaign.status === 'ready' ? campaign.data : null;
  const summary = c?.tracks.find(isSummary) ?? null;
  const reference = c?.tracks.find((t) => !isSummary(t) && t.entrant.levels.includes('branch')) ?? null;

  const loadMine = useCallback(async () => {
    if (!summary) return;
    try {
      const res = await callFunction('entries', 'list', { campaignId, unitId, trackKey: summary.key, pageSize: 5 });
      setMine({ status: 'ready', entry: res.items.find((e) => e.entrantLevel === 'unit') ?? null });
    } catch (err) {
      setMine({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId, unitId, summary]);

  useEffect(() => {
    void loadMine();
  }, [loadMine]);
  // 从编辑器回来：总结的状态可能变了
  useDidShow(() => {
    void loadMine();
  });

  const list = useEntryList({ campaignId, unitId, trackKey: reference?.key }, !!reference);
  useReachBottom(() => {
    void list.loadMore();
  });

  if (campaign.status === 'loading') return <StateView kind='loading' />;
  if (campaign.status === 'error') return <StateView kind='error' message={campaign.error} onRetry={load} />;
  if (!summary) return <StateView kind='empty' message='这次评选没有单位年度总结这一类别' />;

  const write = async () => {
    if (openingRef.current) return;
    openingRef.current = true;
    setOpening(true);
    try {
      const res = await callFunction('entries', 'create', { campaignId, trackKey: summary.key, entrant: { level: 'unit', id: unitId }, title: '' });
      Taro.navigateTo({ url: `/entry/detail/index?id=${encodeURIComponent(res._id)}` });
    } catch (err) {
      toast(messageOf(err));
    } finally {
      openingRef.current = false;
      setOpening(false);
    }
  };

  const entry = mine.status === 'ready' ? mine.entry : null;
  const levels = reference?.pipeline.outcome?.levels ?? [];
  return (
    <View className='adm-page' data-testid='unit-summary'>
      <View className='adm-header'>
        <Text className='adm-header__title'>{summary.label}</Text>
        <View className='adm-header__meta'>
          <Text>{c!.title}</Text>
        </View>
      </View>

      <View className='wb-panel'>
        <Text className='wb-panel__title'>要求（{summary.entrant.rule || 'B3'}）</Text>
        {summary.form.sections.map((s) => (
          <Text key={s.key} className='wb-panel__line'>
            · {s.title}：{s.minChars ? `${s.minChars}–` : '不超过 '}
            {s.maxChars} 字{s.required ? '' : '（可选）'}
          </Text>
        ))}
        {summary.form.photoGroups.map((g) => (
          <Text key={g.key} className='wb-panel__line'>
            · {g.label}：{g.min}–{g.max} 张，每张配不超过 {g.captionMaxChars} 字的说明
          </Text>
        ))}
        {summary.form.stampedScan ? <Text className='wb-panel__line'>· {summary.form.stampedScan.label}</Text> : null}
      </View>

      <View className='wb-panel' data-testid='summary-status'>
        <View className='wb-panel__head'>
          <Text className='wb-panel__title'>本单位的总结</Text>
          {entry ? <StatusBadge status={entry.status} testId='summary-status-badge' /> : null}
        </View>
        {mine.status === 'loading' ? <InlineState kind='loading' testId='summary' /> : null}
        {mine.status === 'error' ? <InlineState kind='error' message={mine.error} onRetry={loadMine} testId='summary' /> : null}
        {mine.status === 'ready' ? <Text className='wb-panel__line'>{entry ? `《${entry.title || '未命名'}》· ${ENTRY_STATUS_LABELS[entry.status]}` : '还没有开始撰写'}</Text> : null}
        <View className={`adm-btn adm-btn--block${opening ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '20px' }} data-testid='write-summary' onClick={write}>
          <Text>{opening ? '请稍候…' : entry ? '打开总结' : '开始撰写'}</Text>
        </View>
      </View>

      {reference ? (
        <>
          <Text className='adm-section-title'>本单位各支部的{reference.label}（撰写时参考）</Text>
          {list.state.status === 'loading' || list.state.status === 'idle' ? <InlineState kind='loading' testId='reference' /> : null}
          {list.state.status === 'error' ? <InlineState kind='error' message={list.state.error} onRetry={list.reload} testId='reference' /> : null}
          {list.state.status === 'ready' && !list.state.items.length ? <InlineState kind='empty' message='本单位的支部还没有材料' testId='reference' /> : null}
          {list.state.items.map((e) => (
            <View key={e._id} className='adm-card' data-testid='reference-entry' onClick={() => Taro.navigateTo({ url: `/entry/preview/index?id=${encodeURIComponent(e._id)}` })}>
              <Text className='adm-card__title'>{e.title || '（未填写名称）'}</Text>
              <View className='adm-card__meta'>
                <StatusBadge status={e.status} />
                {e.level ? <Text className='adm-tag adm-tag--red'>{levels.find((l) => l.key === e.level)?.label ?? e.level}</Text> : null}
                {e.rating ? <Text className='adm-tag adm-tag--green'>验收：{e.rating}</Text> : null}
                <Text>{e.entrantName}</Text>
              </View>
            </View>
          ))}
          {list.state.status === 'ready' && list.state.items.length ? <ListFooter loadingMore={list.state.loadingMore} hasMore={!!list.state.nextCursor} onLoadMore={list.loadMore} /> : null}
        </>
      ) : null}
    </View>
  );
}

export default withSystemFont(UnitSummaryPage);
