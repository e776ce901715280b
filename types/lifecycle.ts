import { z } from 'zod';
import type { Pipeline, StageKey } from './campaign';

/**
 * 申报材料（entry）的生命周期：一张显式的状态转换表，由评选类别的流程（pipeline）生成。
 * 云函数只按这张表转换状态；客户端用同一张表决定显示哪些按钮。
 *
 * 一般流程（A、C、D、E）：草稿 → 已提交 →（分党委）已推荐 / 已退回 →（组织部初审）初审通过，
 * 或待补正（限期，A8）→ 已补正，或逾期取消资格 → 评审中 → 已评分 → 已评定 → 已公布。
 * 立项（B）：已提交 →（分党委定等级，B5）已立项 → 实施中（进展、检查 B8）→ 待验收 → 已结项。
 * 入选后实施（D）：已公布且入选 → 实施中（九月中期检查 D6）。
 */
export const ENTRY_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'withdrawn',
  'recommended',
  'correctionRequested',
  'resubmitted',
  'disqualified',
  'screened',
  'underReview',
  'scored',
  'decided',
  'published',
  'approved',
  'inProgress',
  'closingSubmitted',
  'accepted',
] as const;
export const entryStatusSchema = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof entryStatusSchema>;

export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回修改',
  withdrawn: '已撤回',
  recommended: '已推荐',
  correctionRequested: '待补正',
  resubmitted: '已补正',
  disqualified: '已取消资格',
  screened: '初审通过',
  underReview: '评审中',
  scored: '已评分',
  decided: '已评定',
  published: '已公布',
  approved: '已立项',
  inProgress: '实施中',
  closingSubmitted: '待结项验收',
  accepted: '已结项',
};

/** 申报方还能编辑内容的状态 */
export const EDITABLE_STATUSES: readonly EntryStatus[] = ['draft', 'returned', 'correctionRequested'];

/** 已进入分党委推荐名额的状态（A3、D5、E3 计数） */
export const COUNTED_BY_UNIT: readonly EntryStatus[] = [
  'recommended', 'correctionRequested', 'resubmitted', 'screened', 'underReview', 'scored', 'decided', 'published', 'inProgress', 'closingSubmitted', 'accepted',
];

/** 申报方已正式提交（不含草稿、撤回、退回） */
export const SUBMITTED_STATUSES: readonly EntryStatus[] = ENTRY_STATUSES.filter((s) => !['draft', 'returned', 'withdrawn'].includes(s));

export const TRANSITION_ACTIONS = [
  'submit',
  'withdraw',
  'reopen',
  'returnEntry',
  'recommend',
  'unrecommend',
  'grade',
  'requestCorrection',
  'resubmit',
  'disqualify',
  'pass',
  'startReview',
  'finishReview',
  'decide',
  'publish',
  'begin',
  'submitClosing',
  'returnClosing',
  'accept',
] as const;
export const transitionActionSchema = z.enum(TRANSITION_ACTIONS);
export type TransitionAction = z.infer<typeof transitionActionSchema>;

export const TRANSITION_LABELS: Record<TransitionAction, string> = {
  submit: '提交',
  withdraw: '撤回',
  reopen: '重新编辑',
  returnEntry: '退回修改',
  recommend: '推荐',
  unrecommend: '取消推荐',
  grade: '评定立项等级',
  requestCorrection: '要求补正',
  resubmit: '提交补正',
  disqualify: '取消资格',
  pass: '初审通过',
  startReview: '进入评审',
  finishReview: '评审完成',
  decide: '评定',
  publish: '公布结果',
  begin: '开始实施',
  submitClosing: '提交结项报告',
  returnClosing: '退回结项报告',
  accept: '结项验收',
};

/** 谁执行：申报方（支部书记/支委，单位自身的材料为分党委管理员）、分党委、组织部、定时任务 */
export type TransitionActor = 'entrant' | 'unit' | 'department' | 'system';

export interface TransitionDef {
  action: TransitionAction;
  from: readonly EntryStatus[];
  to: EntryStatus;
  by: readonly TransitionActor[];
  /**
   * 须在进行中的阶段；'correctionWindow' 为本条材料的补正期限之内（A8）；
   * null 为不限阶段（由执行者把握时机，如公布结果）
   */
  stage: StageKey | 'correctionWindow' | null;
  /** 出处规则编号 */
  rule: string;
}

/**
 * 由流程生成状态转换表（纯函数）。同一 action 在一个流程里只出现一次。
 */
