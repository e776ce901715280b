import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import ChipGroup from '@/components/ChipGroup';

export interface PromptSheetProps {
  title: string;
  label: string;
  placeholder: string;
  /** 文字至少几个字；0 为可不填 */
  min: number;
  /** 先选一项（等级、评价）；不给则只填文字 */
  choices?: { value: string; label: string }[];
  busy: boolean;
  onConfirm: (value: { text: string; choice: string | null }) => void;
  onCancel: () => void;
}

/** 页内的小表单（退回原因、补正问题、等级…）：小程序与 H5 表现一致，不依赖可编辑的系统对话框 */
export default function PromptSheet({ title, label, placeholder, min, choices, busy, onConfirm, onCancel }: PromptSheetProps) {
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (busy) return;
    if (choices && !choice) return setError('请先选择一项');
    if ([...text.trim()].length < min) return setError(`${label}至少 ${min} 字`);
    onConfirm({ text: text.trim(), choice });
  };
  return (
    <View className='prompt-sheet' data-testid='prompt-sheet'>
      <View className='prompt-sheet__mask' onClick={onCancel} />
      <View className='prompt-sheet__panel'>
        <Text className='prompt-sheet__title'>{title}</Text>
        {choices ? (
          <View className='prompt-sheet__choices'>
            <ChipGroup testId='prompt-choice' value={choice} onChange={(v) => {
                setChoice(v);
                setError(null);
              }} options={choices} />
          </View>
        ) : null}
        <Text className='prompt-sheet__label'>{label}</Text>
        <Textarea
          className='prompt-sheet__input'
          value={text}
          maxlength={min >= 10 ? 5000 : 1000}
          placeholder={placeholder}
          onInput={(e) => {
            setText(e.detail.value);
            setError(null);
          }}
        />
        {error ? (
          <Text className='prompt-sheet__error' data-testid='prompt-error'>
            {error}
          </Text>
        ) : null}
        <View className='prompt-sheet__actions'>
          <View className='adm-btn adm-btn--plain prompt-sheet__button' onClick={onCancel}>
            <Text>取消</Text>
          </View>
          <View className={`adm-btn prompt-sheet__button${busy ? ' adm-btn--disabled' : ''}`} data-testid='prompt-confirm' onClick={confirm}>
            <Text>{busy ? '请稍候…' : '确定'}</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
