import { keywordContentSecurity } from '../../cloudfunctions/_local/security';
import { OUTBOX } from '../../cloudfunctions/_local/outbox';
import { startLocalCloud } from '../../cloudfunctions/_local/runtime';
import { OutboxMessageSender } from '../../cloudfunctions/_local/outbox';

describe('local counterparts of WeChat services', () => {
  it('content security answers with the msgSecCheck v2 shape', async () => {
    expect(await keywordContentSecurity.checkText({ content: '支部开展主题党日活动', openid: 'o', scene: 2 })).toEqual({ suggest: 'pass', label: 100 });
    expect(await keywordContentSecurity.checkText({ content: '网络赌博', openid: 'o', scene: 2 })).toEqual({ suggest: 'risky', label: 20006 });
  });

  it('media checks answer with a distinct trace id, as mediaCheckAsync does', async () => {
    const a = await keywordContentSecurity.submitMediaCheck({ mediaUrl: 'http://x/a.png', mediaType: 2, openid: 'o', scene: 2 });
    const b = await keywordContentSecurity.submitMediaCheck({ mediaUrl: 'http://x/b.png', mediaType: 2, openid: 'o', scene: 2 });
    expect(a.traceId).toMatch(/^local-media-2-/);
    expect(a.traceId).not.toBe(b.traceId);
  });

  it('the outbox records exactly what would be sent', async () => {
    const now = new Date('2026-11-21T02:00:00Z');
    const cloud = await startLocalCloud({ clock: { now: () => now } });
    const sender = new OutboxMessageSender(cloud.database.db, () => now);
    await sender.sendSubscribe({
      touser: 'local-p-1',
      templateId: 'tpl-result',
      page: 'pages/entry/index?id=e1',
      data: { thing1: { value: '创新奖评选结果' }, phrase2: { value: '一等奖' } },
    });
    const rows = await cloud.database.dump(OUTBOX);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'subscribeMessage',
      touser: 'local-p-1',
      templateId: 'tpl-result',
      page: 'pages/entry/index?id=e1',
      data: { thing1: { value: '创新奖评选结果' }, phrase2: { value: '一等奖' } },
      miniprogramState: 'formal',
    });
    expect(new Date(rows[0].createdAt as Date).toISOString()).toBe(now.toISOString());
    await cloud.close();
  });
});
