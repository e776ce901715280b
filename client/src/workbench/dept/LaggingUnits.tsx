import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampaignSummary } from '@contract/index';
import InlineState from '@/components/InlineState';
import { callFunction, messageOf } from '@/services/cloud';

interface UnitCoverage {
  unitId: string;
  unitName: string;
  required: number;
  covered: number;
  missing: { branchId: string; name: string }[];
}

type State = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; trackLabel: string; units: UnitCoverage[] };

/**
 * 单位进度：选定评选后，按立项全覆盖（B4）列出各单位已提交/应提交，落后的在前。
 * 只对由分党委定级的类别（立项）有意义；其他评选提示改看“全部材料”。
 */
export default function LaggingUnits({ campaign }: { campaign: CampaignSummary | null }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const seq = useRef(0);
  const [trackKey, setTrackKey] = useState<string | null>(null);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    if (!campaign) return setState({ status: 'idle' });
    setState({ status: 'loading' });
    try {
      const full = await callFunction('campaigns', 'get', { id: campaign._id });
      const track = full.tracks.find((t) => t.pipeline.unitStep === 'grade');
      if (!track) {
        if (mine === seq.current) setState({ status: 'ready', trackLabel: '', units: [] });
        return;
      }
      setTrackKey(track.key);
      const res = await callFunction('campaigns', 'coverage', { campaignId: campaign._id, trackKey: track.key });
      const units = [...res.units].filter((u) => u.required > 0).sort((a, b) => a.covered / a.required - b.covered / b.required || a.unitName.localeCompare(b.unitName, 'zh'));
      if (mine === seq.current) setState({ status: 'ready', trackLabel: track.label, units });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', error: messageOf(err) });
    }
  }, [campaign]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'idle') return <InlineState kind='empty' message='先在上方选一项评选，查看各单位的进度' testId='units' />;
  if (state.status === 'loading') return <InlineState kind='loading' testId='units' />;
  if (state.status === 'error') return <InlineState kind='error' message={`单位进度读取失败：${state.error}`} onRetry={load} testId='units' />;
  if (!state.trackLabel) return <InlineState kind='empty' message='这项评选没有需要全覆盖的立项类别，请在“全部材料”中按单位筛选查看' testId='units' />;
  const lagging = state.units.filter((u) => u.missing.length > 0);
  return (
    <View data-testid='unit-progress' data-track={trackKey ?? ''}>
      <View className='wb-panel'>
        <Text className='wb-panel__title'>
          {state.trackLabel}：{lagging.length ? `${lagging.length} 个单位未全覆盖（B4）` : '各单位均已全覆盖（B4）'}
        </Text>
      </View>
      {state.units.map((u) => (
        <View key={u.unitId} className='wb-panel' data-testid='unit-progress-row' data-lagging={u.missing.length ? 'true' : 'false'}>
          <View className='wb-panel__head'>
            <Text className='wb-panel__title'>{u.unitName}</Text>
            <Text className={u.missing.length ? 'wb-panel__full' : 'wb-panel__line'}>
              {u.covered}/{u.required}
            </Text>
          </View>
          {u.missing.length ? (
            <Text className='wb-panel__muted'>
              未提交：{u.missing.slice(0, 6).map((m) => m.name).join('、')}
              {u.missing.length > 6 ? ` 等 ${u.missing.length} 个` : ''}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
