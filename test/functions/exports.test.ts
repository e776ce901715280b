import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { officialAccountDrafts } from '../../cloudfunctions/_lib/exports/official-account';
import { readOutline } from '../../cloudfunctions/_lib/exports/outline';
import { AppError } from '../../cloudfunctions/_lib/app-error';
import { outboxPage, type OutboxRow } from '../../cloudfunctions/_local/pages';
import type { ExportJob } from '../../types';
import { docxParagraphs, makePng, pdfText, readWorkbook, screenshotPages } from '../exports/files';
import { seededCloud, type SeededCloud } from '../support/local-cloud';
import { seedPublishedCases } from '../exports/cases';

/**
 * 导出云函数（issue 7）经本地运行时、用演示数据走一遍：组织部下载立项结果汇总表（B3）、20 篇的案例汇编 PDF 与 Word（C1.6）、
 * 合成的支撑材料（A6）、填好的申报表（D6）与评价表（C1.4）、公众号文章（A7、C1.3）；每个文件都读回核对内容。
 */
// 生成 PDF 要几秒；2 核机器上与其他测试并行时更慢
jest.setTimeout(60_000);

const DEPT = 'p-dept-wang';
const UNIT_ADMIN_CS = 'p-ua-cs';
const SECRETARY_CS_STAFF1 = 'p-sec-cs-staff1';

let s: SeededCloud;
beforeAll(async () => {
  s = await seededCloud({ clock: { now: () => new Date('2026-12-01T02:00:00Z') } });
}, 60_000);
afterAll(async () => {
  await s?.cloud.close();
});

const as = (personId: string) => s.openidOf(personId);
async function run(event: object, personId: string): Promise<ExportJob> {
  return s.ok<ExportJob>('exports', event, as(personId));
}
const download = (job: ExportJob) => s.cloud.files.download(job.fileID!);

