import path from 'node:path';
import type { Page } from 'playwright-core';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 6 的消息在真实 Chromium 中：组织部（王老师）要求机械学院教工第二党支部补正 2026 创新奖材料（A8）；
 * 该支部书记没有订阅“材料补正提醒”，发件箱里没有消息，而“我的·待办”顶部出现这条未读通知，
 * 写明补正事项、北京时间的期限和没收到微信提醒的原因；点“知道了”后消失。
 */
describe('我的: undelivered notices in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-12-05T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

  it('shows the correction request to the secretary without a grant, with the reason, and 知道了 hides it', async () => {
    const secretary = 'p-sec-me-staff2';
    await h.s.ok('entries', { action: 'requestCorrection', id: 'e-2026-a-me-staff2', reason: '请补充加盖分党委公章的申报材料扫描件' }, h.s.openidOf('p-dept-wang'));
    const outbox = await h.s.cloud.database.db.collection('outbox').where({ templateId: 'local-correction' }).count();
    expect(outbox.total).toBe(0);

    const page = await h.phone(secretary);
    await page.goto(h.base + '/#/pages/me/index');
    const notice = shown(page, 'notice');
    await notice.first().waitFor(T);
    const text = await notice.first().innerText();
    expect(text).toContain('材料需要补正');
    expect(text).toContain('请补充加盖分党委公章的申报材料扫描件');
    expect(text).toMatch(/请于 2026-12-\d\d 23:59（北京时间）前提交补正/);
    expect(text).toContain('未收到微信提醒：未订阅“材料补正提醒”');
    // 待办里同时有这份待补正的材料（期限以北京时间显示）
    await shown(page, 'task').filter({ hasText: '待补正' }).first().waitFor(T);
    expect(await rendersChineseGlyphs(page)).toBe(true);

    await page.waitForTimeout(300);
    const height = await notice.first().evaluate((el) => {
      const root = el.closest('.me-page') as HTMLElement;
      for (let n: HTMLElement | null = root; n; n = n.parentElement) n.scrollTop = 0;
      return root.scrollHeight;
    });
    await page.setViewportSize({ width: 390, height: Math.min(height + 120, 4000) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'me-notices.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });

    // 本地发件箱页：订阅消息一条也没有发，这条通知列在“未以订阅消息送达的通知”里，写明收件人与原因
    const box = await h.phone();
    await box.goto(h.base + '/local/outbox');
    const card = box.locator('[data-kind="notice"]').filter({ hasText: secretary });
    await card.waitFor(T);
    expect(await card.innerText()).toContain('未订阅“材料补正提醒”');
    await box.screenshot({ path: path.join(SCREENSHOT_DIR, 'local-outbox-notices.png'), fullPage: true });
    await box.close();

    await shown(page, 'notice-read').first().click();
    await shown(page, 'notices').waitFor({ state: 'detached', timeout: 20_000 });
    const left = await h.s.ok<{ items: unknown[] }>('notifications', { action: 'mine' }, h.s.openidOf(secretary));
    expect(left.items).toEqual([]);
  }, 120_000);
});
