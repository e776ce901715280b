import path from 'node:path';
import { CAMPAIGN_KIND_LABELS } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/** 冒烟：本地运行时提供的 H5 构建，在真实 Chromium 中显示五份通知（issue 2 第 8 条） */
describe('H5 smoke test in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('shows the five notice titles on the 通知 tab, in real Chinese glyphs', async () => {
    const page = await h.phone();
    await page.goto(h.base + '/');
    const cards = page.getByTestId('notice-card');
    await cards.nth(4).waitFor({ timeout: 20_000 });
    expect(await cards.count()).toBe(5);
    const text = await page.locator('body').innerText();
    for (const n of h.s.demo.notices) expect(text).toContain(n.title);
    for (const kind of ['A', 'B', 'C', 'D', 'E'] as const) expect(text).toContain(CAMPAIGN_KIND_LABELS[kind]);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notices.png'), fullPage: true });
  }, 60_000);

  it('opens a notice and shows its full text', async () => {
    const page = await h.phone();
    await page.goto(h.base + '/');
    await page.getByTestId('notice-card').first().waitFor({ timeout: 20_000 });
    await page.getByText('特色支部创建申报', { exact: false }).first().click();
    const notice = h.s.demo.notices.find((n) => n.kind === 'D')!;
    await page.getByText(notice.docNumber).first().waitFor({ timeout: 20_000 });
    const lastParagraph = notice.body.trim().split('\n\n').filter((p) => p.trim().length > 10).slice(-1)[0].trim();
    await page.getByText(lastParagraph.slice(0, 12), { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(600); // 页面切换动画结束后再截图
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notice-detail.png') });
  }, 60_000);

  it('shows who is signed in on 我的, with the local-mode banner', async () => {
    const admin = h.s.demo.people.find((p) => p.roles.some((r) => r.role === 'deptAdmin'))!;
    const page = await h.phone(admin._id);
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByText(admin.name).first().waitFor({ timeout: 20_000 });
    await page.getByText('本地演示模式').first().waitFor();
    await page.getByText('组织部管理员').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'me.png') });
  }, 60_000);
});
