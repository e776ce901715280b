import {
  availableTransitions,
  cstWall,
  ENTRY_STATUSES,
  findStage,
  formatCst,
  parseCst,
  stageOpen,
  toCstIso,
  transitionsFor,
  type CampaignBody,
  type EntryStatus,
  type QuotaStatus,
  type StageKey,
  type Track,
  type TransitionAction,
  type TransitionActor,
} from '@contract/index';

/**
 * 工作台的纯函数：分党委在某状态下能做什么、名额与比例怎么说、补正期限怎么算。
 * 只决定“显示什么”，能不能做仍由云函数在事务里核对（阶段、名额、比例）。
 */

/** 分党委在工作台上对一份材料的操作：状态转换 + 实施中的督促检查（B8） */
export type UnitAction = TransitionAction | 'inspect';

/** 本页直接处理的分党委操作（其余在材料详情里） */
const UNIT_ACTIONS: readonly TransitionAction[] = ['recommend', 'unrecommend', 'returnEntry', 'grade', 'accept', 'returnClosing'];

export function unitActionsFor(track: Pick<Track, 'pipeline'>, status: EntryStatus): UnitAction[] {
  const out: UnitAction[] = availableTransitions(track.pipeline, status, 'unit')
    .map((d) => d.action)
    .filter((a) => UNIT_ACTIONS.includes(a));
  if (status === 'inProgress' && track.pipeline.execution?.inspections.some((i) => i.by === 'unit')) out.push('inspect');
  return out;
}

/**
 * 某类别在工作台上可筛选的状态（按生命周期顺序，草稿除外）：给出执行者时只列该执行者经手的状态
 * （分党委：待推荐、已推荐、已退回…），不给时列流程里出现过的全部
 */
export function statusesOf(track: Pick<Track, 'pipeline'>, actor?: TransitionActor): EntryStatus[] {
  const seen = new Set<EntryStatus>();
  for (const d of transitionsFor(track.pipeline)) {
    if (actor && !d.by.includes(actor)) continue;
    d.from.forEach((s) => seen.add(s));
    seen.add(d.to);
  }
  return ENTRY_STATUSES.filter((s) => seen.has(s) && s !== 'draft');
}

/** 阶段此刻的说法：“进行中，至 11-30 23:59”/“未开始，12-01 起”/“已截止” */
export function stageState(campaign: Pick<CampaignBody, 'stages'>, key: StageKey, trackKey: string, now: Date): { open: boolean; text: string } | null {
  const s = findStage(campaign, key, trackKey);
  if (!s) return null;
  if (stageOpen(s, now)) return { open: true, text: `${s.label}进行中，至 ${formatCst(s.endsAt, 'MM-DD HH:mm')}（北京时间）` };
  if (now.getTime() < Date.parse(s.startsAt)) return { open: false, text: `${s.label}未开始，${formatCst(s.startsAt, 'MM-DD HH:mm')} 起` };
  return { open: false, text: `${s.label}已于 ${formatCst(s.endsAt, 'MM-DD HH:mm')} 截止` };
}

/** 分党委此刻所处的阶段（审核推荐/定级、实施、结项验收）：取第一个进行中的，都不在进行时说审核阶段的情况 */
export function unitStageState(campaign: Pick<CampaignBody, 'stages'>, track: Pick<Track, 'key' | 'pipeline'>, now: Date): { open: boolean; text: string } | null {
  const keys: StageKey[] = track.pipeline.unitStep === 'none' ? ['submission'] : ['unitReview', ...(track.pipeline.execution ? (['execution'] as StageKey[]) : []), ...(track.pipeline.closing ? (['closing'] as StageKey[]) : [])];
  const states = keys.map((k) => stageState(campaign, k, track.key, now)).filter((x): x is { open: boolean; text: string } => !!x);
  return states.find((x) => x.open) ?? states[0] ?? null;
}

/** 名额一行：“已推荐 1/1 项（A3）” */
export function quotaLine(q: Pick<QuotaStatus, 'used' | 'max' | 'min'>, rule: string): string {
  const cite = rule ? `（${rule}）` : '';
  if (q.max === null) return `已推荐 ${q.used} 项${q.min ? `，至少 ${q.min} 项` : ''}${cite}`;
  return `已推荐 ${q.used}/${q.max} 项${cite}`;
}

/** 名额的提醒：满了、还差最少数（E3） */
export function quotaWarning(q: Pick<QuotaStatus, 'used' | 'max' | 'min'>, rule: string): { tone: 'full' | 'short' | 'ok'; text: string } {
  const cite = rule ? `（${rule}）` : '';
  if (q.used < q.min) return { tone: 'short', text: `至少推荐 ${q.min} 项${cite}，还差 ${q.min - q.used} 项` };
  if (q.max !== null && q.used >= q.max) return { tone: 'full', text: `名额已满${cite}：再推荐须先取消一项` };
  return { tone: 'ok', text: q.max !== null ? `还可推荐 ${q.max - q.used} 项` : '名额不限' };
}

/** D5 按规模分档：“支部 ≥ 10 个：2 项；其余：1 项” */
export function sizeTiersText(track: Pick<Track, 'quota'>): string | null {
  const tiers = track.quota.maxBySize;
  if (!tiers?.length) return null;
  const sorted = [...tiers].sort((a, b) => b.minBranches - a.minBranches);
  return sorted.map((t) => (t.minBranches > 0 ? `支部 ≥ ${t.minBranches} 个：${t.max} 项` : `其余：${t.max} 项`)).join('；');
}

/** 等级比例一行（B5）：“最佳 2/3（约30%，B5）”；无上限的不显示分母 */
export function capLine(cap: { label: string; used: number; cap: number | null }, capPercent: number | null): string {
  if (cap.cap === null || capPercent === null) return `${cap.label} ${cap.used}`;
  return `${cap.label} ${cap.used}/${cap.cap}（约${capPercent}%，B5）`;
}

/** 补正期限的默认日期：北京时间今天 + correctionDays（A8），截止到当天 23:59:59 */
export function defaultCorrectionDate(now: Date, days: number): string {
  return cstWall(now).add(days, 'day').format('YYYY-MM-DD');
}

/** 北京时间日期 → 当天 23:59:59 的时刻 */
export function endOfCstDay(date: string): string {
  return toCstIso(parseCst(`${date} 23:59:59`));
}

/** 距北京时间某日还有几天（按日历日） */
export function daysUntil(date: string, now: Date): number {
  const today = cstWall(now).format('YYYY-MM-DD');
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000);
}

/**
 * 组织部评定时某等级的比例（如 B5“约 30%”、奖项比例）：按本类别参加排名的材料数计，四舍五入、至少 1 个——
 * 与分党委定级的算法（gradeCap）一致；只作提示，评定本身由云端核对。
 */
export function decideCapLine(level: { label: string; capPercent: number | null }, used: number, total: number): string {
  if (level.capPercent === null) return level.label;
  const cap = Math.max(1, Math.round((total * level.capPercent) / 100));
  return `${level.label} ${used}/${cap}（约${level.capPercent}%）`;
}
