import { RegexValue } from './ejson';

/**
 * 值的比较与相等，按 MongoDB（云数据库底层）的 BSON 规则：
 * 不同类型之间有固定先后（null/缺失 < 数字 < 字符串 < 对象 < 数组 < 布尔 < 日期 < 正则），
 * 同类型内按值比较；字符串按 Unicode 码点（等同 UTF-8 字节序，不做本地化排序）。
 */

export type Doc = Record<string, unknown>;

/** 排序时空数组的键：比 null 还小（与 MongoDB 一致） */
export const MIN_KEY = Symbol('MinKey');

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function typeOrder(v: unknown): number {
  if (v === MIN_KEY) return 1;
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 8;
  }
  if (v instanceof Date) return 9;
  if (Array.isArray(v)) return 6;
  if (v instanceof RegexValue) return 11;
  return 5;
}

export function typeName(v: unknown): string {
  return ['', 'minKey', 'null', 'number', 'string', 'object', 'array', '', 'bool', 'date', '', 'regex'][typeOrder(v)] || 'unknown';
}

export function compareValues(a: unknown, b: unknown): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case 3:
      return compareNumbers(a as number, b as number);
    case 4:
      return compareStrings(a as string, b as string);
    case 8:
      return Number(a) - Number(b);
    case 9:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    case 5: {
      // 与 BSON 一样按字段顺序逐个比较：先字段名再值，所以 {a,b} 与 {b,a} 不相等
      const x = Object.entries(a as object);
      const y = Object.entries(b as object);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareStrings(x[i][0], y[i][0]) || compareValues(x[i][1], y[i][1]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    case 11: {
      const x = a as RegexValue;
      const y = b as RegexValue;
      return compareStrings(x.pattern, y.pattern) || compareStrings(x.options, y.options);
    }
    default:
      return 0; // null 与缺失彼此相等
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}

function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1; // MongoDB：NaN 小于一切数字
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** UTF-16 代码单元序 → 码点序：把代理项挪到 U+E000..U+FFFF 之后 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return fixup(ca) < fixup(cb) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepClone(x);
    return out as T;
  }
  return v;
}

/** 唯一索引的键：相等的值（按上面的规则）得到相同的字符串；1 与 1.0 相同，null 与缺失相同 */
export function canonicalKey(v: unknown): string {
  if (v === undefined || v === null) return 'n';
  switch (typeof v) {
    case 'number':
      return `d${Object.is(v, -0) ? 0 : v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'boolean':
      return `b${v}`;
  }
  if (v instanceof Date) return `t${v.getTime()}`;
  if (Array.isArray(v)) return `a[${v.map(canonicalKey).join(',')}]`;
  if (v instanceof RegexValue) return `r${JSON.stringify([v.pattern, v.options])}`;
  return `o{${Object.entries(v as object)
    .map(([k, x]) => `${JSON.stringify(k)}:${canonicalKey(x)}`)
    .join(',')}}`;
}

/** _id 作为 Map 的键：数字 1 与字符串 '1' 是不同的记录 */
export function idKey(id: unknown): string {
  return typeof id === 'number' ? `n${id}` : `s${String(id)}`;
}
