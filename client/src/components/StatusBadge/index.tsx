import { Text } from '@tarojs/components';
import { ENTRY_STATUS_LABELS, type EntryStatus } from '@contract/index';
import { entryStatusTone } from '@/services/campaigns';
import './index.scss';

/** 申报状态标签：文字取自 ENTRY_STATUS_LABELS，颜色按 entryStatusTone（待申报方处理的金色、出局的灰色、推进中的蓝色、有结果的绿色） */
export default function StatusBadge({ status, testId = 'status-badge' }: { status: EntryStatus; testId?: string }) {
  return (
    <Text className={`status-badge status-badge--${entryStatusTone(status)}`} data-testid={testId} data-status={status}>
      {ENTRY_STATUS_LABELS[status]}
    </Text>
  );
}
