import type { PDFDocument } from 'pdf-lib';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { pdfLib } from '../heavy-libs';
import type { CjkFonts } from './fonts';
import { imageFormat, renderPdf } from './pdf';
import { addOutline, addPageLink } from './outline';

/** 一份上传的支撑材料 */
export interface MaterialFile {
  name: string;
  bytes: Buffer;
}

export interface MaterialsBook {
  /** 材料题目（申报标题） */
  entryTitle: string;
  entrantName: string;
  unitName: string;
  campaignTitle: string;
  generatedAt: string;
  files: MaterialFile[];
}

/** 合成结果：PDF 与每份材料的处理情况（目录里同样写明） */
export interface MergedMaterials {
  pdf: Buffer;
  parts: { name: string; startPage: number | null; pages: number; note: string }[];
}

/** 一次合成的输入上限：云函数内存 512 MB，pdf-lib 需要把全部文件读进内存 */
export const MATERIALS_MAX_BYTES = 80 * 1024 * 1024;

const A4: [number, number] = [595.28, 841.89];

type Prepared =
  | { name: string; kind: 'pdf'; doc: PDFDocument; pages: number }
  | { name: string; kind: 'jpeg' | 'png'; bytes: Buffer; pages: 1 }
  | { name: string; kind: 'skip'; pages: 0; note: string };

async function prepare(f: MaterialFile): Promise<Prepared> {
  if (f.bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    try {
      const doc = await pdfLib().PDFDocument.load(f.bytes, { ignoreEncryption: true, updateMetadata: false });
      return { name: f.name, kind: 'pdf', doc, pages: doc.getPageCount() };
    } catch {
      return { name: f.name, kind: 'skip', pages: 0, note: '文件已损坏或加密，无法合入，请重新上传' };
    }
  }
  const img = imageFormat(f.bytes);
  if (img) return { name: f.name, kind: img, bytes: f.bytes, pages: 1 };
  // Word、PPT 等不能在云函数内转成 PDF：目录里写明，而不是悄悄丢掉
  return { name: f.name, kind: 'skip', pages: 0, note: '非 PDF/图片文件，无法合入，请转为 PDF 后上传' };
}

/**
 * 支撑材料合成一个带目录的 PDF（A6：多份文字材料须合成一个 PDF 并附目录；C1 多份时附目录）。
 * 目录页用 pdfmake 排（中文字体子集嵌入），各份材料用 pdf-lib 按页拷入；
 * 目录行可点击跳到该份材料，每份材料一条书签，每页页脚有页码。
 */
