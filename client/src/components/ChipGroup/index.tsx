import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ChipOption<V extends string> {
  /** 选项的值 */
  value: V;
  /** 显示的文字 */
  label: string;
}

export interface ChipGroupProps<V extends string> {
  /** 可选项 */
  options: ChipOption<V>[];
  /** 当前选中的值 */
  value: V | null;
  /** 选中另一项时 */
  onChange: (value: V) => void;
  /** 测试与无障碍用的标识 */
  testId?: string;
}

/** 分段选择：一排圆角“小标签”，选中项高亮；用于角色切换、支部类型、样板级别等少量选项 */
export default function ChipGroup<V extends string>({ options, value, onChange, testId }: ChipGroupProps<V>) {
  return (
    <View className='chip-group' data-testid={testId}>
      {options.map((o) => {
        const selected = o.value === value;
        return (
          <View
            key={o.value}
            className={`chip-group__chip${selected ? ' chip-group__chip--selected' : ''}`}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            data-selected={selected ? 'true' : 'false'}
            onClick={() => {
              if (!selected) onChange(o.value);
            }}
          >
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
