import { Text, View } from '@tarojs/components';
import { describeDeadline } from './deadline';
import './index.scss';

export interface DeadlineProps {
  /** 截止时刻（带偏移的 ISO 字符串） */
  deadline: string;
  /** 前缀，如“补正期限” */
  label?: string;
  /** 现在（测试用；默认取本机时钟） */
  now?: Date | number;
  testId?: string;
}

/** 截止时间：北京时间 + 剩余时间；不足 24 小时或已逾期时标红 */
export default function Deadline({ deadline, label = '截止', now, testId = 'deadline' }: DeadlineProps) {
  const d = describeDeadline(deadline, now);
  return (
    <View className={`deadline${d.urgent ? ' deadline--urgent' : ''}`} data-testid={testId} data-urgent={d.urgent ? 'true' : 'false'}>
      <Text className='deadline__at'>
        {label} {d.at}（北京时间）
      </Text>
      <Text className='deadline__left' data-testid={`${testId}-left`}>
        {d.remaining}
      </Text>
    </View>
  );
}

export { describeDeadline } from './deadline';
