import path from 'node:path';
import { demoImport } from '../support/demo-import';
import type { Page } from 'playwright-core';
import { buildOrgWorkbook } from '../../cloudfunctions/_lib/org-sheet';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * 批量导入/导出在真实 Chromium 中：组织部管理员上传一本有一行错误的工作簿 → 逐行指出问题且不写入；
 * 改正后再上传 → 显示新增/更新数。
 */
describe('org bulk import page in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };

  /** 点「选择文件并导入」，把工作簿交给页面临时创建的文件框 */
  async function upload(page: Page, name: string, buffer: Buffer) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', T), page.getByTestId('pick-file').click()]);
    await chooser.setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  }

  it('names the bad row of a rejected workbook, then imports the corrected one', async () => {
    const data = demoImport();
    const bad = data.branches[37];
    const badBook = await buildOrgWorkbook({ ...data, branches: data.branches.map((b) => (b === bad ? { ...b, memberCount: -3 } : b)) });
    const goodBook = await buildOrgWorkbook(data);

    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/admin/units/index');
    await page.getByTestId('entry-import').click();
    await page.getByTestId('pick-file').waitFor(T);
    expect(page.url()).toContain('/admin/import/index');

    await upload(page, '组织与人员-有误.xlsx', badBook);
    const error = page.getByTestId('import-error');
    await error.waitFor(T);
    const errorText = await error.innerText();
    expect(errorText).toContain('导入未执行：发现 1 处问题，请修改后重新导入');
    const issues = page.getByTestId('issue');
    expect(await issues.count()).toBe(1);
    expect(await issues.first().innerText()).toMatch(/^第 \d+ 行「党员人数」/);
    expect(await page.getByTestId('issue-group').first().innerText()).toContain('「支部」表');
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-import-issues.png'), fullPage: true });

    await upload(page, '组织与人员.xlsx', goodBook);
    const result = page.getByTestId('import-result');
    await result.waitFor(T);
    expect(await page.getByTestId('import-error').count()).toBe(0);
    const rows = await page.getByTestId('import-count').allInnerTexts();
    // 演示数据已在库中：重复导入只更新不新增
    expect(rows.map((r) => r.replace(/\s+/g, ''))).toEqual([
      `单位新增0，更新${data.units.length}`,
      `党总支新增0，更新${data.generalBranches.length}`,
      `支部新增0，更新${data.branches.length}`,
      `人员新增0，更新${data.people.length}`,
    ]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-import.png'), fullPage: true });
  }, 90_000);
});
