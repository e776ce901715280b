import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { usePullDownRefresh, useDidShow } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Me, type Role, type RoleGrant } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { LOCAL_PAGES, openLocalPage } from '@/services/local-pages';
import { entriesFor, getActiveRole, setActiveRole, switchableRoles } from '@/services/role';
import { withSystemFont } from '@/components/SystemFont';
import MyEntries, { type EntryScope } from './MyEntries';
import Subscriptions from './Subscriptions';
import Tasks from './Tasks';
import DefenceEntry from './Defence';
import ReviewEntry from './Reviews';
import Workbenches from './Workbenches';
import './index.scss';

/** 同一角色可有多个授权范围（如多次评选的评委）：标签只列一次 */
function distinctRoles(grants: { role: Role }[]): Role[] {
  return [...new Set(grants.map((g) => g.role))];
}

/** 有待办的身份：申报方、分党委、组织部（党员、评委没有申报材料的待办） */
const TASK_ROLES: readonly Role[] = ['branchEditor', 'unitAdmin', 'deptAdmin'];

/** 当前身份的“我的申报”范围：支部书记看本支部，分党委管理员看本单位；其他身份没有 */
function entryScopes(active: Role | null, grants: RoleGrant[]): { scope: EntryScope; subtitle: string }[] {
  if (active === 'branchEditor') {
    const ids = [...new Set(grants.filter((g) => g.role === 'branchEditor' && g.branchId).map((g) => g.branchId as string))];
    return ids.map((branchId, i) => ({ scope: { branchId }, subtitle: ids.length > 1 ? `第 ${i + 1} 个支部的申报材料` : '本支部的申报材料，最近更新的在前' }));
  }
  if (active === 'unitAdmin') {
    const ids = [...new Set(grants.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId as string))];
    return ids.map((unitId, i) => ({ scope: { unitId }, subtitle: ids.length > 1 ? `第 ${i + 1} 个单位的申报材料` : '本单位及所属支部的申报材料，最近更新的在前' }));
  }
  return [];
}

/**
 * 我的：身份、所属单位与支部、角色；一人多角色时切换当前身份（本机记住），并列出该身份的管理入口；
 * 我的待办（有期限的标明剩余时间）、我的申报（当前身份的支部或单位）、订阅消息设置；
 * 未绑定时引导输入邀请码；本地演示模式下可切换演示身份、查看消息发件箱
 */
function MePage() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<Role | null>(null);
  // 每读一次身份加一：待办、申报、订阅各栏随之重读（回到本页、下拉刷新）
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(async () => {
    setError(null);
    try {
      const res = await callFunction('session', 'whoami', {});
      setMe(res);
      setActive(getActiveRole(res.person?.roles ?? []));
      setReloadKey((k) => k + 1);
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
  const scopes = entryScopes(active, grants);
  const hasTasks = grants.some((g) => TASK_ROLES.includes(g.role));
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
      {hasTasks ? <Tasks reloadKey={reloadKey} activeRole={active} /> : null}
      <ReviewEntry role={active} reloadKey={reloadKey} />
      <DefenceEntry role={active} reloadKey={reloadKey} />
      <Workbenches active={active} grants={grants} />
      {scopes.map((s) => (
        <MyEntries key={JSON.stringify(s.scope)} scope={s.scope} subtitle={s.subtitle} reloadKey={reloadKey} />
      ))}
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
      {me.bound && me.person ? <Subscriptions reloadKey={reloadKey} /> : null}
    </View>
  );
}

export default withSystemFont(MePage);
