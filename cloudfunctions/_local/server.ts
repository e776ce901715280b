import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { failure, formatCst, FILE_RULES } from '../../types';
import { AppError } from '../_lib/app-error';
import { DEMO_OPENID_PREFIX, demoPersonas, type DemoData } from './demo';
import { OUTBOX } from './outbox';
import { outboxPage, signInPage, type OutboxRow, type UndeliveredRow } from './pages';
import { NOTIFICATIONS } from '../_lib/notify';
import type { LocalCloud } from './runtime';

const COOKIE = 'local_openid';
const MAX_EVENT_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = Math.max(...Object.values(FILE_RULES).map((r) => r.maxBytes));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.mp4': 'video/mp4', '.pdf': 'application/pdf',
  '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

export interface LocalServerOptions {
  cloud: LocalCloud;
  demo: DemoData;
  /** H5 构建目录（dist/h5） */
  staticDir: string;
}

/**
 * 本地运行时的 HTTP 外壳：
 * POST /api/functions/<name>  调用云函数（身份取自本地登录 Cookie，绝不取自请求体）
 * POST /api/files?cloudPath=  模拟小程序端 wx.cloud.uploadFile
 * GET  /files/<path>?expires&sign  临时链接下载
 * GET/POST /local/signin, GET /local/outbox  本地模式页面
 * 其余：H5 构建的静态文件
 */
export function createLocalServer({ cloud, demo, staticDir }: LocalServerOptions): http.Server {
  const personas = demoPersonas(demo);
  const personIds = new Set(demo.people.map((p) => p._id));

  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const openid = readOpenid(req);
      if (req.method === 'POST' && url.pathname.startsWith('/api/functions/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/functions/'.length));
        const body = await readBody(req, MAX_EVENT_BYTES);
        let event: unknown;
        try {
          event = JSON.parse(body.toString('utf8') || '{}');
        } catch {
          return sendJson(res, failure('BAD_INPUT', '请求不是合法的 JSON'));
        }
        return sendJson(res, await cloud.call(name, event, openid));
      }
      if (req.method === 'POST' && url.pathname === '/api/files') {
        if (!openid) return sendJson(res, failure('UNAUTHENTICATED', '请先登录后再上传'));
        const cloudPath = url.searchParams.get('cloudPath') ?? '';
        const bytes = await readBody(req, MAX_UPLOAD_BYTES);
        try {
          return sendJson(res, { ok: true, data: await cloud.files.upload(cloudPath, bytes) });
        } catch (e) {
          if (e instanceof AppError) return sendJson(res, failure(e.code, e.message));
          throw e;
        }
      }
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
        const cloudPath = decodeURIComponent(url.pathname.slice('/files/'.length));
        const file = cloud.files.resolveSignedPath(cloudPath, Number(url.searchParams.get('expires')), url.searchParams.get('sign') ?? '');
        if (!file) return sendText(res, 403, '链接已过期或无效');
        return sendFile(res, file);
      }
      if (url.pathname === '/local/signin') {
        if (req.method === 'POST') {
          const form = new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
          const personId = form.get('personId') ?? '';
          const value = personIds.has(personId) ? `${DEMO_OPENID_PREFIX}${personId}` : '';
          res.writeHead(303, {
            Location: '/',
            'Set-Cookie': `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${value ? '' : '; Max-Age=0'}`,
          });
          return res.end();
        }
        const current = openid.startsWith(DEMO_OPENID_PREFIX) ? openid.slice(DEMO_OPENID_PREFIX.length) : null;
        return sendHtml(res, signInPage(personas, current));
      }
      if (url.pathname === '/local/outbox') {
        const rows = await cloud.database.db.collection(OUTBOX).orderBy('createdAt', 'desc').limit(100).get();
        const undelivered = await cloud.database.db.collection(NOTIFICATIONS).where({ status: cloud.database.db.command.in(['pending', 'failed']) }).orderBy('createdAtMs', 'desc').limit(50).get();
        return sendHtml(res, outboxPage(rows.data as OutboxRow[], (d) => formatCst(d, 'YYYY-MM-DD HH:mm:ss'), undelivered.data as unknown as UndeliveredRow[]));
      }
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, staticDir, url.pathname);
      return sendText(res, 405, '不支持的请求方法');
    } catch (err) {
      if (err instanceof PayloadTooLarge) return sendJson(res, failure('BAD_INPUT', '请求内容过大'), 413);
      console.error('[local-server]', err);
      return sendJson(res, failure('INTERNAL', '系统繁忙，请稍后再试'), 500);
    }
  });
}

function readOpenid(req: http.IncomingMessage): string {
  const cookie = req.headers.cookie ?? '';
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]*)`).exec(cookie);
  return m ? m[1] : '';
}

class PayloadTooLarge extends Error {}

/** 读请求体；超限时继续读完（丢弃）再报错，让客户端收到 413 回复而不是连接被重置 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new PayloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
function sendHtml(res: http.ServerResponse, html: string) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}
function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function sendFile(res: http.ServerResponse, file: string) {
  try {
    const s = await stat(file);
    if (!s.isFile()) return sendText(res, 404, '文件不存在');
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': s.size });
    createReadStream(file).pipe(res);
  } catch {
    sendText(res, 404, '文件不存在');
  }
}

async function serveStatic(res: http.ServerResponse, root: string, pathname: string) {
  const safe = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = path.join(root, safe);
  if (!file.startsWith(path.resolve(root))) return sendText(res, 403, '禁止访问');
  try {
    const s = await stat(file);
    if (s.isFile()) return sendFile(res, file);
  } catch {
    // 落到 index.html：H5 使用 hash 路由，其余路径都交给前端
  }
  try {
    await stat(path.join(root, 'index.html'));
    return sendFile(res, path.join(root, 'index.html'));
  } catch {
    return sendText(res, 503, 'H5 尚未构建：请先运行 npm run build:h5（npm start 会自动构建）');
  }
}
