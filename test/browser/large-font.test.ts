import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Assignment } from '../../types';
import { defenceEntry, DEFENCE_CAMPAIGN_BODY } from '../support/defence-fixture';
import { SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * 第 5 项“系统大字体下读得清（退休老党员）”：字号都用 fs()（client/src/styles/_type.scss）写成 rem，
 * 小程序里 <page-meta root-font-size="system"> 让 1rem = 微信字体设置；H5 的版面是 vw、rem 以浏览器根字号为准，
 * 所以把根字号调到 1.4 倍（22.4px）就是模拟“大字体”：字变大、版面宽度不变——和小程序里一样。
 *
 * 每页检查：
 * - 字确实变大了（页面上某个字号是标准时的 1.4 倍；fs() 没起作用时本测试会失败，而不是空过）；
 * - 没有文字被裁切：有文字的块级元素 scrollWidth ≤ clientWidth、scrollHeight ≤ clientHeight
 *   （有意的省略号与多行截断除外：text-overflow: ellipsis / -webkit-line-clamp，全文在详情页）；
 * - 没有元素伸出屏幕右边。
 */
const NOW = '2026-11-28T18:30:00+08:00';
const SCALE = 1.4;
const T = { timeout: 30_000 };

describe('large system font (root font × 1.4): nothing clipped (issue 5)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: NOW });
  }, 60_000);
  afterAll(() => h?.close());

  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

  /** 放大根字号（模拟系统大字体）；返回放大前后某个元素的字号，证明 fs() 生效 */
  async function enlarge(page: Page, probe: string): Promise<{ before: number; after: number; fixed: string[] }> {
    const size = () => page.locator(probe).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    // 每个有字的元素记下标准字号；放大后没跟着变大的，就是还写死了 px 的字号
    await page.evaluate(() => {
      document.querySelectorAll<HTMLElement>('.taro_page *').forEach((el) => {
        const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
        // 输入框与多行输入框也算（里面的字与占位提示）
        if (hasText || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') el.dataset.fsBefore = getComputedStyle(el).fontSize;
      });
    });
    await page.evaluate((px) => document.documentElement.style.setProperty('font-size', `${px}px`, 'important'), 16 * SCALE);
    await page.waitForTimeout(400);
    const fixed = await page.evaluate((scale) => {
      const out: string[] = [];
      document.querySelectorAll<HTMLElement>('[data-fs-before]').forEach((el) => {
        const was = parseFloat(el.dataset.fsBefore ?? '0');
        const now = parseFloat(getComputedStyle(el).fontSize);
        if (el.getBoundingClientRect().width > 0 && now < was * (scale - 0.05)) out.push(`${String(el.className).split(' ')[0]}「${(el.textContent ?? '').trim().slice(0, 12)}」${was}px→${now}px`);
      });
      return out;
    }, SCALE);
    return { before, after: await size(), fixed };
  }

  /** 被裁切的文字与伸出屏幕的元素（空数组为好） */
  function clippedText(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const bad: string[] = [];
      const vw = document.documentElement.clientWidth;
      const visible = (el: HTMLElement) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      // 只看当前页（Taro H5 的页面栈里隐藏的旧页不算）
      const root = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none') ?? document.body;
      root.querySelectorAll<HTMLElement>('*').forEach((el) => {
        if (!visible(el)) return;
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const label = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}「${(el.textContent ?? '').trim().slice(0, 16)}」`;
        if (r.right > vw + 1 && style.position !== 'fixed') bad.push(`${label} 伸出屏幕 ${Math.round(r.right - vw)}px`);
        const hasOwnText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
        if (!hasOwnText || style.display === 'inline') return;
        if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none') return; // 有意的截断
        if (['INPUT', 'TEXTAREA'].includes(el.tagName)) return;
        if (el.scrollWidth > el.clientWidth + 1) bad.push(`${label} 横向被裁 ${el.scrollWidth}>${el.clientWidth}`);
        // 纵向：overflow 为 hidden/clip/auto 时多出 1px 即被裁；visible 时多出半行以上（压到下面的内容）才算——
        // line-height: 1 的单个符号（如 ›）字形略高于行盒，不是被裁
        const extra = el.scrollHeight - el.clientHeight;
        const limit = style.overflowY === 'visible' ? parseFloat(style.fontSize) / 2 : 1;
        if (extra > limit) bad.push(`${label} 纵向被裁 ${el.scrollHeight}>${el.clientHeight}`);
      });
      return bad;
    });
  }

  async function check(page: Page, probe: string, file: string) {
    const { before, after, fixed } = await enlarge(page, probe);
    expect(after).toBeCloseTo(before * SCALE, 0);
    expect(fixed).toEqual([]);
    const top = await clippedText(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `large-font-${file}.png`), fullPage: true });
    expect(top).toEqual([]);
  }

  it('member pages: 通知, 案例 with filters, a case, 我的', async () => {
    const page = await h.phone('p-cs-stu1-1');
    await page.goto(`${h.base}/#/pages/notices/index`);
    await shown(page, 'campaign-card').first().waitFor(T);
    await check(page, '[data-testid=notice-card]', 'notices');

    const cases = await h.phone('p-cs-stu1-1');
    await cases.goto(`${h.base}/#/pages/cases/index`);
    await shown(cases, 'case-card').first().waitFor(T);
    await check(cases, '[data-testid=case-card]', 'cases');
    await shown(cases, 'case-card').first().click();
    await shown(cases, 'case-title').waitFor(T);
    expect(await clippedText(cases)).toEqual([]);
    await cases.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-font-case.png'), fullPage: true });

    const me = await h.phone('p-cs-stu1-1');
    await me.goto(`${h.base}/#/pages/me/index`);
    await shown(me, 'person-card').waitFor(T);
    await check(me, '[data-testid=person-card]', 'me');
  }, 120_000);

  it('branch editor: start an entry and the editor with its counters and checklist', async () => {
    const page = await h.phone('p-sec-cs-stu1');
    await page.goto(`${h.base}/#/entry/start/index?campaignId=c-2026-a`);
    await shown(page, 'start').waitFor(T);
    await check(page, '[data-testid=start]', 'entry-start');
    await shown(page, 'start').click();
    await shown(page, 'field-title').waitFor(T);
    // 新开一页再放大：编辑页的字号（含多行输入框）都随根字号变大、没有被裁切
    const editor = await h.phone('p-sec-cs-stu1');
    await editor.goto(page.url());
    await shown(editor, 'field-title').waitFor(T);
    const { fixed } = await enlarge(editor, '[data-testid=field-title]');
    expect(fixed).toEqual([]);
    expect(await clippedText(editor)).toEqual([]);
    await editor.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-font-entry-detail.png'), fullPage: true });
  }, 120_000);

  it('admin pages: units and campaigns', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(`${h.base}/#/admin/units/index`);
    await page.locator('.adm-card, .adm-list, [data-testid^=unit]').first().waitFor(T);
    await check(page, '.adm-card, .adm-list', 'admin-units');
    const campaigns = await h.phone('p-dept-wang');
    await campaigns.goto(`${h.base}/#/admin/campaigns/index`);
    await campaigns.locator('.adm-card, .adm-list, [data-testid^=campaign]').first().waitFor(T);
    await check(campaigns, '.adm-card, .adm-list', 'admin-campaigns');
  }, 120_000);

  it('exports page (组织部): a finished 汇总表 job card, pickers and buttons', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(`${h.base}/#/admin/exports/index`);
    await shown(page, 'campaign-picker').filter({ hasText: '立项' }).waitFor(T);
    await shown(page, 'start-summary').click();
    await page.locator('[data-testid=export-job][data-status=done]:visible').first().waitFor(T);
    await page.waitForTimeout(600);
    await check(page, '.adm-section-title', 'exports');
  }, 120_000);

  it('live defence judge page (E3): presenter, rubric steppers and the submit bar', async () => {
    const db = h.s.cloud.database.db;
    const dept = h.s.openidOf('p-dept-wang');
    // 与 test/browser/defence.test.ts 相同的 E 模板评选（答辩阶段覆盖 2026 全年）与一份入围材料
    await db.collection('campaigns').doc('c-2026-e').set({ data: { ...DEFENCE_CAMPAIGN_BODY, status: 'open', version: 1 } });
    const branch = h.s.demo.branches.find((b) => b._id === 'b-cs-staff1')!;
    const unitName = h.s.demo.units.find((u) => u._id === 'u-cs')!.name;
    const { _id: _ignored, ...e } = defenceEntry('far', 1, 'screened');
    void _ignored;
    await db.collection('entries').doc('e-2026-e-lf').set({
      data: {
        ...e, campaignId: 'c-2026-e', unitId: 'u-cs', unitName, branchId: branch._id, entrantName: branch.name,
        entrantKey: `branch:${branch._id}#e-2026`, content: { ...e.content, title: '代码里的初心：党员技术攻关队' },
      },
    });
    const { _id: id } = await h.s.ok<{ _id: string }>(
      'defence',
      { action: 'create', campaignId: 'c-2026-e', trackKey: 'activity', title: '终审答辩', entryIds: ['e-2026-e-lf'], judgeIds: ['p-judge-zhao'] },
      dept,
    );
    await h.s.ok('defence', { action: 'openNext', id, entryId: 'e-2026-e-lf' }, dept);

    const page = await h.phone('p-judge-zhao');
    await page.goto(`${h.base}/#/defence/judge/index?id=${id}`);
    await shown(page, 'score-sheet').waitFor(T);
    await shown(page, 'presenter-title').waitFor(T);
    // Taro H5 的页面在内部容器里滚动：视口拉高，截图里看得到评分细则与提交栏
    await page.setViewportSize({ width: 390, height: 2600 });
    await check(page, '[data-testid=presenter-title]', 'defence-judge');
  }, 120_000);

  describe('函评 scoring page (C1.5), in the review stage', () => {
    let r: BrowserHarness;
    beforeAll(async () => {
      // 函评阶段（2026-12-01 至 12-31，北京时间）之中，同 test/browser/review.test.ts
      r = await startBrowserHarness({ now: '2026-12-05T10:00:00+08:00' });
    }, 60_000);
    afterAll(() => r?.close());

    it('a judge scoring an entry: rubric with descriptions, steppers, comment counter and the submit bar', async () => {
      const entryId = 'e-2026-a-cs-staff1';
      await r.s.cloud.database.db.collection('entries').doc(entryId).update({ data: { status: 'underReview' } });
      const { assignment } = await r.s.ok<{ assignment: Assignment }>('reviews', { action: 'assign', entryId, reviewerId: 'p-judge-zhao' }, r.s.openidOf('p-dept-wang'));
      const page = await r.phone('p-judge-zhao');
      await page.goto(`${r.base}/#/review/score/index?id=${encodeURIComponent(assignment._id)}`);
      await shown(page, 'score-sheet').waitFor(T);
      await page.locator('[data-testid="criterion-c1"]:visible').waitFor(T);
      // Taro H5 的页面在内部容器里滚动：视口拉高，截图里看得到评分细则与提交栏
      await page.setViewportSize({ width: 390, height: 2600 });
      await check(page, '.rv-criterion__label', 'review-score');
    }, 120_000);
  });
});
