import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Assignment, Campaign } from '../../types';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * 函评（C1.5，评分细则 A2）在真实 Chromium 中：组织部把 2026 年度创新奖设为匿名函评，
 * 计算机学院教工第一党支部的材料进入评审并指派给评委（党务干部）赵老师；
 * 赵老师在“我的”看到函评入口，打开“我的评审”，进入评分页：材料里看不到申报单位，
 * 逐项打分、写评语（字数计数）、暂存、提交（确认框），提交后看到评分情况。
 */
const JUDGE = 'p-judge-zhao';
const DEPT = 'p-dept-wang';
const ENTRY = 'e-2026-a-cs-staff1';
const CAMPAIGN = 'c-2026-a';

describe('函评: a judge scores an assigned entry in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    // 函评阶段（2026-12-01 至 12-31，北京时间）之中
    h = await startBrowserHarness({ now: '2026-12-05T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

  it('C1.5/A2: signs in as the judge, opens 我的评审, scores the anonymous entry, saves a draft, submits after confirming and sees the scores', async () => {
    const dept = h.s.openidOf(DEPT);
    // 组织部：匿名函评（经 campaigns.save），材料进入评审（夹具直接置为“评审中”：分党委推荐与初审的阶段已过），指派评委
    const c = await h.s.ok<Campaign>('campaigns', { action: 'get', id: CAMPAIGN }, dept);
    const { _id, status: _s, version, ...body } = c;
    body.tracks[0].pipeline.review!.anonymous = true;
    await h.s.ok('campaigns', { action: 'save', _id, expectedVersion: version, body }, dept);
    await h.s.cloud.database.db.collection('entries').doc(ENTRY).update({ data: { status: 'underReview' } });
    const entry = (await h.s.cloud.database.db.collection('entries').doc(ENTRY).get()).data as unknown as { unitName: string; entrantName: string; content: { title: string } };
    const { assignment } = await h.s.ok<{ assignment: Assignment }>('reviews', { action: 'assign', entryId: ENTRY, reviewerId: JUDGE }, dept);

    const page = await h.phone(JUDGE);
    await page.goto(h.base + '/#/pages/me/index');
    const entryCard = shown(page, 'review-mine');
    await entryCard.waitFor(T);
    expect(await entryCard.innerText()).toContain('1 份待评分');
    expect(await entryCard.innerText()).toContain('已提交 0 / 1 份');
    await entryCard.click();

    // 我的评审：进度、待评分组、截止（北京时间）
    await shown(page, 'my-reviews').waitFor(T);
    expect(await shown(page, 'review-progress').innerText()).toBe('已提交 0 / 1 份');
    const card = shown(page, 'assignment');
    expect(await card.innerText()).toContain(entry.content.title);
    expect(await card.innerText()).toContain('匿名评审');
    expect(await card.innerText()).not.toContain(entry.unitName);
    expect(await shown(page, 'assignment-deadline').innerText()).toContain('2026-12-31 23:59（北京时间）');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-mine.png') });
    await card.click();

    // 评分页：材料（EntryView）里没有申报单位与支部名，写明隐去了什么
    await shown(page, 'score-page').waitFor(T);
    await shown(page, 'entry-view').waitFor(T);
    const note = await shown(page, 'anonymous-note').innerText();
    expect(note).toContain('盖章扫描件');
    const pageText = await shown(page, 'score-page').innerText();
    expect(pageText).not.toContain(entry.unitName);
    expect(pageText).not.toContain(entry.entrantName);

    // 六项（A2）逐项打分：第一项用“+”，其余直接输入
    const criteria = page.locator('[data-testid^="criterion-"]:visible');
    expect(await criteria.count()).toBe(6);
    for (let i = 0; i < 4; i++) await shown(page, 'plus-c1').click();
    expect(await page.locator('[data-testid="criterion-c1"]:visible input').inputValue()).toBe('2');
    await page.locator('[data-testid="criterion-c1"]:visible input').fill('15');
    const values = [15, 14.5, 14, 13.5, 15, 13];
    for (let i = 1; i < 6; i++) await page.locator(`[data-testid="criterion-c${i + 1}"]:visible input`).fill(String(values[i]));
    await shown(page, 'total').filter({ hasText: '85' }).waitFor(T);

    // 评语太短时提交：就地指出，不发请求
    const comment = page.locator('[data-testid="score-sheet"]:visible textarea');
    await comment.fill('很好');
    await shown(page, 'submit-score').click();
    await shown(page, 'score-notice-error').getByText('请写评语（至少 10 字，现有 2 字）', { exact: false }).waitFor(T);
    await comment.fill('选题聚焦智算攻坚，党员作用突出；成效部分可补充数据。');
    expect(await shown(page, 'comment-counter').innerText()).toBe('26 / 500 字');

    // 暂存，再提交（确认框）
    await shown(page, 'save-draft').click();
    await shown(page, 'score-saved').waitFor(T);
    // 按钮文字清楚可读：不被 H5 的 [disabled] 样式染成半透明。暂存时两个按钮都不可点，之后 disabled 属性整个去掉
    // （components/Button 不传 false；H5 会把 false 写成 disabled="false"，Taro 的样式按属性有无选择）
    const bar = page.locator('[data-testid="save-draft"]:visible, [data-testid="submit-score"]:visible');
    expect(await bar.evaluateAll((els) => els.map((e) => [getComputedStyle(e).color, e.getAttribute('disabled'), e.getAttribute('loading')]))).toEqual([
      ['rgb(51, 51, 51)', null, null],
      ['rgb(255, 255, 255)', null, null],
    ]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-score-draft.png') });
    await shown(page, 'submit-score').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('确认提交评分').waitFor(T);
    expect(await modal.innerText()).toContain('总分 85 / 100');
    await modal.getByText('提交', { exact: true }).click();
    await shown(page, 'submitted-note').waitFor(T);
    await shown(page, 'score-board').waitFor(T);
    expect(await shown(page, 'my-score').innerText()).toContain('85 分');

    // 云端：已提交、各项分数与评语如所填
    const scores = await h.s.ok<{ rows: { reviewerId: string; status: string; total: number; scores: Record<string, number>; comment: string }[] }>('reviews', { action: 'scoresFor', entryId: ENTRY }, dept);
    expect(scores.rows).toEqual([
      expect.objectContaining({ reviewerId: JUDGE, status: 'submitted', total: 85, scores: { c1: 15, c2: 14.5, c3: 14, c4: 13.5, c5: 15, c6: 13 }, comment: '选题聚焦智算攻坚，党员作用突出；成效部分可补充数据。' }),
    ]);
    expect(assignment.status).toBe('assigned');

    expect(await rendersChineseGlyphs(page)).toBe(true);
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((e) => e.style.display === 'none'), null, { timeout: 5_000 });
    // 等“已提交”提示消失，再整页截图：把视口拉到整页高度
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page')).map((el) => (el as HTMLElement).scrollHeight), document.body.scrollHeight));
    await page.setViewportSize({ width: 390, height: Math.min(height, 6000) });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-score-submitted.png') });
  }, 120_000);
  it('C1.5: a judge who finds a conflict of interest declares it from the scoring page; the assignment is withdrawn and recorded', async () => {
    const dept = h.s.openidOf(DEPT);
    const other = 'e-2026-a-info-stu1';
    await h.s.cloud.database.db.collection('entries').doc(other).update({ data: { status: 'underReview' } });
    const { assignment } = await h.s.ok<{ assignment: Assignment }>('reviews', { action: 'assign', entryId: other, reviewerId: JUDGE }, dept);

    const page = await h.phone(JUDGE);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.base}/#/review/score/index?id=${encodeURIComponent(assignment._id)}`);
    await shown(page, 'score-sheet').waitFor(T);
    // 底栏固定在屏幕底部：先把要点的地方滚到屏幕中间（真机上手指也是先滑上来）。playwright 的自动滚动只滚到
    // 恰好可见，并把页面的下拉刷新容器当作遮挡；滚到中间后 elementFromPoint 命中的就是目标本身，所以直接点
    const tap = async (testId: string) => {
      await shown(page, testId).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shown(page, testId).click({ force: true });
    };
    await tap('conflict-open');
    const reason = page.locator('[data-testid="conflict-reason"]:visible textarea');
    await reason.fill('是');
    await tap('conflict-confirm');
    expect(await shown(page, 'conflict-error').innerText()).toContain('至少 2 个字');
    await reason.fill('本人曾指导该支部开展此项目');
    expect(await shown(page, 'conflict-counter').innerText()).toContain('13 字');
    expect(await page.locator('[data-testid="conflict-error"]:visible').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-conflict.png') });
    await tap('conflict-confirm');
    await shown(page, 'recused-note').waitFor(T);

    // 指派撤回，回避记入名单（评委本人声明，对这份材料）
    const left = await h.s.cloud.database.db.collection('reviewAssignments').where({ _id: assignment._id }).count();
    expect(left.total).toBe(0);
    const { items } = await h.s.ok<{ items: { reviewerId: string; entryId: string | null; reason: string }[] }>('reviews', { action: 'listConflicts', campaignId: CAMPAIGN }, dept);
    expect(items).toContainEqual(expect.objectContaining({ reviewerId: JUDGE, entryId: other, reason: '本人曾指导该支部开展此项目' }));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-recused.png') });
  }, 120_000);
});
