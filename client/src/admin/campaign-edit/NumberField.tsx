import { useEffect, useState } from 'react';
import TextField from '@/components/TextField';

export interface NumberFieldProps {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  /** 允许留空（= null，如名额“不限”）；否则留空按 0 计 */
  nullable?: boolean;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  testId?: string;
}

const parse = (text: string, nullable: boolean): number | null => (text === '' ? (nullable ? null : 0) : Number(text));

/** 非负整数输入（字数、张数、名额）：只收数字；留空时按 nullable 为“不限”或 0 */
export default function NumberField({ label, value, onChange, nullable = false, placeholder, hint, error, testId }: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  // 外部值变了（重新载入、冲突后载入别人的修改）时跟上；自己输入引起的变化不回写，免得清空时跳成 0
  useEffect(() => {
    setText((t) => (parse(t, nullable) === value ? t : value === null ? '' : String(value)));
  }, [value, nullable]);
  return (
    <TextField
      label={label}
      type='number'
      value={text}
      onInput={(v) => {
        const digits = v.replace(/\D/g, '').slice(0, 5);
        setText(digits);
        onChange(parse(digits, nullable));
      }}
      placeholder={placeholder ?? (nullable ? '不限' : '0')}
      hint={hint}
      error={error}
      testId={testId}
    />
  );
}
