import { useState, type ReactNode } from 'react';
import { Input, Picker, Switch, Text, View } from '@tarojs/components';
import type { ChoiceField, EntryContent, EntryForm } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import ZiField from './ZiField';

export interface ContentEditorProps {
  form: EntryForm;
  content: EntryContent;
  onChange: (content: EntryContent) => void;
  /** 照片、视频、支撑材料与扫描件的上传区（放在各段文字之后、须确认事项之前） */
  media?: ReactNode;
}

const OTHER = '__other';
const cite = (rule: string) => (rule ? `（${rule}）` : '');

/** 选择题（B1 主题、D3/E1 方向）：所列选项之一，允许时可填“其他” */
function ChoiceRow({ field, value, onChange }: { field: ChoiceField; value: string; onChange: (v: string) => void }) {
  const known = field.options.includes(value);
  // 选了“其他”而还没填字时，value 为空：单独记住“选的是其他”
  const [other, setOther] = useState(field.allowOther && !known && value !== '');
  const selected = other ? OTHER : known ? value : null;
  const options = field.options.map((o) => ({ value: o, label: o }));
  if (field.allowOther) options.push({ value: OTHER, label: '其他' });
  const choose = (v: string) => {
    setOther(v === OTHER);
    onChange(v === OTHER ? '' : v);
  };
  return (
    <View className='adm-form__row' data-testid={`field-choice-${field.key}`}>
      <Text className='adm-form__label'>
        {field.label}
        {cite(field.rule)}
        {field.required ? <Text className='zi-field__required'> *</Text> : null}
      </Text>
      <ChipGroup options={options} value={selected} onChange={choose} testId={`choice-${field.key}`} />
      {other ? (
        <Input className='zi-field__input entry-detail__other' value={value} maxlength={60} placeholder='填写自选的主题或方向' onInput={(e) => onChange(e.detail.value)} />
      ) : null}
    </View>
  );
}

/**
 * 在线填写：项目名称、选择题、日期、各段文字（实时字数）、照片视频与文件（media）、须确认的事项
 */
export default function ContentEditor({ form, content, onChange, media }: ContentEditorProps) {
  return (
    <View className='adm-form entry-detail__editor' data-testid='editor'>
      <ZiField
        label={form.titleLabel}
        value={content.title}
        onInput={(title) => onChange({ ...content, title })}
        max={form.titleMaxChars}
        required
        placeholder={`不超过 ${form.titleMaxChars} 字`}
        testId='field-title'
      />
      {form.choices.map((c) => (
        <ChoiceRow key={c.key} field={c} value={content.choices[c.key] ?? ''} onChange={(v) => onChange({ ...content, choices: { ...content.choices, [c.key]: v } })} />
      ))}
      {form.dates.map((d) => {
        const value = content.dates[d.key] ?? '';
        return (
          <View key={d.key} className='adm-form__row' data-testid={`field-date-${d.key}`}>
            <Text className='adm-form__label'>
              {d.label}
              {cite(d.rule)}
              {d.required ? <Text className='zi-field__required'> *</Text> : null}
            </Text>
            <Picker mode='date' value={value} onChange={(e) => onChange({ ...content, dates: { ...content.dates, [d.key]: String(e.detail.value) } })}>
              <View className='adm-form__picker'>
                <Text className={value ? '' : 'adm-form__placeholder'}>{value || '请选择日期'}</Text>
                <Text className='adm-form__placeholder'>›</Text>
              </View>
            </Picker>
            {d.hint ? <Text className='adm-form__hint'>{d.hint}</Text> : null}
          </View>
        );
      })}
      {form.sections.map((s) => (
        <ZiField
          key={s.key}
          label={`${s.title}${cite(s.rule)}`}
          value={content.sections[s.key] ?? ''}
          onInput={(text) => onChange({ ...content, sections: { ...content.sections, [s.key]: text } })}
          max={s.maxChars}
          min={s.minChars}
          required={s.required}
          multiline
          placeholder={s.requiredParts.length ? `须写明：${s.requiredParts.join('、')}` : s.minChars ? `${s.minChars}–${s.maxChars} 字` : `不超过 ${s.maxChars} 字`}
          hint={s.hint || undefined}
          testId={`field-${s.key}`}
        />
      ))}
      {media}
      {form.declarations.map((d) => (
        <View key={d.key} className='adm-form__row entry-detail__declaration' data-testid={`field-declaration-${d.key}`}>
          <Text className='entry-detail__declaration-text'>
            {d.text}
            {cite(d.rule)}
          </Text>
          <Switch
            checked={content.declarations[d.key] === true}
            color='#c8161d'
            onChange={(e) => onChange({ ...content, declarations: { ...content.declarations, [d.key]: Boolean(e.detail.value) } })}
          />
        </View>
      ))}
    </View>
  );
}