export function transitionsFor(p: Pick<Pipeline, 'unitStep' | 'screening' | 'review' | 'execution' | 'closing' | 'outcome'>): TransitionDef[] {
  const t: TransitionDef[] = [
    { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: ['entrant'], stage: 'submission', rule: '' },
    { action: 'withdraw', from: ['submitted'], to: 'withdrawn', by: ['entrant'], stage: 'submission', rule: '' },
    { action: 'reopen', from: ['withdrawn'], to: 'draft', by: ['entrant'], stage: 'submission', rule: '' },
  ];
  let next: EntryStatus; // 分党委这一步之后、进入组织部流程的状态
  if (p.unitStep === 'recommend') {
    t.push(
      { action: 'returnEntry', from: ['submitted', 'recommended'], to: 'returned', by: ['unit'], stage: 'unitReview', rule: '' },
      { action: 'recommend', from: ['submitted'], to: 'recommended', by: ['unit'], stage: 'unitReview', rule: '' },
      { action: 'unrecommend', from: ['recommended'], to: 'submitted', by: ['unit'], stage: 'unitReview', rule: '' },
    );
    next = 'recommended';
  } else if (p.unitStep === 'grade') {
    t.push(
      { action: 'returnEntry', from: ['submitted'], to: 'returned', by: ['unit'], stage: 'unitReview', rule: '' },
      { action: 'grade', from: ['submitted', 'approved'], to: 'approved', by: ['unit'], stage: 'unitReview', rule: 'B5' },
    );
    next = 'approved';
  } else {
    next = 'submitted';
  }
  const afterUnit = next;
  if (p.unitStep !== 'grade') {
    if (p.screening) {
      t.push(
        // 通过不限阶段：补正期限可能晚于初审阶段结束，按时补正的材料仍须能通过（A8）
        { action: 'pass', from: [next, 'resubmitted'], to: 'screened', by: ['department'], stage: null, rule: 'A8' },
        { action: 'requestCorrection', from: [next, 'resubmitted'], to: 'correctionRequested', by: ['department'], stage: 'screening', rule: 'A8' },
        { action: 'resubmit', from: ['correctionRequested'], to: 'resubmitted', by: ['entrant'], stage: 'correctionWindow', rule: 'A8' },
        { action: 'disqualify', from: ['correctionRequested', 'resubmitted'], to: 'disqualified', by: ['department', 'system'], stage: null, rule: 'A8' },
      );
      next = 'screened';
    }
    if (p.review) {
      const stage = p.review.mode === 'defence' ? 'defence' : 'review';
      t.push(
        { action: 'startReview', from: [next], to: 'underReview', by: ['department'], stage, rule: p.review.mode === 'defence' ? 'E3' : 'C1' },
        { action: 'finishReview', from: ['underReview'], to: 'scored', by: ['department'], stage: null, rule: '' },
      );
      next = 'scored';
    }
    if (p.outcome) {
      // 未进入评审的（如 E3 未入围答辩）也可直接评定为不获奖的等级；获奖等级须经评审（见 entries 处理函数）
      const undecided: EntryStatus[] = [...new Set<EntryStatus>([afterUnit, ...(p.screening ? (['resubmitted', 'screened'] as EntryStatus[]) : []), next])];
      t.push(
        { action: 'decide', from: [...undecided, 'decided'], to: 'decided', by: ['department'], stage: 'decision', rule: '' },
        { action: 'publish', from: ['decided'], to: 'published', by: ['department'], stage: null, rule: 'A7' },
      );
    }
  }
  if (p.execution) {
    // B：分党委定级即立项；D：组织部公布入选后实施（须入选等级，见 entries 处理函数）
    const from: EntryStatus = p.unitStep === 'grade' ? 'approved' : 'published';
    t.push({ action: 'begin', from: [from], to: 'inProgress', by: ['entrant', 'unit', 'system'], stage: 'execution', rule: p.unitStep === 'grade' ? 'B2' : 'D6' });
  }
  if (p.closing) {
    const by: TransitionActor = p.closing.by === 'unit' ? 'unit' : 'department';
    t.push(
      { action: 'submitClosing', from: ['inProgress'], to: 'closingSubmitted', by: ['entrant'], stage: 'closing', rule: 'B2' },
      { action: 'returnClosing', from: ['closingSubmitted'], to: 'inProgress', by: [by], stage: 'closing', rule: 'B2' },
      { action: 'accept', from: ['closingSubmitted'], to: 'accepted', by: [by], stage: 'closing', rule: 'B2' },
    );
  }
  return t;
}

/** 在某状态下，某类执行者可做的转换（给客户端显示按钮用；阶段与规则仍以云端为准） */
export function availableTransitions(p: Parameters<typeof transitionsFor>[0], status: EntryStatus, actor: TransitionActor): TransitionDef[] {
  return transitionsFor(p).filter((d) => d.from.includes(status) && d.by.includes(actor));
}
