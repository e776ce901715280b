import { Text } from '@tarojs/components';

export interface SaveErrorProps {
  /** 保存失败的中文说明；为空时不显示 */
  error: string | null;
  /** 因他人修改（CONFLICT）已重新载入最新内容 */
  reloaded: boolean;
}

/** 编辑页顶部的保存失败提示：过期编辑被拒后告诉用户已载入最新内容 */
export default function SaveError({ error, reloaded }: SaveErrorProps) {
  if (!error) return null;
  return (
    <Text className='adm-banner adm-banner--error' data-testid='save-error'>
      {error}
      {reloaded ? '。已载入最新内容，请核对后重新保存。' : ''}
    </Text>
  );
}
