import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import {
  ENTRY_STATUS_LABELS,
  TRANSITION_LABELS,
  type Branch,
  type Campaign,
  type CampaignSummary,
  type EntryStatus,
  type EntrySummary,
  type QuotaStatus,
  type RuleResult,
  type Track,
} from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import InlineState from '@/components/InlineState';
import RuleList from '@/components/RuleList';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import { callFunction, messageOf } from '@/services/cloud';
import { modelBadge } from '../../admin/shared/format';
import ListFooter from '../../admin/shared/ListFooter';
import { useMe } from '../../admin/shared/session';
import { toast } from '../../admin/shared/ui';
import ActionSheet from '../shared/ActionSheet';
import { CapsPanel, CoveragePanel, QuotaPanel, type CoverageView, type GradeCapView, type Loadable } from '../shared/Panels';
import { capLine, quotaLine, statusesOf, unitActionsFor, unitStageState, type UnitAction } from '../shared/rules';
import { useEntryList } from '../shared/useEntryList';
import '../../admin/shared/admin.scss';
import '../shared/workbench.scss';

const VERDICTS = [
  { value: 'good', label: '良好' },
  { value: 'fair', label: '一般' },
  { value: 'weak', label: '较弱，需督促' },
];

const ACTION_LABELS: Record<UnitAction, string> = { ...TRANSITION_LABELS, inspect: '督促检查', grade: '定级立项', accept: '结项验收' } as Record<UnitAction, string>;

/** 单位自身写的材料（B3 年度总结）：只限单位申报、不经分党委这一步 */
const isUnitSummaryTrack = (t: Track) => t.pipeline.unitStep === 'none' && t.entrant.levels.length === 1 && t.entrant.levels[0] === 'unit';

/**
 * 分党委工作台：选评选（申报中、实施中的）与类别；本单位各支部的材料（按状态筛选、分页）；
 * 名额（A3、D5、E3）或等级比例（B5）与立项全覆盖（B4）面板；推荐、取消推荐、退回（带意见）、
 * 定级（比例实时、样板支部 B9 提醒）、督促检查（B8）、结项验收；撰写本单位年度总结（B3）的入口。
 */
