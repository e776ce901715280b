import { invitesContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { anyone, roles } from '../_lib/guard';
import { createInvite, listInvites, redeemInvite, revokeInvite, unbind } from './invites.handler';

const ADMINS = ['deptAdmin', 'unitAdmin'] as const;

/**
 * 邀请码与绑定：组织部为分党委管理员、评委发码；分党委管理员为本单位的支部书记、支委与党员发码
 * （bindingOf 落点据被邀请人的角色判断）。兑换不需要已绑定——兑换正是为了绑定。
 */
export const invitesFunction = defineFunction(invitesContract, {
  create: { guard: roles(ADMINS, (i) => [{ bindingOf: i.personId }]), handler: createInvite },
  listForPerson: { guard: roles(ADMINS, (i) => [{ bindingOf: i.personId }]), handler: listInvites },
  revoke: { guard: roles(ADMINS, (i) => [{ inviteCode: i.code }]), handler: revokeInvite },
  redeem: { guard: anyone, handler: redeemInvite },
  unbind: { guard: roles(ADMINS, (i) => [{ bindingOf: i.personId }]), handler: unbind },
});
