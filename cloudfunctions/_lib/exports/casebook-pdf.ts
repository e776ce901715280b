import { open, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Content, ContentText } from 'pdfmake/interfaces';
import type { CjkFonts } from './fonts';
import { imageFormat, pageFooter, paragraphs, renderPdf, type Bookmark } from './pdf';

/** 汇编里的一篇案例（纯数据：照片已下载为字节） */
export interface CasebookCase {
  title: string;
  unitName: string;
  entrantName: string;
  levelLabel: string;
  campaignTitle: string;
  sections: { title: string; text: string }[];
  /**
   * 照片：字节在内存里（bytes），或已写到本地临时文件（file，bytes 为 null）。
   * PDF 只按文件路径交给 pdfkit 读取（不做 base64 data URL，issue 7：云函数内存）；Word 版用 bytes。
   */
  photos: { caption: string; bytes: Buffer | null; file?: string }[];
}

export interface Casebook {
  /** 如“2026 年度特色党支部工作案例汇编”（C1.6） */
  title: string;
  /** 封面副标题，如“中共北辰大学委员会组织部” */
  publisher: string;
  /** 封面日期（北京时间，已格式化） */
  dateLabel: string;
  cases: CasebookCase[];
}

/** 照片在版心里的最大尺寸（pt）：A4 版心宽约 515 pt */
const PHOTO_FIT: [number, number] = [420, 300];

/**
 * 案例汇编 / 成果文集（C1.6、A7）：封面、可点击的目录（带页码）、每篇一节（另起一页），
 * 正文与带说明的照片，页脚页码，PDF 书签每篇一条。
 */
export async function buildCasebookPdf(book: Casebook, fonts: CjkFonts): Promise<Buffer> {
  // 只有字节的照片先写到临时文件：pdfkit 按路径读、嵌入后即释放，文档定义里只留短短的路径
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'casebook-'));
  try {
    const files: (string | null)[][] = [];
    for (const [i, c] of book.cases.entries()) {
      const row: (string | null)[] = [];
      for (const [k, p] of c.photos.entries()) row.push(await embeddableFile(p, path.join(scratch, `${i}-${k}`)));
      files.push(row);
    }
    return await layoutCasebook(book, fonts, files);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** 能嵌入 PDF 的照片（JPEG、PNG）的本地文件路径；不能嵌入或缺失时为 null */
async function embeddableFile(photo: CasebookCase['photos'][number], scratchPath: string): Promise<string | null> {
  if (photo.file) {
    const fh = await open(photo.file, 'r');
    try {
      const head = Buffer.alloc(16);
      const { bytesRead } = await fh.read(head, 0, 16, 0);
      return imageFormat(head.subarray(0, bytesRead)) ? photo.file : null;
    } finally {
      await fh.close();
    }
  }
  if (!photo.bytes || !imageFormat(photo.bytes)) return null;
  await writeFile(scratchPath, photo.bytes);
  return scratchPath;
}

function layoutCasebook(book: Casebook, fonts: CjkFonts, files: (string | null)[][]): Promise<Buffer> {
  const bookmarks: Bookmark[] = [];
  const body: Content[] = [];
  book.cases.forEach((c, i) => {
    /** pdfmake 0.2 的目录项字段（tocStyle/tocMargin）不在它的类型声明里 */
    const heading: ContentText & { id: string; tocItem: boolean; tocStyle: object; tocMargin: number[]; positions?: { pageNumber: number }[] } = {
      text: `${i + 1}. ${c.title}`,
      style: 'h1',
      id: `case-${i + 1}`,
      tocItem: true,
      tocStyle: { fontSize: 11 },
      tocMargin: [0, 3, 0, 3],
      pageBreak: 'before',
    };
    bookmarks.push({ title: `${i + 1}. ${c.title}`, node: heading });
    body.push(heading, { text: `${c.entrantName} · ${c.unitName} · ${c.levelLabel} · ${c.campaignTitle}`, style: 'meta' });
    for (const s of c.sections) body.push({ text: s.title, style: 'h2' }, ...paragraphs(s.text));
    c.photos.forEach((p, k) => {
      const url = files[i][k];
      const caption = `图 ${i + 1}-${k + 1}　${p.caption}`;
      // 不能嵌入的图片（如 WebP）不悄悄丢掉：在原位写明
      body.push(
        url
          ? { stack: [{ image: url, fit: PHOTO_FIT, alignment: 'center' }, { text: caption, style: 'caption' }], unbreakable: true }
          : { text: `${caption}（该图片格式无法嵌入 PDF，请在系统中查看原图）`, style: 'caption' },
      );
    });
  });
  const cover: Content[] = [
    { text: '', margin: [0, 180, 0, 0] },
    { text: book.title, style: 'coverTitle' },
    { text: `共 ${book.cases.length} 篇`, style: 'coverSub', margin: [0, 16, 0, 0] },
    { text: book.publisher, style: 'coverSub', margin: [0, 240, 0, 0] },
    { text: book.dateLabel, style: 'coverSub', margin: [0, 8, 0, 0] },
  ];
  const contents: Content = {
    toc: { title: { text: '目　录', style: 'h1', alignment: 'center', margin: [0, 0, 0, 16] }, numberStyle: { fontSize: 11 } },
    pageBreak: 'before',
  } as Content;
  return renderPdf(
    {
      info: { title: book.title, author: book.publisher, subject: '案例汇编', creator: '基层党建工作平台' },
      pageMargins: [40, 50, 40, 50],
      footer: pageFooter(true),
      content: [...cover, contents, ...body],
    },
    fonts,
    bookmarks,
  );
}
