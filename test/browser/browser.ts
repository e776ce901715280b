import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type http from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLocalServer } from '../../cloudfunctions/_local/server';
import { seededCloud, type SeededCloud } from '../support/local-cloud';

export const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** 真实浏览器 + 本地运行时 + H5 构建：浏览器测试的共同起点 */
export interface BrowserHarness {
  s: SeededCloud;
  base: string;
  browser: Browser;
  /** 一个手机尺寸的新页面，可选以某位演示人员登录 */
  phone(personId?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const staticDir = path.join(ROOT, 'dist/h5');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('dist/h5 不存在：先运行 npm run build:h5（npm test 会自动构建）');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install chromium fonts-noto-cjk）`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const s = await seededCloud();
  const server: http.Server = createLocalServer({ cloud: s.cloud, demo: s.demo, staticDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // 这些参数避免 Chromium 在封闭网络里反复尝试外连
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    s,
    base,
    browser,
    async phone(personId) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
      if (personId) {
        await context.addCookies([{ name: 'local_openid', value: s.openidOf(personId), url: base }]);
      }
      return context.newPage();
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      await s.cloud.close();
    },
  };
}

/**
 * 页面上的中文是否真的渲染成了字形（缺字体时所有汉字都是同样的方框）：
 * 把两个不同的汉字画到画布上比较像素。
 */
export async function rendersChineseGlyphs(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const draw = (ch: string) => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      const g = c.getContext('2d')!;
      g.font = '48px sans-serif';
      g.fillText(ch, 4, 52);
      return c.toDataURL();
    };
    return draw('通') !== draw('知') && draw('知') !== draw('党');
  });
}
