import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { ENTRY_STATUSES, ENTRY_STATUS_LABELS, type CampaignSummary, type EntryStatus, type EntrySummary, type Unit } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import Deadline from '@/components/Deadline';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import { callFunction, messageOf } from '@/services/cloud';
import ListFooter from '../../admin/shared/ListFooter';
import { confirmAction, toast } from '../../admin/shared/ui';
import type { Loadable } from '../shared/Panels';
import { useEntryList, type EntryFilter } from '../shared/useEntryList';
import LaggingUnits from './LaggingUnits';
import ReviewLinks from './ReviewLinks';
import '../../admin/shared/admin.scss';
import '../shared/workbench.scss';

type Tab = 'entries' | 'corrections' | 'units';

/** 下拉选择：第一项为“全部” */
function FilterPicker<T>({ label, all, items, value, text, onChange, testId }: { label: string; all: string; items: T[]; value: T | null; text: (t: T) => string; onChange: (t: T | null) => void; testId: string }) {
  const range = [all, ...items.map(text)];
  const index = value === null ? 0 : items.indexOf(value) + 1;
  return (
    <Picker mode='selector' range={range} value={index} data-testid={testId} onChange={(e) => onChange(Number(e.detail.value) === 0 ? null : items[Number(e.detail.value) - 1])}>
      <View className='wb-picker'>
        <Text>
          {label}：{range[index] ?? all}
        </Text>
        <Text>▾</Text>
      </View>
    </Picker>
  );
}

/**
 * 组织部工作台：全校的申报材料（按评选、类别、单位、状态筛选，分页）→ 逐份初审；
 * 待补正的材料与期限倒计时，逾期的取消资格（A8，定时任务每小时自动执行，也可立即执行）；单位进度与一键提醒。
 */
