import { CAMPAIGN_KINDS, CAMPAIGN_KIND_LABELS, formatCst, type CampaignKind, type CaseSummary } from '@contract/index';

/** 案例列表的筛选：每项不选即“全部” */
export interface CaseFilters {
  year?: number;
  kind?: CampaignKind;
  unitId?: string;
  levelKey?: string;
  /** 某一次评选 */
  campaignId?: string;
}

export function hasFilters(f: CaseFilters): boolean {
  return f.year !== undefined || f.kind !== undefined || f.unitId !== undefined || f.levelKey !== undefined || f.campaignId !== undefined;
}

/** 筛选项：value 为 undefined 的一项是“全部” */
export interface FilterOption<V> {
  value: V | undefined;
  label: string;
}

/** 往回可选的年数（含今年） */
const YEARS_BACK = 12;

/** 年份：北京时间的今年往前 12 年，加上已见过的更早年份；新的在前 */
export function yearOptions(now: Date, seen: Iterable<number>): FilterOption<number>[] {
  const thisYear = Number(formatCst(now, 'YYYY'));
  const years = new Set<number>();
  for (let y = thisYear; y > thisYear - YEARS_BACK; y--) years.add(y);
  for (const y of seen) years.add(y);
  return [{ value: undefined, label: '全部年份' }, ...[...years].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` }))];
}

export function kindOptions(): FilterOption<CampaignKind>[] {
  return [{ value: undefined, label: '全部类型' }, ...CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }))];
}

/**
 * 等级的名称由各次评选自己定义（同一个键在不同类型里叫法可能不同，如 A 的“基层党建工作创新奖”与 E 的“…创新项目奖”），
 * 没有单独的等级目录：从读到过的案例里记下（键 → 类型 → 名称），筛选项随浏览逐步补全。
 */
export type LevelBook = Record<string, Partial<Record<CampaignKind, string>>>;

export function noteLevels(book: LevelBook, items: Pick<CaseSummary, 'levelKey' | 'levelLabel' | 'kind'>[]): LevelBook {
  let next = book;
  for (const c of items) {
    if (next[c.levelKey]?.[c.kind] === c.levelLabel) continue;
    if (next === book) next = { ...book };
    next[c.levelKey] = { ...next[c.levelKey], [c.kind]: c.levelLabel };
  }
  return next;
}

/** 等级筛选项：选了类型时只列该类型的等级与名称；否则每个键列一次，名称不同的并列 */
export function levelOptions(book: LevelBook, kind: CampaignKind | undefined): FilterOption<string>[] {
  const options: FilterOption<string>[] = [];
  for (const [key, labels] of Object.entries(book)) {
    if (kind) {
      const label = labels[kind];
      if (label) options.push({ value: key, label });
    } else {
      options.push({ value: key, label: [...new Set(Object.values(labels))].join(' / ') });
    }
  }
  return [{ value: undefined, label: '全部等级' }, ...options.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))];
}

/** 储备库里有案例的一次评选（cases.campaigns） */
export interface CaseCampaign {
  _id: string;
  title: string;
  year: number;
  kind: CampaignKind;
}

/** 评选筛选项：选了年份、类型时只列相符的评选（新的在前，顺序由服务端给出） */
export function campaignOptions(campaigns: CaseCampaign[], year: number | undefined, kind: CampaignKind | undefined): FilterOption<string>[] {
  const fit = campaigns.filter((c) => (year === undefined || c.year === year) && (kind === undefined || c.kind === kind));
  return [{ value: undefined, label: '全部评选' }, ...fit.map((c) => ({ value: c._id, label: c.title }))];
}
