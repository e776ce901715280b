// 生成“案例”标签栏图标：client/src/assets/tabbar/cases.png 与 cases-active.png。
// 与现有图标同规格：81×81 RGBA PNG，线条约 7 像素，灰色 #8a8a8a / 选中红色 #c8161d，透明底。
// 只用 node:zlib 编码 PNG（不依赖图像库）；图形是一只奖杯（成果储备库里都是获奖案例）。
// 用法：node client/tools/tabbar-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const STROKE = 6.5;
const SUPERSAMPLE = 4;

/** 点到线段的距离 */
function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** 圆弧折线：圆心 (cx, cy)、半径 r，角度（度，0 为右、顺时针为正，屏幕坐标）从 a0 到 a1 */
function arc(cx, cy, rx, ry, a0, a1, steps = 24) {
  const pts = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((a0 + ((a1 - a0) * i) / steps) * Math.PI) / 180;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return pts;
}

// 奖杯：杯口、杯身（U 形）、两侧把手、杯柄、底座
const C = 40.5;
const strokes = [
  // 杯身：杯口两端向下，底部是半个椭圆
  [[27, 13], [54, 13]],
  [[27, 13], [27, 27], ...arc(C, 27, 13.5, 17, 180, 0).slice(1, -1), [54, 27], [54, 13]],
  // 把手：从杯口两侧向外，弯下来回到杯身
  [[27, 18], [15, 18], [15, 23], ...arc(25, 23, 10, 10, 180, 90).slice(1)],
  [[54, 18], [66, 18], [66, 23], ...arc(56, 23, 10, 10, 0, 90).slice(1)],
  // 杯柄与底座
  [[C, 44], [C, 62]],
  [[28, 66], [53, 66]],
];
const filled = []; // 预留：实心部分（目前没有）

function coverage(px, py) {
  let d = Infinity;
  for (const line of strokes) {
    for (let i = 0; i + 1 < line.length; i++) d = Math.min(d, segmentDistance(px, py, line[i], line[i + 1]));
  }
  return d <= STROKE / 2 || filled.some((f) => f(px, py)) ? 1 : 0;
}

function render([r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // 每行前一个字节是过滤类型 0
    for (let x = 0; x < SIZE; x++) {
      let hit = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          hit += coverage(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE);
        }
      }
      const a = Math.round((255 * hit) / (SUPERSAMPLE * SUPERSAMPLE));
      row.set(a ? [r, g, b, a] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  return png(SIZE, SIZE, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 位、RGBA、标准压缩、标准过滤、不隔行
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar');
writeFileSync(path.join(out, 'cases.png'), render([0x8a, 0x8a, 0x8a]));
writeFileSync(path.join(out, 'cases-active.png'), render([0xc8, 0x16, 0x1d]));
console.log(`已生成 ${path.join(out, 'cases.png')} 与 cases-active.png`);
