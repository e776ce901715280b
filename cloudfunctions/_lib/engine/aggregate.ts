/**
 * 评审分数的汇总与排名（纯函数；函评 C1.5、答辩 E3 共用）。
 *
 * - mean：每份材料的各评委总分取平均；
 * - trimmed：评分人数不少于 5 时去掉一个最高分、一个最低分再平均，少于 5 时同 mean（并注明未去分）；
 * - zscore：先按评委各自的均值与标准差把分数标准化（消除“手松”“手紧”的差别），
 *   每份材料取标准化分的平均，再按全体原始分的均值与标准差映射回原分制（限定在 0 到满分之间）。
 *   只评了 1 份或给分全相同的评委，其标准化分记 0（等于该评委的平均水平）。
 * 排名：分数（保留两位小数）相同者并列同一名次，下一名次顺延（1、2、2、4），并写明与谁并列；
 * 系统不替评委会打破并列，由组织部在评定时决定。
 */
export type AggregateMethod = 'mean' | 'trimmed' | 'zscore';

export interface ReviewScore {
  entryId: string;
  reviewerId: string;
  /** 该评委给这份材料的总分（各评分项之和） */
  total: number;
}

export interface RankedEntry {
  entryId: string;
  /** 汇总分，保留两位小数 */
  value: number;
  count: number;
  /** 去掉了最高最低分（trimmed 且人数 ≥ 5） */
  trimmed: boolean;
  rank: number;
  /** 与之并列的材料 */
  tiedWith: string[];
  /** 中文说明，如“5 位评委，去掉最高 95、最低 70 后平均 84.33” */
  note: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};

export const TRIM_MIN_SCORES = 5;

function byEntry(scores: ReviewScore[]): Map<string, ReviewScore[]> {
  const m = new Map<string, ReviewScore[]>();
  for (const s of scores) {
    if (!m.has(s.entryId)) m.set(s.entryId, []);
    m.get(s.entryId)!.push(s);
  }
  return m;
}

export function aggregateScores(scores: ReviewScore[], method: AggregateMethod, scaleMax: number): RankedEntry[] {
  const groups = byEntry(scores);
  let values: { entryId: string; value: number; count: number; trimmed: boolean; note: string }[];

  if (method === 'zscore') {
    const byReviewer = new Map<string, number[]>();
    for (const s of scores) byReviewer.set(s.reviewerId, [...(byReviewer.get(s.reviewerId) ?? []), s.total]);
    const stats = new Map([...byReviewer].map(([r, xs]) => [r, { m: mean(xs), s: sd(xs) }]));
    const all = scores.map((s) => s.total);
    const gm = all.length ? mean(all) : 0;
    const gs = sd(all);
    values = [...groups].map(([entryId, list]) => {
      const z = mean(list.map((s) => {
        const st = stats.get(s.reviewerId)!;
        return st.s > 0 ? (s.total - st.m) / st.s : 0;
      }));
      const value = Math.min(scaleMax, Math.max(0, gm + z * gs));
      return { entryId, value: round2(value), count: list.length, trimmed: false, note: `${list.length} 位评委，按评委标准化后的平均 ${z >= 0 ? '+' : ''}${z.toFixed(2)} 个标准差，折合 ${round2(value)} 分` };
    });
  } else {
    values = [...groups].map(([entryId, list]) => {
      const totals = list.map((s) => s.total).sort((a, b) => a - b);
      const trim = method === 'trimmed' && totals.length >= TRIM_MIN_SCORES;
      const used = trim ? totals.slice(1, -1) : totals;
      const value = round2(mean(used));
      const note = trim
        ? `${totals.length} 位评委，去掉最高 ${totals[totals.length - 1]}、最低 ${totals[0]} 后平均 ${value}`
        : `${totals.length} 位评委平均 ${value}${method === 'trimmed' ? `（不足 ${TRIM_MIN_SCORES} 位，未去分）` : ''}`;
      return { entryId, value, count: totals.length, trimmed: trim, note };
    });
  }

  values.sort((a, b) => b.value - a.value || a.entryId.localeCompare(b.entryId));
  const ranked: RankedEntry[] = [];
  values.forEach((v, i) => {
    const rank = i > 0 && values[i - 1].value === v.value ? ranked[i - 1].rank : i + 1;
    ranked.push({ ...v, rank, tiedWith: [] });
  });
  // 按名次分组找并列（逐个比全部是 n²，一个类别几千份材料时要几秒）
  const byRank = new Map<number, RankedEntry[]>();
  for (const r of ranked) byRank.set(r.rank, [...(byRank.get(r.rank) ?? []), r]);
  for (const r of ranked) {
    r.tiedWith = byRank.get(r.rank)!.filter((o) => o !== r).map((o) => o.entryId);
    if (r.tiedWith.length) r.note += `；与 ${r.tiedWith.length} 份材料并列第 ${r.rank} 名`;
  }
  return ranked;
}
