import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampaignSummary, LaggingTrack, LaggingUnit } from '@contract/index';
import Deadline from '@/components/Deadline';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';
import { toast } from '../../admin/shared/ui';

type State = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; tracks: LaggingTrack[] };

/**
 * 单位进度（notifications.lagging）：进行中的评选里尚未提交、未推荐、未达最低推荐数（E3）、
 * 未全覆盖（B4）或未交年度总结（B3）的单位，写明原因；一键提醒（notifications.remindUnit，
 * 每个单位每个评选每天至多一次，云端核对）。选了评选时只看这一项。
 */
export default function LaggingUnits({ campaign }: { campaign: CampaignSummary | null }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [reminding, setReminding] = useState<string | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    try {
      const res = await callFunction('notifications', 'lagging', campaign ? { campaignId: campaign._id } : {});
      if (mine === seq.current) setState({ status: 'ready', tracks: res.tracks });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', error: messageOf(err) });
    }
  }, [campaign]);

  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  const remind = async (t: LaggingTrack, u: LaggingUnit) => {
    if (busy.current || u.remindedToday) return;
    busy.current = true;
    const key = `${t.campaignId}:${t.trackKey}:${u.unitId}`;
    setReminding(key);
    try {
      const res = await callFunction('notifications', 'remindUnit', { campaignId: t.campaignId, trackKey: t.trackKey, unitId: u.unitId });
      // 未订阅的收件人看不到微信消息，但在“我的”通知里能看到
      toast(`已提醒 ${res.recipients} 人（消息 ${res.sent} 条${res.pending ? `，${res.pending} 人未订阅` : ''}）`);
      await load();
    } catch (err) {
      toast(messageOf(err));
    } finally {
      busy.current = false;
      setReminding(null);
    }
  };

  if (state.status === 'loading') return <InlineState kind='loading' testId='units' />;
  if (state.status === 'error') return <InlineState kind='error' message={`单位进度读取失败：${state.error}`} onRetry={load} testId='units' />;
  const withUnits = state.tracks.filter((t) => t.units.length);
  if (!withUnits.length) return <InlineState kind='empty' message={campaign ? '这项评选没有落后的单位' : '进行中的评选都没有落后的单位'} testId='units' />;
  return (
    <View data-testid='unit-progress'>
      {withUnits.map((t) => (
        <View key={`${t.campaignId}:${t.trackKey}`} data-testid='lagging-track'>
          <View className='wb-panel'>
            <Text className='wb-panel__title'>
              {t.campaignTitle} · {t.trackLabel}
            </Text>
            <Text className='wb-panel__line'>{t.units.length} 个单位落后</Text>
            {t.deadline ? <Deadline deadline={t.deadline} label={t.deadlineLabel || '截止'} testId='lagging-deadline' /> : null}
          </View>
          {t.units.map((u) => {
            const key = `${t.campaignId}:${t.trackKey}:${u.unitId}`;
            return (
              <View key={u.unitId} className='wb-panel' data-testid='unit-progress-row' data-unit={u.unitId}>
                <View className='wb-panel__head'>
                  <Text className='wb-panel__title'>{u.unitName}</Text>
                  <Text
                    className={`wb-chip-btn${u.remindedToday ? ' wb-chip-btn--disabled' : ' wb-chip-btn--primary'}${reminding === key ? ' wb-chip-btn--disabled' : ''}`}
                    data-testid='remind-unit'
                    data-reminded={u.remindedToday ? 'true' : 'false'}
                    onClick={() => remind(t, u)}
                  >
                    {u.remindedToday ? '今天已提醒' : reminding === key ? '提醒中…' : '一键提醒'}
                  </Text>
                </View>
                <Text className='wb-panel__muted'>
                  已提交 {u.submitted} 份 · 已推荐 {u.recommended} 份{u.minimum ? ` · 至少 ${u.minimum} 份` : ''}
                </Text>
                {u.reasons.map((r) => (
                  <Text key={r} className='wb-panel__warn' data-testid='lagging-reason'>
                    · {r}
                  </Text>
                ))}
                {u.missingBranches.length ? (
                  <Text className='wb-panel__muted'>
                    未提交：{u.missingBranches.slice(0, 6).map((m) => m.name).join('、')}
                    {u.missingBranches.length > 6 ? ` 等 ${u.missingBranches.length} 个` : ''}
                  </Text>
                ) : null}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
