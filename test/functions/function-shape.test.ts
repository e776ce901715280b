import { z } from 'zod';
import { action, defineContract } from '../../types';
import { AppError } from '../../cloudfunctions/_lib/app-error';
import { defineFunction } from '../../cloudfunctions/_lib/define';
import { anyone, boundOnly, roles } from '../../cloudfunctions/_lib/guard';
import { seededCloud, type SeededCloud } from '../support/local-cloud';
import type { FunctionContext } from '../../cloudfunctions/_lib/context';

/** 每个云函数共用的外形：校验、身份、守卫、统一回复（issue 2 第 2 条） */
const probeContract = defineContract('probe', {
  echo: action(z.object({ text: z.string().max(5) }), z.object({ text: z.string(), openid: z.string() })),
  boom: action(z.object({}), z.object({})),
  refuse: action(z.object({}), z.object({})),
  lies: action(z.object({}), z.object({ n: z.number() })),
  members: action(z.object({}), z.object({})),
  admins: action(z.object({}), z.object({})),
});
const probe = defineFunction(probeContract, {
  echo: { guard: anyone, handler: async ({ input, actor }) => ({ text: input.text, openid: actor.openid }) },
  boom: {
    guard: anyone,
    handler: async () => {
      throw new Error('secret stack detail');
    },
  },
  refuse: {
    guard: anyone,
    handler: async () => {
      throw new AppError('QUOTA_EXCEEDED', '本单位推荐名额已满（A3：每个分党委限报 1 项）');
    },
  },
  lies: { guard: anyone, handler: async () => ({ n: 'not a number' }) as unknown as { n: number } },
  members: { guard: boundOnly, handler: async () => ({}) },
  admins: { guard: roles(['deptAdmin']), handler: async () => ({}) },
});

describe('the shape every cloud function shares', () => {
  let s: SeededCloud;
  let ctx: (openid: string) => FunctionContext;
  beforeAll(async () => {
    s = await seededCloud();
    ctx = (openid) => ({
      caller: { openid, appid: null, unionid: null },
      db: s.cloud.database.db,
      files: s.cloud.files,
      messages: { sendSubscribe: async () => undefined },
      security: { checkText: async () => ({ suggest: 'pass', label: 100 }), submitMediaCheck: async () => ({ traceId: 't' }) },
      clock: s.cloud.clock,
      requestId: 'req-1',
      localMode: true,
    });
  });
  afterAll(() => s.cloud.close());

  it('takes the caller from the platform context, never from the event', async () => {
    const reply = await probe.invoke({ action: 'echo', text: 'hi', userInfo: { openId: 'forged' } }, ctx('real-openid'));
    expect(reply).toEqual({ ok: true, data: { text: 'hi', openid: 'real-openid' } });
  });

  it('rejects extra fields such as a smuggled _openid', async () => {
    const reply = await probe.invoke({ action: 'echo', text: 'hi', _openid: 'x' }, ctx(''));
    expect(reply).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    if (!reply.ok) expect(reply.issues?.[0].message).toMatch(/不允许的字段/);
  });

  it('answers bad input with field issues in Chinese', async () => {
    const reply = await probe.invoke({ action: 'echo', text: '超过五个字的文本' }, ctx(''));
    expect(reply).toMatchObject({ ok: false, code: 'BAD_INPUT', issues: [{ path: 'text', message: '最多 5 个字符' }] });
  });

  it.each([[undefined], [null], ['text'], [[1, 2]], [{}], [{ action: 'nope' }], [{ action: { $gt: '' } }]])(
    'answers UNKNOWN_ACTION for %p',
    async (event) => {
      const reply = await probe.invoke(event, ctx(''));
      expect(reply).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    },
  );

  it('turns an unexpected exception into INTERNAL without leaking the stack', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await probe.invoke({ action: 'boom' }, ctx(''));
    expect(reply).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试', requestId: 'req-1' });
    expect(JSON.stringify(reply)).not.toMatch(/secret stack/);
    spy.mockRestore();
  });

  it('passes an expected failure through with its code and message', async () => {
    const reply = await probe.invoke({ action: 'refuse' }, ctx(''));
    expect(reply).toEqual({ ok: false, code: 'QUOTA_EXCEEDED', message: '本单位推荐名额已满（A3：每个分党委限报 1 项）' });
  });

  it('refuses to send a reply that breaks its own contract', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await probe.invoke({ action: 'lies' }, ctx(''))).toMatchObject({ ok: false, code: 'INTERNAL' });
    spy.mockRestore();
  });

  it('guards: unbound callers get UNAUTHENTICATED, the wrong role FORBIDDEN', async () => {
    const member = s.demo.people.find((p) => p.roles.length === 1 && p.roles[0].role === 'member')!;
    const admin = s.demo.people.find((p) => p.roles.some((r) => r.role === 'deptAdmin'))!;
    expect(await probe.invoke({ action: 'members' }, ctx(''))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await probe.invoke({ action: 'members' }, ctx('unknown-openid'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await probe.invoke({ action: 'members' }, ctx(s.openidOf(member._id)))).toEqual({ ok: true, data: {} });
    expect(await probe.invoke({ action: 'admins' }, ctx(s.openidOf(member._id)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await probe.invoke({ action: 'admins' }, ctx(s.openidOf(admin._id)))).toEqual({ ok: true, data: {} });
  });
});
