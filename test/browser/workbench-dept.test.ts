import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Entry } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 6 组织部工作台在真实 Chromium 中（演示数据，时钟从 2026-12-05 10:00 北京时间起走，
 * 2026 创新奖的组织部审核与补正阶段 12-01..12-20）：组织部管理员从“我的”进入工作台，打开机械学院已推荐的材料，
 * 对照审查清单核对两项，要求补正（A8）：期限默认评选设定的 7 天、截止到当天 23:59:59 北京时间，未核对的清单项列为问题；
 * 支部的书记、支委收到补正提醒；回到工作台的“待补正”看到这份材料与期限倒计时。
 * 单位进度：落后的单位写明原因，一键提醒后当天显示“今天已提醒”（每天至多一次，记审计）。
 */
describe('department workbench in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-12-05T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = async (page: Page, name: string, height = 844) => {
    if (height !== 844) {
      await page.setViewportSize({ width: 390, height });
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
    if (height !== 844) await page.setViewportSize({ width: 390, height: 844 });
  };
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
  const ID = 'e-2026-a-me-staff2';

  it('requests a correction with a CST deadline and sees it with a countdown in the corrections list', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('workbench-dept').click();
    await shown(page, 'dept-workbench').waitFor(T);
    const row = page.locator(`[data-testid="dept-entry"][data-id="${ID}"]:visible`);
    await row.waitFor(T);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shot(page, 'workbench-dept-list.png');

    await row.click();
    await shown(page, 'screen-page').waitFor(T);
    const items = shown(page, 'check-item');
    await items.first().waitFor(T);
    expect(await items.count()).toBe(5); // A 类评选的审查清单 5 项
    await items.nth(0).click();
    await items.nth(1).click();
    expect(await items.nth(0).getAttribute('data-checked')).toBe('true');
    await shown(page, 'screen-requestCorrection').click();
    const sheet = shown(page, 'correction-sheet');
    await sheet.waitFor(T);
    expect(await sheet.getByTestId('correction-deadline-text').innerText()).toBe('2026-12-12 23:59:59 截止（7 天后）');
    expect(await sheet.getByTestId('correction-item').count()).toBe(3);
    await sheet.locator('textarea').fill('照片说明超过 20 字，请精简；补交加盖公章的扫描件');
    await settle(page);
    await shot(page, 'workbench-dept-correction-sheet.png');
    await sheet.getByTestId('sheet-confirm').click();
    await sheet.waitFor({ state: 'detached', ...T });
    await shown(page, 'screen-status').filter({ hasText: '待补正' }).waitFor(T);
    expect(await shown(page, 'screen-deadline').innerText()).toContain('2026-12-12 23:59');

    const stored = (await h.s.cloud.database.db.collection('entries').doc(ID).get()).data as unknown as Entry;
    expect(stored.status).toBe('correctionRequested');
    expect(stored.correction).toMatchObject({ deadline: '2026-12-12T23:59:59+08:00', reason: '照片说明超过 20 字，请精简；补交加盖公章的扫描件' });
    expect(stored.correction!.items).toHaveLength(3);
    // 补正提醒（订阅消息）发给这个支部的书记、支委：没有授权的记为待看通知
    const notices = (await h.s.cloud.database.db.collection('notifications').where({ entryId: ID, key: 'correction' }).get()).data as unknown as { personId: string }[];
    expect(notices.length).toBeGreaterThanOrEqual(1);
    await settle(page);
    await shot(page, 'workbench-dept-screen.png', 1600);

    await page.goBack();
    await shown(page, 'dept-workbench').waitFor(T);
    await shown(page, 'tab-corrections').click();
    const corrected = page.locator(`[data-testid="correction-entry"][data-id="${ID}"]:visible`);
    await corrected.waitFor(T);
    const deadline = corrected.getByTestId('correction-deadline');
    expect(await deadline.innerText()).toContain('补正期限 2026-12-12 23:59（北京时间）');
    expect(await corrected.getByTestId('correction-deadline-left').innerText()).toMatch(/^剩 7 天 1[34] 小时$/);
    await settle(page);
    await shot(page, 'workbench-dept-corrections.png');
  }, 180_000);

  it('shows the lagging units with reasons and reminds one with one tap, once a day', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/workbench/dept/index');
    await shown(page, 'tab-units').click();
    const rows = page.locator('[data-testid="unit-progress-row"]:visible');
    await rows.first().waitFor(T);
    expect(await rows.first().locator('[data-testid="lagging-reason"]').count()).toBeGreaterThan(0);
    const unitId = (await rows.first().getAttribute('data-unit'))!;
    await rows.first().getByTestId('remind-unit').click();
    const row = page.locator(`[data-testid="unit-progress-row"][data-unit="${unitId}"]:visible`).first();
    await row.locator('[data-testid="remind-unit"][data-reminded="true"]').waitFor(T);
    expect(await row.getByTestId('remind-unit').innerText()).toBe('今天已提醒');
    const audit = (await h.s.cloud.database.db.collection('audit').where({ action: 'notifications.remindUnit', unitId }).get()).data;
    expect(audit).toHaveLength(1);
    await page.waitForTimeout(3000); // toast 消失后截图
    await shot(page, 'workbench-dept-units.png', 1600);
  }, 180_000);
});
