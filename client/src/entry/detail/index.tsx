import { useCallback, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  blockingIssues,
  checkTrackContent,
  EDITABLE_STATUSES,
  ENTRANT_LEVEL_LABELS,
  ENTRY_STATUS_LABELS,
  formatCst,
  TRANSITION_LABELS,
  type CampaignSummary,
  type Entry,
  type EntryContent,
  type RuleResult,
  type Track,
  type TransitionAction,
} from '@contract/index';
// 用到 ChipGroup 的组件先于 StateView 引入：与其他页面的样式顺序一致（小程序构建的 common.wxss 不会报顺序冲突）
import ContentEditor from './ContentEditor';
import PromptSheet from './PromptSheet';
import RuleList from '@/components/RuleList';
import StateView from '@/components/StateView';
import { entryStatusTone } from '@/services/campaigns';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import SaveError from '../../admin/shared/SaveError';
import { confirmAction, toast } from '../../admin/shared/ui';
import { useVersionedSave } from '../../admin/shared/useVersionedSave';
import { confirmText, INPUT_ACTIONS, PRIMARY_ACTIONS, runTransition, supported } from './actions';
import Timeline from './Timeline';
import '../../admin/shared/admin.scss';
import './index.scss';

interface Loaded {
  entry: Entry;
  campaign: CampaignSummary;
  results: RuleResult[];
  actions: TransitionAction[];
}

/**
 * 申报详情：名称、所属评选、申报主体、状态；补正要求；此刻可做的操作；在线填写（名称、各段文字与实时字数、
 * 选择题、日期、须确认事项）；内容清单（规则编号与说明）；状态时间线。
 */