function UnitWorkbenchPage() {
  const { params } = useRouter();
  const me = useMe();
  const unitIds = useMemo(() => [...new Set((me?.person?.roles ?? []).filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string))], [me]);
  const unitId = params.unitId && unitIds.includes(params.unitId) ? params.unitId : (unitIds[0] ?? '');

  const [campaigns, setCampaigns] = useState<Loadable<CampaignSummary[]>>({ status: 'loading' });
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [campaign, setCampaign] = useState<Loadable<Campaign>>({ status: 'loading' });
  const [trackKey, setTrackKey] = useState<string | null>(null);
  const [status, setStatus] = useState<EntryStatus | 'all'>('all');
  const [quotas, setQuotas] = useState<Loadable<{ quotas: QuotaStatus[]; gradeCaps: (GradeCapView & { trackKey: string })[] }>>({ status: 'loading' });
  const [coverage, setCoverage] = useState<Loadable<CoverageView | null>>({ status: 'loading' });
  const [branches, setBranches] = useState<Branch[]>([]);
  const [sheet, setSheet] = useState<{ action: UnitAction; entry: EntrySummary } | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [notes, setNotes] = useState<{ title: string; results: RuleResult[] } | null>(null);
  const busyRef = useRef(false);

  const loadCampaigns = useCallback(async () => {
    setCampaigns({ status: 'loading' });
    try {
      const res = await callFunction('campaigns', 'list', { status: 'open', pageSize: 20 });
      setCampaigns({ status: 'ready', data: res.items });
      // 从提醒消息或别处带着评选进来时先选它
      const wanted = res.items.find((x) => x._id === params.campaignId)?._id;
      setCampaignId((id) => id ?? wanted ?? res.items[0]?._id ?? null);
    } catch (err) {
      setCampaigns({ status: 'error', error: messageOf(err) });
    }
  }, [params.campaignId]);

  useEffect(() => {
    void loadCampaigns();
  }, [loadCampaigns]);

  // 样板支部（B9）的标记来自本单位的支部名单
  useEffect(() => {
    if (!unitId) return;
    callFunction('org', 'unitTree', { unitId })
      .then((t) => setBranches(t.branches))
      .catch(() => setBranches([]));
  }, [unitId]);

  const loadCampaign = useCallback(async () => {
    if (!campaignId) return;
    setCampaign({ status: 'loading' });
    try {
      const c = await callFunction('campaigns', 'get', { id: campaignId });
      setCampaign({ status: 'ready', data: c });
      // 默认选第一个由分党委处理的类别（支部的材料）
      const reviewed = c.tracks.filter((t) => !isUnitSummaryTrack(t));
      setTrackKey((k) => (k && c.tracks.some((t) => t.key === k) ? k : (reviewed[0] ?? c.tracks[0]).key));
    } catch (err) {
      setCampaign({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId]);

  useEffect(() => {
    void loadCampaign();
  }, [loadCampaign]);

  const c = campaign.status === 'ready' ? campaign.data : null;
  const track = c?.tracks.find((t) => t.key === trackKey) ?? null;

  const loadQuotas = useCallback(async () => {
    if (!campaignId || !unitId) return;
    setQuotas((q) => (q.status === 'ready' ? q : { status: 'loading' }));
    try {
      setQuotas({ status: 'ready', data: await callFunction('campaigns', 'quotaStatus', { campaignId, unitId }) });
    } catch (err) {
      setQuotas({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId, unitId]);

  const wantsCoverage = !!track && track.pipeline.unitStep === 'grade';
  const loadCoverage = useCallback(async () => {
    if (!campaignId || !unitId || !trackKey || !wantsCoverage) return;
    setCoverage((v) => (v.status === 'ready' ? v : { status: 'loading' }));
    try {
      const res = await callFunction('campaigns', 'coverage', { campaignId, trackKey, unitId });
      setCoverage({ status: 'ready', data: res.units[0] ?? null });
    } catch (err) {
      setCoverage({ status: 'error', error: messageOf(err) });
    }
  }, [campaignId, unitId, trackKey, wantsCoverage]);

  useEffect(() => {
    setQuotas({ status: 'loading' });
    void loadQuotas();
  }, [loadQuotas]);
  useEffect(() => {
    setCoverage({ status: 'loading' });
    void loadCoverage();
  }, [loadCoverage]);

  const list = useEntryList({ campaignId: campaignId ?? undefined, unitId, trackKey: trackKey ?? undefined, ...(status === 'all' ? {} : { status }) }, !!campaignId && !!unitId && !!trackKey);

  useReachBottom(() => {
    void list.loadMore();
  });
  usePullDownRefresh(async () => {
    await Promise.all([list.reload(), loadQuotas(), loadCoverage()]);
    Taro.stopPullDownRefresh();
  });

  if (!me) return <StateView kind='loading' />;
  if (!unitId) return <StateView kind='empty' message='当前身份不是分党委管理员，没有可处理的单位' />;
  if (campaigns.status === 'loading') return <StateView kind='loading' />;
  if (campaigns.status === 'error') return <StateView kind='error' message={campaigns.error} onRetry={loadCampaigns} />;
  if (!campaigns.data.length) return <StateView kind='empty' message='目前没有申报中或实施中的评选' />;

  const quota = quotas.status === 'ready' ? (quotas.data.quotas.find((q) => q.trackKey === trackKey) ?? null) : null;
  const caps = quotas.status === 'ready' ? quotas.data.gradeCaps.filter((g) => g.trackKey === trackKey) : [];
  const asLoadable = <T,>(value: T): Loadable<T> => (quotas.status === 'ready' ? { status: 'ready', data: value } : quotas.status === 'error' ? { status: 'error', error: quotas.error } : { status: 'loading' });
  const summaryTrack = c?.tracks.find(isUnitSummaryTrack) ?? null;
  const reviewTracks = c?.tracks.filter((t) => !isUnitSummaryTrack(t)) ?? [];
  const now = new Date();
  const unitStage = track && c ? unitStageState(c, track, now) : null;
  const branchOf = (id: string | null) => (id ? branches.find((b) => b._id === id) : undefined);

  const refreshAll = async () => {
    await Promise.all([list.reload(), loadQuotas(), loadCoverage()]);
  };

  const open = (e: EntrySummary) => Taro.navigateTo({ url: `/entry/detail/index?id=${encodeURIComponent(e._id)}` });
  const startSheet = (action: UnitAction, entry: EntrySummary) => {
    setSheetError(null);
    setSheet({ action, entry });
  };

  /** 执行一项操作：防重复提交；云端拒绝时原因留在表单里 */
  const run = async (value: { text: string; choice: string | null }) => {
    if (!sheet || !track || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setSheetError(null);
    const { action, entry } = sheet;
    try {
      let warnings: RuleResult[] = [];
      if (action === 'recommend') warnings = (await callFunction('entries', 'recommend', { id: entry._id, checklist: track.pipeline.unitChecklist, note: value.text })).warnings;
      else if (action === 'unrecommend') await callFunction('entries', 'unrecommend', { id: entry._id, note: value.text });
      else if (action === 'returnEntry') await callFunction('entries', 'returnEntry', { id: entry._id, note: value.text });
      else if (action === 'grade') warnings = (await callFunction('entries', 'grade', { id: entry._id, level: value.choice ?? '', note: value.text })).warnings;
      else if (action === 'returnClosing') await callFunction('entries', 'returnClosing', { id: entry._id, note: value.text });
      else if (action === 'accept') await callFunction('entries', 'accept', { id: entry._id, rating: value.choice ?? '', note: value.text });
      else if (action === 'inspect') {
        const def = track.pipeline.execution?.inspections.find((i) => i.by === 'unit');
        await callFunction('entries', 'inspect', { id: entry._id, key: def?.key ?? '', verdict: (value.choice ?? 'good') as 'good' | 'fair' | 'weak', note: value.text });
      }
      setSheet(null);
      toast(`已${ACTION_LABELS[action]}`);
      setNotes(warnings.length ? { title: `《${entry.title || '未命名'}》${ACTION_LABELS[action]}：请留意`, results: warnings } : null);
      await refreshAll();
    } catch (err) {
      setSheetError(messageOf(err));
      // 名额、比例或状态可能已被别人改了：刷新面板与列表，表单里的原因照旧
      void refreshAll();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <View className='adm-page' data-testid='unit-workbench'>
      <View className='adm-header'>
        <Text className='adm-header__title'>分党委工作台</Text>
        <View className='adm-header__meta'>
          <Text>{me.person?.unitName ?? ''}</Text>
          {unitStage ? (
            <Text className={`adm-tag adm-tag--${unitStage.open ? 'green' : 'grey'}`} data-testid='stage-state'>
              {unitStage.text}
            </Text>
          ) : null}
        </View>
      </View>

      <View className='wb-filters'>
        <Text className='wb-filters__label'>评选</Text>
        <ChipGroup
          testId='campaign-picker'
          value={campaignId}
          options={campaigns.data.map((x) => ({ value: x._id, label: x.title }))}
          onChange={(id) => {
            setCampaignId(id);
            setTrackKey(null);
            setStatus('all');
            setNotes(null);
          }}
        />
      </View>

      {campaign.status === 'loading' ? <InlineState kind='loading' testId='campaign' /> : null}
      {campaign.status === 'error' ? <InlineState kind='error' message={`评选读取失败：${campaign.error}`} onRetry={loadCampaign} testId='campaign' /> : null}

      {c && track ? (
        <>
          {reviewTracks.length > 1 ? (
            <View className='wb-filters'>
              <Text className='wb-filters__label'>类别</Text>
              <ChipGroup testId='track-picker' value={trackKey} options={reviewTracks.map((t) => ({ value: t.key, label: t.label }))} onChange={(k) => {
                setTrackKey(k);
                setStatus('all');
              }} />
            </View>
          ) : null}

          {summaryTrack ? (
            <View className='wb-summary-link' data-testid='summary-link' onClick={() => Taro.navigateTo({ url: `/workbench/summary/index?campaignId=${encodeURIComponent(c._id)}&unitId=${encodeURIComponent(unitId)}` })}>
              <Text>撰写本单位年度总结（{summaryTrack.form.sections[0]?.rule || summaryTrack.entrant.rule || 'B3'}）</Text>
              <Text>›</Text>
            </View>
          ) : null}

          {track.pipeline.unitStep === 'recommend' ? <QuotaPanel track={track} quota={asLoadable(quota)} onRetry={loadQuotas} /> : null}
          {track.pipeline.unitStep === 'grade' ? <CapsPanel track={track} caps={asLoadable(caps)} onRetry={loadQuotas} /> : null}
          {wantsCoverage ? <CoveragePanel coverage={coverage} onRetry={loadCoverage} /> : null}

          {notes ? (
            <View className='wb-panel' data-testid='action-notes'>
              <Text className='wb-panel__title'>{notes.title}</Text>
              <RuleList results={notes.results} testId='action-warnings' />
            </View>
          ) : null}

          <View className='wb-filters'>
            <Text className='wb-filters__label'>按状态</Text>
            <ChipGroup
              testId='status-filter'
              value={status}
              options={[{ value: 'all' as const, label: '全部' }, ...statusesOf(track, 'unit').map((s) => ({ value: s, label: ENTRY_STATUS_LABELS[s] }))]}
              onChange={setStatus}
            />
          </View>

          {list.state.status === 'loading' || list.state.status === 'idle' ? <StateView kind='loading' /> : null}
          {list.state.status === 'error' ? <StateView kind='error' message={list.state.error} onRetry={list.reload} /> : null}
          {list.state.status === 'ready' && !list.state.items.length ? (
            <StateView kind='empty' message={status === 'all' ? '本单位还没有支部在这一类别开始申报' : `没有“${ENTRY_STATUS_LABELS[status]}”的材料`} />
          ) : null}
          {list.state.items.map((e) => {
            const actions = unitActionsFor(track, e.status);
            const branch = branchOf(e.branchId);
            const levelLabel = e.level ? (track.pipeline.outcome?.levels.find((l) => l.key === e.level)?.label ?? e.level) : null;
            return (
              <View key={e._id} className='adm-card' data-testid='wb-entry' data-id={e._id} data-status={e.status}>
                <View className='adm-card__row' onClick={() => open(e)}>
                  <Text className='adm-card__title adm-card__body'>{e.title || '（未填写名称）'}</Text>
                  <Text className='adm-card__chevron'>›</Text>
                </View>
                <View className='adm-card__meta'>
                  <StatusBadge status={e.status} testId='wb-entry-status' />
                  {levelLabel ? <Text className='adm-tag adm-tag--red'>{levelLabel}</Text> : null}
                  {e.rating ? <Text className='adm-tag adm-tag--green'>验收：{e.rating}</Text> : null}
                  {e.quotaExempt ? <Text className='adm-tag adm-tag--gold'>不占名额（D1）</Text> : null}
                  {branch?.model ? <Text className='adm-tag adm-tag--gold' data-testid='model-badge'>{modelBadge(branch.model)}</Text> : null}
                </View>
                <View className='adm-card__meta'>
                  <Text>{e.entrantName}</Text>
                  {e.submittedAt ? <Text>提交于 {e.submittedAt.slice(0, 10)}</Text> : null}
                </View>
                {actions.length ? (
                  <View className='wb-card-actions'>
                    {actions.map((a) => (
                      <Text
                        key={a}
                        className={`wb-chip-btn${a === 'recommend' || a === 'grade' || a === 'accept' ? ' wb-chip-btn--primary' : a === 'returnEntry' || a === 'returnClosing' ? ' wb-chip-btn--danger' : ''}`}
                        data-testid={`wb-action-${a}`}
                        onClick={() => startSheet(a, e)}
                      >
                        {ACTION_LABELS[a]}
                      </Text>
                    ))}
                  </View>
                ) : null}
              </View>
            );
          })}
          {list.state.status === 'ready' && list.state.items.length ? <ListFooter loadingMore={list.state.loadingMore} hasMore={!!list.state.nextCursor} onLoadMore={list.loadMore} /> : null}
        </>
      ) : null}

      {sheet && track ? (
        <UnitSheet
          key={`${sheet.action}-${sheet.entry._id}`}
          action={sheet.action}
          entry={sheet.entry}
          track={track}
          quota={quota}
          caps={caps}
          model={branchOf(sheet.entry.branchId)?.model ?? null}
          busy={busy}
          error={sheetError}
          onConfirm={run}
          onCancel={() => setSheet(null)}
        />
      ) : null}
    </View>
  );
}

interface UnitSheetProps {
  action: UnitAction;
  entry: EntrySummary;
  track: Track;
  quota: QuotaStatus | null;
  caps: GradeCapView[];
  model: Branch['model'];
  busy: boolean;
  error: string | null;
  onConfirm: (v: { text: string; choice: string | null }) => void;
  onCancel: () => void;
}

/** 每种操作的表单：推荐时显示推荐后的名额，定级时逐级显示比例与样板提醒（B5、B9） */
function UnitSheet({ action, entry, track, quota, caps, model, busy, error, onConfirm, onCancel }: UnitSheetProps) {
  const name = `《${entry.title || '未命名'}》（${entry.entrantName}）`;
  const common = { busy, error, onConfirm, onCancel, confirmText: ACTION_LABELS[action], title: `${ACTION_LABELS[action]}：${name}` };
  const optionalNote = { label: '意见（可不填）', placeholder: '写给支部的说明', min: 0, max: 1000 };
  switch (action) {
    case 'recommend': {
      const after = quota ? { ...quota, used: quota.used + 1 } : null;
      return (
        <ActionSheet
          {...common}
          intro={
            <>
              <Text data-testid='sheet-quota'>{quota ? `推荐前${quotaLine(quota, track.quota.rule)}；推荐后${quotaLine(after!, track.quota.rule)}` : '本类别不限名额'}</Text>
              {quota && quota.max !== null && quota.used >= quota.max ? <Text className='wb-sheet__warn'>名额已满：除非该支部不占名额（D1），推荐会被拒绝</Text> : null}
              {track.pipeline.unitChecklist.length ? <Text>推荐即确认已核实：{track.pipeline.unitChecklist.join('；')}</Text> : null}
            </>
          }
          text={optionalNote}
        />
      );
    }
    case 'unrecommend':
      return <ActionSheet {...common} intro={<Text>取消后材料回到“已提交”，名额随即释放。</Text>} text={optionalNote} />;
    case 'returnEntry':
      return (
        <ActionSheet
          {...common}
          intro={<Text>退回后支部可修改再提交{entry.status === 'recommended' ? '；已占的名额随即释放' : ''}。</Text>}
          text={{ label: '退回意见', placeholder: '写明需要修改的地方，支部会看到', min: 2, max: 1000 }}
        />
      );
    case 'grade': {
      const levels = track.pipeline.outcome?.levels ?? [];
      const expected = track.pipeline.outcome?.modelExpectedLevel ?? null;
      const expectedLabel = levels.find((l) => l.key === expected)?.label ?? expected;
      return (
        <ActionSheet
          {...common}
          choiceLabel='立项等级'
          choices={levels.map((l) => {
            const cap = caps.find((x) => x.levelKey === l.key);
            return { value: l.key, label: cap ? capLine(cap, l.capPercent) : l.label };
          })}
          intro={model && expected ? <Text className='wb-sheet__warn' data-testid='sheet-model'>样板党支部：创建周期内原则上应达到“{expectedLabel}”（B9）</Text> : null}
          live={(choice) => {
            const cap = caps.find((x) => x.levelKey === choice);
            const full = cap && cap.cap !== null && cap.used >= cap.cap && entry.level !== choice;
            return (
              <>
                {full ? <Text className='wb-sheet__warn' data-testid='sheet-cap-full'>“{cap.label}”已达比例上限（B5），定级会被拒绝；可先调整其他项目</Text> : null}
                {model && expected && choice && choice !== expected ? (
                  <Text className='wb-sheet__warn' data-testid='sheet-b9'>
                    评为低于“{expectedLabel}”的等级：样板党支部原则上应达到“{expectedLabel}”（B9），请写明理由
                  </Text>
                ) : null}
              </>
            );
          }}
          text={optionalNote}
        />
      );
    }
    case 'inspect': {
      const def = track.pipeline.execution?.inspections.find((i) => i.by === 'unit');
      return (
        <ActionSheet
          {...common}
          title={`${def?.label ?? '督促检查'}${def?.rule ? `（${def.rule}）` : ''}：${name}`}
          choiceLabel='检查结论'
          choices={VERDICTS}
          text={{ label: '检查记录', placeholder: '进展、问题与改进建议（帮助较弱的项目查找原因，B8）', min: 2, max: 2000 }}
        />
      );
    }
    case 'accept':
      return (
        <ActionSheet
          {...common}
          intro={track.pipeline.closing?.methods.length ? <Text>验收方式（B2）：{track.pipeline.closing.methods.join('、')}</Text> : null}
          choiceLabel='验收评价'
          choices={(track.pipeline.closing?.ratings ?? []).map((r) => ({ value: r, label: r }))}
          text={{ label: '验收意见（可不填）', placeholder: '', min: 0, max: 1000 }}
        />
      );
    case 'returnClosing':
      return <ActionSheet {...common} text={{ label: '退回原因', placeholder: '写明结项报告需要补充的地方', min: 2, max: 1000 }} />;
    default:
      return null;
  }
}

export default withSystemFont(UnitWorkbenchPage);
