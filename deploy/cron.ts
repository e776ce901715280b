/**
 * 微信云函数定时触发器的 cron：七个字段“秒 分 时 日 月 星期 年”，以空格分隔；
 * 支持 , - * / 与月份、星期的英文缩写（星期 0 = 周日）。平台按北京时间（UTC+8）解释，
 * 所以这里也按北京时间的墙上时间计算下几次触发时刻，部署计划里照此打印，便于核对。
 */

export interface Cron {
  source: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: number[];
  months: number[];
  weekdays: number[];
  years: number[];
  dayIsWildcard: boolean;
  weekdayIsWildcard: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { label: '秒', min: 0, max: 59 },
  { label: '分', min: 0, max: 59 },
  { label: '时', min: 0, max: 23 },
  { label: '日', min: 1, max: 31 },
  { label: '月', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: '星期', min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { label: '年', min: 1970, max: 2099 },
];

function parseValue(token: string, spec: FieldSpec): number {
  const upper = token.toUpperCase();
  if (spec.names) {
    const i = spec.names.indexOf(upper);
    if (i >= 0) return i + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(token)) throw new Error(`${spec.label}字段的“${token}”不是数字`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) throw new Error(`${spec.label}字段的 ${n} 超出 ${spec.min}–${spec.max}`);
  return n;
}

function parseField(text: string, spec: FieldSpec): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (!part) throw new Error(`${spec.label}字段有空项`);
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`${spec.label}字段的步长“${stepText}”无效`);
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, spec);
      hi = parseValue(b, spec);
      if (lo > hi) throw new Error(`${spec.label}字段的范围 ${range} 起点大于终点`);
    } else {
      lo = parseValue(range, spec);
      // “1/10”：从 1 起每隔 10
      hi = stepText === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`须为 7 个字段（秒 分 时 日 月 星期 年），实际 ${parts.length} 个`);
  const [seconds, minutes, hours, days, months, weekdays, years] = parts.map((p, i) => parseField(p, FIELDS[i]));
  return { source, seconds, minutes, hours, days, months, weekdays, years, dayIsWildcard: parts[3] === '*', weekdayIsWildcard: parts[5] === '*' };
}

const CST_OFFSET_MS = 8 * 3600_000;

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.days.includes(d.getUTCDate());
  const dow = c.weekdays.includes(d.getUTCDay());
  // 日与星期都给了具体值时二者为“或”（与常见 cron 一致）；有一个是 * 时只看另一个
  if (c.dayIsWildcard && c.weekdayIsWildcard) return true;
  if (c.dayIsWildcard) return dow;
  if (c.weekdayIsWildcard) return dom;
  return dom || dow;
}

/** 从 after 起的下 count 次触发时刻（UTC 的 Date；按北京时间墙上时间匹配），最多向后找 2 年 */
export function nextFires(c: Cron, after: Date, count: number): Date[] {
  const out: Date[] = [];
  // 在“北京时间墙上时间”的坐标里逐分钟前进（用 UTC 方法读写，不受进程时区影响）
  const wall = new Date(Math.floor((after.getTime() + CST_OFFSET_MS) / 60_000) * 60_000);
  const limit = wall.getTime() + 2 * 366 * 86400_000;
  while (out.length < count && wall.getTime() < limit) {
    if (!c.years.includes(wall.getUTCFullYear()) || !c.months.includes(wall.getUTCMonth() + 1) || !dayMatches(c, wall)) {
      wall.setUTCHours(0, 0, 0, 0);
      wall.setUTCDate(wall.getUTCDate() + 1);
      continue;
    }
    if (!c.hours.includes(wall.getUTCHours())) {
      wall.setUTCMinutes(0, 0, 0);
      wall.setUTCHours(wall.getUTCHours() + 1);
      continue;
    }
    if (c.minutes.includes(wall.getUTCMinutes())) {
      for (const s of c.seconds) {
        const t = wall.getTime() + s * 1000 - CST_OFFSET_MS;
        if (t > after.getTime() && out.length < count) out.push(new Date(t));
      }
    }
    wall.setUTCMinutes(wall.getUTCMinutes() + 1);
  }
  return out;
}

/** 北京时间的“YYYY-MM-DD HH:mm:ss” */
export function formatCst(d: Date): string {
  return new Date(d.getTime() + CST_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** 一句话说明（常见形状）；其余情况给出原式 */
export function describeCron(c: Cron): string {
  const all = (xs: number[], spec: FieldSpec) => xs.length === spec.max - spec.min + 1;
  const everyDay = all(c.days, FIELDS[3]) && all(c.months, FIELDS[4]) && all(c.weekdays, FIELDS[5]) && all(c.years, FIELDS[6]);
  if (everyDay && c.seconds.length === 1 && c.minutes.length === 1) {
    if (all(c.hours, FIELDS[2])) return `北京时间每小时第 ${c.minutes[0]} 分`;
    if (c.hours.length === 1) return `北京时间每天 ${String(c.hours[0]).padStart(2, '0')}:${String(c.minutes[0]).padStart(2, '0')}`;
    const hm = (h: number) => `${String(h).padStart(2, '0')}:${String(c.minutes[0]).padStart(2, '0')}`;
    const contiguous = c.hours.every((h, i) => i === 0 || h === c.hours[i - 1] + 1);
    if (contiguous && c.hours.length > 3) return `北京时间每天 ${hm(c.hours[0])} 至 ${hm(c.hours[c.hours.length - 1])} 每小时一次`;
    return `北京时间每天 ${c.hours.map(hm).join('、')}`;
  }
  return `北京时间 cron ${c.source}`;
}
