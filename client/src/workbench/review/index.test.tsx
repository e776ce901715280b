import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { calls, resetTaro, setModalAnswer, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027 } from '../../test-support/campaign-fixtures';
import ReviewManagePage from './index';

type Ev = { action: string; [k: string]: unknown };

const campaign = campaignA2027({ status: 'open' });
campaign.tracks[0].pipeline.outcome!.levels[0].capPercent = 30;

const PROGRESS = {
  deadline: '2099-12-31T23:59:59+08:00',
  reviewers: [
    { reviewerId: 'p-j1', name: '刘评委', done: 2, total: 2 },
    { reviewerId: 'p-j2', name: '陈评委', done: 0, total: 2 },
  ],
  entries: [
    { entryId: 'e1', title: '“智算先锋”党员攻坚队', entrantName: '教工第一党支部', unitName: '计算机学院党委', status: 'underReview', done: 1, total: 2, reviewers: [{ assignmentId: 'e1_p-j1', reviewerId: 'p-j1', name: '刘评委', status: 'submitted' }, { assignmentId: 'e1_p-j2', reviewerId: 'p-j2', name: '陈评委', status: 'assigned' }] },
  ],
  done: 2,
  total: 4,
};

const row = (entryId: string, title: string, rank: number, value: number, tiedWith: { entryId: string; title: string }[] = [], status = 'scored') => ({
  entryId, title, entrantName: '支部', unitName: '学院党委', status, level: null, value, count: 2, missing: 0, trimmed: false, rank, tiedWith, note: tiedWith.length ? '平均分相同，按最高分比较仍相同' : '',
});

function serve(events: Ev[], reply?: (ev: Ev) => unknown) {
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push(ev);
    const custom = reply?.(ev);
    if (custom) return custom;
    if (name === 'campaigns') return { ok: true, data: campaign };
    switch (ev.action) {
      case 'progress':
        return { ok: true, data: PROGRESS };
      case 'remind':
        return { ok: true, data: { items: [{ reviewerId: 'p-j2', name: '陈评委', unfinished: 2, delivery: 'sent' }] } };
      case 'autoAssign':
        return { ok: true, data: { created: 3, shortfalls: [{ entryId: 'e9', title: '“材”智融合党建工作法', needed: 5, got: 4, reason: '其余评委与申报单位同单位，须回避' }], load: [{ personId: 'p-j1', name: '刘评委', assigned: 4 }] } };
      case 'ranking':
        return {
          ok: true,
          data: {
            method: ev.method,
            scaleMax: 100,
            items: [row('e1', '“智算先锋”党员攻坚队', 1, 91.5, [{ entryId: 'e2', title: '“双带头人”引领课程思政' }]), row('e2', '“双带头人”引领课程思政', 1, 91.5, [{ entryId: 'e1', title: '“智算先锋”党员攻坚队' }]), row('e3', '“网格化”学生党员服务站', 3, 80)],
            unscored: [],
          },
        };
      case 'decide':
        return { ok: false, code: 'CONFLICT', message: '“基层党建工作创新奖”须经评审后评定' };
      case 'finish':
        return { ok: true, data: { finished: ['e1'], already: 2, incomplete: [{ entryId: 'e4', title: '“材”智融合党建工作法', done: 1, total: 2, reason: '陈评委未提交' }] } };
      case 'publishResults': {
        // 分批：第一次公布 2 份、还剩 1 份，第二次公布最后 1 份
        const first = events.filter((e) => e.action === 'publishResults').length === 1;
        return { ok: true, data: first ? { published: 2, already: 0, remaining: 1 } : { published: 1, already: 2, remaining: 0 } };
      }
      default:
        return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
    }
  });
}

