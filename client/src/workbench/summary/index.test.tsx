import { act, fireEvent, render, screen } from '@testing-library/react';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { bCampaign, summaryOf } from '../shared/fixtures';
import UnitSummaryPage from './index';

type Ev = { action: string; [k: string]: unknown };

function serve(events: Ev[], opts: { summary: ReturnType<typeof summaryOf> | null }) {
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push(ev);
    if (name === 'campaigns') return { ok: true, data: bCampaign() };
    if (ev.action === 'list' && ev.trackKey === 'unitSummary') return { ok: true, data: { items: opts.summary ? [opts.summary] : [], nextCursor: null } };
    if (ev.action === 'list') {
      return { ok: true, data: { items: [summaryOf({ _id: 'p1', status: 'inProgress', level: 'best', title: '党建引领有组织科研' }), summaryOf({ _id: 'p2', status: 'accepted', level: 'good', rating: '优秀', title: '“课程思政”集体备课' })], nextCursor: null } };
    }
    if (ev.action === 'create') return { ok: true, data: { _id: 'e-sum', version: 1 } };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('单位年度总结 page (B3)', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ campaignId: 'c-2026-b', unitId: 'u-cs' });
  });
  afterEach(() => setTransport(null));

  it('states the B3 limits, lists the branches’ projects for reference, and starts the summary in the entry editor', async () => {
    const events: Ev[] = [];
    serve(events, { summary: null });
    render(<UnitSummaryPage />);
    const refs = await screen.findAllByTestId('reference-entry', {}, { timeout: 5000 });
    expect(refs.map((r) => r.textContent)).toEqual([expect.stringContaining('最佳'), expect.stringContaining('验收：优秀')]);
    const page = screen.getByTestId('unit-summary').textContent ?? '';
    expect(page).toContain('基本情况：不超过 1000 字');
    expect(page).toContain('特色案例一：300–500 字');
    expect(page).toContain('特色案例一照片：2–3 张');
    expect(screen.getByTestId('summary-status').textContent).toContain('还没有开始撰写');
    await act(async () => {
      fireEvent.click(screen.getByTestId('write-summary'));
    });
    expect(events.find((e) => e.action === 'create')).toEqual({ action: 'create', campaignId: 'c-2026-b', trackKey: 'unitSummary', entrant: { level: 'unit', id: 'u-cs' }, title: '' });
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/detail/index?id=e-sum' } });
  });

  it('shows the existing summary with its status and opens it', async () => {
    const events: Ev[] = [];
    serve(events, { summary: summaryOf({ _id: 'e-sum', trackKey: 'unitSummary', entrantLevel: 'unit', status: 'submitted', title: '2025 年度立项工作总结' }) });
    render(<UnitSummaryPage />);
    expect((await screen.findByTestId('summary-status-badge', {}, { timeout: 5000 })).textContent).toBe('已提交');
    expect(screen.getByTestId('write-summary').textContent).toBe('打开总结');
  });
});
