import path from 'node:path';
import type { Page } from 'playwright-core';
import type { GrantStatus } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 5 的“我的”在真实 Chromium 中：计算机学院教工第一党支部的书记打开“我的”，
 * 在“我的申报”里看到本支部 2026 创新奖（已提交）与 2026 支部立项（实施中）两份材料；
 * 在“订阅消息”里对“评选结果通知”点“接收提醒”，在写明“本地模式：模拟微信订阅授权”的对话框里点“允许”，
 * 看到剩余 1 条，台账里也记了 1 条。
 */
describe('我的: my entries and subscription settings in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  /** Taro H5 把页面栈里下面的页面留在文档中（隐藏）：只看当前显示的那一页里的元素 */
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

  it('shows the branch secretary both entries, and records 接收提醒 accepted in the simulated dialog', async () => {
    const personId = 'p-sec-cs-staff1';
    const person = h.s.demo.people.find((p) => p._id === personId)!;
    expect(person.roles.some((r) => r.role === 'branchEditor' && r.branchId === 'b-cs-staff1')).toBe(true);
    const page = await h.phone(personId);
    await page.goto(h.base + '/#/pages/me/index');
    await shown(page, 'person-card').getByText(person.name).waitFor(T);

    // 我的申报：本支部的两份 2026 年材料，状态标签来自 ENTRY_STATUS_LABELS，评选名称取自评选
    const list = shown(page, 'my-entries');
    await list.locator('[data-testid="my-entry"][data-id="e-2026-b-cs-staff1"]').waitFor(T);
    const award = list.locator('[data-testid="my-entry"][data-id="e-2026-a-cs-staff1"]');
    const project = list.locator('[data-testid="my-entry"][data-id="e-2026-b-cs-staff1"]');
    expect(await award.getByTestId('my-entry-title').innerText()).toBe('“智算先锋”党员攻坚队');
    expect((await award.getByTestId('my-entry-status').innerText()).trim()).toBe('已提交');
    expect(await project.getByTestId('my-entry-title').innerText()).toBe('党建引领有组织科研');
    expect((await project.getByTestId('my-entry-status').innerText()).trim()).toBe('实施中');
    const campaignTitle = async (id: string) => (await h.s.ok<{ title: string }>('campaigns', { action: 'get', id }, h.s.openidOf(personId))).title;
    await award.getByTestId('my-entry-campaign').filter({ hasText: await campaignTitle('c-2026-a') }).waitFor(T);
    await project.getByTestId('my-entry-campaign').filter({ hasText: await campaignTitle('c-2026-b') }).waitFor(T);
    // 最近更新的在前
    const ids = await list.getByTestId('my-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids.indexOf('e-2026-a-cs-staff1')).toBeLessThan(ids.indexOf('e-2026-b-cs-staff1'));

    // 待办：这个支部没有退回、补正、草稿
    await shown(page, 'tasks-empty').waitFor(T);

    // 订阅消息：评选结果通知 → 接收提醒 → 模拟授权对话框 → 允许
    const row = shown(page, 'subscription-result');
    await row.waitFor(T);
    expect(await row.getByTestId('subscription-result-unused').innerText()).toBe('剩余 0 条');
    await row.getByTestId('subscribe-result').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('本地模式：模拟微信订阅授权').waitFor(T);
    expect(await modal.innerText()).toContain('评选结果通知');
    await modal.getByText('允许', { exact: true }).click();
    await row.getByTestId('subscription-result-unused').filter({ hasText: '剩余 1 条' }).waitFor(T);
    expect(await row.getByTestId('subscription-result-result').innerText()).toBe('已开启：评选结果通知剩余 1 条');
    expect(await row.getByTestId('subscription-result-last').innerText()).toMatch(/^上次：允许（\d{2}-\d{2} \d{2}:\d{2}）$/);

    // 台账里真的记了：本人的评选结果通知剩余 1 条，其他模板不变
    const mine = await h.s.ok<{ items: GrantStatus[] }>('subscriptions', { action: 'mine' }, h.s.openidOf(personId));
    expect(mine.items.map((i) => [i.key, i.unused, i.lastAnswer])).toEqual([
      ['result', 1, 'accept'],
      ['correction', 0, null],
      ['deadline', 0, null],
    ]);

    // 按钮文字清楚可读：没有被 Taro H5 的 [disabled] 样式染成半透明（可点的按钮不带 disabled 属性）
    const colors = await page.locator('[data-testid^="subscribe-"]:visible').evaluateAll((els) => els.map((e) => [e.hasAttribute('disabled'), getComputedStyle(e).color]));
    expect(colors).toEqual([
      [false, 'rgb(200, 22, 29)'],
      [false, 'rgb(255, 255, 255)'],
      [false, 'rgb(255, 255, 255)'],
    ]);

    expect(await rendersChineseGlyphs(page)).toBe(true);
    // H5 的页面在自己的容器里滚动，整页截图只截到视口：把视口拉到整页高度，一张图里看全身份、申报与订阅
    await page.waitForTimeout(600); // 对话框收起的动画结束后再截图
    const height = await shown(page, 'my-entries').evaluate((el) => {
      const root = el.closest('.me-page') as HTMLElement;
      for (let n: HTMLElement | null = root; n; n = n.parentElement) n.scrollTop = 0; // 回到页顶
      return root.scrollHeight;
    });
    await page.setViewportSize({ width: 390, height: Math.min(height + 120, 4000) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'me-entries.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });

    // 点开一份申报进入详情
    await project.click();
    await page.waitForURL(/entry\/detail\/index\?id=e-2026-b-cs-staff1/, T);
  }, 120_000);
});
