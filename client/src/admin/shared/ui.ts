import Taro from '@tarojs/taro';
import { CloudError } from '@/services/cloud';

/** 确认对话框：撤销、解绑等不可轻易撤回的操作前先问一句 */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
  return !!res.confirm;
}

export function toast(title: string): void {
  Taro.showToast({ title, icon: 'none', duration: 2500 });
}

/** 乐观并发冲突：别人先保存了同一条记录 */
export function isConflict(err: unknown): boolean {
  return err instanceof CloudError && err.code === 'CONFLICT';
}

/** 卡片里的小按钮：点它不再触发整张卡片的点击 */
export function stopThen(fn: () => unknown) {
  return (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    fn();
  };
}
