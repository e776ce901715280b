import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 4 的主路径在真实 Chromium 中：组织部管理员从 2021 创新奖模板建“2027 创新奖”，改申报截止日期、保存、发布，
 * 在评选列表里看到“已发布”；支部书记打开这项评选的“参加评选”页，看到带规则编号的资格检查结果。
 */
describe('campaigns: copy, edit, publish, and the start page in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
  /** Taro H5 的 showModal：点对话框里的确认按钮 */
  const confirmModal = async (page: Page, text: string) => {
    const button = page.locator('.taro__modal').getByText(text, { exact: true });
    await button.waitFor(T);
    await button.click();
  };
  /**
   * Taro H5 的日期选择器：点开后在“日”一栏点前一天（点击可见的一行即选中它），再点“确定”。
   * 弹层挂在 body 下（不在选择器元素里），同一时刻只有一个显示。返回选中的日期 YYYY-MM-DD。
   */
  const pickPreviousDay = async (page: Page, picker: Locator, current: string): Promise<string> => {
    const [y, m, d] = current.split('-').map(Number);
    expect(d).toBeGreaterThan(1); // 模板里的截止日都不是月初
    const target = `${y}-${String(m).padStart(2, '0')}-${String(d - 1).padStart(2, '0')}`;
    await picker.locator('.adm-form__picker').click();
    const overlay = page.locator('.weui-picker:visible'); // 弹层外壳本身没有尺寸，看里面的面板
    await overlay.waitFor({ state: 'visible', ...T });
    await page.waitForTimeout(400); // 弹出动画
    const dayColumn = overlay.locator('.weui-picker__group').nth(2);
    // 列上盖着渐变遮罩（.weui-picker__mask）：点击落在遮罩上，冒泡到列，列按点击位置选中那一行
    await dayColumn.locator('.weui-picker__item', { hasText: `${String(d - 1).padStart(2, '0')}日` }).click({ force: true });
    await page.waitForTimeout(400); // 列滚动动画
    await overlay.getByText('确定', { exact: true }).click();
    return target;
  };

  /** Taro H5 把页面栈里下面的页面留在文档中（隐藏）：只看当前显示的那一页里的元素 */
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

  let campaignId = '';

  it('lets the department admin create 2027 创新奖 from the 2021 template, move its deadline, save and publish it', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('entry-campaigns').click();
    await shown(page, 'new-campaign').click();

    // 选 2021 创新奖模板（A），年度 2027
    const template = shown(page, 'template-A');
    await template.waitFor(T);
    expect(await template.innerText()).toContain('2021');
    await template.click();
    await page.locator('[data-testid=copy-year]:visible input').fill('2027');
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shot(page, 'campaign-copy.png');
    await shown(page, 'copy').click();

    // 进入编辑页：草稿，阶段按北京时间显示
    await shown(page, 'stage-submission').waitFor(T);
    campaignId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(campaignId).not.toBe('');
    expect(await shown(page, 'campaign-status').innerText()).toBe('草稿');
    const dateText = shown(page, 'stage-submission-end-date-text');
    const before = (await dateText.innerText()).trim();
    expect(before).toMatch(/^2027-\d{2}-\d{2}$/);

    const after = await pickPreviousDay(page, shown(page, 'stage-submission-end-date'), before);
    await dateText.filter({ hasText: after }).waitFor(T);
    const time = (await shown(page, 'stage-submission-end-time-text').innerText()).trim();
    await settle(page);
    await shot(page, 'campaign-edit.png');

    await shown(page, 'save').click();
    await shown(page, 'save').filter({ hasText: '已保存' }).waitFor(T);
    // 保存的是北京时间：重新打开仍是所选日期与时刻
    await page.reload();
    await shown(page, 'stage-submission-end-date-text').filter({ hasText: after }).waitFor(T);
    expect((await shown(page, 'stage-submission-end-time-text').innerText()).trim()).toBe(time);

    await shown(page, 'publish').click();
    await confirmModal(page, '发布');
    await shown(page, 'campaign-status').filter({ hasText: '已发布' }).waitFor(T);
    expect(await shown(page, 'publish').count()).toBe(0);

    await page.goto(h.base + '/#/admin/campaigns/index');
    const card = page.locator(`[data-testid=campaign-card][data-id="${campaignId}"]:visible`);
    await card.waitFor(T);
    expect(await card.getByTestId('campaign-status').innerText()).toBe('已发布');
    const cardText = await card.innerText();
    expect(cardText).toContain('2027 年度');
    expect(cardText).toContain(`申报截止 ${after} ${time.slice(0, 5)}（北京时间）`);
    await settle(page);
    await shot(page, 'campaigns.png');
  }, 120_000);

  it('shows a branch secretary the eligibility of their branch for it, rule by rule with rule ids', async () => {
    expect(campaignId).not.toBe(''); // 依赖上一个用例建好的评选
    const page = await h.phone('p-sec-cs-stu1');
    await page.goto(`${h.base}/#/entry/start/index?campaignId=${encodeURIComponent(campaignId)}`);
    const option = page.getByTestId('start-option').first();
    await option.waitFor(T);
    const branch = h.s.demo.branches.find((b) => b._id === 'b-cs-stu1')!;
    expect(await page.getByTestId('entrant-name').allInnerTexts()).toContain(branch.name);
    expect(['可以申报', '不能申报', '已有申报']).toContain((await option.getByTestId('eligibility').innerText()).trim());
    const rows = option.getByTestId('rule-row');
    expect(await rows.count()).toBeGreaterThan(0);
    const badges = (await option.getByTestId('rule-badge').allInnerTexts()).map((b) => b.trim());
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) expect(b).toMatch(/^[A-E]\d+(\.\d+)?$/);
    await settle(page);
    await shot(page, 'entry-start.png');
  }, 90_000);
});