function DeptWorkbenchPage() {
  const [tab, setTab] = useState<Tab>('entries');
  const [campaigns, setCampaigns] = useState<Loadable<CampaignSummary[]>>({ status: 'loading' });
  const [units, setUnits] = useState<Unit[]>([]);
  const [campaign, setCampaign] = useState<CampaignSummary | null>(null);
  const [trackKey, setTrackKey] = useState<string | null>(null);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [status, setStatus] = useState<EntryStatus | null>(null);
  const [sweeping, setSweeping] = useState(false);
  const sweepingRef = useRef(false);

  const loadCampaigns = useCallback(async () => {
    setCampaigns({ status: 'loading' });
    try {
      const res = await callFunction('campaigns', 'list', { status: 'all', pageSize: 50 });
      setCampaigns({ status: 'ready', data: res.items.filter((c) => c.status !== 'draft') });
    } catch (err) {
      setCampaigns({ status: 'error', error: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    void loadCampaigns();
    callFunction('org', 'listUnits', {})
      .then((r) => setUnits(r.units))
      .catch(() => setUnits([]));
  }, [loadCampaigns]);

  const filter: EntryFilter = tab === 'corrections'
    ? { ...(campaign ? { campaignId: campaign._id } : {}), status: 'correctionRequested' }
    : { ...(campaign ? { campaignId: campaign._id } : {}), ...(campaign && trackKey ? { trackKey } : {}), ...(unit ? { unitId: unit._id } : {}), ...(status ? { status } : {}) };
  const list = useEntryList(filter, tab !== 'units');

  // 从初审页回来：状态可能已变
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void list.reload();
    shownOnce.current = true;
  });
  useReachBottom(() => {
    void list.loadMore();
  });
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });

  if (campaigns.status === 'loading') return <StateView kind='loading' />;
  if (campaigns.status === 'error') return <StateView kind='error' message={campaigns.error} onRetry={loadCampaigns} />;

  const sweep = async () => {
    if (sweepingRef.current) return;
    if (!(await confirmAction('处理逾期补正', '补正期限已过仍未补正的材料将被取消资格（A8）。系统每小时自动执行一次，确定现在执行吗？', '执行'))) return;
    sweepingRef.current = true;
    setSweeping(true);
    try {
      const res = await callFunction('entries', 'disqualifyOverdue', {});
      toast(res.disqualified.length ? `已取消 ${res.disqualified.length} 份逾期材料的资格（A8）` : '没有逾期未补正的材料');
      await list.reload();
    } catch (err) {
      toast(messageOf(err));
    } finally {
      sweepingRef.current = false;
      setSweeping(false);
    }
  };

  const open = (e: EntrySummary) => Taro.navigateTo({ url: `/workbench/screen/index?id=${encodeURIComponent(e._id)}` });
  const tracks = campaign?.tracks ?? [];

  return (
    <View className='adm-page' data-testid='dept-workbench'>
      <View className='adm-tabs'>
        {(
          [
            ['entries', '全部材料'],
            ['corrections', '待补正'],
            ['units', '单位进度'],
          ] as [Tab, string][]
        ).map(([key, label]) => (
          <Text key={key} className={`adm-tabs__tab${tab === key ? ' adm-tabs__tab--active' : ''}`} data-testid={`tab-${key}`} onClick={() => setTab(key)}>
            {label}
          </Text>
        ))}
      </View>

      <View className='wb-filters'>
        <FilterPicker
          label='评选'
          all='全部评选'
          items={campaigns.data}
          value={campaign}
          text={(c) => c.title}
          testId='filter-campaign'
          onChange={(c) => {
            setCampaign(c);
            setTrackKey(null);
          }}
        />
        {tab === 'entries' ? (
          <>
            {tracks.length > 1 ? (
              <ChipGroup testId='filter-track' value={trackKey ?? 'all'} options={[{ value: 'all', label: '全部类别' }, ...tracks.map((t) => ({ value: t.key, label: t.label }))]} onChange={(k) => setTrackKey(k === 'all' ? null : k)} />
            ) : null}
            <FilterPicker label='单位' all='全部单位' items={units} value={unit} text={(u) => u.name} testId='filter-unit' onChange={setUnit} />
            <FilterPicker label='状态' all='全部状态' items={ENTRY_STATUSES.filter((s) => s !== 'draft')} value={status} text={(s) => ENTRY_STATUS_LABELS[s]} testId='filter-status' onChange={setStatus} />
          </>
        ) : null}
      </View>

      {tab === 'entries' ? <ReviewLinks campaign={campaign} /> : null}

      {tab === 'units' ? (
        <LaggingUnits campaign={campaign} />
      ) : (
        <>
          {tab === 'corrections' ? (
            <View className='wb-panel'>
              <Text className='wb-panel__line'>期限以北京时间计，逾期未补正的由系统每小时自动取消资格（A8）。</Text>
              <View className={`adm-btn adm-btn--ghost${sweeping ? ' adm-btn--disabled' : ''}`} style={{ marginTop: '12px' }} data-testid='sweep-overdue' onClick={sweep}>
                <Text>{sweeping ? '请稍候…' : '立即处理逾期'}</Text>
              </View>
            </View>
          ) : null}
          {list.state.status === 'loading' || list.state.status === 'idle' ? <StateView kind='loading' /> : null}
          {list.state.status === 'error' ? <StateView kind='error' message={list.state.error} onRetry={list.reload} /> : null}
          {list.state.status === 'ready' && !list.state.items.length ? (
            <StateView kind='empty' message={tab === 'corrections' ? '没有待补正的材料' : '没有符合筛选条件的材料'} />
          ) : null}
          {list.state.items.map((e) => (
            <View key={e._id} className='adm-card' data-testid={tab === 'corrections' ? 'correction-entry' : 'dept-entry'} data-id={e._id} data-status={e.status} onClick={() => open(e)}>
              <View className='adm-card__row'>
                <Text className='adm-card__title adm-card__body'>{e.title || '（未填写名称）'}</Text>
                <Text className='adm-card__chevron'>›</Text>
              </View>
              <View className='adm-card__meta'>
                <StatusBadge status={e.status} testId='dept-entry-status' />
                <Text>{e.entrantName}</Text>
                {e.unitName !== e.entrantName ? <Text>{e.unitName}</Text> : null}
              </View>
              <View className='adm-card__meta'>
                <Text>{e.campaignTitle}</Text>
              </View>
              {e.status === 'correctionRequested' && e.correctionDeadline ? <Deadline deadline={e.correctionDeadline} label='补正期限' testId='correction-deadline' /> : null}
            </View>
          ))}
          {list.state.status === 'ready' && list.state.items.length ? <ListFooter loadingMore={list.state.loadingMore} hasMore={!!list.state.nextCursor} onLoadMore={list.loadMore} /> : null}
        </>
      )}
    </View>
  );
}

export default withSystemFont(DeptWorkbenchPage);
