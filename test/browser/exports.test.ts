import path from 'node:path';
import type { Page } from 'playwright-core';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';
import { seedPublishedCases } from '../exports/cases';
import { readWorkbook } from '../exports/files';

/**
 * 导出页（issue 7）在真实 Chromium 中：组织部从“我的”进入，导出立项结果汇总表，生成 20 篇的案例汇编（生成中有进度条），
 * 由案例生成公众号文章并存入草稿（本地发件箱）；支部书记从材料详情生成待盖章的申报表。
 */
describe('exports page in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await seedPublishedCases(h.s.cloud, 20);
  }, 90_000);
  afterAll(() => h?.close());

  const T = { timeout: 30_000 };
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
  const job = (page: Page, kind: string, status: string) => page.locator(`[data-testid=export-job][data-kind=${kind}][data-status=${status}]`);

  it('the department exports the 立项 results table and a 20-case casebook with a progress bar', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('entry-exports').click();
    await page.getByTestId('new-exports').waitFor(T);
    await page.getByTestId('state-empty').waitFor(T);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    // 立项类评选排在最前
    await page.getByTestId('campaign-picker').filter({ hasText: '立项' }).waitFor(T);
    await settle(page);
    await shot(page, 'exports-empty.png');

    await page.getByTestId('start-summary').click();
    const summary = job(page, 'summaryXlsx', 'done');
    await summary.waitFor(T);
    const link = summary.getByTestId('export-open');
    expect(await link.innerText()).toMatch(/下载 全校-.*立项结果汇总表-\d{8}-\d{4}\.xlsx/);
    // 下载到的就是汇总表：读回单元格
    const rows = await h.s.ok<{ items: { fileID: string }[] }>('exports', { action: 'list', pageSize: 1 }, h.s.openidOf('p-dept-wang'));
    const wb = await readWorkbook(await h.s.cloud.files.download(rows.items[0].fileID));
    expect(wb.getWorksheet('立项结果汇总表')!.getCell('F3').value).toBe('项目名称');

    await page.getByTestId('casebook-year').locator('input').fill('2026');
    await page.getByTestId('start-casebook-pdf').click();
    const progress = page.getByTestId('export-progress');
    await progress.waitFor(T);
    expect(await progress.innerText()).toMatch(/\d+% · /);
    await shot(page, 'exports-progress.png');
    const book = job(page, 'casebookPdf', 'done');
    await book.waitFor({ timeout: 60_000 });
    expect(await book.innerText()).toContain('2026 年度基层党建工作案例汇编（20 篇）');
    expect(await book.getByTestId('export-open').innerText()).toMatch(/\.pdf$/);
    await settle(page);
    await shot(page, 'exports-done.png');
  }, 120_000);

  it('a unit admin exports only its own unit from 我的', async () => {
    const page = await h.phone('p-ua-cs');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('entry-exports').click();
    await page.getByTestId('start-summary').filter({ hasText: '导出本单位汇总表' }).waitFor(T);
    expect(await page.getByTestId('start-casebook-pdf').count()).toBe(0); // 汇编只归组织部
    await page.getByTestId('campaign-picker').filter({ hasText: '立项' }).waitFor(T);
    await page.getByTestId('start-summary').click();
    const done = job(page, 'summaryXlsx', 'done');
    await done.waitFor(T);
    expect(await done.innerText()).toContain('计算机科学与工程学院党委');
  }, 90_000);

  it('an article from a published case lands in the local outbox and previews with its photos', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/admin/exports/index?caseId=case-gen-2');
    await page.getByTestId('start-article-draft').click();
    const article = job(page, 'article', 'done');
    await article.waitFor(T);
    expect(await article.innerText()).toContain('已记入本地发件箱');
    await article.getByTestId('article-preview').click();
    await page.locator('.exports-page__article img').first().waitFor(T);
    expect(await page.locator('.exports-page__article').innerText()).toContain('第2个支部的主题党日');
    await settle(page);
    await shot(page, 'exports-article.png');
    const outbox = await page.context().newPage();
    await outbox.goto(h.base + '/local/outbox');
    expect(await outbox.locator('[data-kind=article]').first().innerText()).toContain('“先锋2号”特色支部建设');
  }, 90_000);

  it('a branch secretary makes the 申报表 to stamp from the entry detail page', async () => {
    const page = await h.phone('p-sec-cs-staff1');
    await page.goto(h.base + '/#/entry/detail/index?id=e-2026-a-cs-staff1');
    await page.getByTestId('entry-exports').click();
    await page.getByTestId('start-application').click();
    const form = job(page, 'applicationForm', 'done');
    await form.waitFor(T);
    expect(await form.getByTestId('export-open').innerText()).toMatch(/申报表-\d{8}-\d{4}\.pdf$/);
    await settle(page);
    await shot(page, 'exports-entry.png');
  }, 90_000);
});
