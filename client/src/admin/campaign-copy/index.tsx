import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_STATUS_LABELS, type CampaignKind, type CampaignSummary } from '@contract/index';
import StateView from '@/components/StateView';
import TextField from '@/components/TextField';
import { defaultCopyYear } from '@/services/campaigns';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import SaveError from '../shared/SaveError';
import { toast } from '../shared/ui';
import { useVersionedSave } from '../shared/useVersionedSave';
import '../shared/admin.scss';
import './index.scss';

interface Template {
  kind: CampaignKind;
  title: string;
  year: number;
  docNumber: string;
}

type Source = { template: CampaignKind } | { campaignId: string };

interface Sources {
  status: 'loading' | 'ready' | 'error';
  templates: Template[];
  campaigns: CampaignSummary[];
  error?: string;
}

const sameSource = (a: Source | null, b: Source) =>
  !!a && ('template' in a && 'template' in b ? a.template === b.template : 'campaignId' in a && 'campaignId' in b && a.campaignId === b.campaignId);

/** 新建评选：从五份通知的内置模板或往年的评选复制到新一年（阶段日期整体平移年份），生成草稿后进入编辑 */
function CampaignCopyPage() {
  const [sources, setSources] = useState<Sources>({ status: 'loading', templates: [], campaigns: [] });
  const [source, setSource] = useState<Source | null>(null);
  const [year, setYear] = useState(String(defaultCopyYear()));
  const [formError, setFormError] = useState<string | null>(null);
  const { saving, error, run } = useVersionedSave(async () => undefined);

  const load = useCallback(async () => {
    setSources((s) => ({ ...s, status: 'loading', error: undefined }));
    try {
      const [t, c] = await Promise.all([callFunction('campaigns', 'templates', {}), callFunction('campaigns', 'list', { status: 'all', pageSize: 50 })]);
      setSources({ status: 'ready', templates: t.items, campaigns: c.items });
    } catch (err) {
      setSources({ status: 'error', templates: [], campaigns: [], error: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    load();
  }, [load]);

  const yearNumber = Number(year);
  const yearError = !year ? null : !Number.isInteger(yearNumber) || yearNumber < 2000 || yearNumber > 2100 ? '年度应为 2000–2100 之间的四位数' : null;

  const copy = async () => {
    if (saving) return;
    if (!source) return setFormError('请选择从哪一份复制');
    if (!year || yearError) return setFormError(yearError ?? '请填写年度');
    setFormError(null);
    await run(false, async () => {
      const res = await callFunction('campaigns', 'copy', { from: source, year: yearNumber });
      toast('已生成草稿');
      // 替换本页：从编辑页返回时回到评选列表，而不是再复制一次
      Taro.redirectTo({ url: `/admin/campaign-edit/index?id=${encodeURIComponent(res._id)}` });
    });
  };

  if (sources.status === 'loading') return <StateView kind='loading' />;
  if (sources.status === 'error') return <StateView kind='error' message={sources.error} onRetry={load} />;

  const card = (key: string, s: Source, title: string, meta: string[], testId: string) => {
    const selected = sameSource(source, s);
    return (
      <View
        key={key}
        className={`adm-card campaign-copy__source${selected ? ' campaign-copy__source--selected' : ''}`}
        data-testid={testId}
        data-selected={selected ? 'true' : 'false'}
        onClick={() => {
          setSource(s);
          setFormError(null);
        }}
      >
        <View className='adm-card__row'>
          <Text className='campaign-copy__radio'>{selected ? '●' : '○'}</Text>
          <Text className='adm-card__title adm-card__body'>{title}</Text>
        </View>
        <View className='adm-card__meta'>
          {meta.filter(Boolean).map((m) => (
            <Text key={m}>{m}</Text>
          ))}
        </View>
      </View>
    );
  };

  const chosen = source
    ? 'template' in source
      ? sources.templates.find((t) => t.kind === source.template)?.title
      : sources.campaigns.find((c) => c._id === source.campaignId)?.title
    : null;

  return (
    <View className='adm-page campaign-copy'>
      <SaveError error={error} reloaded={false} />
      <View className='adm-form'>
        <TextField
          label='新评选的年度'
          type='number'
          value={year}
          onInput={(v) => setYear(v.replace(/\D/g, '').slice(0, 4))}
          placeholder='如 2027'
          hint='各阶段日期按年份整体平移，复制后可逐项修改'
          error={yearError}
          testId='copy-year'
        />
      </View>
      <Text className='adm-section-title'>从通知模板复制</Text>
      {sources.templates.length === 0 ? <StateView kind='empty' message='没有内置模板' /> : null}
      {sources.templates.map((t) =>
        card(`t-${t.kind}`, { template: t.kind }, t.title, [CAMPAIGN_KIND_LABELS[t.kind], `${t.year} 年度`, t.docNumber], `template-${t.kind}`),
      )}
      {sources.campaigns.length ? <Text className='adm-section-title'>从已有评选复制</Text> : null}
      {sources.campaigns.map((c) =>
        card(`c-${c._id}`, { campaignId: c._id }, c.title, [CAMPAIGN_STATUS_LABELS[c.status], `${c.year} 年度`, c.docNumber], 'source-campaign'),
      )}

      <View className='campaign-copy__spacer' />
      {/* 底部常驻：来源很多时不必滚到最后才能复制 */}
      <View className='campaign-copy__bar'>
        {formError ? (
          <Text className='campaign-copy__bar-error' data-testid='copy-error'>
            {formError}
          </Text>
        ) : (
          <Text className='campaign-copy__bar-text' data-testid='copy-summary'>
            {chosen ? `复制“${chosen}”到 ${year || '？'} 年度` : '请选择从哪一份复制'}
          </Text>
        )}
        <View className={`adm-btn adm-btn--block${!source || saving ? ' adm-btn--disabled' : ''}`} data-testid='copy' onClick={copy}>
          <Text>{saving ? '正在复制…' : '复制并编辑'}</Text>
        </View>
      </View>
    </View>
  );
}

export default withSystemFont(CampaignCopyPage);
