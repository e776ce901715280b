import { Text, View } from '@tarojs/components';
import { CAMPAIGN_KIND_LABELS, type NoticeSummary } from '@contract/index';
import './index.scss';

export interface NoticeCardProps {
  /** 通知摘要 */
  notice: NoticeSummary;
  /** 点击卡片，参数为通知 _id */
  onOpen: (id: string) => void;
}

/** 通知列表中的一张卡片：类型标签、标题、文号·发文单位·日期、两行摘要 */
export default function NoticeCard({ notice, onOpen }: NoticeCardProps) {
  return (
    <View className='notice-card' data-testid='notice-card' onClick={() => onOpen(notice._id)}>
      {notice.kind ? <Text className='notice-card__kind'>{CAMPAIGN_KIND_LABELS[notice.kind]}</Text> : null}
      <Text className='notice-card__title'>{notice.title}</Text>
      <View className='notice-card__meta'>
        {/* E 类通知没有文号：不显示空位 */}
        {notice.docNumber ? <Text className='notice-card__meta-item notice-card__doc'>{notice.docNumber}</Text> : null}
        <Text className='notice-card__meta-item'>{notice.issuer}</Text>
        <Text className='notice-card__meta-item'>{notice.issuedOn}</Text>
      </View>
      {notice.summary ? <Text className='notice-card__summary'>{notice.summary}</Text> : null}
    </View>
  );
}
