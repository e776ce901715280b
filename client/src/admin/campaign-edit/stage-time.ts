import { formatCst, parseCst, toCstIso } from '@contract/index';

/**
 * 阶段起止时刻的编辑：界面上按北京时间的日期与时刻显示、输入，存为带 +08:00 的 ISO 时刻。
 * 一律经 parseCst / formatCst 换算，与手机所在时区无关（在国外出差的管理员看到、填写的也是北京时间）。
 */

/** ISO 时刻 → 北京时间的日期 'YYYY-MM-DD'、时刻 'HH:mm' 与秒 */
export function cstParts(iso: string): { date: string; time: string; seconds: string } {
  return { date: formatCst(iso, 'YYYY-MM-DD'), time: formatCst(iso, 'HH:mm'), seconds: formatCst(iso, 'ss') };
}

/** 北京时间的日期与时刻（'HH:mm' 或 'HH:mm:ss'）→ ISO 时刻，如 2027-11-30 23:59 → 2027-11-30T23:59:00+08:00 */
export function cstInstant(date: string, time: string): string {
  return toCstIso(parseCst(`${date} ${time}`));
}

/** 只改日期：保留原来的时刻（含秒，如模板里的 23:59:59） */
export function withCstDate(iso: string, date: string): string {
  const p = cstParts(iso);
  return cstInstant(date, `${p.time}:${p.seconds}`);
}

/** 只改时刻（选择器给到分钟）：秒归零 */
export function withCstTime(iso: string, time: string): string {
  return cstInstant(cstParts(iso).date, time.slice(0, 5));
}

/** 显示用：秒不为零时带上秒（23:59:59），否则到分钟 */
export function displayTime(iso: string): string {
  const p = cstParts(iso);
  return p.seconds === '00' ? p.time : `${p.time}:${p.seconds}`;
}
