import type { z } from 'zod';
import type { Case, exportsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { CASES } from '../_lib/engine/cases';
import { buildArticle } from '../_lib/exports/article-html';
import { officialAccountDrafts, outboxArticleDrafts, type ArticleDrafts } from '../_lib/exports/official-account';
import { runExport } from './jobs';

type In = z.output<(typeof exportsContract)['actions']['article']['input']>;

/** 文章里照片的链接：7 天有效（粘贴进公众号编辑器时微信会转存；存草稿时另行上传到微信） */
const ARTICLE_LINK_SECONDS = 7 * 24 * 3600;

/** 草稿箱端口：本地运行时记入发件箱；生产按环境变量里的公众号凭据调用 draft/add */
function draftsFor(ctx: FunctionContext): ArticleDrafts {
  return ctx.localMode ? outboxArticleDrafts(ctx.db, ctx.clock) : officialAccountDrafts(process.env);
}

/** “We党微家”公众号文章（A7 获奖案例宣传推广；C1.3 网络宣传） */
export async function exportArticle({ ctx, actor, input }: HandlerArgs<In>) {
  const res = await ctx.db.collection(CASES).where({ _id: input.caseId, status: 'published' }).limit(1).get();
  const c = res.data[0] as unknown as Case | undefined;
  if (!c) throw new AppError('NOT_FOUND', '案例不存在或已撤下');
  return runExport(ctx, actor, { kind: 'article', title: `公众号文章：${c.title}`, unitId: c.unitId, target: c._id }, async (report) => {
    await report(20, '生成图文');
    const ids = c.photos.map((p) => p.fileID);
    const urls = new Map((ids.length ? await ctx.files.tempUrls(ids, ARTICLE_LINK_SECONDS) : []).filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
    const photos = c.photos.filter((p) => urls.has(p.fileID)).map((p) => ({ caption: p.caption, url: urls.get(p.fileID)!, fileID: p.fileID }));
    const article = buildArticle({
      title: c.title, unitName: c.unitName, entrantName: c.entrantName, levelLabel: c.levelLabel, campaignTitle: c.campaignTitle,
      summary: c.summary, sections: c.sections, photos,
    });
    let draft = null;
    if (input.toDraft) {
      await report(50, '存入草稿箱');
      const images = [];
      for (const [i, p] of photos.entries()) images.push({ url: p.url, bytes: await ctx.files.download(p.fileID), name: `photo-${i + 1}.${/\.png$/i.test(p.fileID) ? 'png' : 'jpg'}` });
      draft = await draftsFor(ctx).addDraft({ ...article, images, cover: images[0] ? { bytes: images[0].bytes, name: images[0].name } : null });
    }
    return { article: { title: article.title, digest: article.digest, html: article.html, draft } };
  });
}