describe('立项结果汇总表 (B3, B5)', () => {
  it('the department downloads the school-wide table of the 2026 立项 campaign; the file reads back with every project', async () => {
    const job = await run({ action: 'summaryXlsx', campaignId: 'c-2026-b' }, DEPT);
    expect(job).toMatchObject({ kind: 'summaryXlsx', status: 'done', progress: 100, error: null });
    expect(job.fileName).toMatch(/^全校-.*立项结果汇总表-20261201-1000\.xlsx$/);
    expect(job.url).toContain('/files/exports/summaryXlsx/20261201/');
    const wb = await readWorkbook(await download(job));
    const sheet = wb.getWorksheet('立项结果汇总表')!;
    expect((sheet.getRow(3).values as unknown[]).slice(1, 9)).toEqual(['序号', '单位', '支部', '支部类型', '立项主题', '项目名称', '负责人', '等级']);
    const rows = sheet.getRows(4, sheet.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1));
    expect(rows).toHaveLength(7); // 计算机学院 7 个已立项的支部；研究生第二党支部未立项（B4 缺口）不在表里
    const byTitle = new Map(rows.map((r) => [r[5], r]));
    expect(byTitle.get('党建引领有组织科研')).toEqual([expect.any(Number), '计算机科学与工程学院党委', expect.stringContaining('教工第一党支部'), '教职工党支部', '党建与中心工作深度融合', '党建引领有组织科研', expect.any(String), '最佳', '实施中', '2026-03-11 12:00']);
    expect(rows.filter((r) => r[7] === '最佳')).toHaveLength(2);
    const stats = wb.getWorksheet('按单位统计')!;
    expect((stats.getRow(4).values as unknown[]).slice(1)).toEqual(['计算机科学与工程学院党委', 7, 2, 3, 2, '29%']); // B5：最佳约 30%
  });

  it('a unit admin exports its own unit, not another unit, and not the school', async () => {
    const own = await run({ action: 'summaryXlsx', campaignId: 'c-2026-b', unitId: 'u-cs' }, UNIT_ADMIN_CS);
    expect(own.title).toContain('计算机科学与工程学院党委');
    expect(await s.fail('exports', { action: 'summaryXlsx', campaignId: 'c-2026-b', unitId: 'u-me' }, as(UNIT_ADMIN_CS))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.fail('exports', { action: 'summaryXlsx', campaignId: 'c-2026-b' }, as(UNIT_ADMIN_CS))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

const seedTwentyCases = () => seedPublishedCases(s.cloud, 20);

describe('案例汇编 PDF and Word (C1.6, A7)', () => {
  it('20 cases with photos: progress while running, a PDF with cover, linked contents, one bookmark per case; time and memory measured', async () => {
    await seedTwentyCases();
    const event = { action: 'casebookPdf', year: 2026, kind: 'C', title: '2026 年度特色党支部工作案例汇编' };
    let peak = process.memoryUsage().rss;
    const base = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = Date.now();
    const pending = s.cloud.call('exports', event, as(DEPT));
    // 轮询“我的导出”：进行中的任务带进度与步骤
    const seen: { progress: number; step: string }[] = [];
    let settled = false;
    void pending.then(() => (settled = true));
    while (!settled) {
      // 测试时钟固定：同一时刻建的任务按 _id 排序，所以在第一页里找进行中的汇编
      const list = await s.ok<{ items: ExportJob[] }>('exports', { action: 'list', pageSize: 10 }, as(DEPT));
      const top = list.items.find((j) => j.kind === 'casebookPdf' && j.status === 'running');
      if (top?.kind === 'casebookPdf' && top.status === 'running') seen.push({ progress: top.progress, step: top.step });
      await new Promise((r) => setTimeout(r, 15));
    }
    const reply = await pending.finally(() => clearInterval(sampler));
    const ms = Date.now() - started;
    expect(reply.ok).toBe(true);
    const job = (reply as { data: ExportJob }).data;
    // 轮询看到的是生成中的中间状态（哪一步取决于机器快慢：下载照片 n/60、准备字体、排版），进度只增不减
    expect(seen.filter((p) => p.progress > 0 && p.progress < 100 && p.step !== '')).not.toEqual([]);
    expect(seen.map((p) => p.progress)).toEqual([...seen.map((p) => p.progress)].sort((a, b) => a - b));
    expect(job).toMatchObject({ status: 'done', progress: 100, title: '2026 年度特色党支部工作案例汇编（20 篇）' });
    const pdf = await download(job);
    const doc = await PDFDocument.load(pdf);
    const outline = readOutline(doc);
    // 公布时间倒序：第 20 个先
    expect(outline).toHaveLength(20);
    expect(outline[0].title).toBe('1. “先锋20号”特色支部建设');
    expect(pdfText(pdf, { first: outline[5].pageIndex + 1, last: outline[5].pageIndex + 1 })).toContain('“先锋15号”特色支部建设');
    const toc = pdfText(pdf, { first: 2, last: 2 });
    expect(toc.split('\n').find((l) => l.includes('20. “先锋1号”特色支部建设'))!.trim().endsWith(String(outline[19].pageIndex + 1))).toBe(true);
    expect(doc.getPage(1).node.Annots()!.size()).toBeGreaterThanOrEqual(20);
    const text = pdfText(pdf);
    expect(text).toMatch(/图 1-3\s+第20个支部的成果展示/);
    expect(text).toContain('计算机学院第7党支部 · 计算机学院党委 · 通过验收');
    screenshotPages(pdf, 'casebook-20', [1, 2, outline[0].pageIndex + 1]);
    console.log(`exports.casebookPdf 20 cases / 60 photos: ${ms} ms, ${doc.getPageCount()} pages, ${(pdf.length / 1024).toFixed(0)} KB; rss before ${(base / 1048576).toFixed(0)} MB, peak ${(peak / 1048576).toFixed(0)} MB (+${((peak - base) / 1048576).toFixed(0)} MB)`);
    // 云函数超时 60 秒（config.json）；本机 2 核且与其他测试共用时也须留足余量
    expect(ms).toBeLessThan(50_000);
  }, 150_000);

  it('the same 20 cases as .docx: every title, section heading and caption is a paragraph', async () => {
    const job = await run({ action: 'casebookDocx', year: 2026, kind: 'C' }, DEPT);
    expect(job.fileName).toMatch(/^2026年度特色支部创建成果验收案例汇编-\d{8}-\d{4}\.docx$/);
    const paras = await docxParagraphs(await download(job));
    for (let i = 1; i <= 20; i++) expect(paras).toContain(`${21 - i}. “先锋${i}号”特色支部建设`);
    expect(paras.filter((p) => p === '特色做法')).toHaveLength(20);
    expect(paras).toContain('图 20-1　第1个支部的主题党日');
  }, 60_000);

  it('only the department makes a school-wide casebook; an empty selection is refused, not an empty book', async () => {
    expect(await s.fail('exports', { action: 'casebookPdf' }, as(UNIT_ADMIN_CS))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.fail('exports', { action: 'casebookPdf', year: 2099 }, as(DEPT))).toMatchObject({ code: 'NOT_FOUND', message: '没有符合条件的已公布案例' });
  });
});

async function pdfWithPages(n: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= n; i++) doc.addPage([595, 842]).drawText(`${label} page ${i}`, { x: 60, y: 760, size: 20, font });
  return Buffer.from(await doc.save());
}

describe('支撑材料合成 PDF (A6) and forms to stamp (D6, C1.4)', () => {
  const ENTRY = 'e-2026-a-cs-staff1';

  it("the branch secretary merges the entry's uploaded PDFs and photos into one PDF with a contents page", async () => {
    const dir = `entries/${ENTRY}/docs`;
    const news = await s.cloud.files.upload(`${dir}/news.pdf`, await pdfWithPages(2, 'News report'));
    const book = await s.cloud.files.upload(`${dir}/book.pdf`, await pdfWithPages(3, 'Book chapter'));
    const photo = await s.cloud.files.upload(`${dir}/photo.png`, makePng(600, 400, [200, 60, 60]));
    await s.cloud.database.db.collection('entries').doc(ENTRY).update({
      data: {
        'content.documents': [
          { fileID: news.fileID, name: '新闻报道.pdf', size: 2000 },
          { fileID: book.fileID, name: '出版专著节选.pdf', size: 3000 },
          { fileID: photo.fileID, name: '活动现场.png', size: 4000 },
        ],
      },
    });
    const job = await run({ action: 'materialsPdf', entryId: ENTRY }, SECRETARY_CS_STAFF1);
    expect(job.fileName).toMatch(/支撑材料-\d{8}-\d{4}\.pdf$/);
    const pdf = await download(job);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1 + 2 + 3 + 1);
    expect(readOutline(doc)).toEqual([
      { title: '目录', pageIndex: 0 },
      { title: '1. 新闻报道.pdf', pageIndex: 1 },
      { title: '2. 出版专著节选.pdf', pageIndex: 3 },
      { title: '3. 活动现场.png', pageIndex: 6 },
    ]);
    const toc = pdfText(pdf, { first: 1, last: 1 });
    expect(toc).toContain('“智算先锋”党员攻坚队');
    expect(toc).toMatch(/2\. 出版专著节选\.pdf\s+PDF，3 页\s+4/);
    expect(pdfText(pdf, { first: 4, last: 4 })).toContain('Book chapter page 1');
    screenshotPages(pdf, 'materials-demo', [1]);
  }, 90_000);

  it('申报表 is filled from the entry, with stamp boxes; the 评价表 lists the criteria', async () => {
    const form = await run({ action: 'applicationForm', entryId: ENTRY }, SECRETARY_CS_STAFF1);
    const text = pdfText(await download(form));
    expect(text).toContain('2026 年度');
    expect(text).toContain('“智算先锋”党员攻坚队');
    expect(text).toContain('2026 年度创新奖申报表');
    expect(text).toContain('计算机科学与工程学院党委');
    expect(text).toContain('工作内容：');
    expect(text).toMatch(/\d+\/300 字/); // A5 案例简介 ≤ 300 字
    expect(text).toContain('支撑材料 3 份：新闻报道.pdf、出版专著节选.pdf、活动现场.png');
    for (const box of ['党支部意见', '分党委意见', '组织部意见', '（盖章）']) expect(text).toContain(box);
    screenshotPages(await download(form), 'application-form-demo', [1]);
    const evaluation = await run({ action: 'evaluationForm', entryId: ENTRY }, UNIT_ADMIN_CS);
    const evalText = pdfText(await download(evaluation));
    expect(evalText).toContain('评价表');
    expect(evalText).toContain('分党委（盖章）');
  }, 90_000);

  it("another branch's secretary cannot build this entry's documents", async () => {
    expect(await s.fail('exports', { action: 'applicationForm', entryId: ENTRY }, as('p-sec-cs-staff2'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.fail('exports', { action: 'materialsPdf', entryId: 'no-such-entry' }, as(DEPT))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('We党微家 article (A7, C1.3)', () => {
  it('an article from a published case; locally the draft lands in the outbox', async () => {
    await seedTwentyCases(); // 幂等：单独运行本用例时也有案例
    const job = await run({ action: 'article', caseId: 'case-gen-3', toDraft: true }, DEPT);
    expect(job.fileID).toBeNull();
    expect(job.article).toMatchObject({ title: '“先锋3号”特色支部建设', draft: { target: 'outbox' } });
    expect(job.article!.html).toContain('<h2 style="');
    expect(job.article!.html).toMatch(/<img src="[^"]*\/files\/cases\/gen\/c3-1\.png\?expires=/);
    const outbox = await s.cloud.database.db.collection('outbox').where({ kind: 'article' }).get();
    expect(outbox.data).toHaveLength(1);
    expect(outbox.data[0]).toMatchObject({ title: '“先锋3号”特色支部建设', imageCount: 3, html: job.article!.html });
    // 本地发件箱页面（/local/outbox）显示这篇草稿与正文预览
    const page = outboxPage(outbox.data as OutboxRow[], (d) => d.toISOString());
    expect(page).toContain('公众号草稿</b>：“先锋3号”特色支部建设');
    expect(page).toContain(job.article!.html);
    // 列表里看得到刚才的文章任务
    const list = await s.ok<{ items: ExportJob[] }>('exports', { action: 'list', ids: [job._id] }, as(DEPT));
    expect(list.items[0]).toMatchObject({ _id: job._id, status: 'done', article: { draft: { target: 'outbox' } } });
    // 别人的任务不在我的列表里
    expect((await s.ok<{ items: ExportJob[] }>('exports', { action: 'list', ids: [job._id] }, as(UNIT_ADMIN_CS))).items).toEqual([]);
  }, 90_000);

  it('production without credentials: a clear error naming what is missing', async () => {
    const drafts = officialAccountDrafts({});
    const err = await drafts.addDraft({ title: 't', author: 'a', digest: 'd', html: '<p>x</p>', coverUrl: null, images: [], cover: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('OFFICIAL_ACCOUNT_APPID、OFFICIAL_ACCOUNT_SECRET');
  });

  it('production with credentials: token, images uploaded to WeChat and swapped into the HTML, cover as thumb, then draft/add', async () => {
    const calls: { path: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        calls.push({ path: url.pathname + (url.searchParams.get('type') ? `?type=${url.searchParams.get('type')}` : ''), body: Buffer.concat(chunks).toString('latin1') });
        const reply: Record<string, object> = {
          '/cgi-bin/stable_token': { access_token: 'TOKEN', expires_in: 7200 },
          '/cgi-bin/media/uploadimg': { url: `http://mmbiz.qpic.cn/img${calls.length}.jpg` },
          '/cgi-bin/material/add_material': { media_id: 'THUMB', url: 'x' },
          '/cgi-bin/draft/add': { media_id: 'DRAFT-1' },
        };
        if (url.pathname !== '/cgi-bin/stable_token' && url.searchParams.get('access_token') !== 'TOKEN') return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
        res.end(JSON.stringify(reply[url.pathname] ?? { errcode: 404, errmsg: 'unknown' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const drafts = officialAccountDrafts({ OFFICIAL_ACCOUNT_APPID: 'wx1', OFFICIAL_ACCOUNT_SECRET: 'sec' }, base);
      const png = makePng(20, 20, [1, 2, 3]);
      const result = await drafts.addDraft({
        title: '标题', author: '党委组织部', digest: '摘要', coverUrl: 'https://t/a.png?x=1&y=2',
        html: '<img src="https://t/a.png?x=1&amp;y=2" style=""/><img src="https://t/b.png" style=""/>',
        images: [{ url: 'https://t/a.png?x=1&y=2', bytes: png, name: 'a.png' }, { url: 'https://t/b.png', bytes: png, name: 'b.png' }],
        cover: { bytes: png, name: 'a.png' },
      });
      expect(result).toEqual({ target: 'officialAccount', mediaId: 'DRAFT-1' });
      expect(calls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/media/uploadimg', '/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material?type=image', '/cgi-bin/draft/add']);
      expect(JSON.parse(calls[0].body)).toEqual({ grant_type: 'client_credential', appid: 'wx1', secret: 'sec' });
      expect(calls[1].body).toContain('name="media"; filename="a.png"');
      const draft = JSON.parse(Buffer.from(calls[4].body, 'latin1').toString('utf8'));
      expect(draft.articles[0]).toMatchObject({ title: '标题', thumb_media_id: 'THUMB', content: '<img src="http://mmbiz.qpic.cn/img2.jpg" style=""/><img src="http://mmbiz.qpic.cn/img3.jpg" style=""/>' });
    } finally {
      server.close();
    }
  });
});
