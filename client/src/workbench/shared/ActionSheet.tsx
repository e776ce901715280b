import { useState, type ReactNode } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { countZi } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';

export interface SheetText {
  /** 文字框标题，如“退回意见” */
  label: string;
  placeholder: string;
  /** 至少几个字（按 countZi 计）；0 为可不填 */
  min: number;
  /** 最多几个字（与契约一致） */
  max: number;
}

export interface ActionSheetProps {
  title: string;
  /** 文字框上方的说明（名额、比例、期限…） */
  intro?: ReactNode;
  /** 先选一项（等级、检查结论、验收评价） */
  choices?: { value: string; label: string }[];
  choiceLabel?: string;
  /** 随所选一项实时变化的提示（如 B9 样板支部评低于最佳、B5 比例已满） */
  live?: (choice: string | null) => ReactNode;
  text?: SheetText;
  /** 文字框下方的其他表单项（补正期限、问题清单） */
  extra?: ReactNode;
  confirmText: string;
  /** 正在提交：按钮变灰，再点无效（防重复提交） */
  busy: boolean;
  /** 云端拒绝的中文说明（名额已满、阶段已过、他人已处理…），留在表单里供核对 */
  error: string | null;
  onConfirm: (value: { text: string; choice: string | null }) => void;
  onCancel: () => void;
  testId?: string;
}

/**
 * 工作台的操作表单（页内底部弹层，小程序与 H5 一致）：可选一项 + 带字数计数的文字 + 其他表单项；
 * 本地先查必填与字数，云端拒绝时把原因留在表单里，不关闭、不丢已填内容。
 */
export default function ActionSheet({ title, intro, choices, choiceLabel, live, text, extra, confirmText, busy, error, onConfirm, onCancel, testId = 'action-sheet' }: ActionSheetProps) {
  const [value, setValue] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const n = countZi(value.trim());
  const over = !!text && n > text.max;

  const confirm = () => {
    if (busy) return;
    if (choices && !choice) return setLocal(`请先选择${choiceLabel ?? '一项'}`);
    if (text && n < text.min) return setLocal(`${text.label}至少 ${text.min} 字`);
    if (over && text) return setLocal(`${text.label}不超过 ${text.max} 字，请删去 ${n - text.max} 字`);
    setLocal(null);
    onConfirm({ text: value.trim(), choice });
  };

  const shownError = local ?? error;
  return (
    <View className='wb-sheet' data-testid={testId}>
      <View className='wb-sheet__mask' onClick={busy ? undefined : onCancel} />
      <View className='wb-sheet__panel'>
        <Text className='wb-sheet__title'>{title}</Text>
        {intro ? <View className='wb-sheet__intro'>{intro}</View> : null}
        {choices ? (
          <View className='wb-sheet__block'>
            {choiceLabel ? <Text className='wb-sheet__label'>{choiceLabel}</Text> : null}
            <ChipGroup
              testId='sheet-choice'
              value={choice}
              options={choices}
              onChange={(v) => {
                setChoice(v);
                setLocal(null);
              }}
            />
          </View>
        ) : null}
        {live ? live(choice) : null}
        {text ? (
          <View className='wb-sheet__block'>
            <View className='wb-sheet__row'>
              <Text className='wb-sheet__label'>{text.label}</Text>
              <Text className={`wb-sheet__counter${over ? ' wb-sheet__counter--over' : ''}`} data-testid='sheet-counter'>
                {n}/{text.max} 字
              </Text>
            </View>
            <Textarea
              className='wb-sheet__input'
              value={value}
              maxlength={text.max + 200}
              placeholder={text.placeholder}
              data-testid='sheet-text'
              onInput={(e) => {
                setValue(e.detail.value);
                setLocal(null);
              }}
            />
          </View>
        ) : null}
        {extra}
        {shownError ? (
          <Text className='wb-sheet__error' data-testid='sheet-error'>
            {shownError}
          </Text>
        ) : null}
        <View className='wb-sheet__actions'>
          <View className={`adm-btn adm-btn--plain wb-sheet__button${busy ? ' adm-btn--disabled' : ''}`} data-testid='sheet-cancel' onClick={busy ? undefined : onCancel}>
            <Text>取消</Text>
          </View>
          <View className={`adm-btn wb-sheet__button${busy ? ' adm-btn--disabled' : ''}`} data-testid='sheet-confirm' onClick={confirm}>
            <Text>{busy ? '请稍候…' : confirmText}</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
