import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { pdfmake } from '../heavy-libs';
import { CJK_FACE, type CjkFonts } from './fonts';

/** PDF 里所有文字用同一个中文字族（pdfmake 的字族名） */
export const CJK_FAMILY = 'NotoSansSC';

/** 导出文件共用的版式：A4、宋体之外的无衬线中文、正文 11 pt */
export const BASE_STYLES: TDocumentDefinitions['styles'] = {
  coverTitle: { fontSize: 28, bold: true, alignment: 'center', color: '#b3121b' },
  coverSub: { fontSize: 14, alignment: 'center', color: '#444444' },
  h1: { fontSize: 18, bold: true, color: '#b3121b', margin: [0, 0, 0, 8] },
  h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
  meta: { fontSize: 10, color: '#666666', margin: [0, 0, 0, 10] },
  body: { fontSize: 11, lineHeight: 1.5, margin: [0, 0, 0, 6] },
  caption: { fontSize: 9, color: '#555555', alignment: 'center', margin: [0, 2, 0, 10] },
  small: { fontSize: 9, color: '#666666' },
};

export interface Bookmark {
  title: string;
  /** 书签指向的节点：渲染后 pdfmake 在它上面记下所在页 */
  node: { positions?: { pageNumber: number }[] };
}

/**
 * 用 pdfmake 渲染（字体子集嵌入），可加 PDF 书签（大纲）。
 * 书签节点须带 id：pdfmake 只给有 id 或 tocItem 的节点记录位置。
 */
export function renderPdf(doc: TDocumentDefinitions, fonts: CjkFonts, bookmarks: Bookmark[] = []): Promise<Buffer> {
  const Printer = pdfmake();
  const printer = new Printer({
    [CJK_FAMILY]: {
      normal: [fonts.regular, CJK_FACE.regular],
      bold: [fonts.bold, CJK_FACE.bold],
      italics: [fonts.regular, CJK_FACE.regular],
      bolditalics: [fonts.bold, CJK_FACE.bold],
    },
  } as unknown as ConstructorParameters<typeof PdfPrinter>[0]);
  const pdf = printer.createPdfKitDocument(
    { pageSize: 'A4', styles: BASE_STYLES, ...doc, defaultStyle: { font: CJK_FAMILY, fontSize: 11, ...doc.defaultStyle } },
    { bufferPages: bookmarks.length > 0 },
  ) as unknown as PdfKitDoc;
  for (const b of bookmarks) {
    const page = b.node.positions?.[0]?.pageNumber;
    if (!page) continue;
    pdf.switchToPage(page - 1);
    pdf.outline.addItem(b.title); // pdfkit 的书签指向“当前页”
  }
  return drainToBuffer(pdf);
}

/**
 * 把 pdfkit 的输出先流到临时文件、再一次读回（issue 7：云函数内存）：
 * 不在内存里同时留“分块数组 + 拼接结果”两份成品，流出的块随写随释放。
 */
async function drainToBuffer(pdf: PdfKitDoc): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pdf-out-'));
  const file = path.join(dir, 'out.pdf');
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on('finish', resolve);
      out.on('error', reject);
      pdf.on('error', reject);
      pdf.pipe(out);
      pdf.end();
    });
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdfmake 返回的 pdfkit 文档里本模块用到的部分 */
interface PdfKitDoc {
  switchToPage(index: number): void;
  outline: { addItem(title: string): unknown };
  on(event: string, cb: (arg: Error) => void): void;
  pipe(dest: NodeJS.WritableStream): unknown;
  end(): void;
}

/** 页脚：第 n 页 / 共 m 页（封面不编页码时 skipFirst） */
export function pageFooter(skipFirst: boolean): TDocumentDefinitions['footer'] {
  return (current: number, total: number) =>
    skipFirst && current === 1 ? { text: '' } : { text: `第 ${current} 页 / 共 ${total} 页`, alignment: 'center', fontSize: 9, color: '#888888', margin: [0, 10, 0, 0] };
}

/** 图片的格式：pdfmake 只能嵌入 JPEG 与 PNG */
export function imageFormat(bytes: Buffer): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}

/** 正文按换行分段 */
export function paragraphs(text: string): Content[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ text: p, style: 'body' }));
}
