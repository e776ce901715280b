import {
  findStage,
  formatCst,
  ENTRY_STATUS_LABELS,
  TRANSITION_LABELS,
  type CampaignBody,
  type EntryStatus,
  type HistoryItem,
} from '@contract/index';

/** 标签颜色（admin.scss 的 adm-tag--*） */
export type Tone = 'red' | 'gold' | 'green' | 'blue' | 'grey';

export const CAMPAIGN_STATUS_TONES: Record<'draft' | 'open' | 'closed', Tone> = { draft: 'gold', open: 'green', closed: 'grey' };

/** 申报状态的颜色：待申报方处理的（退回、待补正）为金色，已出局的为灰色，推进中的为蓝色，有结果的为绿色 */
export function entryStatusTone(status: EntryStatus): Tone {
  switch (status) {
    case 'draft':
    case 'withdrawn':
    case 'disqualified':
      return 'grey';
    case 'returned':
    case 'correctionRequested':
      return 'gold';
    case 'decided':
    case 'published':
    case 'approved':
    case 'accepted':
      return 'green';
    default:
      return 'blue';
  }
}

/** 申报截止（“申报填报”阶段的结束时刻），以北京时间显示；没有该阶段时为 null */
export function submissionDeadline(c: Pick<CampaignBody, 'stages'>): string | null {
  const s = findStage(c, 'submission');
  return s ? formatCst(s.endsAt) : null;
}

/** 复制评选时默认的年度：北京时间的今年 + 1（与本机时区无关） */
export function defaultCopyYear(now: Date = new Date()): number {
  return Number(formatCst(now, 'YYYY')) + 1;
}

const OTHER_HISTORY_LABELS: Record<'create' | 'progress' | 'inspect', string> = { create: '创建草稿', progress: '进展记录', inspect: '检查记录' };

/** 时间线上一条记录的说法：如“提交 → 已提交” */
export function historyLabel(h: Pick<HistoryItem, 'action' | 'from' | 'to'>): string {
  const action = h.action in OTHER_HISTORY_LABELS ? OTHER_HISTORY_LABELS[h.action as keyof typeof OTHER_HISTORY_LABELS] : TRANSITION_LABELS[h.action as keyof typeof TRANSITION_LABELS];
  if (h.action === 'create' || h.from === h.to) return action;
  return `${action} → ${ENTRY_STATUS_LABELS[h.to]}`;
}
