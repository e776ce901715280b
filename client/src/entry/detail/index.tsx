import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { loadSubscriptions, requestSubscriptions } from '@/services/subscribe';
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
import { withSystemFont } from '@/components/SystemFont';
import ContentEditor from './ContentEditor';
import PromptSheet from './PromptSheet';
import RuleList from '@/components/RuleList';
import StateView from '@/components/StateView';
import { entryStatusTone } from '@/services/campaigns';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import type { PickedFile, PickedImage, PickedVideo } from '@/services/upload';
import { confirmAction, toast } from '../../admin/shared/ui';
import EntryView from '../shared/EntryView';
import { confirmText, INPUT_ACTIONS, PRIMARY_ACTIONS, runTransition, supported } from './actions';
import { useAutosave, type ConflictOutcome } from './autosave';
import ConflictBanner from './ConflictBanner';
import { serverOnlyResults, withUploadedFile } from './content-ops';
import { clearDraft, readBackup, readDraft, restoreDecision, sameContent, writeBackup } from './drafts';
import FilesField from './FilesField';
import PhotoGroupEditor from './PhotoGroupEditor';
import SaveStatus from './SaveStatus';
import Timeline from './Timeline';
import { DOCUMENT_EXTENSIONS, SCAN_EXTENSIONS, sameTarget, useUploads, type Picked, type UploadTarget } from './uploads';
import VideoField from './VideoField';
import '../../admin/shared/admin.scss';
import './index.scss';

interface Fetched {
  entry: Entry;
  campaign: CampaignSummary;
  results: RuleResult[];
  actions: TransitionAction[];
  fileUrls: Record<string, string>;
}

interface Loaded extends Fetched {
  /** 云端给出 results 时的内容（之后自动保存会改 entry.content，但 results 仍是那时算的） */
  resultsFor: EntryContent;
}

const loaded = (res: Fetched): Loaded => ({ ...res, resultsFor: res.entry.content });

/** 页面顶部的一条说明：恢复了本机副本、载入了对方版本（附备份）、材料已不能修改 */
type Notice = { kind: 'restored'; at: number } | { kind: 'backup'; at: number } | { kind: 'locked'; message: string };

const canEdit = (l: Loaded) => EDITABLE_STATUSES.includes(l.entry.status) && l.actions.some((a) => a === 'submit' || a === 'resubmit');
const hhmm = (ms: number) => formatCst(new Date(ms), 'HH:mm');

/** 提交确认里列出的未满足项（全部列出，过长时截断） */
function blockingText(blocking: RuleResult[]): string {
  const shown = blocking.slice(0, 8).map((r) => `· ${r.message}`);
  if (blocking.length > 8) shown.push(`……等共 ${blocking.length} 项`);
  return shown.join('\n');
}

/**
 * 申报详情：名称、所属评选、申报主体、状态；补正要求（在编辑区之上）；在线填写（文字与实时字数、照片与说明、
 * 视频、支撑材料、盖章扫描件），本机副本 + 自动保存 + 他人修改时的选择；预览；提交前列出未满足项；状态时间线。
 * 不能编辑时（已提交、审核中…）以评审看到的样子只读显示。
 */
function EntryDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<Loaded | null>(null);
  const [track, setTrack] = useState<Track | null>(null);
  const [trackError, setTrackError] = useState<string | null>(null);
  const [content, setContent] = useState<EntryContent | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<TransitionAction | null>(null);
  const [acting, setActing] = useState(false);
  const [conflict, setConflict] = useState<Loaded | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** 刚上传的文件在本机的预览（云端临时链接要等下次读取才有） */
  const [localUrls, setLocalUrls] = useState<Record<string, string>>({});

  const editable = !!data && !!track && canEdit(data);
  const autosave = useAutosave({
    entryId: id,
    enabled: editable,
    content,
    base: data ? { version: data.entry.version, content: data.entry.content, updatedAt: data.entry.updatedAt } : null,
    save: async (c, expectedVersion) => {
      const res = await callFunction('entries', 'save', { id, expectedVersion, content: c });
      setData((d) => (d ? { ...d, entry: { ...d.entry, content: c, version: res.version, updatedAt: res.updatedAt } } : d));
      return res;
    },
    onConflict: async (mine): Promise<ConflictOutcome> => {
      const latest = loaded(await callFunction('entries', 'get', { id }));
      if (sameContent(latest.entry.content, mine)) {
        setData(latest);
        return { outcome: 'same', version: latest.entry.version, updatedAt: latest.entry.updatedAt };
      }
      if (!canEdit(latest)) {
        writeBackup(id, { content: mine, theirVersion: latest.entry.version, at: Date.now() });
        clearDraft(id);
        const message = `材料当前为“${ENTRY_STATUS_LABELS[latest.entry.status]}”，不能再修改；您未保存的修改已另存为本机备份`;
        setData(latest);
        setContent(latest.entry.content);
        setNotice({ kind: 'locked', message });
        return { outcome: 'locked', message };
      }
      setConflict(latest);
      return { outcome: 'conflict' };
    },
  });

  const uploads = useUploads(id, (target: UploadTarget, file: Picked, fileID: string) => {
    const preview = (file as PickedImage | PickedVideo).previewUrl;
    if (preview) setLocalUrls((u) => ({ ...u, [fileID]: preview }));
    setContent((c) => (c ? withUploadedFile(c, target, file, fileID) : c));
  });

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这份申报');
      const res = loaded(await callFunction('entries', 'get', { id }));
      Taro.setNavigationBarTitle({ title: res.campaign.title });
      // 表单定义（字数上限等）在评选里；取不到时仍可查看与操作，只是不能在线填写
      let t: Track | null = null;
      try {
        const c = await callFunction('campaigns', 'get', { id: res.entry.campaignId });
        t = c.tracks.find((x) => x.key === res.entry.trackKey) ?? null;
        setTrackError(null);
      } catch (err) {
        setTrackError(messageOf(err));
      }
      setTrack(t);
      // 本机副本：比云端新就恢复；在旧版本上改的（别人已存了新版本）就让用户选
      const local = readDraft(id);
      const decision = restoreDecision(local, res.entry);
      setData(res);
      setConflict(null);
      if (local && decision !== 'none' && canEdit(res)) {
        setContent(local.content);
        if (decision === 'restore') setNotice({ kind: 'restored', at: local.editedAt });
        else {
          autosave.startConflict(local.baseVersion, res.entry.content);
          setConflict(res);
        }
      } else {
        if (local && decision !== 'none') {
          // 材料已不能修改（如已提交）：本机未保存的修改留作备份，不丢
          writeBackup(id, { content: local.content, theirVersion: res.entry.version, at: local.editedAt });
          clearDraft(id);
        }
        setContent(res.entry.content);
      }
    } catch (err) {
      setLoadError(messageOf(err));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  // 回到本页（看完预览、切到聊天复制文字再回来）时重新读取，但有未保存的修改、上传或冲突时不读，免得冲掉
  const quiet = useRef(true);
  quiet.current = !autosave.dirty && !uploads.jobs.length && !conflict && autosave.state.kind !== 'saving';
  useEffect(() => {
    // 预先取好订阅模板 ID：提交后请求授权时不必再等网络（微信要求在点击中同步发起）
    loadSubscriptions().catch(() => undefined);
  }, []);

  useDidShow(() => {
    if (quiet.current) load();
  });
  usePullDownRefresh(async () => {
    if (quiet.current) await load();
    else toast('有未保存的修改或正在上传，稍后再刷新');
    Taro.stopPullDownRefresh();
  });

  if (loadError && !data) return <StateView kind='error' message={loadError} onRetry={id ? load : undefined} />;
  if (!data || !content) return <StateView kind='loading' />;

  const { entry, campaign, actions } = data;
  const urls = { ...data.fileUrls, ...localUrls };
  // 清单按本机内容实时计算（与云端同一个函数），加上只有云端能算的（A1 等）
  const results = track ? [...checkTrackContent(track, content), ...serverOnlyResults(track, data.resultsFor, data.results, content)] : data.results;
  const blocking = blockingIssues(results);
  const trackLabel = campaign.tracks.find((t) => t.key === entry.trackKey)?.label ?? '';
  const levelLabel = entry.level ? (track?.pipeline.outcome?.levels.find((l) => l.key === entry.level)?.label ?? entry.level) : null;
  const form = track?.form ?? null;

  const update = (patch: Partial<EntryContent>) => setContent((c) => (c ? { ...c, ...patch } : c));
  const jobsFor = (target: UploadTarget) => uploads.jobs.filter((j) => sameTarget(j.target, target));

  /** 先把草稿存上（含正在进行的上传），成功返回 true */
  const saveFirst = async (): Promise<boolean> => {
    if (uploads.busy) {
      toast('还有文件正在上传，请稍候');
      return false;
    }
    if (conflict) {
      toast('另一位编辑已修改这份材料，请先在页面顶部选择如何处理');
      return false;
    }
    const ok = await autosave.flush();
    if (!ok) toast('草稿尚未保存到云端，请稍后重试');
    return ok;
  };

  const transition = async (action: TransitionAction, input: { note?: string; level?: string; rating?: string; version?: number } = {}) => {
    if (acting) return;
    setActing(true);
    try {
      await runTransition(entry._id, action, { ...input, version: input.version ?? entry.version, checklist: track?.pipeline.unitChecklist ?? [] });
      if (action === 'submit' || action === 'resubmit') clearDraft(id);
      setPrompt(null);
      toast(action === 'reopen' ? '已恢复为草稿' : `已${TRANSITION_LABELS[action]}`);
      await load();
      // 回到顶部：新状态与办理记录就在页头下面
      Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      if (action === 'submit' || action === 'resubmit') await offerSubscriptions();
    } catch (err) {
      toast(messageOf(err));
    } finally {
      setActing(false);
    }
  };

  /**
   * 提交后问一次是否接收结果与补正提醒：微信只允许在用户点击中弹出订阅授权，
   * 所以先用对话框让用户点“接收”，在这次点击里请求（模板 ID 已在进入页面时取好）。
   */
  const offerSubscriptions = async () => {
    const { confirm } = await Taro.showModal({ title: '提交成功', content: '是否接收评审结果通知与补正提醒？每次允许可收到一条消息。', confirmText: '接收', cancelText: '不用了' });
    if (confirm) await requestSubscriptions(['result', 'correction']);
  };

  /** 提交（或提交补正）：先保存，再向云端取最新的检查结果；有未满足的项就列出来，不能提交 */
  const submitLike = async (action: 'submit' | 'resubmit') => {
    if (!(await saveFirst())) return;
    let fresh: Loaded;
    try {
      fresh = loaded(await callFunction('entries', 'get', { id }));
    } catch (err) {
      return toast(messageOf(err));
    }
    setData(fresh);
    const issues = blockingIssues(fresh.results);
    if (issues.length) {
      await Taro.showModal({ title: `还有 ${issues.length} 项不符合要求，不能提交`, content: blockingText(issues), showCancel: false, confirmText: '去修改' });
      return;
    }
    if (!(await confirmAction(TRANSITION_LABELS[action], confirmText(action), TRANSITION_LABELS[action]))) return;
    await transition(action, { version: fresh.entry.version });
  };

  const tap = async (action: TransitionAction) => {
    if (acting) return;
    if (INPUT_ACTIONS[action]) return setPrompt(action);
    if (action === 'submit' || action === 'resubmit') {
      setActing(true);
      try {
        await submitLike(action);
      } finally {
        setActing(false);
      }
      return;
    }
    let text = confirmText(action);
    if (action === 'recommend' && track?.pipeline.unitChecklist.length) text = `推荐前请确认已核实：${track.pipeline.unitChecklist.join('；')}。确定推荐吗？`;
    if (!(await confirmAction(TRANSITION_LABELS[action], text, TRANSITION_LABELS[action]))) return;
    await transition(action);
  };

  const preview = async () => {
    if (editable && !(await saveFirst())) {
      if (!uploads.busy && !conflict) toast('预览显示的是上次保存的内容');
      else return;
    }
    Taro.navigateTo({ url: `/entry/preview/index?id=${encodeURIComponent(id)}` });
  };

  const loadTheirs = () => {
    if (!conflict) return;
    writeBackup(id, { content, theirVersion: conflict.entry.version, at: Date.now() });
    setData(conflict);
    setContent(conflict.entry.content);
    autosave.resume({ version: conflict.entry.version, content: conflict.entry.content, updatedAt: conflict.entry.updatedAt });
    setConflict(null);
    setNotice({ kind: 'backup', at: Date.now() });
  };

  const keepMine = async () => {
    if (!conflict) return;
    if (!(await confirmAction('保留我的版本', '将以您的版本保存，另一位编辑的这次修改会被覆盖。确定吗？', '保留我的'))) return;
    const theirs = conflict;
    setData(theirs);
    setConflict(null);
    autosave.resume({ version: theirs.entry.version, content: theirs.entry.content, updatedAt: theirs.entry.updatedAt });
    void autosave.flush();
  };

  const restoreBackup = async () => {
    const backup = readBackup(id);
    if (!backup) return toast('本机没有备份');
    if (!(await confirmAction('恢复我的修改', '用本机备份替换当前内容，并保存到云端（覆盖另一位编辑的版本）。确定吗？', '恢复'))) return;
    setContent(backup.content);
    setNotice(null);
  };

  const spec = prompt ? INPUT_ACTIONS[prompt] : undefined;
  const choices =
    spec?.choice === 'level'
      ? track?.pipeline.outcome?.levels.map((l) => ({ value: l.key, label: l.label }))
      : spec?.choice === 'rating'
        ? track?.pipeline.closing?.ratings.map((r) => ({ value: r, label: r }))
        : undefined;
  const shown = actions.filter(supported);
  const sectionTitle = (key: string | null) => (key ? form?.sections.find((s) => s.key === key)?.title : undefined);

  const media = form ? (
    <>
      {form.photoGroups.map((g) => (
        <PhotoGroupEditor
          key={g.key}
          group={g}
          photos={content.photos[g.key] ?? []}
          jobs={jobsFor({ kind: 'photo', group: g.key })}
          urls={urls}
          sectionFilled={!g.withSection || (content.sections[g.withSection] ?? '').trim().length > 0}
          sectionTitle={sectionTitle(g.withSection)}
          onChange={(photos) => setContent((c) => (c ? { ...c, photos: { ...c.photos, [g.key]: photos } } : c))}
          onAdd={(files: PickedImage[]) => uploads.start({ kind: 'photo', group: g.key }, files)}
          onRetry={uploads.retry}
          onDiscard={uploads.remove}
        />
      ))}
      {form.video ? (
        <VideoField
          form={form}
          rule={form.video}
          video={content.video}
          job={jobsFor({ kind: 'video' })[0] ?? null}
          urls={urls}
          onPicked={(v: PickedVideo) => uploads.start({ kind: 'video' }, [v])}
          onRemove={() => update({ video: null })}
          onRetry={uploads.retry}
          onDiscard={uploads.remove}
        />
      ) : null}
      {form.documents ? (
        <FilesField
          testId='documents'
          label={form.documents.label}
          rule={form.documents.rule}
          required={form.documents.required}
          max={form.documents.max}
          extensions={DOCUMENT_EXTENSIONS}
          files={content.documents}
          jobs={jobsFor({ kind: 'document' })}
          urls={urls}
          note={form.documents.mergeIntoPdf ? `多份材料将合成一个带目录的 PDF${form.documents.rule ? `（${form.documents.rule}）` : ''}` : undefined}
          onAdd={(files: PickedFile[]) => uploads.start({ kind: 'document' }, files)}
          onRemove={(i) => update({ documents: content.documents.filter((_, j) => j !== i) })}
          onRetry={uploads.retry}
          onDiscard={uploads.remove}
        />
      ) : null}
      {form.stampedScan ? (
        <FilesField
          testId='scan'
          label={form.stampedScan.label}
          rule={form.stampedScan.rule}
          required={form.stampedScan.required}
          max={1}
          extensions={SCAN_EXTENSIONS}
          files={content.stampedScan ? [content.stampedScan] : []}
          jobs={jobsFor({ kind: 'scan' })}
          urls={urls}
          note='纸质材料盖章后扫描或拍照，PDF 或图片均可'
          onAdd={(files: PickedFile[]) => uploads.start({ kind: 'scan' }, files.slice(0, 1))}
          onRemove={() => update({ stampedScan: null })}
          onRetry={uploads.retry}
          onDiscard={uploads.remove}
        />
      ) : null}
    </>
  ) : null;

  const correctionCard = entry.correction ? (
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
      {entry.status === 'correctionRequested' && editable ? <Text className='entry-detail__hint'>请在下面修改后点“提交补正”。</Text> : null}
    </View>
  ) : null;

  const actionButtons =
    editable || shown.length ? (
      <View className='entry-detail__actions' data-testid='actions'>
        {editable ? (
          <View className='adm-btn adm-btn--block adm-btn--ghost' data-testid='preview' onClick={preview}>
            <Text>预览（评审看到的样子）</Text>
          </View>
        ) : null}
        {shown.map((a) => (
          <View
            key={a}
            className={`adm-btn adm-btn--block${PRIMARY_ACTIONS.includes(a) ? '' : ' adm-btn--plain'}${acting ? ' adm-btn--disabled' : ''}`}
            data-testid={`action-${a}`}
            onClick={() => tap(a)}
          >
            <Text>{acting && (a === 'submit' || a === 'resubmit') ? '请稍候…' : TRANSITION_LABELS[a]}</Text>
          </View>
        ))}
      </View>
    ) : null;

  const checklist = (
    <>
      <Text className='adm-section-title'>
        材料清单{blocking.length ? `（${blocking.length} 项未满足）` : '（已满足提交要求）'}
      </Text>
      <View className='adm-card'>
        <RuleList results={results} emptyText='没有检查项' testId='content-checklist' />
      </View>
    </>
  );

  const timeline = (
    <>
      <Text className='adm-section-title'>办理记录（北京时间）</Text>
      <View className='adm-card'>
        <Timeline history={entry.history} />
      </View>
    </>
  );

  // 导出（issue 7）：支撑材料合成带目录的 PDF（A6）、待盖章的申报表（D6）、评价表（C1.4）
  const exportsLink = (
    <View className='adm-btn adm-btn--block adm-btn--plain' data-testid='entry-exports' onClick={() => Taro.navigateTo({ url: `/admin/exports/index?entryId=${encodeURIComponent(entry._id)}` })}>
      <Text>生成申报表 / 合成支撑材料 PDF</Text>
    </View>
  );

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

      {editable ? <SaveStatus state={autosave.state} onRetry={() => void autosave.retry()} /> : null}

      {conflict ? (
        <ConflictBanner form={form} theirs={conflict.entry.content} theirUpdatedAt={conflict.entry.updatedAt} mine={content} onLoadTheirs={loadTheirs} onKeepMine={keepMine} />
      ) : null}

      {notice ? (
        <View className={`adm-banner ${notice.kind === 'locked' ? 'adm-banner--error' : 'adm-banner--info'} entry-detail__notice`} data-testid='draft-notice' data-kind={notice.kind}>
          <Text>
            {notice.kind === 'restored'
              ? `已恢复您在本机上未保存的修改（${hhmm(notice.at)}），稍后自动保存到云端。`
              : notice.kind === 'backup'
                ? `已载入另一位编辑的版本；您的修改已另存为本机备份（${hhmm(notice.at)}）。`
                : notice.message}
          </Text>
          <View className='entry-detail__notice-actions'>
            {notice.kind === 'backup' ? (
              <Text className='adm-link' data-testid='restore-backup' onClick={restoreBackup}>
                恢复我的修改
              </Text>
            ) : null}
            <Text className='adm-link adm-link--muted' data-testid='dismiss-notice' onClick={() => setNotice(null)}>
              知道了
            </Text>
          </View>
        </View>
      ) : null}

      {correctionCard}

      {entry.unitComment ? (
        <Text className='adm-banner adm-banner--info' data-testid='unit-comment'>
          分党委意见：{entry.unitComment}
        </Text>
      ) : null}

      {editable && form ? (
        <>
          <Text className='adm-section-title'>在线填写</Text>
          <ContentEditor form={form} content={content} onChange={setContent} media={media} />
          {actionButtons}
          {checklist}
          {timeline}
          {exportsLink}
        </>
      ) : (
        <>
          {/* 不能编辑时：先看状态与办理记录，再读材料，读完再操作（分党委推荐、退回…） */}
          {timeline}
          {EDITABLE_STATUSES.includes(entry.status) && canEdit(data) && !track ? (
            <Text className='adm-banner adm-banner--error'>暂时取不到申报表的要求{trackError ? `（${trackError}）` : ''}，下拉刷新后再试。</Text>
          ) : null}
          <Text className='adm-section-title'>申报材料</Text>
          <EntryView content={entry.content} form={form} entrantName={entry.entrantName} unitName={entry.unitName} urls={urls} />
          {actionButtons}
          {checklist}
          {exportsLink}
        </>
      )}

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

export default withSystemFont(EntryDetailPage);
