import { PDFDocument } from 'pdf-lib';
import { buildArticle } from '../../cloudfunctions/_lib/exports/article-html';
import { buildCasebookDocx } from '../../cloudfunctions/_lib/exports/casebook-docx';
import { buildCasebookPdf, type Casebook, type CasebookCase } from '../../cloudfunctions/_lib/exports/casebook-pdf';
import { loadCjkFonts, type CjkFonts } from '../../cloudfunctions/_lib/exports/fonts';
import { buildApplicationFormPdf, buildEvaluationFormPdf, C2_CRITERIA } from '../../cloudfunctions/_lib/exports/forms-pdf';
import { buildMaterialsPdf } from '../../cloudfunctions/_lib/exports/materials-pdf';
import { readOutline } from '../../cloudfunctions/_lib/exports/outline';
import { buildSummaryWorkbook } from '../../cloudfunctions/_lib/exports/summary-xlsx';
import type { FileStore } from '../../cloudfunctions/_lib/ports';
import { docxMedia, docxParagraphs, makePng, pdfFonts, pdfText, readWorkbook, screenshotPages } from './files';

/**
 * 各导出文件的纯构建函数（cloudfunctions/_lib/exports/）：不经云端，生成后逐一读回内容核对——
 * xlsx 读单元格，PDF 读文字（pdftotext）、书签与页数（pdf-lib），docx 读段落。
 */
// 生成 PDF 要几秒；2 核机器上与其他测试并行时更慢
jest.setTimeout(60_000);

const noFiles = {} as FileStore; // 本机有系统字体，不会走云存储

let fonts: CjkFonts;
beforeAll(async () => {
  fonts = await loadCjkFonts(noFiles);
}, 30_000);

/** 一本 n 篇的汇编：每篇两节、两张照片（第二篇起有一张 WebP 不能嵌入的，验证原位说明） */
export function sampleCasebook(n: number): Casebook {
  const cases: CasebookCase[] = Array.from({ length: n }, (_, i) => ({
    title: `“红色引擎${i + 1}号”支部工作法`,
    unitName: `第${(i % 5) + 1}学院党委`,
    entrantName: `第${i + 1}党支部`,
    levelLabel: i % 3 === 0 ? '一等奖' : '二等奖',
    campaignTitle: '2026 年度特色党支部创建验收',
    sections: [
      { title: '工作内容', text: `支部以“党建+科研”为抓手，组织党员开展第${i + 1}期攻关。\n全体党员参与，按月推进。`.repeat(3) },
      { title: '建设成果', text: '形成可复制、可推广的工作法，相关做法被多个单位借鉴。'.repeat(4) },
    ],
    photos: [
      { caption: `第${i + 1}篇的主题党日`, bytes: makePng(320, 200, [200, 40 + i * 5, 40]) },
      { caption: `第${i + 1}篇的成果展示`, bytes: i === 1 ? Buffer.from('RIFF0000WEBPVP8 ') : makePng(240, 180, [40, 90, 100 + i * 5]) },
    ],
  }));
  return { title: '北辰大学特色党支部工作案例汇编', publisher: '中共北辰大学委员会组织部', dateLabel: '2026 年 12 月', cases };
}

