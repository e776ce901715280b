import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { usePullDownRefresh, useDidShow } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Me, type Role } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { LOCAL_PAGES, openLocalPage } from '@/services/local-pages';
import { entriesFor, getActiveRole, setActiveRole, switchableRoles } from '@/services/role';
import './index.scss';

/** 同一角色可有多个授权范围（如多次评选的评委）：标签只列一次 */
function distinctRoles(grants: { role: Role }[]): Role[] {
  return [...new Set(grants.map((g) => g.role))];
}

/**
 * 我的：身份、所属单位与支部、角色；一人多角色时切换当前身份（本机记住），并列出该身份的管理入口；
 * 未绑定时引导输入邀请码；本地演示模式下可切换演示身份、查看消息发件箱
 */
export default function MePage() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<Role | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const res = await callFunction('session', 'whoami', {});
      setMe(res);
      setActive(getActiveRole(res.person?.roles ?? []));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);

  // 每次回到本页都重新读：绑定或角色可能刚在别处改过
  useDidShow(() => {
    load();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  if (error) return <StateView kind='error' message={error} onRetry={load} />;
  if (!me) return <StateView kind='loading' />;

  const grants = me.bound && me.person ? me.person.roles : [];
  const roles = switchableRoles(grants);
  const entries = entriesFor(active, grants);
  const switchTo = (role: Role) => {
    setActiveRole(role);
    setActive(role);
  };

  return (
    <View className='me-page'>
      {me.localMode ? (
        <View className='me-page__local' data-testid='local-banner'>
          <Text className='me-page__local-title'>本地演示模式</Text>
          <Text className='me-page__local-text'>这里不是微信环境：身份来自本地登录页，消息不会真正发出。</Text>
          <View className='me-page__local-actions'>
            <View className='me-page__local-button' onClick={() => openLocalPage(LOCAL_PAGES.signin)}>
              切换演示身份
            </View>
            <View className='me-page__local-button me-page__local-button--plain' onClick={() => openLocalPage(LOCAL_PAGES.outbox)}>
              消息发件箱
            </View>
          </View>
        </View>
      ) : null}
      {me.bound && me.person ? (
        <View className='me-page__card' data-testid='person-card'>
          <Text className='me-page__name'>{me.person.name}</Text>
          {me.person.unitName ? <Text className='me-page__line'>{me.person.unitName}</Text> : null}
          {me.person.branchName ? <Text className='me-page__line'>{me.person.branchName}</Text> : null}
          <View className='me-page__roles'>
            {distinctRoles(me.person.roles).map((role) => (
              <Text key={role} className='me-page__role' data-testid='role-chip'>
                {ROLE_LABELS[role]}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <View className='me-page__card' data-testid='unbound-card'>
          <Text className='me-page__name'>尚未绑定身份</Text>
          <Text className='me-page__line'>浏览通知无需绑定。撰写和提交材料、审核推荐、评审打分需要先绑定身份。</Text>
          <Text className='me-page__hint'>请联系本单位管理员获取邀请码</Text>
          <Button className='me-page__bind' data-testid='go-bind' onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>
            输入邀请码绑定
          </Button>
        </View>
      )}
      {roles.length > 1 && active ? (
        <View className='me-page__section'>
          <Text className='me-page__section-title'>当前身份</Text>
          <View className='me-page__switch'>
            <ChipGroup testId='role-switch' value={active} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} onChange={switchTo} />
          </View>
        </View>
      ) : null}
      {active && entries.length ? (
        <View className='me-page__section' data-testid='entries'>
          <Text className='me-page__section-title'>{ROLE_LABELS[active]}工作台</Text>
          {entries.map((e) => (
            <View key={e.key} className='me-page__entry' data-testid={`entry-${e.key}`} onClick={() => Taro.navigateTo({ url: e.url })}>
              <View className='me-page__entry-body'>
                <Text className='me-page__entry-title'>{e.title}</Text>
                <Text className='me-page__entry-desc'>{e.description}</Text>
              </View>
              <Text className='me-page__chevron'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
