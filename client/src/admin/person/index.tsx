import { useCallback, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { formatCst, type Branch, type Invite, type PersonView, type RoleGrant } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { formatInviteCode, grantLabel } from '../shared/format';
import { fetchPerson, recallPerson } from '../shared/people';
import { isDeptAdmin, useMe } from '../shared/session';
import { confirmAction, toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

const INVITE_STATUS_LABELS: Record<Invite['status'], string> = { active: '有效', used: '已使用', revoked: '已作废', expired: '已过期' };

/** 人员详情：资料（手机号打码）、角色授予与撤销、绑定邀请码（生成、复制、转发、作废）与解绑 */
function PersonPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const unitId = params.unitId ?? '';
  const me = useMe();
  const [person, setPerson] = useState<PersonView | null>(() => recallPerson(id) ?? null);
  const [error, setError] = useState<string | null>(null);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const loadPerson = useCallback(async () => {
    setError(null);
    try {
      const p = await fetchPerson(unitId, id, params.no ?? '');
      setPerson(p);
      Taro.setNavigationBarTitle({ title: p.name });
    } catch (err) {
      setError(messageOf(err));
    }
  }, [unitId, id, params.no]);

  const loadInvites = useCallback(async () => {
    setInviteError(null);
    try {
      setInvites((await callFunction('invites', 'listForPerson', { personId: id })).items);
    } catch (err) {
      setInvites([]);
      setInviteError(messageOf(err));
    }
  }, [id]);

  const loadBranches = useCallback(async () => {
    try {
      setBranches((await callFunction('org', 'unitTree', { unitId })).branches);
    } catch {
      setBranches([]); // 只影响支部名称的显示
    }
  }, [unitId]);

  useDidShow(() => {
    loadPerson();
    loadInvites();
    loadBranches();
  });

  const active = invites?.find((i) => i.status === 'active') ?? null;

  useShareAppMessage(() => ({
    title: active ? `${active.personName}，请凭邀请码绑定“基层党建”身份` : '基层党建',
    path: active ? `/pages/bind/index?code=${active.code}` : '/pages/notices/index',
  }));

  /** 执行一个改动：期间按钮置灰，成功后提示并重新载入 */
  const run = async (key: string, action: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(key);
    try {
      await action();
      toast(done);
      await Promise.all([loadPerson(), loadInvites()]);
    } catch (err) {
      toast(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  if (error && !person) return <StateView kind='error' message={error} onRetry={loadPerson} />;
  if (!person) return <StateView kind='loading' />;

  const branchName = (bid: string) => branches.find((b) => b._id === bid)?.name;
  const activeBranches = branches.filter((b) => b.active);
  const dept = isDeptAdmin(me);
  const has = (g: RoleGrant) => person.roles.some((r) => r.role === g.role && (r.unitId ?? null) === (g.unitId ?? null) && (r.branchId ?? null) === (g.branchId ?? null));
  const memberGrant: RoleGrant = { role: 'member', unitId, ...(person.branchId ? { branchId: person.branchId } : {}) };
  const unitAdminGrant: RoleGrant = { role: 'unitAdmin', unitId };

  const grant = (g: RoleGrant) => run(`grant-${g.role}`, () => callFunction('org', 'grantRole', { personId: id, grant: g }), '已授予');
  const revoke = async (g: RoleGrant) => {
    const label = grantLabel(g, branchName);
    if (!(await confirmAction('撤销角色', `确定撤销 ${person.name} 的“${label}”角色吗？`, '撤销'))) return;
    await run(`revoke-${label}`, () => callFunction('org', 'revokeRole', { personId: id, grant: g }), '已撤销');
  };
  const createInvite = () => run('invite', () => callFunction('invites', 'create', { personId: id }), '邀请码已生成');
  const revokeInvite = async (code: string) => {
    if (!(await confirmAction('作废邀请码', `作废后，邀请码 ${formatInviteCode(code)} 将不能再用于绑定。`, '作废'))) return;
    await run('revoke-invite', () => callFunction('invites', 'revoke', { code }), '已作废');
  };
  const unbind = async () => {
    const ok = await confirmAction('解绑微信', `解绑后，${person.name} 原来的微信将不能再以此身份操作，需要重新发放邀请码绑定。确定解绑吗？`, '解绑');
    if (!ok) return;
    await run('unbind', () => callFunction('invites', 'unbind', { personId: id }), '已解绑');
  };
  const copy = (code: string) => Taro.setClipboardData({ data: code });

  const editUrl = `/admin/person-edit/index?unitId=${encodeURIComponent(unitId)}&id=${encodeURIComponent(id)}&no=${encodeURIComponent(person.personNo)}`;

  return (
    <View className='adm-page person-page'>
      {error ? <Text className='adm-banner adm-banner--error'>{error}</Text> : null}
      <View className='adm-header'>
        <View className='person-page__head'>
          <Text className='adm-header__title' data-testid='person-name'>
            {person.name}
          </Text>
          <Text className={`adm-tag ${person.bound ? 'adm-tag--green' : 'adm-tag--grey'}`} data-testid='person-bound'>
            {person.bound ? '已绑定' : '未绑定'}
          </Text>
          <Text className='adm-link person-page__edit' data-testid='edit-person' onClick={() => Taro.navigateTo({ url: editUrl })}>
            编辑
          </Text>
        </View>
        <View className='person-page__facts'>
          <View className='person-page__fact'>
            <Text className='person-page__key'>工号/学号</Text>
            <Text className='person-page__value'>{person.personNo}</Text>
          </View>
          <View className='person-page__fact'>
            <Text className='person-page__key'>支部</Text>
            <Text className='person-page__value'>{person.branchId ? (branchName(person.branchId) ?? '—') : '未分配支部'}</Text>
          </View>
          <View className='person-page__fact'>
            <Text className='person-page__key'>手机号</Text>
            <Text className='person-page__value'>{person.phoneMasked ?? '未填写'}</Text>
          </View>
        </View>
      </View>

      <Text className='adm-section-title'>角色</Text>
      <View className='adm-form' data-testid='roles'>
        {person.roles.length === 0 ? <Text className='person-page__empty'>暂无角色</Text> : null}
        {person.roles.map((r, i) => (
          <View key={`${r.role}-${r.branchId ?? ''}-${i}`} className='person-page__role'>
            <Text className='person-page__role-label'>{grantLabel(r, branchName)}</Text>
            <Text className='adm-link' onClick={() => revoke(r)}>
              撤销
            </Text>
          </View>
        ))}
        <View className='person-page__grants'>
          <Text className='person-page__grants-title'>授予</Text>
          {!has(memberGrant) ? (
            <View className='adm-btn adm-btn--ghost' onClick={() => grant(memberGrant)}>
              <Text>党员</Text>
            </View>
          ) : null}
          {activeBranches.length ? (
            <Picker
              mode='selector'
              range={activeBranches.map((b) => b.name)}
              value={Math.max(0, activeBranches.findIndex((b) => b._id === person.branchId))}
              onChange={(e) => {
                const b = activeBranches[Number(e.detail.value)];
                if (b) grant({ role: 'branchEditor', unitId, branchId: b._id });
              }}
            >
              <View className='adm-btn adm-btn--ghost'>
                <Text>支部书记/支委…</Text>
              </View>
            </Picker>
          ) : null}
          {dept && !has(unitAdminGrant) ? (
            <View className='adm-btn adm-btn--ghost' onClick={() => grant(unitAdminGrant)}>
              <Text>分党委管理员</Text>
            </View>
          ) : null}
        </View>
      </View>

      <Text className='adm-section-title'>微信绑定</Text>
      <View className='adm-form person-page__binding' data-testid='binding'>
        {person.bound ? (
          <View className='person-page__bound'>
            <View>
              <Text className='person-page__bound-title'>已绑定微信</Text>
              <Text className='person-page__bound-text'>如需换绑，先解绑，再发放新的邀请码。</Text>
            </View>
            <View className={`adm-btn adm-btn--plain${busy === 'unbind' ? ' adm-btn--disabled' : ''}`} data-testid='unbind' onClick={unbind}>
              <Text>解绑微信</Text>
            </View>
          </View>
        ) : active ? (
          <View className='person-page__invite' data-testid='invite'>
            <Text className='person-page__invite-label'>绑定邀请码</Text>
            <Text className='person-page__code' data-testid='invite-code' userSelect>
              {formatInviteCode(active.code)}
            </Text>
            <Text className='person-page__expiry'>{formatCst(active.expiresAt)} 前有效（北京时间），仅可使用一次</Text>
            <View className='person-page__invite-actions'>
              <View className='adm-btn' data-testid='copy-invite' onClick={() => copy(active.code)}>
                <Text>复制</Text>
              </View>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='adm-btn person-page__share' openType='share'>
                  发给微信好友
                </Button>
              ) : null}
              <View className='adm-btn adm-btn--plain' data-testid='revoke-invite' onClick={() => revokeInvite(active.code)}>
                <Text>作废</Text>
              </View>
            </View>
            <Text className='person-page__hint'>
              {process.env.TARO_ENV === 'weapp' ? '转发给本人，点开即可绑定；' : '把邀请码发给本人，'}在小程序“我的 → 输入邀请码绑定”中填写。重新生成会作废这一张。
            </Text>
            <Text className='adm-link person-page__regen' onClick={createInvite}>
              重新生成
            </Text>
          </View>
        ) : (
          <View className='person-page__invite'>
            <Text className='person-page__bound-text'>尚未绑定微信。生成一次性邀请码（72 小时内有效）发给本人，本人在小程序中输入后即完成绑定。</Text>
            {inviteError ? <Text className='adm-banner adm-banner--error person-page__invite-error'>{inviteError}</Text> : null}
            <View className={`adm-btn adm-btn--block person-page__generate${busy === 'invite' ? ' adm-btn--disabled' : ''}`} data-testid='create-invite' onClick={createInvite}>
              <Text>{busy === 'invite' ? '正在生成…' : '生成邀请码'}</Text>
            </View>
            {invites && invites.length ? (
              <Text className='person-page__hint'>
                最近一张：{formatInviteCode(invites[0].code)}（{INVITE_STATUS_LABELS[invites[0].status]}）
              </Text>
            ) : null}
          </View>
        )}
      </View>
    </View>
  );
}

export default withSystemFont(PersonPage);
