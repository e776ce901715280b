import { Button, Text, View } from '@tarojs/components';
import './index.scss';

export interface StateViewProps {
  /** 状态：加载中、空、出错 */
  kind: 'loading' | 'empty' | 'error';
  /** 展示给用户的说明 */
  message?: string;
  /** 出错时的“重试”回调 */
  onRetry?: () => void;
}

const DEFAULT_MESSAGES = { loading: '正在加载…', empty: '暂无内容', error: '加载失败' };

/** 加载、空、出错三种状态的统一展示：页面从不留白屏 */
export default function StateView({ kind, message, onRetry }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`} data-testid={`state-${kind}`}>
      {kind === 'loading' ? (
        <View className='state-view__skeleton'>
          {[0, 1, 2].map((i) => (
            <View key={i} className='state-view__skeleton-card'>
              <View className='state-view__bar state-view__bar--title' />
              <View className='state-view__bar' />
              <View className='state-view__bar state-view__bar--short' />
            </View>
          ))}
        </View>
      ) : (
        <Text className='state-view__message'>{message ?? DEFAULT_MESSAGES[kind]}</Text>
      )}
      {kind === 'error' && onRetry ? (
        <Button className='state-view__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
