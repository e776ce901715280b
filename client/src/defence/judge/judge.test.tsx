import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DefenceCurrent } from '@contract/index';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import JudgePage from './index';

/** 评委手机（E3）：逐项打分与合计、确认后提交；网络失败再点沿用同一请求键；已提交、回避、已截止一目了然 */
const RUBRIC = [
  { key: 'c1', label: '创新性', description: '思路、载体、方法的创新', maxScore: 50 },
  { key: 'c2', label: '现场展示', description: '负责人现场展示', maxScore: 50 },
];

function current(state: DefenceCurrent['mine']['state'], submitted: DefenceCurrent['mine']['submitted'] = null): DefenceCurrent {
  return {
    session: {
      _id: 'ds-1', campaignId: 'c-1', campaignTitle: '2026 年基层党建工作创新活动', trackKey: 'activity', trackLabel: '创新活动', title: '终审答辩', status: 'open',
      currentEntryId: 'e-1', createdAt: '2026-06-15T09:00:00+08:00', version: 2, presenters: 3, closed: 0, judges: 3, currentTitle: '红色引擎',
    },
    presenter: { entryId: 'e-1', title: '红色引擎', entrantName: '第一支部', unitName: '机械学院党委', order: 1, state: 'presenting' },
    rubric: RUBRIC,
    scaleMax: 100,
    step: 0.5,
    mine: { state, submitted },
  };
}

describe('judge phone page (E3 live defence)', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'ds-1' });
  });
  afterEach(() => setTransport(null));

  it('adds up the criteria, confirms before sending, and retries a failed send with the same request key (E3)', async () => {
    const sent: { requestId: string; scores: Record<string, number> }[] = [];
    let state: DefenceCurrent = current('open');
    setTransport(async (_fn, e) => {
      const ev = e as { action: string; requestId: string; scores: Record<string, number> };
      if (ev.action === 'current') return { ok: true, data: state };
      sent.push({ requestId: ev.requestId, scores: ev.scores });
      if (sent.length === 1) return { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' };
      state = current('submitted', { scores: ev.scores, total: 80.5, comment: '', submittedAt: '2026-06-15T09:10:00+08:00' });
      return { ok: true, data: { entryId: 'e-1', total: 80.5, submittedAt: '2026-06-15T09:10:00+08:00', repeated: false } };
    });
    render(<JudgePage />);
    await screen.findByTestId('score-sheet');
    expect(screen.getByText('思路、载体、方法的创新')).toBeTruthy();
    expect((screen.getByTestId('submit-score') as HTMLButtonElement).textContent).toContain('请为每一项打分');

    fireEvent.change(screen.getByTestId('input-c1').querySelector('input') ?? screen.getByTestId('input-c1'), { target: { value: '40' } });
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByTestId('plus-c2')); // 0 → 1.5
    fireEvent.change(screen.getByTestId('input-c2').querySelector('input') ?? screen.getByTestId('input-c2'), { target: { value: '40.5' } });
    expect(screen.getByTestId('total').textContent).toContain('80.5');
    fireEvent.click(screen.getByTestId('plus-c1')); // 40 → 40.5（合计 81）
    fireEvent.click(screen.getByTestId('minus-c1')); // 回到 40
    expect(screen.getByTestId('total').textContent).toContain('80.5');

    fireEvent.click(screen.getByTestId('submit-score'));
    await screen.findByTestId('score-notice-error');
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ content: expect.stringContaining('总分 80.5 / 100') });
    fireEvent.click(screen.getByTestId('submit-score'));
    await screen.findByTestId('state-submitted');
    expect(sent).toHaveLength(2);
    expect(sent[1].requestId).toBe(sent[0].requestId);
    expect(sent[1].scores).toEqual({ c1: 40, c2: 40.5 });
    expect(screen.getByTestId('state-submitted').textContent).toContain('80.5');
    expect(screen.queryByTestId('score-sheet')).toBeNull();
  });

  it.each([
    ['recused', 'state-recused', '回避'],
    ['closed', 'state-closed', '本项评分已截止'],
  ] as const)('shows %s plainly, without a score sheet (E3)', async (state, testId, text) => {
    setTransport(async () => ({ ok: true, data: current(state) }));
    render(<JudgePage />);
    const banner = await screen.findByTestId(testId);
    expect(banner.textContent).toContain(text);
    await waitFor(() => expect(screen.queryByTestId('score-sheet')).toBeNull());
  });
});
