import { formatCst } from '@contract/index';

/** 剩余不足这么久即标红 */
export const URGENT_MS = 24 * 3600_000;

export interface DeadlineInfo {
  /** 北京时间，如 2026-11-30 17:00 */
  at: string;
  /** 剩余时间的说法：剩 2 天 5 小时 / 剩 3 小时 20 分 / 剩 15 分钟 / 已逾期 */
  remaining: string;
  /** 不足 24 小时（含已逾期） */
  urgent: boolean;
  overdue: boolean;
}

/** 一个截止时刻相对“现在”的说法（纯函数，按北京时间显示，与本机时区无关） */
export function describeDeadline(deadline: string | Date, now: Date | number = Date.now()): DeadlineInfo {
  const left = new Date(deadline).getTime() - new Date(now).getTime();
  const at = formatCst(deadline);
  if (left <= 0) return { at, remaining: '已逾期', urgent: true, overdue: true };
  const minutes = Math.floor(left / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  let remaining: string;
  if (days > 0) remaining = hours ? `剩 ${days} 天 ${hours} 小时` : `剩 ${days} 天`;
  else if (hours > 0) remaining = mins ? `剩 ${hours} 小时 ${mins} 分` : `剩 ${hours} 小时`;
  else remaining = `剩 ${Math.max(mins, 1)} 分钟`;
  return { at, remaining, urgent: left < URGENT_MS, overdue: false };
}
