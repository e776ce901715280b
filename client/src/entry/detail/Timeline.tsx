import { Text, View } from '@tarojs/components';
import { formatCst, type Entry } from '@contract/index';
import { historyLabel } from '@/services/campaigns';

/** 状态时间线：每次状态变化的北京时间、操作人与说明，按时间先后 */
export default function Timeline({ history }: { history: Entry['history'] }) {
  const items = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (!items.length) return <Text className='adm-form__hint'>还没有记录</Text>;
  return (
    <View className='entry-timeline' data-testid='timeline'>
      {items.map((h, i) => (
        <View key={`${h.at}-${i}`} className={`entry-timeline__item${i === items.length - 1 ? ' entry-timeline__item--last' : ''}`} data-testid='timeline-item'>
          <View className='entry-timeline__dot' />
          <View className='entry-timeline__body'>
            <Text className='entry-timeline__what'>{historyLabel(h)}</Text>
            <Text className='entry-timeline__meta' data-testid='timeline-meta'>
              {formatCst(h.at)} · {h.actorName ?? '系统'}
            </Text>
            {h.note ? <Text className='entry-timeline__note'>{h.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

