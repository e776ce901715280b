import { fitField, SUBSCRIPTION_TEMPLATES, templateData, TEMPLATE_FIELD_TYPES } from '../../types';
import type { FunctionContext } from '../../cloudfunctions/_lib/context';
import { NOTIFICATIONS, notifyPerson, notificationId, entrantRecipients, type NotificationRecord } from '../../cloudfunctions/_lib/notify';
import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { OutboxMessageSender } from '../../cloudfunctions/_local/outbox';
import { keywordContentSecurity } from '../../cloudfunctions/_local/security';
import { orgFixture } from '../support/org-fixture';

describe('fitField: subscription message values within WeChat’s limits', () => {
  it('thing: at most 20 characters, 19 + “…” when cut, never splits a surrogate pair', () => {
    expect(fitField('thing', '2026年度基层党建工作创新奖')).toBe('2026年度基层党建工作创新奖');
    const long = '计算机科学与工程学院本科生第一党支部“红色引擎”育人工程';
    const fitted = fitField('thing', long);
    expect(Array.from(fitted)).toHaveLength(20);
    expect(fitted).toBe(`${Array.from(long).slice(0, 19).join('')}…`);
    const emoji = `${'党'.repeat(18)}😀😀😀`; // 21 code points; the 19th is an emoji (two UTF-16 units)
    const cut = fitField('thing', emoji);
    expect(cut).toBe(`${'党'.repeat(18)}😀…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
    expect(fitField('thing', '恰好二十个字恰好二十个字恰好二十个字恰好')).toHaveLength(20);
  });

  it('removes line breaks and control characters (they make the whole send fail)', () => {
    expect(fitField('thing', '第一行\n第二行\t\u0000 尾')).toBe('第一行 第二行 尾');
  });

  it('phrase: Chinese only, at most 5, no ellipsis', () => {
    expect(fitField('phrase', '待补正')).toBe('待补正');
    expect(fitField('phrase', '已取消资格（A8）')).toBe('已取消资格');
    expect(fitField('phrase', '结果已经公布啦')).toBe('结果已经公');
    expect(fitField('phrase', 'OK')).toBe('');
  });

  it('time/date: the instant written in China Standard Time, whatever the process zone', () => {
    expect(fitField('time', '2026-04-01T17:00:00+08:00')).toBe('2026年4月1日 17:00');
    expect(fitField('time', '2026-11-30T15:59:59Z')).toBe('2026年11月30日 23:59');
    expect(fitField('date', '2026-11-30T16:00:00Z')).toBe('2026年12月1日');
    expect(fitField('time', '不是时间')).toBe('');
  });

  it('character_string ≤32 ASCII, name ≤10 Han or ≤20 letters, number ≤32 digits', () => {
    expect(fitField('character_string', 'A8-补正-2026-abcdefghijklmnopqrstuvwxyz')).toBe('A8--2026-abcdefghijklmnopqrstuvw');
    expect(fitField('name', '欧阳·王小明明明明明明明')).toBe('欧阳王小明明明明明明');
    expect(fitField('name', 'Alexander Hamilton Jr. III')).toBe('AlexanderHamiltonJr.');
    expect(fitField('number', '第 12.5 名')).toBe('12.5');
  });

  it('every template field uses a known type and each template’s keys are distinct', () => {
    for (const t of Object.values(SUBSCRIPTION_TEMPLATES)) {
      const keys = t.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const f of t.fields) {
        expect(TEMPLATE_FIELD_TYPES).toContain(f.type);
        expect(f.key.startsWith(f.type)).toBe(true);
      }
    }
  });

  it('templateData lists the fields that fit to nothing', () => {
    const { data, empty } = templateData('correction', { project: '《项目》', reason: '缺少盖章扫描件', deadline: 'x', status: 'pending' });
    expect(data).toEqual({ thing1: { value: '《项目》' }, thing2: { value: '缺少盖章扫描件' }, time3: { value: '' }, phrase4: { value: '' } });
    expect(empty).toEqual(['截止时间', '办理状态']);
  });
});

describe('notifyPerson: every notice recorded once, sent only with a grant', () => {
  let cloud: LocalCloud;
  afterEach(async () => {
    jest.restoreAllMocks();
    await cloud?.close();
  });
  const ctxWith = (c: LocalCloud, send?: () => Promise<void>): FunctionContext => ({
    caller: { openid: '', appid: null, unionid: null },
    db: c.database.db,
    files: c.files,
    messages: send ? { sendSubscribe: send } : new OutboxMessageSender(c.database.db, () => c.clock.now()),
    security: keywordContentSecurity,
    clock: c.clock,
    requestId: 'test',
    localMode: true,
  });
  const request = (personId: string, dedupeKey = `result:e1:${personId}`) => ({
    personId,
    key: 'result' as const,
    page: 'entry/pages/detail/index?id=e1',
    fields: { campaign: '2026 年度基层党建工作创新奖评选活动通知', project: '红色引擎', level: '基层党建工作创新奖', publishedAt: '2026-12-01T10:00:00+08:00' },
    title: '评选结果已公布',
    body: '结果已公布：《红色引擎》获“基层党建工作创新奖”',
    dedupeKey,
  });
  const grant = async (c: LocalCloud, personId: string, unused = 1) =>
    c.database.db.collection('subscriptionGrants').doc(`${personId}_result`).set({ data: { personId, key: 'result', unused, accepted: unused, declined: 0, lastAnswer: 'accept', updatedAt: null } });
  const outbox = async (c: LocalCloud) => (await c.database.db.collection('outbox').get()).data as unknown as { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }[];
  const notice = async (c: LocalCloud, key: string) => (await c.database.db.collection(NOTIFICATIONS).doc(notificationId(key)).get()).data as unknown as NotificationRecord;

  it('sends to the bound openid with the fitted template data, spends the grant, and never twice for one dedupeKey', async () => {
    cloud = await orgFixture();
    await grant(cloud, 'a-editor', 2);
    const ctx = ctxWith(cloud);
    expect(await notifyPerson(ctx, request('a-editor'))).toBe('sent');
    expect(await notifyPerson(ctx, request('a-editor'))).toBe('duplicate');
    const sent = await outbox(cloud);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: 'o-editor',
      templateId: 'local-result',
      page: 'entry/pages/detail/index?id=e1',
      data: { thing1: { value: '2026 年度基层党建工作创新奖评选活…' }, thing2: { value: '红色引擎' }, thing3: { value: '基层党建工作创新奖' }, time4: { value: '2026年12月1日 10:00' } },
    });
    expect(Array.from(sent[0].data.thing1.value)).toHaveLength(20);
    expect(await notice(cloud, 'result:e1:a-editor')).toMatchObject({ status: 'sent', reason: null, personId: 'a-editor', readAt: null });
    const g = (await cloud.database.db.collection('subscriptionGrants').doc('a-editor_result').get()).data as unknown as { unused: number };
    expect(g.unused).toBe(1);
  });

  it('without a grant: a pending notice with the reason, nothing in the outbox', async () => {
    cloud = await orgFixture();
    expect(await notifyPerson(ctxWith(cloud), request('a-editor'))).toBe('pending');
    expect(await outbox(cloud)).toHaveLength(0);
    expect((await notice(cloud, 'result:e1:a-editor')).reason).toMatch(/未订阅“评选结果通知”/);
  });

  it('a person without a WeChat binding keeps the grant and gets a pending notice', async () => {
    cloud = await orgFixture();
    await grant(cloud, 'n-own');
    expect(await notifyPerson(ctxWith(cloud), request('n-own'))).toBe('pending');
    expect((await notice(cloud, 'result:e1:n-own')).reason).toBe('尚未绑定微信');
    const g = (await cloud.database.db.collection('subscriptionGrants').doc('n-own_result').get()).data as unknown as { unused: number };
    expect(g.unused).toBe(1);
  });

  it('a platform refusal (43101) is recorded as failed with the code and stays visible', async () => {
    cloud = await orgFixture();
    await grant(cloud, 'a-editor');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const refuse = async () => {
      throw Object.assign(new Error('errCode: 43101 | errMsg: user refuse to accept the msg'), { errCode: 43101 });
    };
    expect(await notifyPerson(ctxWith(cloud, refuse), request('a-editor'))).toBe('failed');
    expect(await notice(cloud, 'result:e1:a-editor')).toMatchObject({ status: 'failed', errCode: 43101, readAt: null });
    expect((await notice(cloud, 'result:e1:a-editor')).reason).toMatch(/用户拒绝接受消息.*43101/);
  });

  it('an unconfigured template in production leaves the notice pending with a clear reason', async () => {
    cloud = await orgFixture();
    await grant(cloud, 'a-editor');
    const ctx = { ...ctxWith(cloud), localMode: false };
    expect(await notifyPerson(ctx, request('a-editor'))).toBe('pending');
    expect((await notice(cloud, 'result:e1:a-editor')).reason).toMatch(/模板尚未配置.*SUBSCRIBE_TEMPLATE_RESULT/);
    expect(await outbox(cloud)).toHaveLength(0);
  });

  it('recipients: a branch’s entry goes to its 支部书记/支委; unit and 党总支 entries to the unit admins', async () => {
    cloud = await orgFixture();
    const ctx = ctxWith(cloud);
    expect(await entrantRecipients(ctx, { entrantLevel: 'branch', branchId: 'b-own', unitId: 'u-own' })).toEqual(['a-editor']);
    expect(await entrantRecipients(ctx, { entrantLevel: 'unit', branchId: null, unitId: 'u-own' })).toEqual(['a-unit-admin']);
    expect(await entrantRecipients(ctx, { entrantLevel: 'generalBranch', branchId: null, unitId: 'u-own' })).toEqual(['a-unit-admin']);
    // 支部没有支部书记/支委时退到本单位管理员，消息不会无人接收
    expect(await entrantRecipients(ctx, { entrantLevel: 'branch', branchId: 'b-own2', unitId: 'u-own' })).toEqual(['a-unit-admin']);
  });
});
