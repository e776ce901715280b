import { TRANSITION_LABELS, type TransitionAction } from '@contract/index';
import { callFunction, CloudError } from '@/services/cloud';

/** 需要填写内容（原因、报告）或选择（等级、评价）才能执行的操作 */
export interface InputSpec {
  /** 文字框的标题；min 为 0 时可不填 */
  label: string;
  placeholder: string;
  min: number;
  /** 先从评选设定中选一项：结果等级（outcome.levels）或结项评价（closing.ratings） */
  choice?: 'level' | 'rating';
}

export const INPUT_ACTIONS: Partial<Record<TransitionAction, InputSpec>> = {
  returnEntry: { label: '退回原因', placeholder: '写明需要修改的地方，申报方会看到', min: 2 },
  requestCorrection: { label: '需要补正的问题', placeholder: '写明不符合要求之处；补正期限按评选设定', min: 2 },
  disqualify: { label: '取消资格的原因', placeholder: '如 逾期未补正（A8）', min: 2 },
  returnClosing: { label: '退回原因', placeholder: '写明结项报告需要补充的地方', min: 2 },
  submitClosing: { label: '结项报告', placeholder: '项目完成情况、成效与体会（至少 10 字）', min: 10 },
  grade: { label: '说明（可不填）', placeholder: '', min: 0, choice: 'level' },
  decide: { label: '说明（可不填）', placeholder: '', min: 0, choice: 'level' },
  accept: { label: '验收意见（可不填）', placeholder: '', min: 0, choice: 'rating' },
};

/** 点一下、确认即可执行的操作 */
const SIMPLE_ACTIONS: readonly TransitionAction[] = ['submit', 'withdraw', 'reopen', 'resubmit', 'begin', 'recommend', 'unrecommend', 'pass', 'startReview', 'finishReview'];

/** 本页能执行的操作（公布结果按评选整批进行，不在单条申报上） */
export function supported(action: TransitionAction): boolean {
  return SIMPLE_ACTIONS.includes(action) || action in INPUT_ACTIONS;
}

/** 申报方推进自己材料的操作用主按钮，其他用次按钮 */
export const PRIMARY_ACTIONS: readonly TransitionAction[] = ['submit', 'resubmit', 'recommend', 'pass', 'begin', 'submitClosing'];

export function confirmText(action: TransitionAction): string {
  switch (action) {
    case 'submit':
      return '提交后由分党委审核推荐；申报截止前可以撤回修改。确定提交吗？';
    case 'resubmit':
      return '确定提交补正后的材料吗？提交后等待组织部复核。';
    case 'withdraw':
      return '撤回后可重新编辑再提交。确定撤回吗？';
    default:
      return `确定${TRANSITION_LABELS[action]}吗？`;
  }
}

export interface ActionInput {
  version: number;
  note?: string;
  level?: string;
  rating?: string;
  checklist?: string[];
}

/** 执行一项状态转换（各操作的入参不同，按契约逐一给出） */
export async function runTransition(id: string, action: TransitionAction, input: ActionInput) {
  const note = (input.note ?? '').trim();
  switch (action) {
    case 'submit':
      return callFunction('entries', 'submit', { id, expectedVersion: input.version });
    case 'withdraw':
      return callFunction('entries', 'withdraw', { id });
    case 'reopen':
      return callFunction('entries', 'reopen', { id });
    case 'resubmit':
      return callFunction('entries', 'resubmit', { id });
    case 'begin':
      return callFunction('entries', 'begin', { id });
    case 'recommend':
      return callFunction('entries', 'recommend', { id, checklist: input.checklist ?? [] });
    case 'unrecommend':
      return callFunction('entries', 'unrecommend', { id });
    case 'pass':
      return callFunction('entries', 'pass', { id });
    case 'startReview':
      return callFunction('entries', 'startReview', { id });
    case 'finishReview':
      return callFunction('entries', 'finishReview', { id });
    case 'returnEntry':
      return callFunction('entries', 'returnEntry', { id, note });
    case 'requestCorrection':
      return callFunction('entries', 'requestCorrection', { id, reason: note });
    case 'disqualify':
      return callFunction('entries', 'disqualify', { id, note });
    case 'returnClosing':
      return callFunction('entries', 'returnClosing', { id, note });
    case 'submitClosing':
      return callFunction('entries', 'submitClosing', { id, report: note });
    case 'grade':
      return callFunction('entries', 'grade', { id, level: input.level ?? '', note });
    case 'decide':
      return callFunction('entries', 'decide', { id, level: input.level ?? '', note });
    case 'accept':
      return callFunction('entries', 'accept', { id, rating: input.rating ?? '', note });
    default:
      throw new CloudError('UNKNOWN_ACTION', '此操作请在评选管理中进行');
  }
}
