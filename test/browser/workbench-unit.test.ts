import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Entry } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 6 分党委工作台在真实 Chromium 中（演示数据，时钟从 2026-11-20 10:00 北京时间起走，
 * 2026 创新奖的分党委审核推荐阶段到 11-30 为止）：计算机学院党委管理员从“我的”进入工作台，
 * 推荐一份材料后名额面板显示 1/1（A3），推荐第二份时表单里看到云端的名额拒绝；
 * 切到 2026 支部立项：等级比例“最佳 2/2（约30%，B5）”、立项全覆盖缺口（B4），记一次督促检查（B8）。
 */
describe('unit admin workbench in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-11-20T10:00:00+08:00' });
    // 同单位再有一份已提交的材料（从演示材料复制、换一个支部），才有“第二份”可推荐
    const db = h.s.cloud.database.db;
    const base = (await db.collection('entries').doc('e-2026-a-cs-staff1').get()).data as unknown as Entry & { _id?: string };
    const { _id: _omit, ...rest } = base;
    await db.collection('entries').doc('e-2026-a-cs-stu1').set({
      data: { ...rest, branchId: 'b-cs-stu1', entrantKey: 'branch:b-cs-stu1', entrantName: '计算机学院本科生第一党支部', content: { ...base.content, title: '“代码党课”朋辈学习小组' }, updatedAtMs: (rest as unknown as { updatedAtMs: number }).updatedAtMs - 1000 },
    });
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
  const card = (page: Page, id: string) => page.locator(`[data-testid="wb-entry"][data-id="${id}"]:visible`);

  it('recommends within the quota, then sees the quota refusal (A3) on the second', async () => {
    const page = await h.phone('p-ua-cs');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('workbench-unit').click();
    await shown(page, 'unit-workbench').waitFor(T);
    await shown(page, 'campaign-picker-c-2026-a').click();
    await card(page, 'e-2026-a-cs-staff1').waitFor(T);
    await card(page, 'e-2026-a-cs-stu1').waitFor(T);
    expect(await shown(page, 'quota-line').innerText()).toBe('已推荐 0/1 项（A3）');
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shot(page, 'workbench-unit-list.png', 1500);

    // 第一份：推荐（表单里写明推荐前后的名额）
    await card(page, 'e-2026-a-cs-staff1').getByTestId('wb-action-recommend').click();
    const sheet = shown(page, 'action-sheet');
    await sheet.waitFor(T);
    expect(await sheet.getByTestId('sheet-quota').innerText()).toContain('推荐后已推荐 1/1 项（A3）');
    await sheet.locator('textarea').fill('支部工作扎实，同意推荐');
    expect(await sheet.getByTestId('sheet-counter').innerText()).toBe('11/1000 字');
    await sheet.getByTestId('sheet-confirm').click();
    await sheet.waitFor({ state: 'detached', ...T });
    await shown(page, 'quota-line').filter({ hasText: '已推荐 1/1 项（A3）' }).waitFor(T);
    await card(page, 'e-2026-a-cs-staff1').locator('[data-status="recommended"]').waitFor(T);
    expect(await shown(page, 'quota-warning').getAttribute('data-tone')).toBe('full');

    // 第二份：表单先提醒名额已满，确认后云端拒绝，原因留在表单里
    await card(page, 'e-2026-a-cs-stu1').getByTestId('wb-action-recommend').click();
    await sheet.waitFor(T);
    expect(await sheet.innerText()).toContain('名额已满');
    await sheet.getByTestId('sheet-confirm').click();
    const refusal = sheet.getByTestId('sheet-error');
    await refusal.waitFor(T);
    const text = await refusal.innerText();
    expect(text).toContain('（A3）');
    expect(text).toContain('“智算先锋”党员攻坚队');
    await settle(page);
    await shot(page, 'workbench-unit-quota-refused.png');
    await sheet.getByTestId('sheet-cancel').click();
    const stored = (await h.s.cloud.database.db.collection('entries').doc('e-2026-a-cs-stu1').get()).data as unknown as Entry;
    expect(stored.status).toBe('submitted');
    const ledger = (await h.s.cloud.database.db.collection('quotaLedgers').where({ campaignId: 'c-2026-a', unitId: 'u-cs' }).get()).data as unknown as { recommended: string[] }[];
    expect(ledger[0].recommended).toEqual(['e-2026-a-cs-staff1']);
  }, 180_000);

  it('shows the 立项 grade caps (B5), the coverage gap (B4) and records an inspection (B8)', async () => {
    const page = await h.phone('p-ua-cs');
    await page.goto(h.base + '/#/workbench/unit/index?unitId=u-cs');
    await shown(page, 'campaign-picker-c-2026-b').click();
    await shown(page, 'cap-line').first().waitFor(T);
    expect(await shown(page, 'cap-line').first().innerText()).toBe('最佳 2/2（约30%，B5） · 已满');
    await shown(page, 'coverage-missing').first().waitFor(T);
    expect(await shown(page, 'coverage-panel').innerText()).toContain('计算机学院研究生第二党支部');
    await shown(page, 'model-badge').first().waitFor(T);

    const target = card(page, 'e-2026-b-cs-stu3');
    await target.waitFor(T);
    await target.getByTestId('wb-action-inspect').click();
    const sheet = shown(page, 'action-sheet');
    await sheet.getByTestId('sheet-choice-weak').click();
    await sheet.locator('textarea').fill('读书会次数偏少，已与支部书记商定每月两次并补齐记录');
    await sheet.getByTestId('sheet-confirm').click();
    await sheet.waitFor({ state: 'detached', ...T });
    const stored = (await h.s.cloud.database.db.collection('entries').doc('e-2026-b-cs-stu3').get()).data as unknown as Entry;
    expect(stored.inspections).toHaveLength(1);
    expect(stored.inspections[0]).toMatchObject({ key: 'unitCheck', verdict: 'weak', by: 'unit' });
    await settle(page);
    await shot(page, 'workbench-unit-project.png', 2000);
  }, 180_000);
});