export async function buildMaterialsPdf(book: MaterialsBook, fonts: CjkFonts): Promise<MergedMaterials> {
  const { PDFDocument, StandardFonts, rgb } = pdfLib();
  const prepared: Prepared[] = [];
  for (const f of book.files) prepared.push(await prepare(f));

  // 目录页的页数决定各材料的起始页：先按 1 页目录排一次，若目录排成了多页再排一次
  let tocPages = 1;
  let toc = await renderToc(book, prepared, tocPages, fonts);
  let tocDoc = await PDFDocument.load(toc.pdf);
  if (tocDoc.getPageCount() !== tocPages) {
    tocPages = tocDoc.getPageCount();
    toc = await renderToc(book, prepared, tocPages, fonts);
    tocDoc = await PDFDocument.load(toc.pdf);
  }

  const out = await PDFDocument.create();
  out.setTitle(`${book.entryTitle} 支撑材料`, { showInWindowTitleBar: true });
  out.setCreator('基层党建工作平台');
  for (const p of await out.copyPages(tocDoc, tocDoc.getPageIndices())) out.addPage(p);
  const parts: MergedMaterials['parts'] = [];
  const outline: { title: string; pageIndex: number }[] = [{ title: '目录', pageIndex: 0 }];
  for (const [i, p] of prepared.entries()) {
    const start = out.getPageCount();
    if (p.kind === 'pdf') {
      for (const page of await out.copyPages(p.doc, p.doc.getPageIndices())) out.addPage(page);
    } else if (p.kind === 'jpeg' || p.kind === 'png') {
      const image = p.kind === 'jpeg' ? await out.embedJpg(p.bytes) : await out.embedPng(p.bytes);
      const page = out.addPage(A4);
      const margin = 40;
      const scale = Math.min((A4[0] - 2 * margin) / image.width, (A4[1] - 2 * margin - 20) / image.height, 1);
      const w = image.width * scale;
      const h = image.height * scale;
      page.drawImage(image, { x: (A4[0] - w) / 2, y: A4[1] - margin - h, width: w, height: h });
    }
    const pages = p.kind === 'skip' ? 0 : p.pages;
    parts.push({ name: p.name, startPage: pages ? start + 1 : null, pages, note: p.kind === 'skip' ? p.note : '' });
    if (pages) outline.push({ title: `${i + 1}. ${p.name}`, pageIndex: start });
  }

  // 目录行 → 各份材料的第一页
  const all = out.getPages();
  for (const row of toc.rows) {
    const target = parts[row.index].startPage;
    if (!target || !row.position) continue;
    const y = A4[1] - row.position.top;
    addPageLink(out, all[row.position.pageNumber - 1], [40, y - 16, A4[0] - 40, y + 2], all[target - 1]);
  }
  addOutline(out, outline);

  // 页码：拷入的材料原本各有各的页码，这里统一在页脚右下角标“n / 总页数”
  const font = await out.embedFont(StandardFonts.Helvetica);
  all.forEach((page, i) => {
    const label = `${i + 1} / ${all.length}`;
    const { width } = page.getSize();
    page.drawText(label, { x: width - 40 - font.widthOfTextAtSize(label, 9), y: 18, size: 9, font, color: rgb(0.45, 0.45, 0.45) });
  });
  return { pdf: Buffer.from(await out.save()), parts };
}

interface TocRender {
  pdf: Buffer;
  rows: { index: number; position: { pageNumber: number; top: number } | null }[];
}

async function renderToc(book: MaterialsBook, prepared: Prepared[], tocPages: number, fonts: CjkFonts): Promise<TocRender> {
  let page = tocPages + 1;
  const nodes: { id: string; positions?: { pageNumber: number; top: number }[] }[] = [];
  const body = prepared.map((p, i): TableCell[] => {
    const start = p.pages ? page : null;
    page += p.pages;
    const name = { text: `${i + 1}. ${p.name}`, id: `m-${i}` };
    nodes.push(name);
    return [
      name,
      { text: p.kind === 'skip' ? p.note : p.kind === 'pdf' ? `PDF，${p.pages} 页` : '图片，1 页', style: 'small', color: p.kind === 'skip' ? '#b3121b' : '#666666' },
      { text: start ? String(start) : '—', alignment: 'right' as const },
    ];
  });
  const content: Content[] = [
    { text: '支撑材料', style: 'h1', alignment: 'center' },
    { text: book.entryTitle, fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: `${book.entrantName} · ${book.unitName}`, style: 'meta', alignment: 'center', margin: [0, 0, 0, 2] },
    { text: `${book.campaignTitle}　合成时间：${book.generatedAt}`, style: 'meta', alignment: 'center' },
    { text: '目　录', style: 'h2', alignment: 'center', margin: [0, 8, 0, 8] },
    book.files.length
      ? {
          table: { headerRows: 1, widths: ['*', 150, 40], body: [[{ text: '材料', bold: true }, { text: '说明', bold: true }, { text: '起始页', bold: true, alignment: 'right' as const }], ...body] },
          layout: 'lightHorizontalLines',
        }
      : { text: '尚未上传支撑材料。', style: 'body', alignment: 'center' },
  ];
  const pdf = await renderPdf({ info: { title: `${book.entryTitle} 支撑材料` }, pageMargins: [40, 50, 40, 50], content }, fonts);
  return { pdf, rows: nodes.map((n, index) => ({ index, position: n.positions?.[0] ?? null })) };
}