export default function EntryDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<Loaded | null>(null);
  const [track, setTrack] = useState<Track | null>(null);
  const [trackError, setTrackError] = useState<string | null>(null);
  const [content, setContent] = useState<EntryContent | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<TransitionAction | null>(null);
  const [acting, setActing] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这份申报');
      const res = await callFunction('entries', 'get', { id });
      setData(res);
      setContent(res.entry.content);
      Taro.setNavigationBarTitle({ title: res.campaign.title });
      // 表单定义（字数上限等）在评选里；取不到时仍可查看与操作，只是不能在线填写
      try {
        const c = await callFunction('campaigns', 'get', { id: res.entry.campaignId });
        setTrack(c.tracks.find((t) => t.key === res.entry.trackKey) ?? null);
        setTrackError(null);
      } catch (err) {
        setTrack(null);
        setTrackError(messageOf(err));
      }
    } catch (err) {
      setLoadError(messageOf(err));
    }
  }, [id]);
  const { saving, error: saveError, reloaded, run } = useVersionedSave(load);

  // 回到本页（切到聊天复制文字再回来也算）时重新读取，但不冲掉还没保存的文字
  const unsaved = useRef(false);
  useDidShow(() => {
    if (!unsaved.current) load();
  });
  usePullDownRefresh(async () => {
    if (unsaved.current) toast('有未保存的修改，请先保存');
    else await load();
    Taro.stopPullDownRefresh();
  });

  if (loadError && !data) return <StateView kind='error' message={loadError} onRetry={id ? load : undefined} />;
  if (!data || !content) return <StateView kind='loading' />;

  const { entry, campaign, actions } = data;
  const dirty = JSON.stringify(content) !== JSON.stringify(entry.content);
  unsaved.current = dirty;
  const editable = EDITABLE_STATUSES.includes(entry.status) && actions.some((a) => a === 'submit' || a === 'resubmit');
  // 改动未保存时清单按本机实时计算（与云端同一个函数），保存后以云端结果为准
  const results = dirty && track ? checkTrackContent(track, content) : data.results;
  const blocking = blockingIssues(results);
  const trackLabel = campaign.tracks.find((t) => t.key === entry.trackKey)?.label ?? '';
  const levelLabel = entry.level ? (track?.pipeline.outcome?.levels.find((l) => l.key === entry.level)?.label ?? entry.level) : null;

  /** 保存草稿；成功返回新版本号，失败（含冲突后已重新载入）返回 null */
  const saveContent = async (): Promise<number | null> => {
    let saved: number | null = null;
    await run(true, async () => {
      const res = await callFunction('entries', 'save', { id: entry._id, expectedVersion: entry.version, content });
      setData({ ...data, entry: { ...entry, content, version: res.version, updatedAt: res.updatedAt }, results: res.results });
      saved = res.version;
    });
    return saved;
  };

  const transition = async (action: TransitionAction, input: { note?: string; level?: string; rating?: string } = {}) => {
    if (acting) return;
    setActing(true);
    try {
      let version = entry.version;
      if (dirty && (action === 'submit' || action === 'resubmit')) {
        const v = await saveContent();
        if (v === null) return;
        version = v;
      }
      await runTransition(entry._id, action, { ...input, version, checklist: track?.pipeline.unitChecklist ?? [] });
      setPrompt(null);
      toast(action === 'reopen' ? '已恢复为草稿' : `已${TRANSITION_LABELS[action]}`);
      await load();
    } catch (err) {
      toast(messageOf(err));
    } finally {
      setActing(false);
    }
  };

  const tap = async (action: TransitionAction) => {
    if (acting || saving) return;
    if (INPUT_ACTIONS[action]) return setPrompt(action);
    if ((action === 'submit' || action === 'resubmit') && blocking.length) {
      await Taro.showModal({
        title: `还有 ${blocking.length} 项不符合要求`,
        content: blocking
          .slice(0, 3)
          .map((r) => r.message)
          .join('\n'),
        showCancel: false,
        confirmText: '去修改',
      });
      return;
    }
    let text = confirmText(action);
    if (action === 'recommend' && track?.pipeline.unitChecklist.length) text = `推荐前请确认已核实：${track.pipeline.unitChecklist.join('；')}。确定推荐吗？`;
    if (!(await confirmAction(TRANSITION_LABELS[action], text, TRANSITION_LABELS[action]))) return;
    await transition(action);
  };

  const spec = prompt ? INPUT_ACTIONS[prompt] : undefined;
  const choices =
    spec?.choice === 'level'
      ? track?.pipeline.outcome?.levels.map((l) => ({ value: l.key, label: l.label }))
      : spec?.choice === 'rating'
        ? track?.pipeline.closing?.ratings.map((r) => ({ value: r, label: r }))
        : undefined;
  const shown = actions.filter(supported);

  return (
    <View className='adm-page entry-detail'>
      <View className='adm-header' data-testid='entry-header'>
        <Text className='adm-header__title' data-testid='entry-title'>
          {entry.content.title || '（未填写项目名称）'}
        </Text>
        <View className='adm-header__meta'>
          <Text className={`adm-tag adm-tag--${entryStatusTone(entry.status)}`} data-testid='entry-status'>
            {ENTRY_STATUS_LABELS[entry.status]}
          </Text>
          {levelLabel ? <Text className='adm-tag adm-tag--red'>{levelLabel}</Text> : null}
          {entry.rating ? <Text className='adm-tag adm-tag--green'>验收：{entry.rating}</Text> : null}
          {entry.quotaExempt ? <Text className='adm-tag adm-tag--gold'>不占名额（D1）</Text> : null}
        </View>
        <View className='adm-header__meta'>
          <Text data-testid='entry-campaign'>
            {campaign.title}
            {trackLabel && campaign.tracks.length > 1 ? ` · ${trackLabel}` : ''}
          </Text>
        </View>
        <View className='adm-header__meta'>
          <Text data-testid='entry-entrant'>
            {entry.entrantName}（{ENTRANT_LEVEL_LABELS[entry.entrantLevel]}）
          </Text>
          {entry.unitName && entry.unitName !== entry.entrantName ? <Text>{entry.unitName}</Text> : null}
          {entry.submittedAt ? <Text>提交于 {formatCst(entry.submittedAt)}</Text> : null}
        </View>
      </View>

      {entry.correction ? (
        <View className='adm-card entry-detail__correction' data-testid='correction'>
          <Text className='adm-card__title'>组织部要求补正（A8）{entry.status === 'correctionRequested' ? '' : ' · 已处理'}</Text>
          <Text className='entry-detail__para'>{entry.correction.reason}</Text>
          {entry.correction.items.map((item) => (
            <Text key={item} className='entry-detail__para'>
              · {item}
            </Text>
          ))}
          <Text className='entry-detail__deadline' data-testid='correction-deadline'>
            补正期限：{formatCst(entry.correction.deadline)}（北京时间），逾期未补正或仍不合格的取消资格
          </Text>
        </View>
      ) : null}

      {entry.unitComment ? (
        <Text className='adm-banner adm-banner--info' data-testid='unit-comment'>
          分党委意见：{entry.unitComment}
        </Text>
      ) : null}

      <SaveError error={saveError} reloaded={reloaded} />

      {editable ? (
        <>
          <Text className='adm-section-title'>在线填写</Text>
          {track ? (
            <>
              <ContentEditor form={track.form} content={content} onChange={setContent} />
              <View className={`adm-btn adm-btn--block adm-btn--ghost${saving || !dirty ? ' adm-btn--disabled' : ''}`} data-testid='save' onClick={() => (dirty ? saveContent() : undefined)}>
                <Text>{saving ? '正在保存…' : dirty ? '保存草稿' : '草稿已保存'}</Text>
              </View>
            </>
          ) : (
            <Text className='adm-banner adm-banner--error'>暂时取不到申报表的要求{trackError ? `（${trackError}）` : ''}，下拉刷新后再试。</Text>
          )}
        </>
      ) : null}

      {shown.length ? (
        <View className='entry-detail__actions' data-testid='actions'>
          {shown.map((a) => (
            <View
              key={a}
              className={`adm-btn adm-btn--block${PRIMARY_ACTIONS.includes(a) ? '' : ' adm-btn--plain'}${acting || saving ? ' adm-btn--disabled' : ''}`}
              data-testid={`action-${a}`}
              onClick={() => tap(a)}
            >
              <Text>{TRANSITION_LABELS[a]}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className='adm-section-title'>
        材料清单{blocking.length ? `（${blocking.length} 项未满足）` : '（已满足提交要求）'}
      </Text>
      <View className='adm-card'>
        <RuleList results={results} emptyText='没有检查项' testId='content-checklist' />
      </View>

      <Text className='adm-section-title'>办理记录（北京时间）</Text>
      <View className='adm-card'>
        <Timeline history={entry.history} />
      </View>

      {prompt && spec ? (
        <PromptSheet
          title={TRANSITION_LABELS[prompt]}
          label={spec.label}
          placeholder={spec.placeholder}
          min={spec.min}
          choices={spec.choice ? (choices ?? []) : undefined}
          busy={acting}
          onCancel={() => setPrompt(null)}
          onConfirm={({ text, choice }) => transition(prompt, { note: text, level: choice ?? undefined, rating: choice ?? undefined })}
        />
      ) : null}
    </View>
  );
}
