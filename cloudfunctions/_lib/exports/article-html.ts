/** 公众号文章的输入：一篇已公布的案例，照片已换成可访问的链接 */
export interface ArticleSource {
  title: string;
  unitName: string;
  entrantName: string;
  levelLabel: string;
  campaignTitle: string;
  summary: string;
  sections: { title: string; text: string }[];
  photos: { caption: string; url: string }[];
}

export interface Article {
  title: string;
  author: string;
  /** 摘要：公众号图文消息的 digest，最多 120 字 */
  digest: string;
  /** 正文 HTML：只用行内样式（公众号编辑器会去掉 <style> 与 class） */
  html: string;
  /** 封面图（第一张照片），没有照片时为 null */
  coverUrl: string | null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const S = {
  section: 'margin:0 0 24px 0;padding:0 8px;font-size:16px;line-height:1.9;color:#333333;letter-spacing:0.5px;',
  lead: 'margin:0 0 20px 0;padding:12px 14px;background-color:#fbf3f3;border-left:4px solid #b3121b;font-size:15px;line-height:1.8;color:#555555;',
  meta: 'margin:0 0 16px 0;font-size:13px;color:#888888;text-align:center;',
  h2: 'margin:28px 0 12px 0;padding:4px 12px;font-size:17px;font-weight:bold;color:#ffffff;background-color:#b3121b;border-radius:4px;display:inline-block;',
  p: 'margin:0 0 14px 0;text-indent:2em;text-align:justify;',
  figure: 'margin:16px 0 20px 0;text-align:center;',
  img: 'width:100%;height:auto;display:block;border-radius:6px;',
  caption: 'margin:6px 0 0 0;font-size:13px;color:#888888;text-align:center;',
  foot: 'margin:32px 0 0 0;font-size:13px;color:#999999;text-align:center;',
} as const;

/**
 * “We党微家”公众号文章（A7、C1.3：获奖案例在 We党微家 等平台宣传推广）：
 * 由已公布的案例生成可直接粘贴或存入草稿箱的图文。照片穿插在各节之后，每张带说明。
 */
export function buildArticle(src: ArticleSource): Article {
  const digest = (src.summary || src.sections[0]?.text || '').replace(/\s+/g, '').slice(0, 120);
  const parts: string[] = [
    `<section style="${S.section}">`,
    `<p style="${S.meta}">${escapeHtml(`${src.entrantName} · ${src.unitName}`)}<br/>${escapeHtml(`${src.campaignTitle} · ${src.levelLabel}`)}</p>`,
  ];
  if (src.summary) parts.push(`<p style="${S.lead}">${escapeHtml(src.summary)}</p>`);
  // 照片平均分到各节之后，避免全部堆在文末
  const perSection = src.sections.length ? Math.ceil(src.photos.length / src.sections.length) : src.photos.length;
  let next = 0;
  const figure = (p: { caption: string; url: string }) =>
    `<section style="${S.figure}"><img src="${escapeHtml(p.url)}" alt="${escapeHtml(p.caption)}" style="${S.img}"/><p style="${S.caption}">${escapeHtml(p.caption)}</p></section>`;
  for (const s of src.sections) {
    parts.push(`<h2 style="${S.h2}">${escapeHtml(s.title)}</h2>`);
    for (const para of s.text.split(/\n+/).map((t) => t.trim()).filter(Boolean)) parts.push(`<p style="${S.p}">${escapeHtml(para)}</p>`);
    for (const p of src.photos.slice(next, next + perSection)) parts.push(figure(p));
    next += perSection;
  }
  for (const p of src.photos.slice(next)) parts.push(figure(p));
  parts.push(`<p style="${S.foot}">来源：${escapeHtml(src.unitName)}　编辑：党委组织部</p>`, '</section>');
  return { title: src.title.slice(0, 64), author: '党委组织部', digest, html: parts.join('\n'), coverUrl: src.photos[0]?.url ?? null };
}
