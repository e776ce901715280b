import { Text, View } from '@tarojs/components';
import { UNIT_KIND_LABELS, type Track } from '@contract/index';
import NumberField from './NumberField';

export interface TrackEditorProps {
  track: Track;
  onChange: (track: Track) => void;
}

const cite = (rule: string) => (rule ? `（${rule}）` : '');

/** 一个申报类别的限额：名额上下限、各段文字的字数、照片张数与说明字数、视频时长 */
export default function TrackEditor({ track, onChange }: TrackEditorProps) {
  const { quota, form } = track;
  const setQuota = (patch: Partial<Track['quota']>) => onChange({ ...track, quota: { ...quota, ...patch } });
  const setForm = (patch: Partial<Track['form']>) => onChange({ ...track, form: { ...form, ...patch } });
  const tiers = quota.maxBySize?.length ? quota.maxBySize.map((t) => `支部数 ≥ ${t.minBranches} 时最多 ${t.max} 项`).join('；') : null;
  const id = `track-${track.key}`;

  return (
    <View data-testid={id}>
      <Text className='adm-section-title'>申报类别：{track.label}</Text>
      <View className='adm-form'>
        <View className='adm-form__row'>
          <Text className='campaign-edit__group-title'>名额</Text>
        </View>
        <NumberField
          label='每个二级党组织最多推荐'
          nullable
          value={quota.maxPerUnit}
          onChange={(maxPerUnit) => setQuota({ maxPerUnit })}
          hint={tiers ? `按规模分档（优先于此项）：${tiers}` : '留空为不限'}
          testId={`${id}-max`}
        />
        <NumberField label='每个二级党组织至少推荐' value={quota.minPerUnit} onChange={(v) => setQuota({ minPerUnit: v ?? 0 })} testId={`${id}-min`} />
        {quota.minByUnitKind.college !== undefined ? (
          <NumberField
            label={`${UNIT_KIND_LABELS.college}至少推荐`}
            value={quota.minByUnitKind.college}
            onChange={(v) => setQuota({ minByUnitKind: { ...quota.minByUnitKind, college: v ?? 0 } })}
            testId={`${id}-min-college`}
          />
        ) : null}
      </View>

      {form.sections.length ? (
        <View className='adm-form'>
          <View className='adm-form__row'>
            <Text className='campaign-edit__group-title'>文字字数（按 Word 字数统计）</Text>
          </View>
          {form.sections.map((s, i) => {
            const set = (patch: Partial<typeof s>) => setForm({ sections: form.sections.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <View key={s.key} className='adm-form__row' data-testid={`${id}-section-${s.key}`}>
                <Text className='adm-form__label'>
                  {s.title}
                  {cite(s.rule)}
                </Text>
                <View className='adm-form__pair'>
                  <View className='adm-form__pair-item'>
                    <NumberField label='至少' value={s.minChars} onChange={(v) => set({ minChars: v ?? 0 })} testId={`${id}-section-${s.key}-min`} />
                  </View>
                  <View className='adm-form__pair-item'>
                    <NumberField label='最多' value={s.maxChars} onChange={(v) => set({ maxChars: v ?? 0 })} testId={`${id}-section-${s.key}-max`} />
                  </View>
                </View>
              </View>
            );
          })}
        </View>
      ) : null}

      {form.photoGroups.length ? (
        <View className='adm-form'>
          <View className='adm-form__row'>
            <Text className='campaign-edit__group-title'>照片</Text>
          </View>
          {form.photoGroups.map((g, i) => {
            const set = (patch: Partial<typeof g>) => setForm({ photoGroups: form.photoGroups.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <View key={g.key} className='adm-form__row' data-testid={`${id}-photos-${g.key}`}>
                <Text className='adm-form__label'>
                  {g.label}
                  {cite(g.rule)}
                </Text>
                <View className='adm-form__pair'>
                  <View className='adm-form__pair-item'>
                    <NumberField label='最少张' value={g.min} onChange={(v) => set({ min: v ?? 0 })} testId={`${id}-photos-${g.key}-min`} />
                  </View>
                  <View className='adm-form__pair-item'>
                    <NumberField label='最多张' value={g.max} onChange={(v) => set({ max: v ?? 0 })} testId={`${id}-photos-${g.key}-max`} />
                  </View>
                  <View className='adm-form__pair-item'>
                    <NumberField label='说明字数' value={g.captionMaxChars} onChange={(v) => set({ captionMaxChars: v ?? 0 })} testId={`${id}-photos-${g.key}-caption`} />
                  </View>
                </View>
              </View>
            );
          })}
        </View>
      ) : null}

      {form.video ? (
        <View className='adm-form'>
          <NumberField
            label={`${form.video.label}最长（秒）${cite(form.video.rule)}`}
            value={form.video.maxSeconds}
            onChange={(v) => setForm({ video: form.video ? { ...form.video, maxSeconds: v ?? 0 } : null })}
            hint={`约 ${Math.floor(form.video.maxSeconds / 60)} 分 ${form.video.maxSeconds % 60} 秒`}
            testId={`${id}-video-max`}
          />
        </View>
      ) : null}
    </View>
  );
}
