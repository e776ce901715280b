import { Image, Text, View } from '@tarojs/components';
import { CAMPAIGN_KIND_LABELS, type CaseSummary } from '@contract/index';
import './index.scss';

export interface CaseCardProps {
  /** 案例摘要 */
  item: CaseSummary;
  /** 点击卡片，参数为案例 _id */
  onOpen: (id: string) => void;
  /** 封面加载失败（临时链接过期等），参数为案例 _id */
  onCoverError?: (id: string) => void;
}

/** 案例库里的一张卡片：封面照片（有照片时）、等级、年度与评选类型、标题、单位与申报主体、两行简介 */
export default function CaseCard({ item, onOpen, onCoverError }: CaseCardProps) {
  return (
    <View className='case-card' data-testid='case-card' data-id={item._id} onClick={() => onOpen(item._id)}>
      {item.coverUrl ? (
        <View className='case-card__cover'>
          <Image className='case-card__image' src={item.coverUrl} mode='aspectFill' lazyLoad data-testid='case-cover' onError={() => onCoverError?.(item._id)} />
          {item.photoCount > 1 ? <Text className='case-card__count'>{item.photoCount} 张照片</Text> : null}
        </View>
      ) : null}
      <View className='case-card__body'>
        <View className='case-card__tags'>
          <Text className='case-card__level' data-testid='case-level'>
            {item.levelLabel}
          </Text>
          <Text className='case-card__year' data-testid='case-year'>
            {/* 等级名里已有评选类型（“基层党建工作创新奖”）时不再重复 */}
            {item.levelLabel.includes(CAMPAIGN_KIND_LABELS[item.kind]) ? `${item.year} 年度` : `${item.year} 年度 · ${CAMPAIGN_KIND_LABELS[item.kind]}`}
          </Text>
        </View>
        <Text className='case-card__title'>{item.title}</Text>
        <View className='case-card__who'>
          <Text className='case-card__entrant'>{item.entrantName}</Text>
          <Text className='case-card__unit'>{item.unitName}</Text>
        </View>
        {item.summary ? <Text className='case-card__summary'>{item.summary}</Text> : null}
      </View>
    </View>
  );
}
