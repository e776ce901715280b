import { Text, View } from '@tarojs/components';
import { saveStateText, type SaveState } from './autosave';

/** 自动保存的状态行（吸顶）：已保存 HH:mm / 保存中… / 未保存（网络问题），将自动重试 + 重试 */
export default function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const failed = state.kind === 'failed';
  return (
    <View className={`entry-save entry-save--${state.kind}`} data-testid='save-status' data-state={state.kind}>
      <Text className='entry-save__text' data-testid='save-status-text'>
        {saveStateText(state)}
      </Text>
      {failed ? (
        <Text className='entry-save__retry' data-testid='save-retry' onClick={onRetry}>
          重试
        </Text>
      ) : null}
    </View>
  );
}
