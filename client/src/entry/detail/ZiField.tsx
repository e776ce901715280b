import { Input, Text, Textarea, View } from '@tarojs/components';
import { countZi } from '@contract/index';

export interface ZiFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** 字数上限（按 Word 字数统计，countZi） */
  max: number;
  min?: number;
  required?: boolean;
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
  testId?: string;
}

/** 按“字”计数的输入框（输入长度只设契约允许的最大值：单行 200、多行 30000 字符）：计数与 Word 字数统计、云端校验一致；超过上限变红，不足下限变黄，不截断用户的文字 */
export default function ZiField({ label, value, onInput, max, min = 0, required, multiline, placeholder, hint, testId }: ZiFieldProps) {
  const n = countZi(value);
  const state = n > max ? 'over' : n > 0 && n < min ? 'under' : 'ok';
  return (
    <View className={`zi-field zi-field--${state}`} data-testid={testId}>
      <View className='zi-field__head'>
        <Text className='zi-field__label'>
          {label}
          {required ? <Text className='zi-field__required'> *</Text> : null}
        </Text>
        <Text className='zi-field__counter' data-testid={testId ? `${testId}-counter` : undefined} data-state={state}>
          {n}/{max} 字
        </Text>
      </View>
      {multiline ? (
        <Textarea className='zi-field__input zi-field__input--multi' value={value} autoHeight maxlength={30000} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input className='zi-field__input' value={value} maxlength={200} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      )}
      {state === 'over' ? (
        <Text className='zi-field__hint zi-field__hint--over'>超出 {n - max} 字</Text>
      ) : state === 'under' ? (
        <Text className='zi-field__hint zi-field__hint--under'>
          至少 {min} 字，还差 {min - n} 字
        </Text>
      ) : hint ? (
        <Text className='zi-field__hint'>{hint}</Text>
      ) : null}
    </View>
  );
}
