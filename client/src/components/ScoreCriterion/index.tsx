import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { Criterion } from '@contract/index';
import { clampScore, fmtScore } from '@/services/score-format';

export interface ScoreCriterionProps {
  /** 类名前缀：rv（函评 review.scss）或 def（现场答辩 defence.scss）；外观由各分包给出，结构相同（styles/_page-parts.scss） */
  classPrefix: 'rv' | 'def';
  /** 评分细则的一项：名称、说明、满分 */
  criterion: Pick<Criterion, 'key' | 'label' | 'description' | 'maxScore'>;
  /** 一档的分值（函评 SCORE_STEP，现场答辩由场次给出） */
  step: number;
  /** 当前分数；未打分为 undefined */
  value: number | undefined;
  /** 输入框里的提示 */
  placeholder: string;
  /** 不能打分（已提交、已截止）：−/+ 与输入框都不响应 */
  disabled?: boolean;
  /** 这一项的问题（如超出满分），写在步进器下面 */
  error?: string;
  /**
   * 分数变了：−/+ 给出的已按一档取整并限定在 0 到满分；直接输入的是原数（清空为 undefined），
   * 由页面决定立即校正（现场答辩）还是提交前指出（函评）。
   */
  onChange: (value: number | undefined) => void;
}

/**
 * 评分细则的一项（函评 C1.5/A2、现场答辩 E3 共用）：名称与“满分 N”，说明，−/+ 一档一档调或直接输入。
 * 正在输入的原文（如“8.”）留在输入框里不被格式化打断，离开输入框或点 −/+ 后显示规整的分数。
 * 测试标识：criterion-、minus-、input-、plus- 加细则的 key。
 */
export default function ScoreCriterion({ classPrefix: p, criterion: c, step, value, placeholder, disabled = false, error, onChange }: ScoreCriterionProps) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  // 灰显：到了 0 或满分；点击仍按一档校正（直接输入了超出满分的数时，点一下 − 或 ＋ 回到满分）
  const minusOff = disabled || value === undefined || value <= 0;
  const plusOff = disabled || (value !== undefined && value >= c.maxScore);
  const stepBy = (delta: number) => {
    if (disabled) return;
    setDraft(undefined);
    onChange(clampScore((value ?? 0) + delta, c.maxScore, step));
  };
  return (
    <View className={`${p}-card ${p}-criterion`} data-testid={`criterion-${c.key}`}>
      <View className={`${p}-criterion__head`}>
        <Text className={`${p}-criterion__label`}>{c.label}</Text>
        <Text className={`${p}-criterion__max`}>满分 {fmtScore(c.maxScore)}</Text>
      </View>
      {c.description ? <Text className={`${p}-criterion__desc`}>{c.description}</Text> : null}
      <View className={`${p}-stepper`}>
        <View
          className={`${p}-stepper__btn${minusOff ? ` ${p}-stepper__btn--off` : ''}`}
          data-testid={`minus-${c.key}`}
          onClick={() => value !== undefined && stepBy(-step)}
        >
          −
        </View>
        <Input
          className={`${p}-stepper__input`}
          type='digit'
          placeholder={placeholder}
          disabled={disabled}
          value={draft ?? (value === undefined ? '' : fmtScore(value))}
          data-testid={`input-${c.key}`}
          onInput={(e) => {
            const text = String(e.detail.value ?? '').trim();
            const n = Number(text);
            setDraft(text);
            onChange(text === '' || !Number.isFinite(n) ? undefined : n);
          }}
          onBlur={() => setDraft(undefined)}
        />
        <View
          className={`${p}-stepper__btn${plusOff ? ` ${p}-stepper__btn--off` : ''}`}
          data-testid={`plus-${c.key}`}
          onClick={() => stepBy(step)}
        >
          +
        </View>
      </View>
      {error ? <Text className={`${p}-criterion__error`}>{error}</Text> : null}
    </View>
  );
}
