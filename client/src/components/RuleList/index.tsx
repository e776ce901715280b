import { Text, View } from '@tarojs/components';
import type { RuleResult } from '@contract/index';
import './index.scss';

export interface RuleListProps {
  /** 规则检查结果（资格、名额、内容清单） */
  results: RuleResult[];
  /** 没有任何检查项时的说明；不给则不显示 */
  emptyText?: string;
  testId?: string;
}

type RuleState = 'ok' | 'blocked' | 'warn' | 'info';

/** 一项结果的状态：满足 ✓；未满足且阻止操作 ✗；未满足但只提醒 ! */
export function ruleState(r: RuleResult): RuleState {
  if (r.ok) return 'ok';
  if (r.severity === 'block') return 'blocked';
  return r.severity === 'warn' ? 'warn' : 'info';
}

const ICONS: Record<RuleState, string> = { ok: '✓', blocked: '✗', warn: '!', info: '·' };

/** 规则检查清单：每项一行，出处规则编号（如 A3）作徽标，✓/✗/! 标明是否满足；未满足的阻止项在前 */
export default function RuleList({ results, emptyText, testId = 'rule-list' }: RuleListProps) {
  if (!results.length) return emptyText ? <Text className='rule-list__empty'>{emptyText}</Text> : null;
  const rank = (r: RuleResult) => ({ blocked: 0, warn: 1, info: 2, ok: 3 })[ruleState(r)];
  const sorted = results.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
  return (
    <View className='rule-list' data-testid={testId}>
      {sorted.map(({ r, i }) => {
        const state = ruleState(r);
        return (
          <View key={i} className={`rule-list__row rule-list__row--${state}`} data-testid='rule-row' data-state={state} data-rule={r.rule}>
            <Text className='rule-list__icon'>{ICONS[state]}</Text>
            <View className='rule-list__body'>
              {r.rule ? <Text className='rule-list__badge' data-testid='rule-badge'>{r.rule}</Text> : null}
              <Text className='rule-list__message'>{r.message}</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
