import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { CAMPAIGN_KIND_LABELS, formatCst, type Case, type exportsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { CASES } from '../_lib/engine/cases';
import { buildCasebookDocx } from '../_lib/exports/casebook-docx';
import { buildCasebookPdf, type Casebook } from '../_lib/exports/casebook-pdf';
import { loadCjkFonts } from '../_lib/exports/fonts';
import { fileStamp, runExport, safeName, type Report } from './jobs';
import { readByIds } from './read';

type In = z.output<(typeof exportsContract)['actions']['casebookPdf']['input']>;

/** 汇编封面的署名 */
export const PUBLISHER = '党委组织部';
/**
 * 一本汇编里照片合计的上限：超过请分册（按年份、类型或指定篇目）。
 * 实测峰值内存约为“字体与排版 330 MB + 2 × 照片总量”（pdfmake 一次同步排版嵌入全部照片，成品再读回一次上传）：
 * 60 MB 照片约 450 MB，留在 exports 函数配置的 512 MB 之内；100 MB 时约 550 MB 会超限。
 */
export const CASEBOOK_MAX_PHOTO_BYTES = 60 * 1024 * 1024;

function bookTitle(input: In): string {
  if (input.title) return input.title;
  const year = input.year ? `${input.year} 年度` : '';
  const kind = input.kind ? CAMPAIGN_KIND_LABELS[input.kind] : '基层党建工作';
  return `${year}${kind}案例汇编`;
}

/** 选出篇目：指定的按给出顺序；否则按筛选条件、公布时间倒序（成果储备库 A7 里已公布的） */
async function pickCases(ctx: FunctionContext, input: In): Promise<Case[]> {
  if (input.caseIds) {
    const found = await readByIds<Case>(ctx, CASES, input.caseIds);
    const missing = input.caseIds.filter((id) => found.get(id)?.status !== 'published');
    if (missing.length) throw new AppError('NOT_FOUND', `案例不存在或已撤下：${missing.slice(0, 3).join('、')}`);
    return input.caseIds.map((id) => found.get(id)!);
  }
  const where: Record<string, unknown> = { status: 'published' };
  if (input.year) where.year = input.year;
  if (input.kind) where.kind = input.kind;
  const res = await ctx.db.collection(CASES).where(where).orderBy('publishedAtMs', 'desc').orderBy('_id', 'desc').limit(60).get();
  return res.data as unknown as Case[];
}

/**
 * 下载各篇照片（进度 10%–60%）。给了 photoDir（PDF）时每张照片下载后立即写到该临时目录、不在内存里留字节
 * （issue 7：导出须在云函数内存内完成）；Word 版要字节，留在内存。
 */
async function loadBook(ctx: FunctionContext, title: string, cases: Case[], report: Report, photoDir: string | null): Promise<Casebook> {
  const total = cases.reduce((n, c) => n + c.photos.length, 0);
  let done = 0;
  let bytes = 0;
  const out: Casebook['cases'] = [];
  for (const c of cases) {
    const photos: Casebook['cases'][number]['photos'] = [];
    for (const p of c.photos) {
      const data = await ctx.files.download(p.fileID).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null; // 照片已删除：原位写明
        throw err;
      });
      bytes += data?.length ?? 0;
      if (bytes > CASEBOOK_MAX_PHOTO_BYTES) throw new AppError('BAD_INPUT', `照片合计超过 ${CASEBOOK_MAX_PHOTO_BYTES / 1024 / 1024} MB：请分册导出（按年份、评选类型筛选，或指定篇目）`);
      if (data && photoDir) {
        const file = path.join(photoDir, `${done}`);
        await writeFile(file, data);
        photos.push({ caption: p.caption, bytes: null, file });
      } else photos.push({ caption: p.caption, bytes: data });
      done++;
      await report(10 + (50 * done) / Math.max(1, total), `下载照片 ${done}/${total}`);
    }
    out.push({ title: c.title, unitName: c.unitName, entrantName: c.entrantName, levelLabel: c.levelLabel, campaignTitle: c.campaignTitle, sections: c.sections, photos });
  }
  return { title, publisher: PUBLISHER, dateLabel: formatCst(ctx.clock.now(), 'YYYY 年 M 月'), cases: out };
}

async function exportCasebook({ ctx, actor, input }: HandlerArgs<In>, format: 'pdf' | 'docx') {
  const title = bookTitle(input);
  const cases = await pickCases(ctx, input);
  if (!cases.length) throw new AppError('NOT_FOUND', '没有符合条件的已公布案例');
  const kind = format === 'pdf' ? 'casebookPdf' : 'casebookDocx';
  return runExport(ctx, actor, { kind, title: `${title}（${cases.length} 篇）`, unitId: null, target: cases.map((c) => c._id).join(',').slice(0, 500) }, async (report) => {
    await report(5, '读取案例');
    if (format === 'pdf') {
      const photoDir = await mkdtemp(path.join(os.tmpdir(), 'casebook-photos-'));
      try {
        const book = await loadBook(ctx, title, cases, report, photoDir);
        await report(60, '准备中文字体');
        const fonts = await loadCjkFonts(ctx.files);
        await report(65, `排版 ${cases.length} 篇`);
        const bytes = await buildCasebookPdf(book, fonts);
        return { file: { bytes, ext: 'pdf', fileName: `${safeName(title)}-${fileStamp(ctx)}.pdf` } };
      } finally {
        await rm(photoDir, { recursive: true, force: true });
      }
    }
    const book = await loadBook(ctx, title, cases, report, null);
    await report(65, `生成 Word 文档（${cases.length} 篇）`);
    const bytes = await buildCasebookDocx(book);
    return { file: { bytes, ext: 'docx', fileName: `${safeName(title)}-${fileStamp(ctx)}.docx` } };
  });
}

/** 案例汇编 / 成果文集 PDF（C1.6、A7） */
export const exportCasebookPdf = (args: HandlerArgs<In>) => exportCasebook(args, 'pdf');
/** 同一汇编的 Word 版 */
export const exportCasebookDocx = (args: HandlerArgs<In>) => exportCasebook(args, 'docx');
