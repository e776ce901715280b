import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useState } from 'react';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CASE_LIMITS, caseStatusLabels, countZi, type CaseEdit, type OutputOf, type casesContract } from '@contract/index';
import CaseCard from '@/components/CaseCard';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import SaveError from '../shared/SaveError';
import { confirmAction, isConflict, toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

type Loaded = OutputOf<typeof casesContract, 'getForEdit'>;
type PhotoRow = { fileID: string; caption: string; url: string };

interface Draft {
  title: string;
  summary: string;
  sections: { title: string; text: string }[];
  photos: PhotoRow[];
}

const draftOf = (c: Loaded): Draft => ({ title: c.title, summary: c.summary, sections: c.sections.map((s) => ({ ...s })), photos: c.photos.map((p) => ({ ...p })) });

/** 字数计数：与服务端同一个 countZi（与 Word 字数一致），超出变红 */
function Counter({ text, max, testId }: { text: string; max: number; testId?: string }) {
  const n = countZi(text);
  return (
    <Text className={`case-edit__counter${n > max ? ' case-edit__counter--over' : ''}`} data-testid={testId}>
      {n}/{max}
    </Text>
  );
}

/** 编辑案例（组织部，A7）：题目、简介、正文各段、照片选用与顺序（第一张为封面）和说明（A5 ≤20 字），预览后发布 */
function CaseEditPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState<'' | 'save' | 'publish' | 'hide'>('');
  const [saveError, setSaveError] = useState<{ message: string; reloaded: boolean } | null>(null);
  const [dirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    setStatus((s) => (s === 'ready' ? s : 'loading'));
    try {
      const c = await callFunction('cases', 'getForEdit', { id });
      setLoaded(c);
      setDraft(draftOf(c));
      setDirty(false);
      setStatus('ready');
    } catch (err) {
      setLoadError(messageOf(err));
      setStatus('error');
    }
  }, [id]);

  useEffect(() => {
    load();
  }, [load]);

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  };

  if (status === 'loading') return <View className='adm-page'><StateView kind='loading' /></View>;
  if (status === 'error' || !loaded || !draft) return <View className='adm-page'><StateView kind='error' message={loadError} onRetry={load} /></View>;

  const overTitle = countZi(draft.title) > CASE_LIMITS.title || !draft.title.trim();
  const overSummary = countZi(draft.summary) > CASE_LIMITS.summary;
  const overSections = draft.sections.some((s) => countZi(s.text) > CASE_LIMITS.sectionText);
  const overCaptions = draft.photos.some((p) => countZi(p.caption) > CASE_LIMITS.caption);
  const invalid = overTitle || overSummary || overSections || overCaptions;
  const selected = new Set(draft.photos.map((p) => p.fileID));
  const unused = loaded.availablePhotos.filter((p) => !selected.has(p.fileID));

  const editOf = (d: Draft): CaseEdit => ({
    title: d.title,
    summary: d.summary,
    sections: d.sections,
    photos: d.photos.map((p) => ({ fileID: p.fileID, caption: p.caption })),
  });

  /** 保存；成功返回新版本号。他人先改过（CONFLICT）时重新载入并说明 */
  const save = async (): Promise<number | null> => {
    setSaveError(null);
    try {
      const r = await callFunction('cases', 'saveEdit', { id, expectedVersion: loaded.version, edit: editOf(draft) });
      setLoaded({ ...loaded, ...editOf(draft), photos: draft.photos, version: r.version });
      setDirty(false);
      return r.version;
    } catch (err) {
      const conflict = isConflict(err);
      setSaveError({ message: conflict ? '这个案例已被其他管理员修改' : messageOf(err), reloaded: conflict });
      if (conflict) await load();
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    if ((await save()) !== null) toast('已保存');
    setBusy('');
  };

  const onPublish = async () => {
    if (!(await confirmAction('发布到成果储备库', '发布后全校都能在“案例”里看到这个案例。确定发布？', '发布'))) return;
    setBusy('publish');
    const version = dirty ? await save() : loaded.version;
    if (version !== null) {
      try {
        const r = await callFunction('cases', 'publish', { id, expectedVersion: version });
        setLoaded({ ...loaded, status: 'published', version: r.version, publishedAt: r.publishedAt });
        toast('已发布到成果储备库');
      } catch (err) {
        const conflict = isConflict(err);
        setSaveError({ message: conflict ? '这个案例已被其他管理员修改' : messageOf(err), reloaded: conflict });
        if (conflict) await load();
      }
    }
    setBusy('');
  };

  const onHideToggle = async () => {
    const hiding = loaded.status === 'published';
    if (hiding && !(await confirmAction('从储备库撤下', '撤下后案例不再在“案例”里显示，可以随时恢复。', '撤下'))) return;
    setBusy('hide');
    try {
      const r = await callFunction('cases', hiding ? 'hide' : 'unhide', { id });
      setLoaded({ ...loaded, status: hiding ? 'hidden' : 'published', version: r.version });
      toast(hiding ? '已撤下' : '已恢复');
    } catch (err) {
      toast(messageOf(err));
    }
    setBusy('');
  };

  const movePhoto = (i: number, to: number) => {
    const photos = [...draft.photos];
    const [p] = photos.splice(i, 1);
    photos.splice(to, 0, p);
    change({ photos });
  };

  const preview = {
    _id: loaded._id, campaignId: loaded.campaignId, campaignTitle: loaded.campaignTitle, kind: loaded.kind, year: loaded.year, unitId: loaded.unitId,
    unitName: loaded.unitName, entrantName: loaded.entrantName, levelKey: loaded.levelKey, levelLabel: loaded.levelLabel, title: draft.title,
    summary: draft.summary, publishedAt: loaded.publishedAt, coverUrl: draft.photos[0]?.url || null, photoCount: draft.photos.length,
  };

  return (
    <View className='adm-page case-edit'>
      <View className='adm-banner adm-banner--info'>
        <Text data-testid='case-status'>
          {caseStatusLabels[loaded.status]} · {loaded.campaignTitle} · {loaded.unitName}
        </Text>
      </View>
      <SaveError error={saveError?.message ?? null} reloaded={!!saveError?.reloaded} />

      <View className='adm-form'>
        <View className='adm-form__row' data-testid='field-title'>
          <View className='case-edit__head'>
            <Text className='adm-form__label'>题目</Text>
            <Counter text={draft.title} max={CASE_LIMITS.title} testId='title-counter' />
          </View>
          <Input className='case-edit__input' value={draft.title} onInput={(e) => change({ title: e.detail.value })} />
        </View>
        <View className='adm-form__row' data-testid='field-summary'>
          <View className='case-edit__head'>
            <Text className='adm-form__label'>简介（储备库列表上的导语）</Text>
            <Counter text={draft.summary} max={CASE_LIMITS.summary} testId='summary-counter' />
          </View>
          <Textarea className='case-edit__area' value={draft.summary} maxlength={-1} onInput={(e) => change({ summary: e.detail.value })} />
        </View>
        {draft.sections.map((s, i) => (
          <View className='adm-form__row' key={`${s.title}-${i}`} data-testid='field-section'>
            <View className='case-edit__head'>
              <Text className='adm-form__label'>{s.title}</Text>
              <Counter text={s.text} max={CASE_LIMITS.sectionText} />
            </View>
            <Textarea
              className='case-edit__area case-edit__area--long'
              value={s.text}
              maxlength={-1}
              onInput={(e) => change({ sections: draft.sections.map((x, j) => (j === i ? { ...x, text: e.detail.value } : x)) })}
            />
            <Text className='adm-form__hint'>清空一段即不在案例里显示这一段。</Text>
          </View>
        ))}
      </View>

      <Text className='adm-section-title'>照片（{draft.photos.length} 张，第一张为封面；说明不超过 {CASE_LIMITS.caption} 字，A5）</Text>
      {draft.photos.length === 0 ? <StateView kind='empty' message='没有选用照片。可从下面“未选用的照片”加入。' /> : null}
      {draft.photos.map((p, i) => (
        <View className='adm-card case-edit__photo' key={p.fileID} data-testid='photo-row'>
          <Image className='case-edit__thumb' src={p.url} mode='aspectFill' />
          <View className='case-edit__photo-body'>
            <View className='case-edit__head'>
              <Text className='case-edit__cover'>{i === 0 ? '封面' : `第 ${i + 1} 张`}</Text>
              <Counter text={p.caption} max={CASE_LIMITS.caption} testId='caption-counter' />
            </View>
            <Input
              className='case-edit__input'
              value={p.caption}
              placeholder='照片说明'
              onInput={(e) => change({ photos: draft.photos.map((x, j) => (j === i ? { ...x, caption: e.detail.value } : x)) })}
            />
            <View className='case-edit__photo-actions'>
              {i > 0 ? <Text className='adm-link' data-testid='photo-up' onClick={() => movePhoto(i, i - 1)}>上移</Text> : null}
              {i < draft.photos.length - 1 ? <Text className='adm-link' onClick={() => movePhoto(i, i + 1)}>下移</Text> : null}
              {i > 0 ? <Text className='adm-link' data-testid='photo-cover' onClick={() => movePhoto(i, 0)}>设为封面</Text> : null}
              <Text className='adm-link' onClick={() => change({ photos: draft.photos.filter((_, j) => j !== i) })}>不选用</Text>
            </View>
          </View>
        </View>
      ))}
      {unused.length ? (
        <>
          <Text className='adm-section-title'>未选用的照片（原材料里的）</Text>
          <View className='case-edit__unused'>
            {unused.map((p) => (
              <View key={p.fileID} className='case-edit__unused-item' data-testid='photo-add' onClick={() => change({ photos: [...draft.photos, { ...p }] })}>
                <Image className='case-edit__thumb' src={p.url} mode='aspectFill' />
                <Text className='adm-link'>＋ 加入</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <Text className='adm-section-title'>预览（储备库列表里的样子）</Text>
      <View data-testid='case-preview'>
        <CaseCard item={preview} onOpen={() => undefined} />
      </View>

      <View className='case-edit__bar'>
        {invalid ? <Text className='case-edit__invalid' data-testid='case-invalid'>有内容超出字数或题目为空，改好后才能保存</Text> : null}
        <View className='case-edit__buttons'>
          <View className={`adm-btn adm-btn--ghost${invalid || !dirty || busy ? ' adm-btn--disabled' : ''}`} data-testid='case-save' onClick={invalid || !dirty || busy ? undefined : onSave}>
            <Text>{busy === 'save' ? '保存中…' : dirty ? '保存' : '已保存'}</Text>
          </View>
          {loaded.status === 'draft' ? (
            <View className={`adm-btn${invalid || busy ? ' adm-btn--disabled' : ''}`} data-testid='case-publish' onClick={invalid || busy ? undefined : onPublish}>
              <Text>{busy === 'publish' ? '发布中…' : '发布到储备库'}</Text>
            </View>
          ) : (
            <View className={`adm-btn${busy ? ' adm-btn--disabled' : ''}`} data-testid='case-hide' onClick={busy ? undefined : onHideToggle}>
              <Text>{busy === 'hide' ? '处理中…' : loaded.status === 'published' ? '从储备库撤下' : '恢复到储备库'}</Text>
            </View>
          )}
        </View>
      </View>
    </View>
  );
}

export default withSystemFont(CaseEditPage);
