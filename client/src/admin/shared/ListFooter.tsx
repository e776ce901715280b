import { Text, View } from '@tarojs/components';

interface ListFooterProps {
  /** 正在加载下一页 */
  loadingMore: boolean;
  /** 还有下一页（有游标） */
  hasMore: boolean;
  onLoadMore: () => void;
}

/** 管理端分页列表的页脚：正在加载… / 加载更多 / 没有更多了 */
export default function ListFooter({ loadingMore, hasMore, onLoadMore }: ListFooterProps) {
  return (
    <View className='adm-footer'>
      {loadingMore ? (
        <Text>正在加载…</Text>
      ) : hasMore ? (
        <Text className='adm-footer__more' data-testid='load-more' onClick={onLoadMore}>
          加载更多
        </Text>
      ) : (
        <Text>没有更多了</Text>
      )}
    </View>
  );
}
