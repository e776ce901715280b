import { formatCst, stageOpen, type Stage } from '@contract/index';

/**
 * 评选卡片上的状态标签（通知页“正在进行的评选”）。纯函数：只看评选的阶段与传入的此刻，
 * 全部按时刻（毫秒数）比较，与手机所在时区无关；阶段起止是北京时间，起点含、终点含到 endsAt 这一秒（与云端 stageOpen 相同）。
 */
export type CampaignBadgeKind = 'upcoming' | 'open' | 'closing' | 'closed' | 'inProgress' | 'published';

export interface CampaignBadge {
  kind: CampaignBadgeKind;
  /** 标签文字：报名中、即将截止、已截止、未开始、实施中、结果已公布 */
  label: string;
  /** 标签旁的说明：截止或开始时刻（北京时间），或“还剩 2 天 5 小时” */
  detail: string;
}

export const CAMPAIGN_BADGE_LABELS: Record<CampaignBadgeKind, string> = {
  upcoming: '未开始',
  open: '报名中',
  closing: '即将截止',
  closed: '已截止',
  inProgress: '实施中',
  published: '结果已公布',
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 剩余不超过 3 天（含正好 3 天）即为“即将截止” */
export const CLOSING_SOON_MS = 3 * DAY;

/** 精确到秒：23:59:59.900 仍算 23:59:59（与 stageOpen 一致） */
const toSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

/**
 * 剩余时间的说法（向下取整，不夸大剩余）：还剩 2 天 5 小时 / 还剩 2 天 / 还剩 3 小时 / 还剩 25 分钟 / 还剩不到 1 分钟
 */
export function remainingText(ms: number): string {
  if (ms >= DAY) {
    const days = Math.floor(ms / DAY);
    const hours = Math.floor((ms % DAY) / HOUR);
    return hours ? `还剩 ${days} 天 ${hours} 小时` : `还剩 ${days} 天`;
  }
  if (ms >= HOUR) return `还剩 ${Math.floor(ms / HOUR)} 小时`;
  if (ms >= MINUTE) return `还剩 ${Math.floor(ms / MINUTE)} 分钟`;
  return '还剩不到 1 分钟';
}

/** 截止时刻 endsAt 这一秒之后的下一秒（此刻起即已截止） */
const closesAt = (s: Pick<Stage, 'endsAt'>) => Date.parse(s.endsAt) + SECOND;

/**
 * 由申报阶段算状态：
 * - 结果公布阶段已开始 → 结果已公布；
 * - 有申报阶段正在进行 → 取最近的截止（一次评选可有几类申报、截止不同，如 B3）：剩余多于 3 天为报名中，否则即将截止并给出剩余时间；
 * - 申报阶段都还没开始 → 未开始；
 * - 申报都已截止：实施阶段在进行 → 实施中，否则 → 已截止。
 * 没有申报阶段时返回 null（不显示标签）。
 */
export function campaignBadge(c: { stages: Pick<Stage, 'key' | 'startsAt' | 'endsAt'>[] }, now: Date): CampaignBadge | null {
  const t = toSecond(now.getTime());
  const badge = (kind: CampaignBadgeKind, detail: string): CampaignBadge => ({ kind, label: CAMPAIGN_BADGE_LABELS[kind], detail });

  const publication = c.stages.filter((s) => s.key === 'publication');
  if (publication.some((s) => t >= Date.parse(s.startsAt))) return badge('published', '');

  const submission = c.stages.filter((s) => s.key === 'submission');
  if (!submission.length) return null;

  const open = submission.filter((s) => stageOpen(s, now));
  if (open.length) {
    const next = open.reduce((a, b) => (closesAt(b) < closesAt(a) ? b : a));
    const left = closesAt(next) - t;
    const deadline = `${formatCst(next.endsAt)} 截止`;
    return left > CLOSING_SOON_MS ? badge('open', deadline) : badge('closing', remainingText(left));
  }

  const future = submission.filter((s) => t < Date.parse(s.startsAt));
  if (future.length) {
    const first = future.reduce((a, b) => (Date.parse(b.startsAt) < Date.parse(a.startsAt) ? b : a));
    return badge('upcoming', `${formatCst(first.startsAt)} 开始`);
  }

  if (c.stages.some((s) => s.key === 'execution' && stageOpen(s, now))) return badge('inProgress', '');
  const last = submission.reduce((a, b) => (closesAt(b) > closesAt(a) ? b : a));
  return badge('closed', `${formatCst(last.endsAt)} 截止`);
}