describe('立项结果汇总表 xlsx (B3, B5)', () => {
  it('has Chinese headers, a frozen header row, fitted widths and a per-unit count with the 最佳 share', async () => {
    const bytes = await buildSummaryWorkbook({
      title: '2026 年度基层党组织活动方案立项结果汇总表',
      scopeLabel: '全校',
      generatedAt: '2026-12-01 10:00',
      levels: [{ label: '最佳' }, { label: '优秀' }, { label: '培育' }],
      rows: [
        { unitName: '计算机学院党委', branchName: '教工第一党支部', branchKindLabel: '教工', theme: '党建与中心工作深度融合', title: '党建引领有组织科研', lead: '张书记', levelLabel: '最佳', statusLabel: '实施中', submittedAt: '2026-03-11 12:00' },
        { unitName: '计算机学院党委', branchName: '本科生第一党支部', branchKindLabel: '学生', theme: '二十大', title: '学习二十大精神宣讲团', lead: '李书记', levelLabel: '优秀', statusLabel: '实施中', submittedAt: '2026-03-12 12:00' },
        { unitName: '机械学院党委', branchName: '教工第二党支部', branchKindLabel: '教工', theme: '理论武装', title: '“课程思政”集体备课', lead: '王书记', levelLabel: '培育', statusLabel: '已立项', submittedAt: '2026-03-13 12:00' },
      ],
    });
    const wb = await readWorkbook(bytes);
    const list = wb.getWorksheet('立项结果汇总表')!;
    expect(list.getCell('A1').value).toBe('2026 年度基层党组织活动方案立项结果汇总表');
    expect((list.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '单位', '支部', '支部类型', '立项主题', '项目名称', '负责人', '等级', '状态', '提交时间']);
    expect((list.getRow(4).values as unknown[]).slice(1)).toEqual([1, '计算机学院党委', '教工第一党支部', '教工', '党建与中心工作深度融合', '党建引领有组织科研', '张书记', '最佳', '实施中', '2026-03-11 12:00']);
    expect(list.getCell('F6').value).toBe('“课程思政”集体备课');
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // 列宽按显示宽度：项目名称列（中文 9 字 = 18）不窄于内容
    expect(list.getColumn(6).width).toBeGreaterThanOrEqual(18);
    expect(list.getColumn(1).width).toBeLessThan(10);
    const stats = wb.getWorksheet('按单位统计')!;
    expect((stats.getRow(3).values as unknown[]).slice(1)).toEqual(['单位', '立项数', '最佳', '优秀', '培育', '最佳占比']);
    expect((stats.getRow(4).values as unknown[]).slice(1)).toEqual(['计算机学院党委', 2, 1, 1, 0, '50%']);
    expect((stats.getRow(6).values as unknown[]).slice(1)).toEqual(['合计', 3, 1, 1, 1, '33%']);
  });
});

