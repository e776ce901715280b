/**
 * 一条记录一行的 JSON（JSON Lines），与云开发控制台“导出/导入 JSON”相同的形状：
 * 日期写成 {"$date": "<ISO>"}，读回时还原为 Date。其余值原样。
 */

function encode(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, encode(x)]));
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$date') {
      const d = o.$date;
      if (typeof d === 'string' || typeof d === 'number') return new Date(d);
      if (d && typeof d === 'object' && typeof (d as { $numberLong?: unknown }).$numberLong === 'string') return new Date(Number((d as { $numberLong: string }).$numberLong));
    }
    return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
  }
  return v;
}

export function toJsonLine(doc: unknown): string {
  return JSON.stringify(encode(doc));
}

export function fromJsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      try {
        return decode(JSON.parse(l)) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`第 ${i + 1} 行不是合法 JSON：${(err as Error).message}`);
      }
    });
}
