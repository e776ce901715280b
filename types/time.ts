import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(utc);
dayjs.extend(customParseFormat);

/**
 * 所有截止时间都是北京时间（Asia/Shanghai）。中国自 1991 年起不实行夏令时，
 * 因此固定 UTC+8 与 IANA 时区完全一致；用固定偏移而不用 Intl 时区，
 * 是因为小程序的 JS 引擎不保证带完整 ICU，而固定偏移在任何机器、任何 TZ 下结果相同。
 */
export const CST_OFFSET_MINUTES = 480;

const CST_OFFSET_MS = CST_OFFSET_MINUTES * 60_000;

/**
 * 某一时刻的北京时间“墙上时间”：以 UTC 模式的 dayjs 表示（数值 = 时刻 + 8 小时）。
 * 在它上面加减年、月、日、设时分秒都按北京时间的日历进行，且 UTC 模式没有夏令时——
 * 不用 dayjs 的 utcOffset(480)：它借本机时区做中间计算，本机在夏令时切换附近时会差一小时。
 * 取回时刻用 fromCstWall。
 */
export function cstWall(instant: Date | string | number): dayjs.Dayjs {
  return dayjs.utc(instant).add(CST_OFFSET_MS, 'millisecond');
}

/** 北京时间墙上时间（cstWall 的结果）→ 时刻 */
export function fromCstWall(wall: dayjs.Dayjs): Date {
  return new Date(wall.valueOf() - CST_OFFSET_MS);
}

/** 时刻 → 带 +08:00 偏移的 ISO 字符串，如 2021-11-30T17:00:00+08:00 */
export function toCstIso(instant: Date | string | number): string {
  return `${cstWall(instant).format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/** 北京时间的墙上时间（'YYYY-MM-DD HH:mm[:ss]' 或 'YYYY-MM-DD'）→ 时刻，与本机时区无关 */
export function parseCst(wallTime: string): Date {
  const formats = ['YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD'];
  for (const f of formats) {
    const d = dayjs.utc(wallTime, f, true);
    if (d.isValid()) return d.subtract(CST_OFFSET_MINUTES, 'minute').toDate();
  }
  throw new Error(`无法识别的北京时间：${wallTime}`);
}

/** 以北京时间显示，如 2021-11-30 17:00 */
export function formatCst(instant: Date | string | number, format = 'YYYY-MM-DD HH:mm'): string {
  return cstWall(instant).format(format);
}
