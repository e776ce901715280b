import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DefenceBoard } from '../../types';
import { defenceEntry, DEFENCE_CAMPAIGN_BODY, sheet } from '../support/defence-fixture';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * 现场答辩（E3）在真实 Chromium 中：组织部建场（三个入围项目、三位演示评委），开始第一位；
 * 评委赵振华在手机上逐项打分、看合计、确认提交，看到“已提交”；与第一位同单位的评委（机械学院的支部书记）手机上是“回避”；
 * 同时 1280×720 的大屏上该项目的份数从 0/2 升到 1/2、2/2，始终不出分；全部答完后主持人锁定，大屏公布得分与名次。
 *
 * 时钟固定从 2026-11-20 10:00（北京时间）起走：测试评选的答辩阶段覆盖 2026 全年。
 */
describe('live defence (E3): judge phone, host and big-screen board in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-11-20T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  const DEPT = 'p-dept-wang';
  const JUDGE_ZHAO = 'p-judge-zhao'; // 党务干部（机关）
  const JUDGE_MAT = 'p-ua-mat'; // 兼任评委的材料学院分党委管理员
  const JUDGE_ME = 'p-sec-me-staff1'; // 兼任评委的机械学院支部书记
  const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
  /** 截图：Taro H5 的页面在内部容器里滚动，手机页临时把视口拉高到 height 再截 */
  const shot = async (page: Page, name: string, height?: number) => {
    const size = page.viewportSize();
    if (height && size) await page.setViewportSize({ width: size.width, height });
    if (height) await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
    if (height && size) await page.setViewportSize(size);
  };
  const confirmModal = async (page: Page, text: string) => {
    const button = page.locator('.taro__modal .taro-model__confirm', { hasText: text });
    await button.waitFor(T);
    await button.click();
  };
  const call = <D = Record<string, unknown>>(action: string, input: object, personId = DEPT) => h.s.ok<D>('defence', { action, ...input }, h.s.openidOf(personId));

  /** 大屏：1280×720 横屏，以主持人（组织部）登录 */
  async function bigScreen(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    await context.addCookies([{ name: 'local_openid', value: h.s.openidOf(DEPT), url: h.base }]);
    const page = await context.newPage();
    return { context, page };
  }

  /** 演示数据里加一次 2026 年的创新活动评选（E 模板，答辩阶段进行中）与三份入围材料（机械、计算机、信息学院各一） */
  async function seedFinalists(): Promise<string[]> {
    const db = h.s.cloud.database.db;
    await db.collection('campaigns').doc('c-2026-e').set({ data: { ...DEFENCE_CAMPAIGN_BODY, status: 'open', version: 1 } });
    const units = new Map(h.s.demo.units.map((u) => [u._id, u.name]));
    const rows = [
      { unitId: 'u-me', branchId: 'b-me-staff1', title: '“工匠党课”进车间' },
      { unitId: 'u-cs', branchId: 'b-cs-staff1', title: '代码里的初心：党员技术攻关队' },
      { unitId: 'u-info', branchId: 'b-info-stu1', title: '“红色信号塔”学业帮扶' },
    ];
    const ids: string[] = [];
    for (const [i, r] of rows.entries()) {
      const branch = h.s.demo.branches.find((b) => b._id === r.branchId)!;
      const { _id, ...e } = defenceEntry('far', i + 1, i === 0 ? 'screened' : 'underReview');
      await db.collection('entries').doc(`e-2026-e-${i + 1}`).set({
        data: {
          ...e, campaignId: 'c-2026-e', unitId: r.unitId, unitName: units.get(r.unitId)!, branchId: r.branchId, entrantName: branch.name,
          entrantKey: `branch:${r.branchId}#e-2026`, content: { ...e.content, title: r.title },
        },
      });
      void _id;
      ids.push(`e-2026-e-${i + 1}`);
    }
    return ids;
  }

  it('E3: a judge scores on the phone while the board counts rise without values; the host locks and the board reveals ranks', async () => {
    const ids = await seedFinalists();

    // ── 组织部建场：选类别，入围项目与评委默认全选（取消演示里其他评委以外的人：这里三位都要）
    const host = await h.phone(DEPT);
    await host.goto(h.base + '/#/defence/create/index');
    await shown(host, 'track-c-2026-e-activity').click();
    await shown(host, 'finalist').first().waitFor(T);
    expect(await shown(host, 'finalist').count()).toBe(3);
    expect(await rendersChineseGlyphs(host)).toBe(true);
    await shot(host, 'defence-create.png', 1500);
    await shown(host, 'create-session').click();
    await shown(host, 'open-next').waitFor(T);
    const sessionId = new URL(host.url().replace('/#/', '/')).searchParams.get('id')!;
    expect(sessionId).toBeTruthy();
    const created = await call<{ session: { judgeIds: string[] } }>('get', { id: sessionId });
    expect(created.session.judgeIds.sort()).toEqual([JUDGE_MAT, JUDGE_ME, JUDGE_ZHAO].sort());

    // ── 大屏打开：三项都待答辩
    const screen = await bigScreen();
    await screen.page.goto(h.base + `/#/defence/board/index?id=${sessionId}`);
    await shown(screen.page, 'progress-row').first().waitFor(T);
    expect(await shown(screen.page, 'progress-row').count()).toBe(3);

    // ── 开始第一位（机械学院的项目：机械学院的评委回避，应收 2 份）
    await shown(host, 'open-next').click();
    await shown(host, 'host-received').filter({ hasText: '已收到 0 / 2 份' }).waitFor(T);
    await shown(screen.page, `count-${ids[0]}`).filter({ hasText: '0/2' }).waitFor(T);
    await shown(screen.page, 'board-now').waitFor(T);
    await shot(screen.page, 'defence-board-0.png');

    // ── 回避的评委：手机上是“回避”，没有评分表
    const recused = await h.phone(JUDGE_ME);
    await recused.goto(h.base + `/#/defence/judge/index?id=${sessionId}`);
    await shown(recused, 'state-recused').waitFor(T);
    expect(await shown(recused, 'score-sheet').count()).toBe(0);
    await shot(recused, 'defence-judge-recused.png');

    // ── 评委赵振华逐项打分：+ 按 0.5 分，或直接输入；合计随之变化
    // 从“我的”进入：评委身份下列出他参加的场次
    const judge = await h.phone(JUDGE_ZHAO);
    await judge.goto(h.base + '/#/pages/me/index');
    await shown(judge, 'defence-session').filter({ hasText: '终审答辩' }).click();
    await shown(judge, 'score-sheet').waitFor(T);
    await shown(judge, 'presenter-title').filter({ hasText: '工匠党课' }).waitFor(T);
    const keys = DEFENCE_CAMPAIGN_BODY.tracks[0].pipeline.review!.rubric.map((c) => c.key);
    for (const [i, k] of keys.entries()) {
      await shown(judge, `input-${k}`).locator('input').fill(String(20 + i));
    }
    await shown(judge, `plus-${keys[3]}`).click(); // 23 → 23.5
    await shown(judge, 'total').filter({ hasText: '86.5' }).waitFor(T);
    await shot(judge, 'defence-judge-open.png', 1700);
    await shown(judge, 'submit-score').click();
    await confirmModal(judge, '提交');
    await shown(judge, 'state-submitted').waitFor(T);
    expect(await shown(judge, 'state-submitted').innerText()).toContain('86.5');

    // 大屏：份数 1/2，不出分
    await shown(screen.page, `count-${ids[0]}`).filter({ hasText: '1/2' }).waitFor(T);
    expect(((await screen.page.locator(`[data-testid="value-${ids[0]}"]`).first().textContent()) ?? '').trim()).toBe('');
    await shot(judge, 'defence-judge-submitted.png');

    // 第二位评委（材料学院）交分后 2/2
    await call('score', { id: sessionId, entryId: ids[0], scores: sheet(22), requestId: 'mat-first-0001' }, JUDGE_MAT);
    await shown(screen.page, `count-${ids[0]}`).filter({ hasText: '2/2' }).waitFor(T);
    await shot(screen.page, 'defence-board-1.png');
    const before = await call<DefenceBoard>('board', { id: sessionId });
    expect(before.rows.every((r) => r.value === null && r.rank === null)).toBe(true);

    // ── 主持人截止第一位；其余两位（经云函数快速走完）
    // 主持人看板每 3 秒刷新：等它也看到 2/2（还有人未交时，截止前会先弹确认）
    await shown(host, 'host-received').filter({ hasText: '已收到 2 / 2 份' }).waitFor(T);
    await shown(host, 'close-scoring').click();
    await shown(host, 'open-next').waitFor(T);
    for (const [n, entryId] of ids.slice(1).entries()) {
      await call('openNext', { id: sessionId, entryId });
      for (const [j, who] of [JUDGE_ZHAO, JUDGE_MAT, JUDGE_ME].entries()) {
        await call('score', { id: sessionId, entryId, scores: sheet(15 + n * 4 + j), requestId: `rest-${n}-${j}-abcd` }, who);
      }
      await call('closeScoring', { id: sessionId, entryId });
    }
    // 第一位截止后，迟到的评分被拒：评委手机看到“本项评分已截止”之外的项目已换
    await shown(screen.page, `count-${ids[2]}`).filter({ hasText: '3/3' }).waitFor(T);
    expect(await shown(screen.page, 'board-ranking').count()).toBe(0);

    // ── 锁定：主持人确认后，大屏公布得分与名次
    await shown(host, 'lock').waitFor(T);
    await shot(host, 'defence-host-before-lock.png', 1300);
    await shown(host, 'lock').click();
    await confirmModal(host, '锁定');
    await shown(screen.page, 'board-ranking').waitFor(T);
    const ranks = shown(screen.page, 'rank-row');
    expect(await ranks.count()).toBe(3);
    expect(await ranks.first().innerText()).toContain('工匠党课'); // (86.5 + 88) / 2 = 87.25，第一
    expect(await shown(screen.page, `value-${ids[0]}`).innerText()).toBe('87.25');
    await shot(screen.page, 'defence-board-revealed.png');

    // ── 结束答辩：材料转为已评分，成绩记在材料上
    await shown(host, 'finish').waitFor(T);
    await shown(host, 'finish').click();
    await confirmModal(host, '结束答辩');
    await host.locator('text=本场答辩已结束').first().waitFor(T);
    const entry = (await h.s.cloud.database.db.collection('entries').doc(ids[0]).get()).data as unknown as { status: string; defenceResult: { value: number; rank: number } };
    expect(entry).toMatchObject({ status: 'scored', defenceResult: { value: 87.25, rank: 1 } });
    await screen.context.close();
  }, 180_000);
});