describe('评审管理 page', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ campaignId: 'c-2027-a', trackKey: 'case' });
  });
  afterEach(() => setTransport(null));

  it('shows progress per reviewer and per entry with the CST deadline, and reminds after confirming', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<ReviewManagePage />);
    expect((await screen.findByTestId('progress-total', {}, { timeout: 5000 })).textContent).toContain('2/4');
    expect(screen.getByTestId('review-deadline').textContent).toContain('函评截止 2099-12-31 23:59（北京时间）');
    expect(screen.getAllByTestId('reviewer-row').map((r) => r.textContent)).toEqual(['刘评委2/2', '陈评委0/2']);
    expect(screen.getByTestId('progress-entry').textContent).toContain('陈评委·未评');
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('remind-reviewers'));
    });
    expect(events.find((e) => e.action === 'remind')).toEqual({ action: 'remind', campaignId: 'c-2027-a', trackKey: 'case' });
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '已催办 1 位评委' }) });
  });

  it('auto-assigns the chosen number of reviewers per entry and explains the shortfalls (conflicts)', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<ReviewManagePage />);
    fireEvent.click(await screen.findByTestId('review-tab-assign', {}, { timeout: 5000 }));
    fireEvent.click(screen.getByTestId('per-entry-5'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('run-auto-assign'));
    });
    expect(events.find((e) => e.action === 'autoAssign')).toEqual({ action: 'autoAssign', campaignId: 'c-2027-a', trackKey: 'case', perEntry: 5 });
    expect(screen.getByTestId('shortfall').textContent).toBe('《“材”智融合党建工作法》只配到 4/5 位：其余评委与申报单位同单位，须回避');
  });

  it('ranks with ties explained, switches the method, shows the caps when deciding and keeps a refusal in the sheet', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<ReviewManagePage />);
    fireEvent.click(await screen.findByTestId('review-tab-ranking', {}, { timeout: 5000 }));
    const rows = await screen.findAllByTestId('rank-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByTestId('tie').textContent).toBe('与《“双带头人”引领课程思政》并列：平均分相同，按最高分比较仍相同');
    expect(screen.getByTestId('decide-cap').textContent).toBe('基层党建工作创新奖 0/1（约30%）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('ranking-method-trimmed'));
    });
    expect(events.filter((e) => e.action === 'ranking').map((e) => e.method)).toEqual(['mean', 'trimmed']);

    fireEvent.click(within(screen.getAllByTestId('rank-row')[2]).getByTestId('decide'));
    const sheet = screen.getByTestId('decide-sheet');
    expect(within(sheet).getByTestId('sheet-choice-award').textContent).toBe('基层党建工作创新奖 0/1（约30%）');
    fireEvent.click(within(sheet).getByTestId('sheet-choice-award'));
    await act(async () => {
      fireEvent.click(within(sheet).getByTestId('sheet-confirm'));
    });
    expect(events.find((e) => e.action === 'decide')).toEqual({ action: 'decide', id: 'e3', level: 'award', note: '' });
    expect(within(sheet).getByTestId('sheet-error').textContent).toBe('“基层党建工作创新奖”须经评审后评定');
  });

  it('finishes the review (incomplete listed) and publishes the results after confirming', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<ReviewManagePage />);
    fireEvent.click(await screen.findByTestId('review-tab-ranking', {}, { timeout: 5000 }));
    await screen.findAllByTestId('rank-row');
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('finish-review'));
    });
    expect(screen.getByTestId('finish-result').textContent).toContain('《“材”智融合党建工作法》1/2：陈评委未提交');
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish-results'));
    });
    // 分批公布：remaining > 0 时接着调用，合计 3 份；“此前已公布”取第一次的（第二次的 2 份是本次前一批）
    expect(events.filter((e) => e.action === 'publishResults')).toEqual(Array(2).fill({ action: 'publishResults', campaignId: 'c-2027-a', trackKey: 'case' }));
    expect(calls).toContainEqual({ api: 'showToast', arg: expect.objectContaining({ title: '已公布 3 份' }) });
    expect(screen.queryByTestId('publish-progress')).toBeNull();
  });

  it('shows the error state when the campaign has no such track', async () => {
    setRouterParams({ campaignId: 'c-2027-a', trackKey: 'nope' });
    serve([]);
    render(<ReviewManagePage />);
    expect((await screen.findByTestId('state-error', {}, { timeout: 5000 })).textContent).toContain('这项评选没有这一类别');
  });
});