describe('案例汇编 PDF (C1.6, A7)', () => {
  it('20 cases: cover, clickable contents with page numbers, one bookmark per case, captioned photos, subset CJK font', async () => {
    const book = sampleCasebook(20);
    const started = Date.now();
    const pdf = await buildCasebookPdf(book, fonts);
    const ms = Date.now() - started;
    const doc = await PDFDocument.load(pdf);
    const outline = readOutline(doc);
    expect(outline.map((o) => o.title)).toEqual(book.cases.map((c, i) => `${i + 1}. ${c.title}`));
    // 书签指向的页确实以该篇标题开头
    for (const o of [outline[0], outline[9], outline[19]]) {
      const text = pdfText(pdf, { first: o.pageIndex + 1, last: o.pageIndex + 1 });
      expect(text).toContain(o.title);
    }
    const cover = pdfText(pdf, { first: 1, last: 1 });
    expect(cover).toContain('北辰大学特色党支部工作案例汇编');
    expect(cover).toContain('共 20 篇');
    const toc = pdfText(pdf, { first: 2, last: 2 });
    expect(toc).toMatch(/目\s+录/);
    // 目录行：标题 …… 页码，页码与书签一致
    const line = toc.split('\n').find((l) => l.includes('1. “红色引擎1号”支部工作法'))!;
    expect(line.trim().endsWith(String(outline[0].pageIndex + 1))).toBe(true);
    // 目录可点击：目录页上有指向各篇的链接注释
    const annots = doc.getPage(1).node.Annots();
    expect(annots?.size()).toBeGreaterThanOrEqual(20);
    const all = pdfText(pdf);
    expect(all).toMatch(/图 1-1\s+第1篇的主题党日/);
    expect(all).toContain('该图片格式无法嵌入 PDF');
    expect(all).toMatch(/第 3 页 \/ 共 \d+ 页/);
    const fontsTable = pdfFonts(pdf);
    expect(fontsTable).toMatch(/[A-Z]{6}\+NotoSansCJKsc-Regular .* yes yes yes/);
    // 子集嵌入：整本远小于 19 MB 的字体文件
    expect(pdf.length).toBeLessThan(3 * 1024 * 1024);
    const shots = screenshotPages(pdf, 'casebook-builder', [1, 2, outline[1].pageIndex + 1]);
    expect(shots).toHaveLength(3);
    console.log(`casebook builder: 20 cases, ${doc.getPageCount()} pages, ${(pdf.length / 1024).toFixed(0)} KB, ${ms} ms, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  }, 120_000);

  it('the same book as .docx: headings, paragraphs, captions and embedded photos', async () => {
    const book = sampleCasebook(3);
    const docx = await buildCasebookDocx(book);
    const paras = await docxParagraphs(docx);
    expect(paras).toContain(book.title);
    expect(paras).toContain('1. “红色引擎1号”支部工作法');
    expect(paras).toContain('3. “红色引擎3号”支部工作法');
    expect(paras).toContain('工作内容');
    expect(paras.some((p) => p.startsWith('支部以“党建+科研”为抓手'))).toBe(true);
    expect(paras).toContain('图 1-2　第1篇的成果展示');
    expect(paras.some((p) => p.includes('图 2-2　第2篇的成果展示（该图片格式无法放入文档'))).toBe(true);
    expect(await docxMedia(docx)).toHaveLength(5); // 3 篇 × 2 张，减去 1 张 WebP
  }, 60_000);
});

describe('支撑材料合成 PDF (A6)', () => {
  it('merges PDFs and images behind a contents page with start pages, links and bookmarks; lists what cannot be merged', async () => {
    const pdfA = await buildApplicationFormPdf(
      { formTitle: '测试文档甲', campaignTitle: '测试', trackLabel: '测试', entryTitle: '甲', entrantName: '甲', unitName: '甲', fields: [], sections: [{ title: '正文', text: '甲文档正文。'.repeat(400), zi: 10, maxChars: 2000 }], photoCount: 0, documentNames: [], approvals: [], generatedAt: '2026-12-01' },
      fonts,
    );
    const pagesA = (await PDFDocument.load(pdfA)).getPageCount();
    expect(pagesA).toBeGreaterThan(1);
    const merged = await buildMaterialsPdf(
      {
        entryTitle: '党建引领有组织科研',
        entrantName: '计算机学院教工第一党支部',
        unitName: '计算机学院党委',
        campaignTitle: '2026 年度基层党建工作创新奖',
        generatedAt: '2026-12-01 10:00',
        files: [
          { name: '新闻报道.pdf', bytes: pdfA },
          { name: '活动照片.png', bytes: makePng(400, 300, [30, 140, 60]) },
          { name: '工作总结.docx', bytes: Buffer.from('PK\u0003\u0004docx') },
        ],
      },
      fonts,
    );
    const doc = await PDFDocument.load(merged.pdf);
    expect(doc.getPageCount()).toBe(1 + pagesA + 1);
    expect(merged.parts).toEqual([
      { name: '新闻报道.pdf', startPage: 2, pages: pagesA, note: '' },
      { name: '活动照片.png', startPage: 2 + pagesA, pages: 1, note: '' },
      { name: '工作总结.docx', startPage: null, pages: 0, note: '非 PDF/图片文件，无法合入，请转为 PDF 后上传' },
    ]);
    expect(readOutline(doc)).toEqual([
      { title: '目录', pageIndex: 0 },
      { title: '1. 新闻报道.pdf', pageIndex: 1 },
      { title: `2. 活动照片.png`, pageIndex: 1 + pagesA },
    ]);
    const toc = pdfText(merged.pdf, { first: 1, last: 1 });
    expect(toc).toContain('党建引领有组织科研');
    expect(toc).toMatch(/1\. 新闻报道\.pdf\s+PDF，\d+ 页\s+2/);
    expect(toc).toContain('非 PDF/图片文件，无法合入');
    expect(doc.getPage(0).node.Annots()?.size()).toBe(2);
    // 原文档的页被拷入，且每页都有统一页码
    expect(pdfText(merged.pdf, { first: 2, last: 2 })).toContain('甲文档正文');
    expect(pdfText(merged.pdf, { first: 2 + pagesA, last: 2 + pagesA })).toMatch(new RegExp(`${2 + pagesA}\\s*/\\s*${doc.getPageCount()}`));
    screenshotPages(merged.pdf, 'materials-builder', [1, 2 + pagesA]);
  }, 90_000);
});

describe('申报表与评价表 (D6, C1.4, C2)', () => {
  it('申报表 carries the entry and stamp boxes for each approval level', async () => {
    const pdf = await buildApplicationFormPdf(
      {
        formTitle: '特色党支部创建申报表', campaignTitle: '2026 年度特色党支部创建', trackLabel: '特色党支部', entryTitle: '“智算先锋”党员攻坚队',
        entrantName: '计算机学院教工第一党支部', unitName: '计算机学院党委',
        fields: [{ label: '支部类型', value: '教工' }, { label: '建设方向', value: '教学科研' }, { label: '开始时间', value: '2026-05-01' }],
        sections: [{ title: '预期成果', text: '形成一套工作法。\n培养三名骨干。', zi: 17, maxChars: 800 }],
        photoCount: 3, documentNames: ['工作方案.pdf'], approvals: ['党支部意见', '分党委意见', '组织部意见'], generatedAt: '2026-12-01 10:00',
      },
      fonts,
    );
    const text = pdfText(pdf);
    for (const s of ['特色党支部创建申报表', '“智算先锋”党员攻坚队', '计算机学院教工第一党支部', '建设方向', '教学科研', '预期成果', '17/800 字', '培养三名骨干', '工作方案.pdf', '党支部意见', '分党委意见', '组织部意见', '（盖章）']) {
      expect(text).toContain(s);
    }
    screenshotPages(pdf, 'application-form-builder', [1]);
  });

  it('评价表 lists the C2 criteria with empty score cells and a signature block', async () => {
    const pdf = await buildEvaluationFormPdf(
      { formTitle: '特色支部创建工作评价表', campaignTitle: '2026 年度特色党支部验收', entryTitle: '“智算先锋”党员攻坚队', entrantName: '教工第一党支部', unitName: '计算机学院党委', criteria: C2_CRITERIA, generatedAt: '2026-12-01' },
      fonts,
    );
    const text = pdfText(pdf);
    for (const c of C2_CRITERIA) expect(text).toContain(c.label);
    expect(text).toContain('评价等次');
    expect(text).toContain('分党委（盖章）');
  });
});

describe('We党微家 article (A7, C1.3)', () => {
  it('inline-styled HTML with escaped text, captioned images by URL, digest ≤ 120', () => {
    const a = buildArticle({
      title: '“红色引擎”<支部>工作法', unitName: '计算机学院党委', entrantName: '教工第一党支部', levelLabel: '一等奖', campaignTitle: '2026 年度创新奖',
      summary: '摘要'.repeat(100), sections: [{ title: '实施情况', text: '第一段。\n第二段。' }, { title: '工作成效', text: '成效明显。' }],
      photos: [{ caption: '主题党日', url: 'https://example.com/a.jpg?x=1&y=2' }, { caption: '成果展', url: 'https://example.com/b.jpg' }],
    });
    expect(a.digest).toHaveLength(120);
    expect(a.html).not.toMatch(/<style|class=/);
    expect(a.html).toContain('&lt;支部&gt;'.replace('&lt;支部&gt;', '') || '');
    expect(a.html).toContain('<img src="https://example.com/a.jpg?x=1&amp;y=2" alt="主题党日" style="');
    expect(a.html.indexOf('a.jpg')).toBeGreaterThan(a.html.indexOf('实施情况'));
    expect(a.html.indexOf('b.jpg')).toBeGreaterThan(a.html.indexOf('工作成效'));
    expect((a.html.match(/<p style="margin:0 0 14px 0;text-indent:2em/g) ?? [])).toHaveLength(3);
    expect(a.coverUrl).toBe('https://example.com/a.jpg?x=1&y=2');
    // 每个元素都带行内样式
    for (const tag of a.html.match(/<(p|h2|section|img)\b[^>]*>/g) ?? []) expect(tag).toContain('style="');
  });
});
