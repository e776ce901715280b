import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_STATUS_LABELS, type Campaign, type CampaignBody } from '@contract/index';
import StateView from '@/components/StateView';
import TextField from '@/components/TextField';
import { CAMPAIGN_STATUS_TONES } from '@/services/campaigns';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import SaveError from '../shared/SaveError';
import { confirmAction, toast } from '../shared/ui';
import { useVersionedSave } from '../shared/useVersionedSave';
import NumberField from './NumberField';
import StageEditor from './StageEditor';
import TrackEditor from './TrackEditor';
import { validateBody } from './issues';
import '../shared/admin.scss';
import './index.scss';

/** 评选定义中可编辑的部分（去掉 _id、状态与版本） */
function bodyOf(c: Campaign): CampaignBody {
  return {
    kind: c.kind,
    title: c.title,
    year: c.year,
    noticeId: c.noticeId,
    docNumber: c.docNumber,
    attachments: c.attachments,
    stages: c.stages,
    tracks: c.tracks,
    copiedFrom: c.copiedFrom,
  };
}

/**
 * 编辑评选（组织部）：名称、年度、文号；各阶段起止（北京时间）；各申报类别的名额与字数、照片、视频限额。
 * 保存前按契约校验；保存带 expectedVersion，他人先改了则提示并载入最新。草稿可发布，已发布的可结束。
 */
function CampaignEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [body, setBody] = useState<CampaignBody | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issues, setIssues] = useState<string[]>([]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这项评选');
      const c = await callFunction('campaigns', 'get', { id });
      setCampaign(c);
      setBody(bodyOf(c));
      setIssues([]);
    } catch (err) {
      setLoadError(messageOf(err));
    }
  }, [id]);
  const { saving, error, reloaded, run } = useVersionedSave(load);

  useEffect(() => {
    load();
  }, [load]);

  // 保存失败的说明在页顶：操作栏在页底，出错时滚回去
  useEffect(() => {
    if (error) Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  }, [error]);

  if (loadError && !campaign) return <StateView kind='error' message={loadError} onRetry={id ? load : undefined} />;
  if (!campaign || !body) return <StateView kind='loading' />;

  const dirty = JSON.stringify(body) !== JSON.stringify(bodyOf(campaign));
  /** 校验问题列在页顶 */
  const toTop = () => Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  const set = (patch: Partial<CampaignBody>) => setBody({ ...body, ...patch });

  /** 校验并保存；返回新版本号（校验未过时为 null，问题列在页顶） */
  const saveBody = async (): Promise<number | null> => {
    const checked = validateBody(body);
    if (!checked.ok) {
      setIssues(checked.issues);
      toast(`有 ${checked.issues.length} 处需要修改`);
      toTop();
      return null;
    }
    setIssues([]);
    const res = await callFunction('campaigns', 'save', { _id: campaign._id, expectedVersion: campaign.version, body: checked.body });
    return res.version;
  };

  const save = () =>
    run(true, async () => {
      if ((await saveBody()) === null) return;
      toast('已保存');
      await load();
    });

  const publish = async () => {
    if (saving) return;
    if (!(await confirmAction('发布评选', `发布后各单位、支部即可看到“${body.title}”并开始申报${dirty ? '（将先保存本页的修改）' : ''}。确定发布吗？`, '发布'))) return;
    await run(true, async () => {
      const version = dirty ? await saveBody() : campaign.version;
      if (version === null) return;
      // 先载入刚保存的版本：发布万一被拒，本页也已是最新，不会再因版本过期而冲突
      if (dirty) await load();
      await callFunction('campaigns', 'publish', { id: campaign._id, expectedVersion: version });
      toast('已发布');
      await load();
    });
  };

  const close = async () => {
    if (saving) return;
    if (dirty) return toast('有未保存的修改，请先保存');
    if (!(await confirmAction('结束评选', `结束后“${body.title}”不再接受新的申报与操作。确定结束吗？`, '结束'))) return;
    await run(true, async () => {
      await callFunction('campaigns', 'close', { id: campaign._id, expectedVersion: campaign.version });
      toast('已结束');
      await load();
    });
  };

  return (
    <View className='adm-page campaign-edit'>
      <View className='adm-header'>
        <Text className='adm-header__title'>{campaign.title}</Text>
        <View className='adm-header__meta'>
          <Text className={`adm-tag adm-tag--${CAMPAIGN_STATUS_TONES[campaign.status]}`} data-testid='campaign-status'>
            {CAMPAIGN_STATUS_LABELS[campaign.status]}
          </Text>
          <Text className='adm-tag adm-tag--red'>{CAMPAIGN_KIND_LABELS[campaign.kind]}</Text>
          <Text>{campaign.year} 年度</Text>
          {campaign.noticeId ? null : <Text>尚未关联通知</Text>}
        </View>
      </View>
      <SaveError error={error} reloaded={reloaded} />
      {issues.length ? (
        <View className='adm-banner adm-banner--error' data-testid='issues'>
          <Text className='campaign-edit__issues-title'>保存前请修改以下 {issues.length} 处：</Text>
          {issues.map((m) => (
            <Text key={m} className='campaign-edit__issue' data-testid='issue'>
              · {m}
            </Text>
          ))}
        </View>
      ) : null}

      <Text className='adm-section-title'>基本信息</Text>
      <View className='adm-form'>
        <TextField label='评选名称' value={body.title} onInput={(title) => set({ title })} maxLength={60} testId='campaign-title' />
        <NumberField label='年度' value={body.year} onChange={(v) => set({ year: v ?? 0 })} hint='改年度不移动各阶段日期，请在下面逐项核对' testId='campaign-year' />
        <TextField label='文号' value={body.docNumber} onInput={(docNumber) => set({ docNumber })} maxLength={40} placeholder='如 东大组字〔2027〕1号' testId='campaign-doc' />
      </View>

      <Text className='adm-section-title'>日程（全部为北京时间）</Text>
      {body.stages.map((s, i) => (
        <StageEditor
          key={i}
          stage={s}
          trackLabel={body.tracks.find((t) => t.key === s.track)?.label}
          onChange={(next) => set({ stages: body.stages.map((x, j) => (j === i ? next : x)) })}
        />
      ))}

      {body.tracks.map((t, i) => (
        <TrackEditor key={t.key} track={t} onChange={(next) => set({ tracks: body.tracks.map((x, j) => (j === i ? next : x)) })} />
      ))}

      <View className='campaign-edit__spacer' />
      {/* 底部常驻操作栏：表单很长，不必滚到最后才能保存 */}
      <View className='campaign-edit__bar'>
        <View className={`adm-btn campaign-edit__bar-btn${saving || !dirty ? ' adm-btn--disabled' : ''}`} data-testid='save' onClick={() => (dirty ? save() : toast('没有需要保存的修改'))}>
          <Text>{saving ? '正在保存…' : dirty ? '保存' : '已保存'}</Text>
        </View>
        {campaign.status === 'draft' ? (
          <View className={`adm-btn adm-btn--ghost campaign-edit__bar-btn${saving ? ' adm-btn--disabled' : ''}`} data-testid='publish' onClick={publish}>
            <Text>发布</Text>
          </View>
        ) : null}
        {campaign.status === 'open' ? (
          <View className={`adm-btn adm-btn--plain campaign-edit__bar-btn${saving ? ' adm-btn--disabled' : ''}`} data-testid='close' onClick={close}>
            <Text>结束评选</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}

export default withSystemFont(CampaignEditPage);
