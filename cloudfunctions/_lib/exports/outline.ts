import type { PDFArray, PDFDict, PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { pdfLib } from '../heavy-libs';

/** 一条 PDF 书签（大纲），指向某页 */
export interface OutlineItem {
  title: string;
  pageIndex: number;
}

/** 用 pdf-lib 给文档加一层书签（pdf-lib 没有现成接口：按 PDF 规范直接写 Outlines 字典） */
export function addOutline(doc: PDFDocument, items: OutlineItem[]): void {
  if (!items.length) return;
  const { PDFHexString, PDFName } = pdfLib();
  const pages = doc.getPages();
  const ctx = doc.context;
  const root = ctx.nextRef();
  const refs = items.map(() => ctx.nextRef());
  items.forEach((item, i) => {
    const entries: Record<string, unknown> = {
      Title: PDFHexString.fromText(item.title),
      Parent: root,
      Dest: [pages[item.pageIndex].ref, 'Fit'],
    };
    if (i > 0) entries.Prev = refs[i - 1];
    if (i < items.length - 1) entries.Next = refs[i + 1];
    ctx.assign(refs[i], ctx.obj(entries as never));
  });
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: items.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** 在某页的一块区域加一个跳转到目标页的链接（目录行可点击） */
export function addPageLink(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], target: PDFPage): void {
  const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], Dest: [target.ref, 'Fit'] });
  page.node.addAnnot(doc.context.register(annot));
}

/** 读出文档第一层书签：标题与所指页的序号（测试回读、也可供核对） */
export function readOutline(doc: PDFDocument): OutlineItem[] {
  const { PDFDict, PDFHexString, PDFName, PDFRef, PDFString } = pdfLib();
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return [];
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const out: OutlineItem[] = [];
  let ref = outlines.get(PDFName.of('First')) as PDFRef | undefined;
  const seen = new Set<string>();
  while (ref && !seen.has(ref.toString())) {
    seen.add(ref.toString());
    const item = doc.context.lookup(ref, PDFDict);
    const title = item.lookup(PDFName.of('Title'));
    const dest = destinationOf(item);
    const target = dest?.get(0);
    out.push({
      title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
      pageIndex: target instanceof PDFRef ? (pageIndex.get(target.toString()) ?? -1) : -1,
    });
    ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
  }
  return out;
}

/** 书签的目的地：直接的 Dest 数组，或 GoTo 动作里的 D */
function destinationOf(item: PDFDict): PDFArray | undefined {
  const { PDFArray, PDFDict, PDFName } = pdfLib();
  const dest = item.lookup(PDFName.of('Dest'));
  if (dest instanceof PDFArray) return dest;
  const action = item.lookup(PDFName.of('A'));
  if (action instanceof PDFDict) {
    const d = action.lookup(PDFName.of('D'));
    if (d instanceof PDFArray) return d;
  }
  return undefined;
}
