import { useCallback, useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AGGREGATE_METHOD_LABELS, ENTRY_STATUS_LABELS, type CampaignSummary, type SessionJudge } from '@contract/index';
import { Button } from '@/components/Button';
import InlineState from '@/components/InlineState';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, messageOf } from '@/services/cloud';
import '../shared/defence.scss';

type Method = keyof typeof AGGREGATE_METHOD_LABELS;
interface Finalist {
  entryId: string;
  title: string;
  entrantName: string;
  unitName: string;
  status: keyof typeof ENTRY_STATUS_LABELS;
}
interface Candidates {
  finalists: Finalist[];
  judges: SessionJudge[];
  inOtherSessions: string[];
}

/**
 * 新建答辩场次（组织部，E3）：选评选与类别 → 入围项目（初审通过或评审中的，默认全选，可调出场顺序）→ 到场评委 →
 * 汇总方式；与项目同单位的评委由系统自动回避。
 */
function CreatePage() {
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState<{ campaignId: string; trackKey: string } | null>(null);
  const [cands, setCands] = useState<Candidates | null>(null);
  const [candError, setCandError] = useState<string | null>(null);
  const [order, setOrder] = useState<string[]>([]);
  const [judges, setJudges] = useState<string[]>([]);
  const [title, setTitle] = useState('终审答辩');
  const [method, setMethod] = useState<Method>('trimmed');
  const [saving, setSaving] = useState(false);

  const loadCampaigns = useCallback(async () => {
    setError(null);
    try {
      setCampaigns((await callFunction('campaigns', 'list', { status: 'open', pageSize: 50 })).items);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    loadCampaigns();
  }, [loadCampaigns]);

  const loadCandidates = useCallback(async (p: { campaignId: string; trackKey: string }) => {
    setCands(null);
    setCandError(null);
    try {
      const c = await callFunction('defence', 'candidates', p);
      setCands(c);
      setOrder(c.finalists.filter((f) => !c.inOtherSessions.includes(f.entryId)).map((f) => f.entryId));
      setJudges(c.judges.map((j) => j.personId));
    } catch (err) {
      setCandError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    if (pick) loadCandidates(pick);
  }, [pick, loadCandidates]);

  if (error) return <StateView kind='error' message={error} onRetry={loadCampaigns} />;
  if (!campaigns) return <StateView kind='loading' />;

  const finalistById = new Map((cands?.finalists ?? []).map((f) => [f.entryId, f]));
  const toggleFinalist = (id: string) => setOrder((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const toggleJudge = (id: string) => setJudges((js) => (js.includes(id) ? js.filter((x) => x !== id) : [...js, id]));
  const move = (i: number, d: number) =>
    setOrder((o) => {
      const next = [...o];
      [next[i], next[i + d]] = [next[i + d], next[i]];
      return next;
    });

  const create = async () => {
    if (!pick || !order.length || !judges.length) return;
    setSaving(true);
    try {
      const res = await callFunction('defence', 'create', { ...pick, title: title.trim(), entryIds: order, judgeIds: judges, method });
      Taro.redirectTo({ url: `/defence/host/index?id=${res._id}` });
    } catch (err) {
      Taro.showModal({ title: '未能建场', content: messageOf(err), showCancel: false, confirmColor: '#c8161d' });
    } finally {
      setSaving(false);
    }
  };

  const notPicked = (cands?.finalists ?? []).filter((f) => !order.includes(f.entryId));

  return (
    <View className='def-page'>
      <Text className='def-section-title'>评选与类别</Text>
      <View className='def-card'>
        {campaigns.length ? null : <InlineState kind='empty' message='没有进行中的评选' />}
        {campaigns.map((c) => (
          <View key={c._id}>
            <Text className='def-card__meta'>{c.title}</Text>
            <View className='def-chips'>
              {c.tracks.map((t) => {
                const on = pick?.campaignId === c._id && pick.trackKey === t.key;
                return (
                  <Text key={t.key} className={`def-chips__chip${on ? ' def-chips__chip--on' : ''}`} data-testid={`track-${c._id}-${t.key}`} onClick={() => setPick({ campaignId: c._id, trackKey: t.key })}>
                    {t.label}
                  </Text>
                );
              })}
            </View>
          </View>
        ))}
      </View>

      {pick && candError ? <InlineState kind='error' message={candError} onRetry={() => loadCandidates(pick)} /> : null}
      {pick && !cands && !candError ? <InlineState kind='loading' /> : null}

      {cands ? (
        <>
          <Text className='def-section-title'>入围项目与出场顺序（{order.length} 个）</Text>
          {cands.finalists.length ? null : <InlineState kind='empty' message='这个类别还没有初审通过的材料' />}
          {order.map((id, i) => {
            const f = finalistById.get(id)!;
            return (
              <View key={id} className='def-card' data-testid='finalist'>
                <View className='def-card__row'>
                  <View className='def-check__box def-check__box--on' onClick={() => toggleFinalist(id)}>
                    ✓
                  </View>
                  <View className='def-card__body'>
                    <Text className='def-card__title'>
                      {i + 1}. {f.title}
                    </Text>
                    <Text className='def-card__meta'>
                      {f.entrantName} · {f.unitName} · {ENTRY_STATUS_LABELS[f.status]}
                    </Text>
                  </View>
                  <View className='def-order'>
                    <View className={`def-order__btn${i > 0 ? '' : ' def-order__btn--off'}`} onClick={() => i > 0 && move(i, -1)}>
                      ↑
                    </View>
                    <View className={`def-order__btn${i < order.length - 1 ? '' : ' def-order__btn--off'}`} onClick={() => i < order.length - 1 && move(i, 1)}>
                      ↓
                    </View>
                  </View>
                </View>
              </View>
            );
          })}
          {notPicked.map((f) => {
            const busy = cands.inOtherSessions.includes(f.entryId);
            return (
              <View key={f.entryId} className='def-card'>
                <View className='def-card__row' onClick={() => !busy && toggleFinalist(f.entryId)}>
                  <View className='def-check__box' />
                  <View className='def-card__body'>
                    <Text className='def-card__title'>{f.title}</Text>
                    <Text className='def-card__meta'>
                      {f.entrantName} · {f.unitName}
                      {busy ? ' · 已在另一场答辩中' : ''}
                    </Text>
                  </View>
                </View>
              </View>
            );
          })}

          <Text className='def-section-title'>到场评委（{judges.length} 位；与项目同单位的自动回避）</Text>
          <View className='def-card'>
            {cands.judges.length ? null : <InlineState kind='empty' message='还没有持“评委”角色的人员，请先在人员管理中授予' />}
            {cands.judges.map((j) => (
              <View key={j.personId} className='def-check' data-testid='judge-option' onClick={() => toggleJudge(j.personId)}>
                <View className={`def-check__box${judges.includes(j.personId) ? ' def-check__box--on' : ''}`}>{judges.includes(j.personId) ? '✓' : ''}</View>
                <Text className='def-card__meta'>
                  {j.name}
                  {j.unitName ? ` · ${j.unitName}` : ''}
                </Text>
              </View>
            ))}
          </View>

          <Text className='def-section-title'>场次名称与汇总方式</Text>
          <View className='def-card'>
            <Input className='def-field' value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
            <View className='def-chips'>
              {(Object.keys(AGGREGATE_METHOD_LABELS) as Method[]).map((m) => (
                <Text key={m} className={`def-chips__chip${m === method ? ' def-chips__chip--on' : ''}`} onClick={() => setMethod(m)}>
                  {AGGREGATE_METHOD_LABELS[m]}
                </Text>
              ))}
            </View>
          </View>
          <Button className='def-btn def-btn--primary def-btn--block' data-testid='create-session' disabled={saving || !order.length || !judges.length || title.trim().length < 2} loading={saving} onClick={create}>
            建立答辩场次
          </Button>
        </>
      ) : null}
    </View>
  );
}

export default withSystemFont(CreatePage);
