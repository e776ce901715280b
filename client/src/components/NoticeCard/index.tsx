import { Text, View } from '@tarojs/components';
import { CAMPAIGN_KIND_LABELS, type NoticeSummary } from '@contract/index';
import './index.scss';

export interface NoticeCardProps {
  /** 通知摘要 */
  notice: NoticeSummary;
  /** 点击卡片 */
  onOpen: (id: string) => void;
}

/** 通知列表中的一张卡片：类型标签、标题、文号与日期、两行摘要 */
export default function NoticeCard({ notice, onOpen }: NoticeCardProps) {
  return (
    <View className='notice-card' data-testid='notice-card' onClick={() => onOpen(notice._id)}>
      {notice.kind ? <Text className='notice-card__kind'>{CAMPAIGN_KIND_LABELS[notice.kind]}</Text> : null}
      <Text className='notice-card__title'>{notice.title}</Text>
      <View className='notice-card__meta'>
        {notice.docNumber ? <Text className='notice-card__doc'>{notice.docNumber}</Text> : null}
        <Text>{notice.issuedOn}</Text>
      </View>
      <Text className='notice-card__summary'>{notice.summary}</Text>
    </View>
  );
}
