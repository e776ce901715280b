import { Input, Text, View } from '@tarojs/components';
import './index.scss';

export interface TextFieldProps {
  /** 字段名，如“支部名称” */
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** 字数上限；给出时在右下角显示“n/上限” */
  maxLength?: number;
  placeholder?: string;
  /** 输入键盘：文字、数字（整数） */
  type?: 'text' | 'number';
  /** 字段下方的说明 */
  hint?: string;
  /** 校验提示（红字），有则替代说明 */
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}

/** 带标签与字数计数的单行输入：计数按字符算，超出上限时变红 */
export default function TextField({ label, value, onInput, maxLength, placeholder, type = 'text', hint, error, disabled, testId }: TextFieldProps) {
  const length = [...value].length;
  const over = maxLength !== undefined && length > maxLength;
  return (
    <View className={`text-field${error ? ' text-field--error' : ''}`} data-testid={testId}>
      <View className='text-field__head'>
        <Text className='text-field__label'>{label}</Text>
        {maxLength !== undefined ? (
          <Text className={`text-field__counter${over ? ' text-field__counter--over' : ''}`} data-testid={testId ? `${testId}-counter` : undefined}>
            {length}/{maxLength}
          </Text>
        ) : null}
      </View>
      <Input
        className='text-field__input'
        value={value}
        type={type}
        placeholder={placeholder}
        maxlength={maxLength ?? 140}
        disabled={disabled}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error ? <Text className='text-field__error'>{error}</Text> : hint ? <Text className='text-field__hint'>{hint}</Text> : null}
    </View>
  );
}
