import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** 测试用图片：纯 Node 生成的 PNG（色块 + 对角条纹，截图里一眼能认出是照片占位） */
export function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const stripe = ((x + y) >> 4) % 2 === 0 ? 1 : 0.8;
      raw[row + 1 + x * 3] = Math.round(rgb[0] * stripe);
      raw[row + 2 + x * 3] = Math.round(rgb[1] * stripe);
      raw[row + 3 + x * 3] = Math.round(rgb[2] * stripe);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // 位深
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** PDF 全文（poppler 的 pdftotext；CI 由 .ci/run 安装 poppler-utils，缺了就让测试失败而不是跳过） */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdftext-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 嵌入的字体（pdffonts）：检查中文字体是子集嵌入 */
export function pdfFonts(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdffonts-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 把 PDF 的几页渲染成 PNG 放到 test-output/exports/（人工查看版面） */
export function screenshotPages(pdf: Buffer, name: string, pages: number[]): string[] {
  const outDir = path.resolve(__dirname, '../../test-output/exports');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const made: string[] = [];
  for (const p of pages) {
    const prefix = path.join(outDir, `${name}-p${p}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), '-singlefile', file, prefix]);
    made.push(`${prefix}.png`);
  }
  return made;
}

/** docx 的段落文字：解压 word/document.xml（jszip，docx 与 exceljs 自带），按 <w:p> 拼出每段的 <w:t> */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1])).join(''),
  );
}

/** docx 里的图片文件（word/media/） */
export async function docxMedia(docx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  return Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

