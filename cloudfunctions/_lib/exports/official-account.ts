import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../app-error';
import type { CloudDb } from '../db';
import type { Clock } from '../ports';
import type { Article } from './article-html';

/** 存入草稿箱的图文：正文里的照片与封面已下载为字节（公众号只显示上传到微信的图片） */
export interface DraftArticle extends Article {
  images: { url: string; bytes: Buffer; name: string }[];
  cover: { bytes: Buffer; name: string } | null;
}

export interface DraftResult {
  /** officialAccount：已进入公众号草稿箱；outbox：本地运行时，只记入发件箱 */
  target: 'officialAccount' | 'outbox';
  mediaId: string;
}

/** 公众号草稿箱的窄端口（draft/add） */
export interface ArticleDrafts {
  addDraft(article: DraftArticle): Promise<DraftResult>;
}

/** 本地：不调用微信，原样记入发件箱（/local/outbox 可查看），kind = article */
export function outboxArticleDrafts(db: CloudDb, clock: Clock): ArticleDrafts {
  return {
    async addDraft(a) {
      const res = await db.collection('outbox').add({
        data: { kind: 'article', title: a.title, author: a.author, digest: a.digest, html: a.html, coverUrl: a.coverUrl, imageCount: a.images.length, createdAt: clock.now() },
      });
      return { target: 'outbox', mediaId: String(res._id) };
    },
  };
}

/** 生产所需的环境变量（exports 云函数的 envVariables）：“We党微家”公众号的 AppID 与 AppSecret */
export const OFFICIAL_ACCOUNT_ENV = { appid: 'OFFICIAL_ACCOUNT_APPID', secret: 'OFFICIAL_ACCOUNT_SECRET' } as const;

/**
 * 生产：经公众号接口存入草稿箱。步骤：stable_token 取 access_token → 正文照片逐张 media/uploadimg
 * 换成微信图片地址 → 封面 material/add_material 得 thumb_media_id → draft/add。
 * 公众号后台须把云函数的出口 IP 加入“IP 白名单”。未配置凭据时答复写明缺哪一项。
 */
export function officialAccountDrafts(env: Record<string, string | undefined>, apiBase = 'https://api.weixin.qq.com'): ArticleDrafts {
  return {
    async addDraft(a) {
      const missing = Object.values(OFFICIAL_ACCOUNT_ENV).filter((k) => !env[k]);
      if (missing.length) {
        throw new AppError('FORBIDDEN', `未配置“We党微家”公众号凭据：请在 exports 云函数的环境变量中填写 ${missing.join('、')}`);
      }
      if (!a.cover) throw new AppError('BAD_INPUT', '公众号草稿需要封面图：该案例没有照片');
      const token = await call<{ access_token: string }>(apiBase, '/cgi-bin/stable_token', {
        json: { grant_type: 'client_credential', appid: env[OFFICIAL_ACCOUNT_ENV.appid], secret: env[OFFICIAL_ACCOUNT_ENV.secret] },
      });
      const q = `access_token=${encodeURIComponent(token.access_token)}`;
      let html = a.html;
      for (const img of a.images) {
        const up = await call<{ url: string }>(apiBase, `/cgi-bin/media/uploadimg?${q}`, { file: img });
        html = html.split(`src="${escapeAttr(img.url)}"`).join(`src="${escapeAttr(up.url)}"`);
      }
      const thumb = await call<{ media_id: string }>(apiBase, `/cgi-bin/material/add_material?${q}&type=image`, { file: a.cover });
      const draft = await call<{ media_id: string }>(apiBase, `/cgi-bin/draft/add?${q}`, {
        json: { articles: [{ title: a.title, author: a.author, digest: a.digest, content: html, thumb_media_id: thumb.media_id, need_open_comment: 0, only_fans_can_comment: 0 }] },
      });
      return { target: 'officialAccount', mediaId: draft.media_id };
    },
  };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

/** 一次公众号接口调用：JSON 或 multipart（字段名 media）；errcode 非 0 即失败 */
function call<T>(base: string, path: string, body: { json: unknown } | { file: { bytes: Buffer; name: string } }): Promise<T> {
  let payload: Buffer;
  let contentType: string;
  if ('json' in body) {
    payload = Buffer.from(JSON.stringify(body.json), 'utf8');
    contentType = 'application/json';
  } else {
    const boundary = `----exports${randomBytes(8).toString('hex')}`;
    const mime = /\.png$/i.test(body.file.name) ? 'image/png' : 'image/jpeg';
    payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${body.file.name.replace(/"/g, '')}"\r\nContent-Type: ${mime}\r\n\r\n`),
      body.file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    contentType = `multipart/form-data; boundary=${boundary}`;
  }
  const url = new URL(path, base);
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': payload.length }, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T & { errcode?: number; errmsg?: string };
          if (data.errcode) reject(new AppError('INTERNAL', `公众号接口 ${url.pathname} 失败：${data.errcode} ${data.errmsg ?? ''}`.trim()));
          else resolve(data);
        } catch {
          reject(new AppError('INTERNAL', `公众号接口 ${url.pathname} 回复无法解析（HTTP ${res.statusCode}）`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => reject(new AppError('INTERNAL', `公众号接口 ${url.pathname} 无法访问：${err.message}`)));
    req.end(payload);
  });
}
