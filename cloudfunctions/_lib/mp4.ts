/**
 * 从 MP4 文件里读出时长与画面尺寸（C1：不超过 8 分钟，分辨率不小于 1024×768），核对客户端报告的数字。
 * 只按需读盒子（box）：逐个读顶层盒子的 8/16 字节头、跳过媒体数据 mdat，只把 moov 读进内存，
 * 所以 200 MB 的视频也只读几十 KB。不是合法的 MP4 时抛 Mp4Error。
 */
export class Mp4Error extends Error {}

export interface Mp4Info {
  /** 文件类型（ftyp 的 major brand），如 isom、mp42 */
  brand: string;
  seconds: number;
  /** 视频轨道的显示尺寸（tkhd，已计入旋转：竖拍视频给出竖的宽高） */
  width: number;
  height: number;
}

export type RangeReader = (start: number, length: number) => Promise<Buffer>;

const MAX_MOOV_BYTES = 32 * 1024 * 1024;
const MAX_TOP_BOXES = 1000;

interface BoxHeader {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

function parseHeader(buf: Buffer, at: number, absStart: number, limit: number): BoxHeader | null {
  if (at + 8 > buf.length) return null;
  let size = buf.readUInt32BE(at);
  const type = buf.toString('latin1', at + 4, at + 8);
  let headerSize = 8;
  if (size === 1) {
    if (at + 16 > buf.length) return null;
    size = Number(buf.readBigUInt64BE(at + 8));
    headerSize = 16;
  } else if (size === 0) {
    size = limit - absStart; // 延伸到文件（或父盒子）末尾
  }
  if (size < headerSize) throw new Mp4Error(`盒子 ${type} 的长度不合法`);
  return { type, start: absStart, headerSize, size };
}

/** 在一段已读入的内存里列出子盒子 */
function children(buf: Buffer, from: number, to: number): { type: string; body: Buffer }[] {
  const out: { type: string; body: Buffer }[] = [];
  let at = from;
  while (at + 8 <= to) {
    const h = parseHeader(buf, at, at, to);
    if (!h) break;
    if (at + h.size > to) throw new Mp4Error(`盒子 ${h.type} 超出范围`);
    out.push({ type: h.type, body: buf.subarray(at + h.headerSize, at + h.size) });
    at += h.size;
  }
  return out;
}

export async function probeMp4(read: RangeReader, fileSize = Number.MAX_SAFE_INTEGER): Promise<Mp4Info> {
  let at = 0;
  let brand = '';
  let moov: Buffer | null = null;
  for (let i = 0; i < MAX_TOP_BOXES && at < fileSize; i++) {
    const head = await read(at, 16);
    if (head.length < 8) break;
    const h = parseHeader(head, 0, at, fileSize);
    if (!h) break;
    if (i === 0 && h.type !== 'ftyp') throw new Mp4Error('不是 MP4 文件（缺少 ftyp）');
    if (h.type === 'ftyp') brand = head.toString('latin1', 8, 12);
    if (h.type === 'moov') {
      if (h.size > MAX_MOOV_BYTES) throw new Mp4Error('MP4 索引过大');
      moov = await read(at + h.headerSize, h.size - h.headerSize);
      if (moov.length < h.size - h.headerSize) throw new Mp4Error('MP4 文件不完整');
      break;
    }
    at += h.size;
  }
  if (!brand) throw new Mp4Error('不是 MP4 文件（缺少 ftyp）');
  if (!moov) throw new Mp4Error('MP4 文件缺少索引（moov），可能未录制完整');

  const boxes = children(moov, 0, moov.length);
  const mvhd = boxes.find((b) => b.type === 'mvhd')?.body;
  if (!mvhd) throw new Mp4Error('MP4 缺少时长信息（mvhd）');
  const v1 = mvhd[0] === 1;
  const timescale = v1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
  const duration = v1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
  if (!timescale) throw new Mp4Error('MP4 时长信息无效');

  let width = 0;
  let height = 0;
  for (const trak of boxes.filter((b) => b.type === 'trak')) {
    const parts = children(trak.body, 0, trak.body.length);
    const tkhd = parts.find((b) => b.type === 'tkhd')?.body;
    const mdia = parts.find((b) => b.type === 'mdia')?.body;
    const hdlr = mdia ? children(mdia, 0, mdia.length).find((b) => b.type === 'hdlr')?.body : undefined;
    const handler = hdlr ? hdlr.toString('latin1', 8, 12) : '';
    if (!tkhd || (handler && handler !== 'vide')) continue;
    const base = tkhd[0] === 1 ? 4 + 8 + 8 + 4 + 4 + 8 : 4 + 4 + 4 + 4 + 4 + 4;
    // base 之后：reserved(8) layer(2) alt(2) volume(2) reserved(2) matrix(36) width(4) height(4)，宽高为 16.16 定点数
    const m = base + 8 + 8;
    const w = tkhd.readUInt32BE(m + 36) / 65536;
    const hgt = tkhd.readUInt32BE(m + 40) / 65536;
    if (w > 0 && hgt > 0) {
      // 旋转 90°/270°（矩阵 a=0）时交换宽高
      const a = tkhd.readInt32BE(m);
      const rotated = a === 0;
      width = Math.round(rotated ? hgt : w);
      height = Math.round(rotated ? w : hgt);
      break;
    }
  }
  if (!width || !height) throw new Mp4Error('MP4 里没有视频画面');
  return { brand, seconds: duration / timescale, width, height };
}
