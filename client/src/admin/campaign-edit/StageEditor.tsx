import { Picker, Text, View } from '@tarojs/components';
import type { Stage } from '@contract/index';
import TextField from '@/components/TextField';
import { cstParts, displayTime, withCstDate, withCstTime } from './stage-time';

export interface StageEditorProps {
  stage: Stage;
  /** 只适用于某个申报类别时，该类别的名称 */
  trackLabel?: string;
  onChange: (stage: Stage) => void;
}

/** 测试与自动化用的阶段标识：同一阶段可按类别分设（B：支部申报与分党委总结的截止不同） */
export function stageTestId(stage: Pick<Stage, 'key' | 'track'>): string {
  return stage.track ? `stage-${stage.key}-${stage.track}` : `stage-${stage.key}`;
}

type Edge = 'startsAt' | 'endsAt';

/** 一个阶段的起止：日期与时刻分开选，显示与输入都按北京时间；附截止时间的原文说法 */
export default function StageEditor({ stage, trackLabel, onChange }: StageEditorProps) {
  const base = stageTestId(stage);
  const order = Date.parse(stage.startsAt) < Date.parse(stage.endsAt) ? null : '开始时间须早于截止时间';
  const edge = (key: Edge, label: string) => {
    const iso = stage[key];
    const p = cstParts(iso);
    const id = `${base}-${key === 'startsAt' ? 'start' : 'end'}`;
    return (
      <View className='adm-form__row'>
        <Text className='adm-form__label'>{label}（北京时间）</Text>
        <View className='adm-form__pair'>
          <Picker className='adm-form__pair-item' mode='date' value={p.date} data-testid={`${id}-date`} onChange={(e) => onChange({ ...stage, [key]: withCstDate(iso, String(e.detail.value)) })}>
            <View className='adm-form__picker'>
              <Text data-testid={`${id}-date-text`}>{p.date}</Text>
              <Text className='adm-form__placeholder'>日期</Text>
            </View>
          </Picker>
          <Picker className='adm-form__pair-item' mode='time' value={p.time} data-testid={`${id}-time`} onChange={(e) => onChange({ ...stage, [key]: withCstTime(iso, String(e.detail.value)) })}>
            <View className='adm-form__picker'>
              <Text data-testid={`${id}-time-text`}>{displayTime(iso)}</Text>
              <Text className='adm-form__placeholder'>时刻</Text>
            </View>
          </Picker>
        </View>
        {key === 'endsAt' && order ? <Text className='adm-form__hint campaign-edit__error'>{order}</Text> : null}
      </View>
    );
  };
  return (
    <View className='adm-form' data-testid={base}>
      <View className='adm-form__row'>
        <Text className='campaign-edit__stage-title'>{stage.label}</Text>
        {stage.track ? <Text className='adm-form__hint'>只适用于“{trackLabel ?? stage.track}”</Text> : null}
      </View>
      {edge('startsAt', '开始')}
      {edge('endsAt', '截止')}
      <TextField
        label='截止说明'
        value={stage.note}
        onInput={(note) => onChange({ ...stage, note })}
        maxLength={60}
        placeholder='通知原文的说法，如“11 月 30 日前”'
        testId={`${base}-note`}
      />
    </View>
  );
}
