import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, type Me } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import './index.scss';

/** 本地模式页面（只在 H5 本地运行时存在） */
function goLocal(path: string) {
  if (process.env.TARO_ENV === 'h5') window.location.href = path;
}

/** 我的：身份、所属单位与支部、角色；本地模式下可切换演示身份、查看消息发件箱 */
export default function MePage() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setMe(await callFunction('session', 'whoami', {}));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);

  useDidShow(() => {
    load();
  });

  if (error) return <StateView kind='error' message={error} onRetry={load} />;
  if (!me) return <StateView kind='loading' />;

  return (
    <View className='me-page'>
      {me.localMode ? (
        <View className='me-page__local' data-testid='local-banner'>
          <Text className='me-page__local-title'>本地演示模式</Text>
          <Text className='me-page__local-text'>身份来自本地登录页，不是微信登录。</Text>
          <View className='me-page__local-actions'>
            <View className='me-page__local-button' onClick={() => goLocal('/local/signin')}>
              切换演示身份
            </View>
            <View className='me-page__local-button' onClick={() => goLocal('/local/outbox')}>
              消息发件箱
            </View>
          </View>
        </View>
      ) : null}
      {me.person ? (
        <View className='me-page__card'>
          <Text className='me-page__name'>{me.person.name}</Text>
          {me.person.unitName ? <Text className='me-page__line'>{me.person.unitName}</Text> : null}
          {me.person.branchName ? <Text className='me-page__line'>{me.person.branchName}</Text> : null}
          <View className='me-page__roles'>
            {me.person.roles.map((r, i) => (
              <Text key={`${r.role}-${i}`} className='me-page__role'>
                {ROLE_LABELS[r.role]}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <View className='me-page__card'>
          <Text className='me-page__name'>尚未绑定身份</Text>
          <Text className='me-page__line'>浏览通知无需绑定。提交材料、审核推荐等操作需要先绑定身份：请联系本单位管理员获取邀请码。</Text>
        </View>
      )}
    </View>
  );
}
