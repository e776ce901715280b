/** 分数显示：整数不带小数，半分带一位（8、8.5、16.7） */
export function fmtScore(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
}

/** 按 0.5 分一档取整并限定在 0 到满分（SCORE_STEP） */
export function clampScore(v: number, max: number, step: number): number {
  return Math.min(max, Math.max(0, Math.round(v / step) * step));
}
