import type { DemoPersona } from './demo';

/** 本地模式专用页面（登录切换演示人员、发件箱）；醒目标注“本地演示模式”，生产不存在 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222}
.banner{background:#f59e0b;color:#fff;padding:10px 16px;font-size:14px}
main{max-width:560px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:8px 0 16px}
.card{background:#fff;border-radius:10px;padding:14px 16px;margin-bottom:10px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
button.person{display:block;width:100%;text-align:left;border:0;background:#fff;border-radius:10px;padding:14px 16px;margin-bottom:10px;font-size:16px;cursor:pointer}
button.person small{display:block;color:#666;font-size:13px;margin-top:4px}
button.person.current{outline:2px solid #c8161d}
a{color:#c8161d}
pre{white-space:pre-wrap;word-break:break-all;font-size:13px;background:#fafafa;padding:8px;border-radius:6px}
</style></head><body><div class="banner">本地演示模式 · 仅供开发与演示，微信正式环境中不存在此页面</div><main>${body}</main></body></html>`;
}

export function signInPage(personas: DemoPersona[], currentPersonId: string | null): string {
  const items = personas
    .map(
      (p) => `<form method="post" action="/local/signin"><input type="hidden" name="personId" value="${escapeHtml(p.personId)}">
<button class="person${p.personId === currentPersonId ? ' current' : ''}" type="submit" data-person="${escapeHtml(p.personId)}">${escapeHtml(p.label)}<small>${escapeHtml(p.description)}</small></button></form>`,
    )
    .join('\n');
  return layout(
    '选择演示身份',
    `<h1>选择演示身份</h1><p>在微信中，身份来自微信登录；本地运行时用下面的演示人员代替。</p>${items}
<form method="post" action="/local/signin"><input type="hidden" name="personId" value=""><button class="person" type="submit">未绑定的访客<small>只能浏览公开通知</small></button></form>
<p><a href="/">返回小程序</a> · <a href="/local/outbox">消息发件箱</a></p>`,
  );
}

export interface OutboxRow {
  _id: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  createdAt: Date;
  /** 'article'：公众号草稿（exports.article 在本地存草稿时记入），其余为订阅消息 */
  kind?: string;
  title?: string;
  digest?: string;
  html?: string;
}

/** 公众号文章草稿：标题、摘要与可展开的正文预览（正文由 buildArticle 生成，文字已转义、只有行内样式） */
function articleCard(r: OutboxRow, formatTime: (d: Date) => string): string {
  return `<div class="card" data-kind="article"><div><b>公众号草稿</b>：${escapeHtml(r.title ?? '')}</div>
<div>${escapeHtml(formatTime(r.createdAt))} · 生产环境存入“We党微家”草稿箱（draft/add）</div><pre>${escapeHtml(r.digest ?? '')}</pre>
<details><summary>预览正文</summary><div style="max-width:420px">${r.html ?? ''}</div></details></div>`;
}

/** 没有以订阅消息发出的站内通知（notifications 集合）：未订阅、拒收、未绑定、模板未配置，写明原因 */
export interface UndeliveredRow {
  personId: string;
  key: string;
  status: string;
  reason: string | null;
  title: string;
  body: string;
  page: string;
  createdAt: string;
  readAt: string | null;
}

function undeliveredSection(rows: UndeliveredRow[]): string {
  if (!rows.length) return '';
  const cards = rows
    .map(
      (n) => `<div class="card" data-kind="notice"><div><b>${escapeHtml(n.key)}</b> → 人员 ${escapeHtml(n.personId)}（${n.status === 'failed' ? '发送失败' : '未发送'}${n.readAt ? '，已读' : ''}）</div>
<div>${escapeHtml(n.createdAt.replace('T', ' ').slice(0, 19))} · 页面 ${escapeHtml(n.page)} · ${escapeHtml(n.reason ?? '')}</div><pre>${escapeHtml(`${n.title}\n${n.body}`)}</pre></div>`,
    )
    .join('\n');
  return `<h2>未以订阅消息送达的通知（最近 50 条）</h2><p>这些人没有可用的订阅授权（或发送失败），通知显示在他们“我的·待办”的顶部。</p>${cards}`;
}

export function outboxPage(rows: OutboxRow[], formatTime: (d: Date) => string, undelivered: UndeliveredRow[] = []): string {
  const items = rows.length
    ? rows
        .map((r) =>
          r.kind === 'article' ? articleCard(r, formatTime) : `<div class="card"><div><b>${escapeHtml(r.templateId)}</b> → ${escapeHtml(r.touser)}</div>
<div>${escapeHtml(formatTime(r.createdAt))} · 页面 ${escapeHtml(r.page)}</div><pre>${escapeHtml(JSON.stringify(r.data, null, 2))}</pre></div>`,
        )
        .join('\n')
    : '<div class="card">发件箱是空的：还没有需要发送的订阅消息。</div>';
  return layout('消息发件箱', `<h1>消息发件箱（最近 100 条）</h1><p>生产环境会通过微信订阅消息发送；本地只记录，不发送。</p>${items}${undeliveredSection(undelivered)}<p><a href="/">返回小程序</a></p>`);
}
