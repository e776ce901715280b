/**
 * 测试用的最小 MP4：ftyp + moov（mvhd 时长，trak/tkhd 画面尺寸，hdlr 'vide'）+ 一小段 mdat。
 * 结构按 ISO/IEC 14496-12，足以让 cloudfunctions/_lib/mp4.ts 读出时长与宽高。
 */
export interface Mp4Spec {
  seconds: number;
  width: number;
  height: number;
  /** 竖拍：矩阵旋转 90°，存储的宽高为横向 */
  rotate90?: boolean;
  /** 索引放在文件末尾（很多手机录制如此） */
  moovAtEnd?: boolean;
  /** 文件类型，默认 isom；'qt  ' 为 QuickTime（.mov） */
  brand?: string;
  /** 媒体数据的字节数（模拟大文件里跳过的部分） */
  mdatBytes?: number;
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeInt32BE(v | 0, i * 4));
  return b;
}

const IDENTITY = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
const ROTATE_90 = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000];

export function buildMp4(spec: Mp4Spec): Buffer {
  const timescale = 1000;
  const duration = Math.round(spec.seconds * timescale);
  const ftyp = box('ftyp', Buffer.from((spec.brand ?? 'isom').padEnd(4).slice(0, 4), 'latin1'), u32(0x200), Buffer.from('isomiso2mp41', 'latin1'));
  const mvhd = box('mvhd', u32(0, 0, 0, timescale, duration, 0x10000), Buffer.from([1, 0]), Buffer.alloc(10), u32(...IDENTITY), Buffer.alloc(24), u32(2));
  const [w, h] = spec.rotate90 ? [spec.height, spec.width] : [spec.width, spec.height];
  const tkhd = box('tkhd', u32(3, 0, 0, 1, 0, duration), Buffer.alloc(8), Buffer.alloc(8), u32(...(spec.rotate90 ? ROTATE_90 : IDENTITY)), u32(w * 65536, h * 65536));
  const hdlr = box('hdlr', u32(0, 0), Buffer.from('vide', 'latin1'), Buffer.alloc(12), Buffer.from('VideoHandler\0', 'latin1'));
  const moov = box('moov', mvhd, box('trak', tkhd, box('mdia', hdlr)));
  const mdat = box('mdat', Buffer.alloc(spec.mdatBytes ?? 64, 7));
  return spec.moovAtEnd ? Buffer.concat([ftyp, mdat, moov]) : Buffer.concat([ftyp, moov, mdat]);
}
