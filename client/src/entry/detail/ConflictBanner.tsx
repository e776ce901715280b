import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { countZi, formatCst, type EntryContent, type EntryForm } from '@contract/index';
import { stableJson } from './drafts';

export interface FieldDiff {
  label: string;
  theirs: string;
  mine: string;
}

const excerpt = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return '（空）';
  const head = [...t].slice(0, 60).join('');
  return `${head}${head.length < t.length ? '…' : ''}（${countZi(t)} 字）`;
};

/** 两份内容逐项比较：列出不同的项，各自的样子（长文只取开头与字数） */
export function contentDiff(form: EntryForm | null, theirs: EntryContent, mine: EntryContent): FieldDiff[] {
  const out: FieldDiff[] = [];
  const push = (label: string, a: string, b: string) => {
    if (a !== b) out.push({ label, theirs: a, mine: b });
  };
  push(form?.titleLabel ?? '名称', theirs.title || '（空）', mine.title || '（空）');
  const sectionKeys = form ? form.sections.map((s) => [s.key, s.title] as const) : Object.keys({ ...theirs.sections, ...mine.sections }).map((k) => [k, k] as const);
  for (const [key, title] of sectionKeys) {
    const a = theirs.sections[key] ?? '';
    const b = mine.sections[key] ?? '';
    if (a !== b) out.push({ label: title, theirs: excerpt(a), mine: excerpt(b) });
  }
  for (const c of form?.choices ?? []) push(c.label, theirs.choices[c.key] || '（未选）', mine.choices[c.key] || '（未选）');
  for (const d of form?.dates ?? []) push(d.label, theirs.dates[d.key] || '（未填）', mine.dates[d.key] || '（未填）');
  const groups = form ? form.photoGroups.map((g) => [g.key, g.label] as const) : Object.keys({ ...theirs.photos, ...mine.photos }).map((k) => [k, '照片'] as const);
  for (const [key, label] of groups) {
    const a = theirs.photos[key] ?? [];
    const b = mine.photos[key] ?? [];
    if (stableJson(a) !== stableJson(b)) {
      const describe = (list: typeof a) => (list.length ? `${list.length} 张：${list.map((p) => p.caption || '（无说明）').join('；')}` : '没有照片');
      out.push({ label, theirs: describe(a), mine: describe(b) });
    }
  }
  if (stableJson(theirs.video) !== stableJson(mine.video)) push(form?.video?.label ?? '视频', theirs.video ? '已上传' : '没有视频', mine.video ? (theirs.video ? '另一段视频' : '已上传') : '没有视频');
  if (stableJson(theirs.documents) !== stableJson(mine.documents)) {
    const names = (list: EntryContent['documents']) => (list.length ? list.map((d) => d.name).join('、') : '没有文件');
    out.push({ label: form?.documents?.label ?? '支撑材料', theirs: names(theirs.documents), mine: names(mine.documents) });
  }
  if (stableJson(theirs.stampedScan) !== stableJson(mine.stampedScan)) push(form?.stampedScan?.label ?? '盖章扫描件', theirs.stampedScan?.name ?? '未上传', mine.stampedScan?.name ?? '未上传');
  for (const d of form?.declarations ?? []) push(d.text, theirs.declarations[d.key] ? '已确认' : '未确认', mine.declarations[d.key] ? '已确认' : '未确认');
  return out;
}

export interface ConflictBannerProps {
  form: EntryForm | null;
  theirs: EntryContent;
  theirUpdatedAt: string;
  mine: EntryContent;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}

/**
 * 他人修改了同一份材料：不悄悄覆盖任何一方。横幅给出两个选择——载入对方的版本（自己的修改另存为本机备份），
 * 或对照查看两份的不同后再决定（也可以保留自己的版本，明确覆盖对方）。
 */
export default function ConflictBanner({ form, theirs, theirUpdatedAt, mine, onLoadTheirs, onKeepMine }: ConflictBannerProps) {
  const [review, setReview] = useState(false);
  const diffs = review ? contentDiff(form, theirs, mine) : [];
  return (
    <View className='entry-conflict' data-testid='conflict-banner'>
      <Text className='entry-conflict__title'>另一位编辑已修改这份材料</Text>
      <Text className='entry-conflict__text'>
        对方于 {formatCst(theirUpdatedAt, 'MM-DD HH:mm')} 保存了新的版本。您的修改还没有保存到云端，仍完整地留在本机；自动保存已暂停，请选择：
      </Text>
      {review ? (
        <View className='entry-conflict__diff' data-testid='conflict-diff'>
          {diffs.length ? (
            diffs.map((d) => (
              <View key={d.label} className='entry-conflict__row' data-testid='conflict-diff-row'>
                <Text className='entry-conflict__label'>{d.label}</Text>
                <Text className='entry-conflict__theirs'>对方：{d.theirs}</Text>
                <Text className='entry-conflict__mine'>我的：{d.mine}</Text>
              </View>
            ))
          ) : (
            <Text className='entry-conflict__text'>两份内容相同。</Text>
          )}
        </View>
      ) : null}
      <View className='entry-conflict__actions'>
        <View className='adm-btn adm-btn--block' data-testid='conflict-load-theirs' onClick={onLoadTheirs}>
          <Text>载入对方的版本（我的修改另存为本机备份）</Text>
        </View>
        {review ? (
          <View className='adm-btn adm-btn--block adm-btn--plain' data-testid='conflict-keep-mine' onClick={onKeepMine}>
            <Text>保留我的版本（覆盖对方的修改）</Text>
          </View>
        ) : (
          <View className='adm-btn adm-btn--block adm-btn--plain' data-testid='conflict-review' onClick={() => setReview(true)}>
            <Text>对照查看两份的不同</Text>
          </View>
        )}
      </View>
    </View>
  );
}
