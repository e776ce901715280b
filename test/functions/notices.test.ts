import { noticeSchema, noticeSummarySchema } from '../../types';
import { seededCloud, type SeededCloud } from '../support/local-cloud';

type Page = { items: { _id: string; title: string; publishedAt: string; kind: string | null }[]; nextCursor: string | null };

describe('notices function on the local runtime', () => {
  let s: SeededCloud;
  beforeAll(async () => {
    s = await seededCloud();
  });
  afterAll(() => s.cloud.close());

  it('lists the five seed notices newest first, readable without binding', async () => {
    const page = await s.ok<Page>('notices', { action: 'list', pageSize: 20 });
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
    for (const item of page.items) expect(noticeSummarySchema.parse(item)).toBeTruthy();
    const times = page.items.map((i) => Date.parse(i.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // D 2024 is the newest notice, E 2014 the oldest
    expect(page.items[0].kind).toBe('D');
    expect(page.items[4].kind).toBe('E');
    expect(page.items[0].publishedAt).toMatch(/\+08:00$/);
  });

  it('gives each attachment a temporary link so the browser build can open it', async () => {
    const { fileID } = await s.cloud.files.upload('notices/n-2024-64/申报表.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    await s.cloud.database.db.collection('notices').doc('n-2024-64').update({ data: { attachments: [{ name: '特色支部创建申报表.pdf', fileID, size: 15 }] } });
    const notice = await s.ok<{ attachments: { name: string; url?: string }[] }>('notices', { action: 'get', id: 'n-2024-64' });
    expect(notice.attachments).toEqual([expect.objectContaining({ name: '特色支部创建申报表.pdf', url: expect.stringContaining('/files/notices/') })]);
    await s.cloud.database.db.collection('notices').doc('n-2024-64').update({ data: { attachments: [] } });
  });

  it('pages with a cursor: no item repeated or skipped', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: Page = await s.ok<Page>('notices', { action: 'list', pageSize: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i._id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it('searches by title, treating the keyword as text not as a pattern', async () => {
    const page = await s.ok<Page>('notices', { action: 'list', keyword: '创新奖' });
    expect(page.items.map((i) => i.kind)).toEqual(['A']);
    const none = await s.ok<Page>('notices', { action: 'list', keyword: '.*' });
    expect(none.items).toEqual([]);
  });

  it('returns the full notice text', async () => {
    const page = await s.ok<Page>('notices', { action: 'list', keyword: '立项' });
    const notice = await s.ok<{ body: string; docNumber: string }>('notices', { action: 'get', id: page.items[0]._id });
    expect(noticeSchema.parse(notice)).toBeTruthy();
    expect(notice.docNumber).toBe('东大组字〔2022〕5号');
    expect(notice.body.length).toBeGreaterThan(2000);
  });

  it('answers NOT_FOUND in Chinese for an unknown notice', async () => {
    const reply = await s.fail('notices', { action: 'get', id: 'no-such-notice' });
    expect(reply.code).toBe('NOT_FOUND');
    expect(reply.message).toMatch(/通知不存在/);
  });

  it('rejects a forged cursor and an oversize page with clear codes', async () => {
    expect((await s.fail('notices', { action: 'list', cursor: 'not-a-cursor' })).code).toBe('BAD_INPUT');
    const big = await s.fail('notices', { action: 'list', pageSize: 1000 });
    expect(big.code).toBe('BAD_INPUT');
    expect(big.issues?.[0].path).toBe('pageSize');
  });
});
