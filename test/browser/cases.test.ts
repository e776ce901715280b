import path from 'node:path';
import type { Page } from 'playwright-core';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';
import { gradientPng } from './png';

/**
 * issue 5 的党员浏览路径在真实 Chromium 中：党员打开“案例”看到 2021 创新奖的三个获奖案例，按年份筛选，打开一个看到各节正文；
 * 在“通知”上方看到正在申报的 2026 创新奖及其北京时间状态（即将截止，还剩…）；未绑定的访客看得到案例，但没有单位筛选与评选一块；
 * 系统大字体（根字号放大）时文字不被截断。
 *
 * 时钟：评选的状态标签由页面按手机的“此刻”计算。startBrowserHarness({ now }) 让本地云与每个页面的时钟都从
 * 北京时间 2026-11-28 18:30 起照常走（演示的 2026 创新奖 11-30 23:59:59 截止，还剩 2 天 5 小时多），与运行测试的日期无关。
 */
const NOW = '2026-11-28T18:30:00+08:00';

describe('cases and open campaigns for members in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: NOW });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const MEMBER = 'p-cs-stu1-1';
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
  /** Taro H5 把页面栈里下面的页面留在文档中（隐藏）：只看当前显示的那一页里的元素 */
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
  /** 演示数据里 2021 创新奖的获奖案例（三个支部） */
  const winners2021 = () => h.s.demo.cases.filter((c) => c.campaignId === 'c-2021-a');

  /**
   * Taro H5 的普通选择器：点开胶囊，在唯一一栏里选一项，再点“确定”。点击一栏里可见的一行即把它滚到中间选中；
   * 目标可能在屏幕外（年份有十几项），所以从当前选中的一行起逐行点向目标，每点一行，下一行就露出来了。
   */
  const pick = async (page: Page, testId: string, label: string) => {
    await shown(page, `${testId}-label`).click();
    const overlay = page.locator('.weui-picker:visible');
    await overlay.waitFor({ state: 'visible', ...T });
    await page.waitForTimeout(400); // 弹出动画
    const items = overlay.locator('.weui-picker__item');
    const labels = (await items.allInnerTexts()).map((t) => t.trim());
    const target = labels.indexOf(label);
    expect(target).toBeGreaterThanOrEqual(0);
    const current = Number(await overlay.locator('input[type=hidden]').inputValue()) || 0;
    const step = target > current ? 1 : -1;
    // 列上盖着渐变遮罩（.weui-picker__mask）：点击落在遮罩上，冒泡到列，列按点击位置选中那一行
    for (let i = current + step; i !== target + step; i += step) {
      await items.nth(i).click({ force: true });
      await page.waitForTimeout(450); // 列滚动动画（0.3s）结束后再点下一行
    }
    await overlay.getByText('确定', { exact: true }).click();
    await overlay.waitFor({ state: 'hidden', ...T });
  };

  it('shows a member the 2021 winning cases on 案例, filters them by year 2021, and opens one with its sections and captioned photos', async () => {
    const winners = winners2021();
    expect(winners).toHaveLength(3);
    // “红色算力”补两张带说明的照片（直接写进本地云的文件与案例快照）
    const red = winners.find((w) => w.title.includes('红色算力'))!;
    const photos = [];
    for (const [i, caption, colors] of [
      [1, '支部党员集中学习研讨', [[200, 22, 29], [246, 196, 120]]],
      [2, '科研攻关团队现场交流', [[31, 95, 168], [190, 220, 245]]],
    ] as const) {
      const { fileID } = await h.s.cloud.files.upload(`cases/${red._id}/photo-${i}.png`, gradientPng([...colors[0]], [...colors[1]]));
      photos.push({ fileID, caption, url: '' });
    }
    const db = h.s.cloud.database.db;
    await db.collection('cases').doc(red._id).update({ data: { photos: db.command.set(photos) } });
    const page = await h.phone(MEMBER);
    await page.goto(h.base + '/#/pages/notices/index');
    await page.locator('.weui-tabbar__item', { hasText: '案例' }).click();

    const cards = shown(page, 'case-card');
    await cards.nth(2).waitFor(T);
    expect(await cards.count()).toBe(winners.length);
    const listText = await shown(page, 'case-card').allInnerTexts();
    for (const w of winners) {
      const card = listText.find((t) => t.includes(w.title));
      expect(card).toBeDefined();
      expect(card).toContain(w.entrantName);
      expect(card).toContain(w.unitName);
      expect(card).toContain(w.levelLabel);
      expect(card).toContain('2021 年度');
    }
    expect(listText.join('\n')).toContain('计算机学院教工第一党支部');
    // 已绑定的党员有单位筛选
    await shown(page, 'filter-unit').waitFor(T);
    expect(await rendersChineseGlyphs(page)).toBe(true);

    await pick(page, 'filter-year', '2021 年');
    await shown(page, 'filter-year-label').filter({ hasText: '2021 年' }).waitFor(T);
    await shown(page, 'list-footer').filter({ hasText: '已经到底了 · 共 3 个案例' }).waitFor(T);
    expect(await cards.count()).toBe(3);
    await settle(page);
    await shot(page, 'cases.png');

    // 换到没有案例的年份：空状态；清除筛选后回到全部
    await pick(page, 'filter-year', '2020 年');
    await page.getByText('没有符合筛选条件的案例').waitFor(T);
    await shown(page, 'clear-filters').click();
    await cards.nth(2).waitFor(T);

    // 有照片的案例：卡片有封面
    const redCard = cards.filter({ hasText: red.title });
    const cover = redCard.getByTestId('case-cover');
    await cover.waitFor(T);
    await redCard.click();
    await shown(page, 'case-title').filter({ hasText: red.title }).waitFor(T);
    expect(page.url()).toContain(`/pages/case/index?id=${red._id}`);
    const meta = await shown(page, 'case-meta').innerText();
    expect(meta).toContain(red.entrantName);
    expect(meta).toContain(red.campaignTitle);
    // 案例页压在“案例”标签页之上，下面一页仍在文档里：只看案例页里的
    const casePage = page.locator('.case-page:visible');
    expect((await casePage.getByTestId('case-level').innerText()).trim()).toBe(red.levelLabel);
    const headings = (await shown(page, 'case-section-title').allInnerTexts()).map((t) => t.trim());
    expect(headings).toEqual(red.sections.map((s) => s.title));
    expect(headings).toEqual(['案例简介', '正文']);
    const body = await casePage.innerText();
    expect(body).toContain('一、实施情况');
    expect(body).toContain('四、经验启示');
    await settle(page);
    await shot(page, 'case.png');

    // 照片带编号与说明，图片真的加载出来了；点开是大图预览
    const captions = (await casePage.getByTestId('case-caption').allInnerTexts()).map((t) => t.trim());
    expect(captions).toEqual(['图 1　支部党员集中学习研讨', '图 2　科研攻关团队现场交流']);
    const firstPhoto = casePage.getByTestId('case-photo').first();
    await firstPhoto.scrollIntoViewIfNeeded();
    const img = firstPhoto.locator('img');
    await img.waitFor(T);
    await page.waitForFunction((el) => !!el && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), T);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(600);
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'case-photos.png') });
  }, 120_000);

  it('shows a member the open 2026 创新奖 above the notices, 即将截止 with the time left in CST', async () => {
    const page = await h.phone(MEMBER);
    await page.goto(h.base + '/#/pages/notices/index');
    const block = shown(page, 'open-campaigns');
    await block.waitFor(T);
    const card = block.locator('[data-testid=campaign-card]', { hasText: '2026 年度基层党建工作创新奖评选' });
    await card.waitFor(T);
    expect((await card.getByTestId('campaign-badge').innerText()).trim()).toBe('即将截止');
    expect((await card.getByTestId('campaign-badge-detail').innerText()).trim()).toBe('还剩 2 天 5 小时');
    // 2026 支部立项：申报已截止、正在实施
    const b = block.locator('[data-testid=campaign-card]', { hasText: '2026 年度基层党组织活动方案立项' });
    expect((await b.getByTestId('campaign-badge').innerText()).trim()).toBe('实施中');
    // 评选在通知列表之上
    await shown(page, 'notice-card').first().waitFor(T);
    const blockBox = (await block.boundingBox())!;
    const noticeBox = (await shown(page, 'notice-card').first().boundingBox())!;
    expect(blockBox.y + blockBox.height).toBeLessThanOrEqual(noticeBox.y);
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notices-campaigns.png') });
  }, 90_000);

  it('lets an unbound visitor browse cases without the unit filter, and shows no campaigns block on 通知', async () => {
    const page = await h.phone();
    await page.goto(h.base + '/#/pages/cases/index');
    await shown(page, 'case-card').nth(2).waitFor(T);
    await shown(page, 'filter-level').waitFor(T);
    expect(await shown(page, 'filter-unit').count()).toBe(0);

    await page.goto(h.base + '/#/pages/notices/index');
    await shown(page, 'notice-card').first().waitFor(T);
    await page.waitForTimeout(800);
    expect(await shown(page, 'open-campaigns').count()).toBe(0);
    expect(await shown(page, 'campaigns-error').count()).toBe(0);
  }, 90_000);

  it('keeps every line readable with a larger system font (root font size × 1.4): nothing clipped', async () => {
    for (const [url, ready, file] of [
      ['/#/pages/cases/index', 'case-card', 'cases-large-font.png'],
      ['/#/pages/notices/index', 'campaign-card', 'notices-large-font.png'],
    ] as const) {
      // 每页一个新标签：只改 hash 的跳转不重新加载文档，根字号会沿用上一页放大过的
      const page = await h.phone(MEMBER);
      await page.goto(h.base + url);
      await shown(page, ready).first().waitFor(T);
      // 字号用 fs() 写成 rem、版面是 vw（client/src/styles/_type.scss）：放大根字号即模拟系统“大字体”，版面宽度不变
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await page.evaluate((px) => {
        document.documentElement.style.setProperty('font-size', `${px}px`, 'important');
      }, before * 1.4);
      await page.waitForTimeout(300);
      // 文字元素不被裁切：内容高度不超过盒子高度（两行省略的简介除外）；卡片不比屏幕宽
      const clipped = await page.evaluate(() => {
        const bad: string[] = [];
        const vw = document.documentElement.clientWidth;
        document.querySelectorAll<HTMLElement>('.case-card *, .open-campaigns *, .cases-page__filter, .case-card, .open-campaigns__card').forEach((el) => {
          if (!el.offsetParent || el.className.includes('summary') || el.className.includes('filter-text')) return;
          if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflow !== 'visible') bad.push(`${el.className}: ${el.textContent?.slice(0, 20)}`);
          const r = el.getBoundingClientRect();
          if (r.right > vw + 1) bad.push(`${el.className} overflows the screen`);
        });
        return bad;
      });
      expect(clipped).toEqual([]);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, file) });
    }
  }, 90_000);
});
