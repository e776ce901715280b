import { Button, Text, View } from '@tarojs/components';
import './index.scss';

export interface InlineStateProps {
  /** 状态：加载中、空、出错 */
  kind: 'loading' | 'empty' | 'error';
  /** 展示给用户的说明 */
  message?: string;
  /** 出错时的“重试”回调 */
  onRetry?: () => void;
  /** 测试标识的前缀：渲染为 `${testId}-loading` 等 */
  testId?: string;
}

const DEFAULT_MESSAGES = { loading: '正在加载…', empty: '暂无内容', error: '加载失败' };

/**
 * 页面里某一栏的加载、空、出错状态（整页的用 StateView）：一行说明，出错时带“重试”。
 * 不设固定高度，系统字体调大时随文字换行撑开。
 */
export default function InlineState({ kind, message, onRetry, testId }: InlineStateProps) {
  return (
    <View className={`inline-state inline-state--${kind}`} data-testid={testId ? `${testId}-${kind}` : `inline-${kind}`} aria-live='polite'>
      <Text className='inline-state__message'>{message ?? DEFAULT_MESSAGES[kind]}</Text>
      {kind === 'error' && onRetry ? (
        <Button className='inline-state__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
