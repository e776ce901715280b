import path from 'node:path';
import type { Page } from 'playwright-core';
import { rendersChineseGlyphs, SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser';

/**
 * 管理端（admin 分包）与绑定页在真实 Chromium 中的主路径：
 * 组织部管理员浏览单位、支部与人员；分党委管理员发邀请码、新用户凭码绑定；两人同时编辑同一支部时后保存者被告知冲突。
 */
describe('admin subpackage and binding in headless Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  const T = { timeout: 20_000 };
  /** 页面切换动画结束后再截图 */
  const settle = (page: Page) => page.waitForTimeout(600);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
  /** Taro H5 的 showModal：点对话框里的确认按钮 */
  const confirmModal = async (page: Page, text: string) => {
    const button = page.locator('.taro__modal').getByText(text, { exact: true });
    await button.waitFor(T);
    await button.click();
  };

  it('lets the department admin browse units, a unit’s branches and its people', async () => {
    const page = await h.phone('p-dept-wang');
    await page.goto(h.base + '/#/pages/me/index');
    await page.getByTestId('entry-units').click();
    const units = page.getByTestId('unit-card');
    await units.nth(10).waitFor(T);
    expect(await units.count()).toBe(11);
    const text = await page.locator('body').innerText();
    for (const u of h.s.demo.units) expect(text).toContain(u.name);
    expect(await rendersChineseGlyphs(page)).toBe(true);
    await settle(page);
    await shot(page, 'admin-units.png');

    await page.getByText('计算机科学与工程学院党委', { exact: true }).click();
    await page.getByTestId('branch-card').first().waitFor(T);
    const csBranches = h.s.demo.branches.filter((b) => b.unitId === 'u-cs');
    expect(await page.getByTestId('branch-card').count()).toBe(csBranches.length);
    const unitText = await page.locator('body').innerText();
    for (const b of csBranches) expect(unitText).toContain(b.name);
    expect(unitText).toContain('计算机学院学生党总支');
    expect(unitText).toContain('全国样板·第四批');
    await settle(page);
    await shot(page, 'admin-unit.png');

    const person = h.s.demo.people.find((p) => p._id === 'p-cs-stu2-1')!;
    await page.getByTestId('tab-people').click();
    await page.getByTestId('person-row').first().waitFor(T);
    await page.locator('[data-testid=people] input').fill(person.name);
    const row = page.getByTestId('person-row').filter({ hasText: person.personNo });
    await row.waitFor(T);
    expect(await page.getByTestId('person-row').count()).toBe(1);
    const rowText = await row.innerText();
    expect(rowText).toContain('139****'); // 手机号打码
    expect(rowText).not.toContain(person.phone!);
    expect(rowText).toContain('已绑定');
  }, 90_000);

  it('has the unit admin issue an invite that a newcomer redeems on the bind page', async () => {
    const person = h.s.demo.people.find((p) => p._id === 'p-cs-staff1-1')!;
    const admin = await h.phone('p-ua-cs');
    await admin.goto(h.base + '/#/pages/me/index');
    await admin.getByTestId('entry-unit').click();
    await admin.getByTestId('tab-people').click();
    await admin.locator('[data-testid=people] input').fill(person.personNo);
    await admin.getByTestId('person-row').filter({ hasText: person.name }).click();
    await admin.getByTestId('person-name').filter({ hasText: person.name }).waitFor(T);

    // 演示人员都已绑定：先解绑，再发码
    await admin.getByTestId('unbind').click();
    await confirmModal(admin, '解绑');
    await admin.getByTestId('create-invite').click();
    const codeText = (await admin.getByTestId('invite-code').innerText({ timeout: 20_000 })).trim();
    expect(codeText).toMatch(/^[2-9A-HJKMNP-Z]{4} [2-9A-HJKMNP-Z]{4}$/);
    const code = codeText.replace(/\s/g, '');
    expect(await admin.locator('[data-testid=invite]').innerText()).toContain('前有效（北京时间）');
    // “邀请码已生成”提示消失后再截图（Taro H5 的 toast 外层尺寸为零，只能看 display）
    await admin.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((e) => e.style.display === 'none'), null, { timeout: 5_000 });
    await shot(admin, 'admin-person.png');

    // 新人：没有演示身份，只有一个尚未绑定的本地 openid
    const newcomer = await h.phone();
    await newcomer.context().addCookies([{ name: 'local_openid', value: 'newcomer-1', url: h.base }]);
    await newcomer.goto(`${h.base}/#/pages/bind/index?code=${code}`);
    const input = newcomer.locator('[data-testid=bind-code-input] input, input[data-testid=bind-code-input]').first();
    await input.waitFor(T);
    expect(await input.inputValue()).toBe(code);
    expect(await newcomer.getByTestId('bind-code-counter').innerText()).toBe('8/8');
    await settle(newcomer);
    await shot(newcomer, 'bind.png');
    await newcomer.getByText('确认绑定', { exact: true }).click();
    await newcomer.getByTestId('bind-success').filter({ hasText: person.name }).waitFor(T);
    await newcomer.getByText('返回我的', { exact: true }).click();
    await newcomer.getByTestId('person-card').filter({ hasText: person.name }).waitFor(T);

    // 同一张码不能再用
    const other = await h.phone();
    await other.context().addCookies([{ name: 'local_openid', value: 'newcomer-2', url: h.base }]);
    await other.goto(`${h.base}/#/pages/bind/index?code=${code}`);
    await other.getByText('确认绑定', { exact: true }).click();
    await other.getByTestId('bind-error').filter({ hasText: '该邀请码已被使用' }).waitFor(T);
  }, 120_000);

  it('tells the second of two editors of the same branch that it was changed meanwhile', async () => {
    const url = `${h.base}/#/admin/branch-edit/index?unitId=u-cs&id=b-cs-staff2`;
    const [first, second] = [await h.phone('p-ua-cs'), await h.phone('p-ua-cs')];
    for (const page of [first, second]) {
      await page.goto(url);
      await page.locator('[data-testid=branch-name] input').waitFor(T);
    }
    await first.locator('[data-testid=branch-name] input').fill('计算机学院教工第二党支部（软件工程系）');
    await first.getByTestId('save').click();
    await first.getByTestId('branch-card').filter({ hasText: '计算机学院教工第二党支部（软件工程系）' }).waitFor(T);

    await second.locator('[data-testid=branch-name] input').fill('计算机学院教工第二党支部（网络空间安全系）');
    await second.getByTestId('save').click();
    await second.getByTestId('save-error').filter({ hasText: '内容已被他人修改，请刷新后重试' }).waitFor(T);
    // 载入了别人保存的最新内容
    expect(await second.locator('[data-testid=branch-name] input').inputValue()).toBe('计算机学院教工第二党支部（软件工程系）');
  }, 90_000);
});
