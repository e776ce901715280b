import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role, RoleGrant } from '@contract/index';
import { workbenchLinks } from '@/services/workbench-links';

/** 当前身份的工作台入口（分党委、组织部）：放在管理入口之上，日常处理材料从这里开始 */
export default function Workbenches({ active, grants }: { active: Role | null; grants: RoleGrant[] }) {
  const links = workbenchLinks(active, grants);
  if (!links.length) return null;
  return (
    <View className='me-page__section' data-testid='workbenches'>
      <Text className='me-page__section-title'>工作台</Text>
      {links.map((l) => (
        <View key={l.key} className='me-page__entry' data-testid={`workbench-${l.key}`} onClick={() => Taro.navigateTo({ url: l.url })}>
          <View className='me-page__entry-body'>
            <Text className='me-page__entry-title'>{l.title}</Text>
            <Text className='me-page__entry-desc'>{l.description}</Text>
          </View>
          <Text className='me-page__chevron'>›</Text>
        </View>
      ))}
    </View>
  );
}
