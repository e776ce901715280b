import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { countZi, type GrantStatus } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * issue 5（支部填写材料）在真实 Chromium 中：支部书记为“2026 年度创新奖”开始申报，简介超过 300 字时计数变红、
 * 不能提交；改好后加两张带说明的照片；离开再回来草稿与照片都在；预览评审看到的样子；补齐正文四部分、开始日期与
 * 盖章扫描件后提交，时间线上看到“已提交”。
 *
 * 时钟固定从 2026-11-20 10:00（北京时间）起走：演示评选 c-2026-a 的申报期到 2026-11-30 23:59，用例不随真实日期过期。
 */
describe('entry editor: write, autosave, photos, preview and submit in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-11-20T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const settle = (page: Page) => page.waitForTimeout(600);
  /**
   * 截图：Taro H5 的页面在内部容器里滚动，fullPage 只截得到一屏；临时把视口拉高到 height 再截，
   * 截完恢复手机尺寸
   */
  const shot = async (page: Page, name: string, height = 844) => {
    if (height !== 844) {
      await page.setViewportSize({ width: 390, height });
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
    if (height !== 844) await page.setViewportSize({ width: 390, height: 844 });
  };
  /** 等 Taro H5 的 toast 消失（截图不被它挡住） */
  const toastGone = (page: Page) =>
    page
      .waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((el) => el.style.display === 'none'), undefined, { timeout: 5000 })
      .catch(() => undefined);
  /** Taro H5 把页面栈里下面的页面留在文档中（隐藏）：只看当前显示的那一页里的元素 */
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
  const modal = (page: Page) => page.locator('.taro__modal');
  const confirmModal = async (page: Page, text: string) => {
    const button = modal(page).locator('.taro-model__confirm', { hasText: text });
    await button.waitFor(T);
    await button.click();
  };
  const savedState = (page: Page) => shown(page, 'save-status').filter({ hasText: '已保存' }).waitFor(T);

  /** 在浏览器里画一张小 JPEG（带文字，截图里认得出来） */
  async function jpeg(page: Page, label: string, color: string): Promise<Buffer> {
    const dataUrl = await page.evaluate(
      ([text, fill]) => {
        const c = document.createElement('canvas');
        c.width = 960;
        c.height = 640;
        const g = c.getContext('2d')!;
        g.fillStyle = fill;
        g.fillRect(0, 0, c.width, c.height);
        g.fillStyle = '#ffffff';
        g.font = 'bold 96px sans-serif';
        g.fillText(text, 80, 360);
        return c.toDataURL('image/jpeg', 0.85);
      },
      [label, color] as const,
    );
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  }

  /** 一页的最小 PDF（服务端按文件头 %PDF- 核对） */
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

  async function choose(page: Page, trigger: Locator, files: { name: string; mimeType: string; buffer: Buffer }[]) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', T), trigger.click()]);
    await chooser.setFiles(files);
  }

  /** Taro H5 日期选择器：在“年”一栏点两年前（点击可见的一行即选中），再点“确定” */
  async function pickTwoYearsAgo(page: Page, picker: Locator): Promise<void> {
    await picker.locator('.adm-form__picker').click();
    const overlay = page.locator('.weui-picker:visible');
    await overlay.waitFor({ state: 'visible', ...T });
    await page.waitForTimeout(400);
    await overlay.locator('.weui-picker__group').nth(0).locator('.weui-picker__item', { hasText: '2024年' }).click({ force: true });
    await page.waitForTimeout(400);
    await overlay.getByText('确定', { exact: true }).click();
  }

  const GOOD_SUMMARY = '工作内容：支部党员与学业困难同学结对，每周开展一次朋辈辅导。创新要点：以“党员先锋岗”认领课程，建立帮扶台账。突出成效：两学期来结对同学挂科率下降六成。';
  const BODY = [
    '实施情况：2024 年 11 月起在本科生第一党支部实施，覆盖 3 个年级、42 名同学。',
    '主要做法：党员认领课程、每周辅导、期末复盘，支委会每月督导。',
    '工作成效：结对同学平均绩点提升 0.4，9 名同学递交入党申请书。',
    '经验启示：把党员作用发挥在同学最需要的地方，帮扶台账让工作可检查、可延续。',
  ].join('\n');
  let entryId = '';

  it('starts an entry, refuses submission while 案例简介 is over 300 字, adds two captioned photos, and keeps the draft across leaving and coming back', async () => {
    const page = await h.phone('p-sec-cs-stu1');
    await page.goto(`${h.base}/#/entry/start/index?campaignId=c-2026-a`);
    await shown(page, 'start').click();
    await shown(page, 'field-title').waitFor(T);
    entryId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(entryId).toMatch(/^e[0-9a-f]+$/);
    expect(await shown(page, 'entry-status').innerText()).toBe('草稿');

    await page.locator('[data-testid=field-title]:visible input').fill('“党员先锋岗”朋辈学业帮扶');
    // 简介写超：计数变红，清单与提交都拒绝
    const long = `${GOOD_SUMMARY}${'在实践中不断总结经验，持续改进帮扶方式。'.repeat(12)}`;
    expect(countZi(long)).toBeGreaterThan(300);
    await page.locator('[data-testid=field-summary]:visible textarea').fill(long);
    const counter = shown(page, 'field-summary-counter');
    await counter.filter({ hasText: `${countZi(long)}/300 字` }).waitFor(T);
    expect(await counter.getAttribute('data-state')).toBe('over');
    expect(await counter.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(200, 22, 29)');
    expect(await shown(page, 'content-checklist').innerText()).toContain('“案例简介”不超过 300 字（A5）');
    await savedState(page); // 超字数的草稿照样自动保存
    await shown(page, 'action-submit').click();
    await modal(page).getByText('不能提交', { exact: false }).waitFor(T);
    expect(await modal(page).innerText()).toContain(`“案例简介”不超过 300 字（A5），现有 ${countZi(long)} 字`);
    await confirmModal(page, '去修改');
    expect(await shown(page, 'entry-status').innerText()).toBe('草稿');

    // 改好
    await page.locator('[data-testid=field-summary]:visible textarea').fill(GOOD_SUMMARY);
    await counter.filter({ hasText: `${countZi(GOOD_SUMMARY)}/300 字` }).waitFor(T);
    expect(await counter.getAttribute('data-state')).toBe('ok');

    // 两张带说明的照片（A5：建议 5 张左右，说明不超过 20 字）
    expect(await shown(page, 'photos-main-rule').innerText()).toContain('建议 5 张左右');
    const files = [
      { name: '启动会.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '结对启动会', '#c8161d') },
      { name: '分享会.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '经验分享会', '#1d4ed8') },
    ];
    await choose(page, shown(page, 'add-photos-main'), files);
    const photos = page.locator('[data-testid=photos-main]:visible [data-testid=photo]');
    await photos.nth(1).waitFor(T);
    expect(await page.locator('[data-testid=upload-job]:visible').count()).toBe(0);
    await photos.nth(0).locator('input').fill('结对帮扶启动会上党员认领课程');
    await photos.nth(1).locator('input').fill('期末经验分享会');
    const captionCounter = photos.nth(0).getByTestId('caption-counter');
    expect(await captionCounter.innerText()).toBe(`${countZi('结对帮扶启动会上党员认领课程')}/20 字`);
    await savedState(page);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shown(page, 'field-title').scrollIntoViewIfNeeded();
    await shot(page, 'entry-editor.png', 2600);

    // 云端已有这份草稿：照片在材料自己的目录下
    const stored = await h.s.ok<{ entry: { content: { sections: Record<string, string>; photos: Record<string, { fileID: string; caption: string }[]> } } }>(
      'entries',
      { action: 'get', id: entryId },
      h.s.openidOf('p-sec-cs-stu1'),
    );
    expect(stored.entry.content.sections.summary).toBe(GOOD_SUMMARY);
    expect(stored.entry.content.photos.main.map((p) => p.caption)).toEqual(['结对帮扶启动会上党员认领课程', '期末经验分享会']);
    for (const p of stored.entry.content.photos.main) expect(p.fileID).toContain(`/entries/${entryId}/photo-`);

    // 离开（返回“参加评选”页）再从“查看已有申报”回来：草稿与照片都在，照片由云端的临时链接显示
    await page.goBack();
    await shown(page, 'open-existing').click();
    await shown(page, 'field-summary').waitFor(T);
    expect(await page.locator('[data-testid=field-summary]:visible textarea').inputValue()).toBe(GOOD_SUMMARY);
    const again = page.locator('[data-testid=photos-main]:visible [data-testid=photo]');
    await again.nth(1).waitFor(T);
    expect(await again.nth(0).locator('input').inputValue()).toBe('结对帮扶启动会上党员认领课程');
    const img = again.nth(0).locator('img');
    await img.waitFor(T);
    expect(await img.getAttribute('src')).toContain(`/files/entries/${entryId}/photo-`);
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), T);
    expect(await shown(page, 'draft-notice').count()).toBe(0); // 本机副本与云端一致：不需要恢复
  }, 180_000);

  it('previews the entry as a reviewer will read it, then completes it and submits: 已提交 on the timeline', async () => {
    expect(entryId).not.toBe('');
    const page = await h.phone('p-sec-cs-stu1');
    await page.goto(`${h.base}/#/entry/detail/index?id=${entryId}`);
    await shown(page, 'field-body').waitFor(T);

    await page.locator('[data-testid=field-body]:visible textarea').fill(BODY);
    await pickTwoYearsAgo(page, shown(page, 'field-date-startedOn'));
    await shown(page, 'field-date-startedOn').filter({ hasText: '2024-11-20' }).waitFor(T);
    await choose(page, shown(page, 'add-scan'), [{ name: '盖章文字材料.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await shown(page, 'scan-item').filter({ hasText: '盖章文字材料.pdf' }).waitFor(T);
    expect(await shown(page, 'documents-note').innerText()).toContain('将合成一个带目录的 PDF');

    // 预览：先保存再打开，显示的就是评审将读到的
    await shown(page, 'preview').click();
    const view = shown(page, 'entry-view');
    await view.waitFor(T);
    expect(await shown(page, 'view-title').innerText()).toBe('“党员先锋岗”朋辈学业帮扶');
    expect(await shown(page, 'view-entrant').innerText()).toContain('计算机学院本科生第一党支部');
    const text = await view.innerText();
    for (const heading of ['案例简介', '正文', '活动照片', '加盖公章的文字材料扫描件']) expect(text).toContain(heading);
    expect(await page.locator('[data-testid=view-caption]:visible').allInnerTexts()).toEqual(['图 1\u3000结对帮扶启动会上党员认领课程', '图 2\u3000期末经验分享会']);
    const firstImage = page.locator('[data-testid=view-photo]:visible img').first();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await firstImage.elementHandle(), T);
    expect(await page.locator('[data-testid=entry-view]:visible input, [data-testid=entry-view]:visible textarea').count()).toBe(0);
    await settle(page);
    await shot(page, 'entry-preview.png', 2400);
    await shown(page, 'preview-back').click();
    await shown(page, 'field-body').waitFor(T);

    // 提交：清单已满足 → 确认 → 已提交，时间线上有这一步
    await shown(page, 'action-submit').click();
    await confirmModal(page, '提交');
    await shown(page, 'entry-status').filter({ hasText: '已提交' }).waitFor(T);
    const timeline = shown(page, 'timeline');
    await timeline.waitFor(T);
    const last = timeline.getByTestId('timeline-item').last();
    expect(await last.innerText()).toContain('提交 → 已提交');
    expect(await last.innerText()).toContain('2026-11-20');
    expect(await shown(page, 'editor').count()).toBe(0);
    expect(await shown(page, 'entry-view').count()).toBe(1);
    await settle(page);
    await shot(page, 'entry-submit-subscribe.png', 1600);

    // 提交成功后问是否接收结果与补正提醒 → 接收 → 本地模式的模拟授权框 → 允许：授权台账各记 1 条
    const modal = page.locator('.taro__modal');
    await modal.getByText('提交成功').waitFor(T);
    await modal.getByText('接收', { exact: true }).click();
    await modal.getByText('本地模式：模拟微信订阅授权').waitFor(T);
    await modal.getByText('允许', { exact: true }).click();
    await modal.waitFor({ state: 'hidden', ...T });
    const mine = await h.s.ok<{ items: GrantStatus[] }>('subscriptions', { action: 'mine' }, h.s.openidOf('p-sec-cs-stu1'));
    expect(mine.items.map((i) => [i.key, i.unused])).toEqual([
      ['result', 1],
      ['correction', 1],
      ['deadline', 0],
    ]);

    await toastGone(page);
    await settle(page);
    await shot(page, 'entry-submitted.png', 1600);
  }, 180_000);
});
