import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * 汇编 PDF 的压测（issue 8）：50 个案例、每个 5 张照片（共 250 张、1280×960 的 JPEG，约同手机压缩后的大小），
 * 在一个新的子进程里调用导出模块的 buildCasebookPdf（含读中文字体），量耗时与峰值常驻内存（/proc 的 VmHWM，
 * 即整个 Node 进程的峰值，含运行时本身）。照片各不相同（同一张图重复会被 pdfmake 只嵌一次，结果偏乐观）。
 * 不含从云存储下载照片的时间（那取决于网络），只量生成本身。
 */

export type CasebookResult =
  | { measured: true; seconds: number; renderSeconds: number; peakMB: number; pdfMB: number; photosMB: number; note?: string; textOnlySeconds?: number; textOnlyPeakMB?: number }
  | { measured: false; reason: string };

const CASES = 50;
const PHOTOS_PER_CASE = 5;

export async function measureCasebook(root: string): Promise<CasebookResult> {
  if (!existsSync(path.join(root, 'cloudfunctions/_lib/exports/casebook-pdf.ts'))) return { measured: false, reason: 'exports not landed（cloudfunctions/_lib/exports/casebook-pdf.ts 不存在）' };
  const run = (photosPerCase: number) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', `--photos=${photosPerCase}`], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (r.status !== 0 || !line) throw new Error(`汇编子进程失败：${(r.stderr || r.stdout).slice(-400)}`);
    return JSON.parse(line) as Extract<CasebookResult, { measured: true }>;
  };
  try {
    const full = run(PHOTOS_PER_CASE);
    // 同样 50 篇、不带照片：把峰值内存拆成“字体与排版”与“照片”两部分
    const textOnly = run(0);
    return { ...full, textOnlySeconds: textOnly.seconds, textOnlyPeakMB: textOnly.peakMB };
  } catch (e) {
    return { measured: false, reason: String((e as Error).message) };
  }
}

/** 固定种子的“照片”：平滑渐变 + 轻噪声，JPEG 质量 80，体积接近真实照片压缩后 */
async function basePhotos(): Promise<Buffer[]> {
  const dir = path.join(os.tmpdir(), 'bench-casebook-photos');
  await mkdir(dir, { recursive: true });
  const Jimp = require('jimp') as { new (w: number, h: number, c: number): JimpImage; MIME_JPEG: string };
  interface JimpImage {
    bitmap: { data: Buffer; width: number; height: number };
    quality(q: number): JimpImage;
    getBufferAsync(mime: string): Promise<Buffer>;
  }
  const out: Buffer[] = [];
  for (let k = 0; k < 5; k++) {
    const file = path.join(dir, `base-${k}.jpg`);
    if (existsSync(file)) {
      out.push(await readFile(file));
      continue;
    }
    const img = new Jimp(1280, 960, 0xffffffff);
    let s = 1234567 + k * 7919;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const { data, width, height } = img.bitmap;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const n = rnd() * 40;
        data[i] = (x * (3 + k)) % 256 ^ (n | 0);
        data[i + 1] = (y * (2 + k) + 60 * Math.sin(x / 40)) & 255;
        data[i + 2] = ((x + y) * (1 + k) + n) & 255;
        data[i + 3] = 255;
      }
    }
    const bytes = await img.quality(80).getBufferAsync(Jimp.MIME_JPEG);
    await writeFile(file, bytes);
    out.push(bytes);
  }
  return out;
}

function peakRssMB(): number {
  try {
    const status = require('node:fs').readFileSync('/proc/self/status', 'utf8') as string;
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // 非 Linux：退回当前 RSS
  }
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

async function child(photosPerCase: number, caseCount = CASES, photoFiles = true): Promise<void> {
  const bases = await basePhotos();
  // 与导出函数一样：照片下载后写到临时目录、只把路径交给排版（--photo-bytes 时照片字节留在内存里）
  const photoDir = path.join(os.tmpdir(), `bench-casebook-in-${process.pid}`);
  await mkdir(photoDir, { recursive: true });
  const { buildCasebookPdf } = await import('../cloudfunctions/_lib/exports/casebook-pdf');
  const { loadCjkFonts } = await import('../cloudfunctions/_lib/exports/fonts');
  const text = '支部坚持党建引领，围绕中心工作开展主题党日、结对共建与志愿服务，组织生活规范有序，党员先锋模范作用充分发挥。';
  let photosBytes = 0;
  const caseOf = (i: number, photos: { caption: string; bytes: Buffer | null; file?: string }[]) => ({
    title: `党建引领基层治理创新案例 ${i + 1}`,
    unitName: `第${(i % 40) + 1}学院党委`,
    entrantName: `第${(i % 40) + 1}学院党委第${(i % 30) + 1}支部`,
    levelLabel: i % 5 === 0 ? '一等奖' : '入选',
    campaignTitle: '2026 年度基层党建工作创新奖',
    sections: [
      { title: '基本情况', text: text.repeat(6) },
      { title: '主要做法', text: text.repeat(16) },
      { title: '工作成效', text: text.repeat(8) },
    ],
    photos,
  });
  const cases: ReturnType<typeof caseOf>[] = [];
  for (let i = 0; i < caseCount; i++) {
    const photos = [];
    for (let j = 0; j < photosPerCase; j++) {
      // 在 JPEG 结束标记之后追加编号：每张图字节不同（不会被当作同一张图只嵌一次），解码不受影响
      const bytes = Buffer.concat([bases[(i + j) % bases.length], Buffer.from(`photo-${i}-${j}`)]);
      photosBytes += bytes.length;
      const caption = `第 ${j + 1} 张：主题党日活动现场`;
      if (!photoFiles) photos.push({ caption, bytes });
      else {
        const file = path.join(photoDir, `${i}-${j}.jpg`);
        await writeFile(file, bytes);
        photos.push({ caption, bytes: null, file });
      }
    }
    cases.push(caseOf(i, photos));
  }
  const t0 = process.hrtime.bigint();
  const fonts = await loadCjkFonts({} as never);
  const t1 = process.hrtime.bigint();
  const pdf = await buildCasebookPdf({ title: '2026 年度基层党建工作创新案例汇编', publisher: '中共北辰大学委员会组织部', dateLabel: '2026 年 12 月', cases }, fonts);
  const t2 = process.hrtime.bigint();
  const result: CasebookResult = {
    measured: true,
    seconds: Math.round(Number(t2 - t0) / 1e7) / 100,
    renderSeconds: Math.round(Number(t2 - t1) / 1e7) / 100,
    peakMB: peakRssMB(),
    pdfMB: Math.round((pdf.length / 2 ** 20) * 10) / 10,
    photosMB: Math.round((photosBytes / 2 ** 20) * 10) / 10,
    note: `（照片合计 ${Math.round((photosBytes / 2 ** 20) * 10) / 10} MB；含读取两个中文字体文件，不含从云存储下载照片）`,
  };
  await rm(photoDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv.includes('--child')) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  child(Number(arg('photos') ?? PHOTOS_PER_CASE), Number(arg('cases') ?? CASES), !process.argv.includes('--photo-bytes')).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
