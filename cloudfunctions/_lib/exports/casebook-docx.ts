import type { Paragraph } from 'docx';
import { docx } from '../heavy-libs';
import type { Casebook } from './casebook-pdf';
import { imageSize } from './image-size';

const FONT = { ascii: 'Microsoft YaHei', eastAsia: '微软雅黑', hAnsi: 'Microsoft YaHei' };
/** 照片最宽 15 cm（约 567 px @96dpi），保持比例 */
const MAX_PHOTO_PX = 560;

/**
 * 同一本汇编的 Word 版（C1.6）：供组织部继续编辑排版。标题用 Word 的“标题 1/2”样式，
 * 目录是 Word 目录域（打开时提示更新即生成页码）。
 */
export async function buildCasebookDocx(book: Casebook): Promise<Buffer> {
  const { AlignmentType, Document, Footer, HeadingLevel, ImageRun, Packer, PageBreak, PageNumber, Paragraph, TableOfContents, TextRun } = docx();
  const children: Paragraph[] = [
    new Paragraph({ spacing: { before: 3000 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: book.title, bold: true, size: 52, color: 'B3121B' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300 }, children: [new TextRun({ text: `共 ${book.cases.length} 篇`, size: 28 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 3000 }, children: [new TextRun({ text: book.publisher, size: 28 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: book.dateLabel, size: 28 })] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '目　录', bold: true, size: 36 })] }),
  ];
  const toc = new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1' });
  const rest: Paragraph[] = [];
  book.cases.forEach((c, i) => {
    rest.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(`${i + 1}. ${c.title}`)] }),
      new Paragraph({ children: [new TextRun({ text: `${c.entrantName} · ${c.unitName} · ${c.levelLabel} · ${c.campaignTitle}`, color: '666666', size: 20 })] }),
    );
    for (const s of c.sections) {
      rest.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.title)] }));
      for (const p of s.text.split(/\n+/).map((t) => t.trim()).filter(Boolean)) {
        rest.push(new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [new TextRun(p)] }));
      }
    }
    c.photos.forEach((p, k) => {
      const caption = `图 ${i + 1}-${k + 1}　${p.caption}`;
      const size = p.bytes ? imageSize(p.bytes) : null;
      if (p.bytes && size) {
        const scale = Math.min(1, MAX_PHOTO_PX / size.width);
        rest.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: size.type, data: p.bytes, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) }, altText: { name: caption, description: p.caption, title: caption } })],
          }),
        );
      }
      rest.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: size ? caption : `${caption}（该图片格式无法放入文档，请在系统中查看原图）`, size: 18, color: '555555' })] }));
    });
  });
  const doc = new Document({
    creator: book.publisher,
    title: book.title,
    features: { updateFields: true }, // 打开时更新目录域
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 32, bold: true, color: 'B3121B' }, paragraph: { spacing: { after: 160 } } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 26, bold: true }, paragraph: { spacing: { before: 200, after: 80 } } },
      ],
    },
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'] })] })] }) },
        children: [...children, toc, ...rest],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
