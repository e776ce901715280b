import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Case } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';
import { gradientPng } from './png';

/**
 * 组织部编辑案例（A7、A5）在真实 Chromium 中：评选结果公布后的案例是草稿，党员在储备库里看不到；
 * 组织部王老师从“我的 → 案例编辑”打开它，改题目与简介，照片说明超过 20 字时计数变红、不能保存，
 * 把第二张设为封面后保存；另一位管理员先保存过时，页面说明冲突并载入最新内容；确认后发布，党员就看得到编辑后的文字与照片顺序。
 */
const NOW = '2026-11-28T18:30:00+08:00';
const DEPT = 'p-dept-wang';
const MEMBER = 'p-cs-stu1-1';

describe('the department edits a draft case and publishes it to the gallery (A7)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: NOW });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
  const confirmModal = async (page: Page, text: string) => {
    const button = page.locator('.taro__modal').getByText(text, { exact: true });
    await button.waitFor(T);
    await button.click();
  };

  it('lists the draft, refuses a 21-字 caption, reorders photos, reports a conflict, publishes after confirmation', async () => {
    // 演示数据里往届的案例都已发布：把一个改回草稿（如同刚公布结果），配两张照片
    const sample = h.s.demo.cases.find((c) => c.campaignId === 'c-2021-a')!;
    const photos = [];
    for (const [i, caption, colors] of [
      [1, '支部党员集中学习研讨', [[200, 22, 29], [246, 196, 120]]],
      [2, '科研攻关团队现场交流', [[31, 95, 168], [190, 220, 245]]],
    ] as const) {
      const { fileID } = await h.s.cloud.files.upload(`cases/${sample._id}/edit-${i}.png`, gradientPng([...colors[0]], [...colors[1]]));
      photos.push({ fileID, caption, url: '' });
    }
    const db = h.s.cloud.database.db;
    await db.collection('cases').doc(sample._id).update({ data: { status: 'draft', version: 0, photos: db.command.set(photos) } });
    const asMember = (action: string, input: object) => h.s.cloud.call('cases', { action, ...input }, h.s.openidOf(MEMBER));
    expect(await asMember('get', { id: sample._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const page = await h.phone(DEPT);
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('entry-cases').click();
    const cards = shown(page, 'draft-card');
    await cards.first().waitFor(T);
    expect(await cards.count()).toBe(1);
    expect(await cards.first().innerText()).toContain(sample.title);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shot(page, 'case-drafts.png');

    await cards.first().click();
    await shown(page, 'field-title').waitFor(T);
    await page.locator('[data-testid=field-title]:visible input').fill('红色算力：党建引领科研攻关');
    await page.locator('[data-testid=field-summary]:visible textarea').fill('支部把党小组建在课题组上，党员领衔攻关，一年攻下三项关键技术。');
    expect(await shown(page, 'summary-counter').innerText()).toMatch(/^\d+\/120$/);

    // A5：照片说明 20 字以内——21 字时计数变红，保存与发布都不可点
    const rows = shown(page, 'photo-row');
    await rows.nth(1).locator('input').fill('科研攻关团队在实验室现场交流研讨各关键技术');
    expect(await rows.nth(1).getByTestId('caption-counter').innerText()).toBe('21/20');
    await shown(page, 'case-invalid').waitFor(T);
    expect(await shown(page, 'case-save').getAttribute('class')).toContain('adm-btn--disabled');
    await rows.nth(1).scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'case-edit-caption-over.png');
    await rows.nth(1).locator('input').fill('攻关团队现场交流');
    await shown(page, 'case-invalid').waitFor({ state: 'detached', ...T });

    // 第二张设为封面
    await rows.nth(1).getByTestId('photo-cover').click();
    expect(await rows.nth(0).locator('input').inputValue()).toBe('攻关团队现场交流');
    expect(await shown(page, 'case-preview').innerText()).toContain('红色算力：党建引领科研攻关');
    await shown(page, 'case-save').click();
    await page.getByText('已保存', { exact: true }).first().waitFor(T);
    expect(((await db.collection('cases').doc(sample._id).get()).data as Case).version).toBe(1);

    // 另一位管理员先保存了：本页再保存得到冲突说明，并载入对方的版本
    const other = await h.s.cloud.call(
      'cases',
      { action: 'saveEdit', id: sample._id, expectedVersion: 1, edit: { title: '另一位管理员改的题目', summary: '简介', sections: [], photos: photos.map((p) => ({ fileID: p.fileID, caption: p.caption })) } },
      h.s.openidOf('p-dept-li'),
    );
    expect(other).toMatchObject({ ok: true });
    await page.locator('[data-testid=field-title]:visible input').fill('本页上的题目');
    await shown(page, 'case-save').click();
    await shown(page, 'save-error').waitFor(T);
    expect(await shown(page, 'save-error').innerText()).toContain('已被其他管理员修改');
    await page.waitForFunction(() => (document.querySelector('[data-testid=field-title] input') as HTMLInputElement | null)?.value === '另一位管理员改的题目', null, T);

    // 核对后改回、发布（确认对话框）
    await page.locator('[data-testid=field-title]:visible input').fill('红色算力：党建引领科研攻关');
    await shown(page, 'case-publish').click();
    await confirmModal(page, '发布');
    await page.waitForFunction(() => document.querySelector('[data-testid=case-status]')?.textContent?.includes('已发布'), null, T);
    await settle(page);
    await shot(page, 'case-edit.png');
    await shown(page, 'case-status').scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'case-edit-top.png');

    const got = await asMember('get', { id: sample._id });
    expect(got).toMatchObject({ ok: true, data: { title: '红色算力：党建引领科研攻关', status: 'published' } });
    expect((got as { data: Case }).data.photos.map((p) => p.caption)).toEqual(['支部党员集中学习研讨', '科研攻关团队现场交流']);
  }, 120_000);
});
