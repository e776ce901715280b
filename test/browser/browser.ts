import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import http from 'node:http';
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

export interface BrowserHarnessOptions {
  /**
   * “现在”从这一时刻起算并照常流逝（ISO，如 2026-11-20T10:00:00+08:00）：本地云的时钟与每个页面里的 Date 都用它，
   * 用例不随真实日期过期（如申报截止）。省略则用真实时间。
   */
  now?: string;
}

export async function startBrowserHarness(opts: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  // H5_DIST：用另一份 H5 构建（如别处正在重新构建 dist/h5 时先复制出来的一份）
  const staticDir = process.env.H5_DIST ? path.resolve(process.env.H5_DIST) : path.join(ROOT, 'dist/h5');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('dist/h5 不存在：先运行 npm run build:h5（npm test 会自动构建）');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install chromium fonts-noto-cjk）`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const startedAt = Date.now();
  const shifted = opts.now ? Date.parse(opts.now) : null;
  if (opts.now && !Number.isFinite(shifted)) throw new Error(`无效的时刻：${opts.now}`);
  const clock = shifted !== null ? { now: () => new Date(shifted + (Date.now() - startedAt)) } : undefined;
  // 先占好端口，再建本地云：文件的临时链接（照片、附件）要指向这个地址
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const s = await seededCloud({ baseUrl: base, ...(clock ? { clock } : {}) });
  const local = createLocalServer({ cloud: s.cloud, demo: s.demo, staticDir });
  handle = (req, res) => local.emit('request', req, res);
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
      const page = await context.newPage();
      // 页面里的时钟与本地云一致（日期选择器的默认值、本机时刻）；计时器照常运行
      if (clock) await page.clock.install({ time: clock.now() });
      return page;
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
