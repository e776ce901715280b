import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ENTRANT_LEVEL_LABELS, findStage, formatCst, type Campaign, type Eligibility, type QuotaStatus } from '@contract/index';
import RuleList from '@/components/RuleList';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { toast } from '../../admin/shared/ui';
import '../../admin/shared/admin.scss';
import './index.scss';

interface StartState {
  status: 'loading' | 'ready' | 'error';
  options: Eligibility[];
  error?: string;
}

/** 名额一栏：已用/上限（至少），占用者，说明 */
function QuotaBox({ quota }: { quota: QuotaStatus }) {
  const full = quota.max !== null && quota.used >= quota.max;
  return (
    <View className={`entry-start__quota${full ? ' entry-start__quota--full' : ''}`} data-testid='quota'>
      <View className='entry-start__quota-head'>
        <Text className='entry-start__quota-title'>{quota.unitName} 名额</Text>
        <Text className='entry-start__quota-count' data-testid='quota-count'>
          已推荐 {quota.used}
          {quota.max !== null ? ` / 上限 ${quota.max}` : '（不限）'}
          {quota.min > 0 ? `，至少 ${quota.min}` : ''}
        </Text>
      </View>
      {quota.message ? <Text className='entry-start__quota-message'>{quota.message}</Text> : null}
      {quota.usedBy.map((u) => (
        <Text key={u.entryId} className='entry-start__quota-item' data-testid='quota-used-by'>
          · {u.entrantName}：{u.title || '（未填写名称）'}
        </Text>
      ))}
      {quota.exemptUsed.map((u) => (
        <Text key={u.entryId} className='entry-start__quota-item'>
          · {u.entrantName}：{u.title || '（未填写名称）'}（不占名额）
        </Text>
      ))}
    </View>
  );
}

/**
 * 开始申报：调用者可以代表哪些主体（本支部、本单位）申报哪些类别；每一项先给出资格检查
 * （规则编号 + 说明）与名额状态，满足才可开始填写；已有申报的直接进入。
 */
function EntryStartPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const [state, setState] = useState<StartState>({ status: 'loading', options: [] });
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!campaignId) return setState({ status: 'error', options: [], error: '链接不完整，找不到这项评选' });
    setState((s) => ({ ...s, status: s.options.length ? s.status : 'loading', error: undefined }));
    // 评选名称与截止时间只作页头；取不到不影响资格检查
    callFunction('campaigns', 'get', { id: campaignId })
      .then((c) => {
        setCampaign(c);
        Taro.setNavigationBarTitle({ title: c.title });
      })
      .catch(() => undefined);
    try {
      const res = await callFunction('campaigns', 'startOptions', { campaignId });
      setState({ status: 'ready', options: res.options });
    } catch (err) {
      setState({ status: 'error', options: [], error: messageOf(err) });
    }
  }, [campaignId]);

  // 从申报详情返回时，已有申报与名额可能变了
  useDidShow(() => {
    load();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  const openEntry = (entryId: string) => Taro.navigateTo({ url: `/entry/detail/index?id=${encodeURIComponent(entryId)}` });

  const start = async (o: Eligibility) => {
    const key = `${o.trackKey}:${o.entrant.level}:${o.entrant.id}`;
    if (busy) return;
    setBusy(key);
    try {
      const res = await callFunction('entries', 'create', { campaignId, trackKey: o.trackKey, entrant: { level: o.entrant.level, id: o.entrant.id } });
      openEntry(res._id);
    } catch (err) {
      toast(messageOf(err));
      load();
    } finally {
      setBusy(null);
    }
  };

  /** 某类别的申报截止（可按类别分设，B3） */
  const deadlineOf = (trackKey: string) => {
    const s = campaign ? findStage(campaign, 'submission', trackKey) : undefined;
    return s ? `${formatCst(s.endsAt)}（北京时间）` : null;
  };

  return (
    <View className='adm-page entry-start'>
      {campaign ? (
        <View className='adm-header' data-testid='campaign-header'>
          <Text className='adm-header__title'>{campaign.title}</Text>
          <View className='adm-header__meta'>
            <Text>{campaign.year} 年度</Text>
            {campaign.docNumber ? <Text>{campaign.docNumber}</Text> : null}
          </View>
        </View>
      ) : null}
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={campaignId ? load : undefined} /> : null}
      {state.status === 'ready' && state.options.length === 0 ? <StateView kind='empty' message='您当前的角色不能申报此评选' /> : null}
      {state.status === 'ready'
        ? state.options.map((o) => {
            const key = `${o.trackKey}:${o.entrant.level}:${o.entrant.id}`;
            const deadline = deadlineOf(o.trackKey);
            return (
              <View key={key} className='adm-card' data-testid='start-option' data-eligible={o.eligible ? 'true' : 'false'}>
                <View className='adm-card__row'>
                  <Text className='adm-card__title adm-card__body' data-testid='entrant-name'>
                    {o.entrant.name}
                  </Text>
                  <Text className={`adm-tag ${o.existingEntryId ? 'adm-tag--blue' : o.eligible ? 'adm-tag--green' : 'adm-tag--red'}`} data-testid='eligibility'>
                    {o.existingEntryId ? '已有申报' : o.eligible ? '可以申报' : '不能申报'}
                  </Text>
                </View>
                <View className='adm-card__meta'>
                  <Text className='adm-tag adm-tag--red'>{o.trackLabel}</Text>
                  <Text>{ENTRANT_LEVEL_LABELS[o.entrant.level]}</Text>
                  {deadline ? <Text data-testid='track-deadline'>申报截止 {deadline}</Text> : null}
                </View>
                <View className='entry-start__rules'>
                  <RuleList results={o.results} emptyText='没有需要检查的条件' />
                </View>
                {o.quota ? <QuotaBox quota={o.quota} /> : null}
                {o.existingEntryId ? (
                  <View className='adm-btn adm-btn--block adm-btn--ghost entry-start__action' data-testid='open-existing' onClick={() => openEntry(o.existingEntryId as string)}>
                    <Text>查看已有申报</Text>
                  </View>
                ) : o.eligible ? (
                  <View className={`adm-btn adm-btn--block entry-start__action${busy ? ' adm-btn--disabled' : ''}`} data-testid='start' onClick={() => start(o)}>
                    <Text>{busy === key ? '正在创建…' : '开始填写'}</Text>
                  </View>
                ) : (
                  <Text className='entry-start__blocked' data-testid='not-eligible'>
                    未满足上面标 ✗ 的条件，暂不能申报
                  </Text>
                )}
              </View>
            );
          })
        : null}
    </View>
  );
}

export default withSystemFont(EntryStartPage);
