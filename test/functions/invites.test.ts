import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { MAX_FAILED_ATTEMPTS_PER_HOUR } from '../../cloudfunctions/invites/invites.handler';
import type { Reply } from '../../types';
import { ACTOR_OPENID, INVITE_OWN, orgFixture } from '../support/org-fixture';

const UNIT = ACTOR_OPENID.unitAdmin;
const DEPT = ACTOR_OPENID.deptAdmin;
const failOf = (r: Reply<unknown>) => (r.ok ? null : { code: r.code, message: r.message });

describe('invites: binding a WeChat identity to a person', () => {
  let cloud: LocalCloud;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-21T01:00:00Z');
    cloud = await orgFixture();
    (cloud.clock as { now: () => Date }).now = () => now;
  });
  afterEach(() => cloud.close());

  const call = (fn: string, event: object, openid: string) => cloud.call(fn, event, openid);

  it('a unit admin issues a code; a newcomer redeems it and is that person from then on', async () => {
    const created = await call('invites', { action: 'create', personId: 'n-own', validHours: 48 }, UNIT);
    expect(created).toMatchObject({ ok: true, data: { personId: 'n-own', status: 'active', expiresAt: '2026-11-23T09:00:00+08:00' } });
    const code = (created as { data: { code: string; path: string } }).data.code;
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect((created as { data: { path: string } }).data.path).toBe(`pages/bind/index?code=${code}`);
    // 旧码随新码作废：任何时刻只有一张有效
    expect(failOf(await call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-new'))?.code).toBe('NOT_FOUND');
    expect(await call('invites', { action: 'redeem', code: code.toLowerCase() }, 'o-new')).toEqual({ ok: true, data: { personId: 'n-own', name: '本单位新党员' } });
    expect(await call('session', { action: 'whoami' }, 'o-new')).toMatchObject({ ok: true, data: { bound: true, person: { _id: 'n-own' } } });
    // 一次性
    expect(failOf(await call('invites', { action: 'redeem', code }, 'o-other'))).toEqual({ code: 'CONFLICT', message: '该邀请码已被使用' });
    const audit = await cloud.database.dump('audit');
    expect(audit.map((a) => a.action).sort()).toEqual(['invites.create', 'invites.redeem']);
  });

  it('expired codes are refused with their own message', async () => {
    now = new Date(now.getTime() + 73 * 3600_000);
    expect(failOf(await call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-new'))).toEqual({
      code: 'DEADLINE_PASSED',
      message: '邀请码已过期，请联系管理员重新发放',
    });
  });

  it('a bound WeChat cannot bind again, and a bound person cannot be taken over without an admin unbinding', async () => {
    expect(failOf(await call('invites', { action: 'redeem', code: INVITE_OWN }, ACTOR_OPENID.member))?.message).toMatch(/已绑定到“党员甲”/);
    // 两个微信同时兑换同一个人的两张码（管理员手快发了两次）：唯一索引保证只绑定一个
    await cloud.database.db.collection('invites').doc('ZZZZZZZZ').set({
      data: { personId: 'n-own', personName: '本单位新党员', unitId: 'u-own', createdBy: null, createdAt: now, expiresAt: new Date(now.getTime() + 3600_000), usedAt: null, usedBy: null, revokedAt: null },
    });
    const [a, b] = await Promise.all([
      call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-phone-a'),
      call('invites', { action: 'redeem', code: 'ZZZZZZZZ' }, 'o-phone-b'),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(failOf(a.ok ? b : a)?.message).toBe('该人员已绑定其他微信，需管理员解绑后重新发放邀请码');
    expect((await cloud.database.dump('bindings')).filter((x) => x.personId === 'n-own')).toHaveLength(1);
  });

  it('rate-limits guessing: after the limit even a valid code waits an hour', async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS_PER_HOUR; i++) {
      expect(failOf(await call('invites', { action: 'redeem', code: 'QQQQQQQQ' }, 'o-guesser'))?.code).toBe('NOT_FOUND');
    }
    expect(failOf(await call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-guesser'))?.code).toBe('RATE_LIMITED');
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-guesser')).ok).toBe(true);
  });

  it('unbinding is an admin action; afterwards the old WeChat is nobody and a new code can be issued', async () => {
    expect(failOf(await call('invites', { action: 'create', personId: 't-own' }, UNIT))?.code).toBe('CONFLICT');
    expect(await call('invites', { action: 'unbind', personId: 't-own' }, UNIT)).toEqual({ ok: true, data: { personId: 't-own' } });
    expect(await call('session', { action: 'whoami' }, 'o-t-own')).toMatchObject({ ok: true, data: { bound: false } });
    expect((await call('invites', { action: 'create', personId: 't-own' }, UNIT)).ok).toBe(true);
  });

  it('unit admins cannot issue codes for admins or judges; the department can', async () => {
    expect(failOf(await call('invites', { action: 'create', personId: 'a-judge' }, UNIT))?.code).toBe('FORBIDDEN');
    expect(failOf(await call('invites', { action: 'unbind', personId: 'a-unit-admin' }, UNIT))?.code).toBe('FORBIDDEN');
    expect(failOf(await call('invites', { action: 'unbind', personId: 'a-judge' }, DEPT))).toBeNull();
  });

  it('revokes a code; a revoked code reads as invalid', async () => {
    expect(await call('invites', { action: 'revoke', code: INVITE_OWN }, UNIT)).toEqual({ ok: true, data: { code: INVITE_OWN } });
    expect(failOf(await call('invites', { action: 'redeem', code: INVITE_OWN }, 'o-new'))?.code).toBe('NOT_FOUND');
    const list = await call('invites', { action: 'listForPerson', personId: 'n-own' }, UNIT);
    expect(list).toMatchObject({ ok: true, data: { items: [{ code: INVITE_OWN, status: 'revoked' }] } });
  });
});
