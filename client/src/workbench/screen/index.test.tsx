import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Entry } from '@contract/index';
import { resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027, entryOf } from '../../test-support/campaign-fixtures';
import { defaultCorrectionDate, endOfCstDay } from '../shared/rules';
import ScreenEntryPage from './index';

type Ev = { action: string; [k: string]: unknown };

const CHECKLIST = ['简介 300 字以内并写明三要点', '正文 2000 字以内并含四部分', '纸质材料加盖公章'];
const campaign = campaignA2027({ status: 'open' });
campaign.tracks[0].pipeline.screening = { correctionDays: 7, checklist: CHECKLIST };
const summary = { _id: campaign._id, kind: campaign.kind, title: campaign.title, year: campaign.year, status: campaign.status, docNumber: '', noticeId: null, version: 1, stages: campaign.stages, tracks: [{ key: 'case', label: '创新奖申报' }] };

function serve(events: Ev[], opts: { entry: Entry; actions: string[]; reply?: (ev: Ev) => unknown }) {
  let entry = opts.entry;
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push(ev);
    const custom = opts.reply?.(ev);
    if (custom) return custom;
    if (name === 'campaigns' && ev.action === 'get') return { ok: true, data: campaign };
    if (ev.action === 'get') {
      return {
        ok: true,
        data: {
          entry,
          campaign: summary,
          results: [{ rule: 'A4', ok: false, severity: 'block', path: 'stampedScan', message: '请上传加盖公章的文字材料扫描件（A4）' }],
          actions: entry.status === 'correctionRequested' ? ['disqualify'] : opts.actions,
          fileUrls: {},
        },
      };
    }
    if (ev.action === 'requestCorrection') {
      entry = { ...entry, status: 'correctionRequested', correction: { reason: ev.reason as string, items: ev.items as string[], deadline: ev.deadline as string, requestedAt: '2027-12-05T10:00:00+08:00', requestedBy: '王晓东' } };
      return { ok: true, data: { status: 'correctionRequested', version: 5, repeated: false, warnings: [] } };
    }
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('材料初审 page', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'e-1' });
  });
  afterEach(() => setTransport(null));

  it('ticks the campaign checklist, shows the engine checks, and requests a correction with a CST deadline and the unticked items (A8)', async () => {
    const events: Ev[] = [];
    serve(events, { entry: entryOf({ status: 'recommended' }), actions: ['pass', 'requestCorrection'] });
    render(<ScreenEntryPage />);
    const items = await screen.findAllByTestId('check-item', {}, { timeout: 5000 });
    expect(items.map((i) => i.textContent?.trim())).toEqual(CHECKLIST);
    fireEvent.click(items[0]);
    expect(items[0].dataset.checked).toBe('true');
    expect(screen.getByText('审查清单（1/3 项已核对）')).toBeTruthy();
    expect(screen.getByTestId('screen-rules').textContent).toContain('（A4）');

    fireEvent.click(screen.getByTestId('screen-requestCorrection'));
    const sheet = screen.getByTestId('correction-sheet');
    const date = defaultCorrectionDate(new Date(), 7);
    expect(within(sheet).getByTestId('correction-deadline-text').textContent).toBe(`${date} 23:59:59 截止（7 天后）`);
    expect(within(sheet).getAllByTestId('correction-item').map((i) => i.textContent)).toEqual(['· 正文 2000 字以内并含四部分', '· 纸质材料加盖公章']);
    // 空着原因不能发出
    fireEvent.click(within(sheet).getByTestId('sheet-confirm'));
    expect(within(sheet).getByTestId('sheet-error').textContent).toBe('需要补正的问题至少 2 字');
    fireEvent.input(within(sheet).getByTestId('sheet-text'), { target: { value: '补交加盖公章的扫描件' } });
    expect(within(sheet).getByTestId('sheet-counter').textContent).toBe('10/1000 字');
    await act(async () => {
      fireEvent.click(within(sheet).getByTestId('sheet-confirm'));
    });
    expect(events.find((e) => e.action === 'requestCorrection')).toEqual({
      action: 'requestCorrection',
      id: 'e-1',
      reason: '补交加盖公章的扫描件',
      items: ['正文 2000 字以内并含四部分', '纸质材料加盖公章'],
      deadline: endOfCstDay(date),
    });
    expect((await screen.findByTestId('screen-correction')).textContent).toContain('补交加盖公章的扫描件');
    expect(screen.getByTestId('screen-status').textContent).toBe('待补正');
    expect(screen.getByTestId('screen-deadline').textContent).toContain(`补正期限 ${date} 23:59（北京时间）`);
    // 期限未到：不给“取消资格”，说明到期后自动取消（A8）
    expect(screen.queryByTestId('screen-disqualify')).toBeNull();
    expect(screen.getByTestId('screen-waiting').textContent).toContain('系统自动取消资格（A8）');
  });

  it('offers disqualification once the correction deadline has passed (A8)', async () => {
    const events: Ev[] = [];
    const correction = { reason: '补交扫描件', items: [], deadline: '2000-01-01T23:59:59+08:00', requestedAt: '1999-12-25T10:00:00+08:00', requestedBy: '王晓东' };
    serve(events, { entry: entryOf({ status: 'correctionRequested', correction }), actions: ['disqualify'] });
    render(<ScreenEntryPage />);
    fireEvent.click(await screen.findByTestId('screen-disqualify', {}, { timeout: 5000 }));
    expect(screen.getByTestId('action-sheet').textContent).toContain('取消资格的原因');
    expect(screen.getByTestId('screen-deadline-left').textContent).toBe('已逾期');
  });

  it('refuses a deadline before today without calling the cloud', async () => {
    const events: Ev[] = [];
    serve(events, { entry: entryOf({ status: 'recommended' }), actions: ['requestCorrection'] });
    render(<ScreenEntryPage />);
    fireEvent.click(await screen.findByTestId('screen-requestCorrection', {}, { timeout: 5000 }));
    const input = screen.getByTestId('correction-date').querySelector('input')!;
    fireEvent.change(input, { target: { value: '2000-01-01' } });
    fireEvent.input(screen.getByTestId('sheet-text'), { target: { value: '补交扫描件' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('sheet-confirm'));
    });
    expect(screen.getByTestId('sheet-error').textContent).toBe('补正期限不能早于今天');
    expect(events.some((e) => e.action === 'requestCorrection')).toBe(false);
  });

  it('shows a conflict (someone else already screened it) in the sheet and reloads the entry', async () => {
    const events: Ev[] = [];
    serve(events, {
      entry: entryOf({ status: 'recommended' }),
      actions: ['pass'],
      reply: (ev) => (ev.action === 'pass' ? { ok: false, code: 'CONFLICT', message: '材料当前为“初审通过”，不能初审通过' } : undefined),
    });
    render(<ScreenEntryPage />);
    fireEvent.click(await screen.findByTestId('screen-pass', {}, { timeout: 5000 }));
    expect(screen.getByTestId('pass-warning').textContent).toContain('还有 3 项清单未核对');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sheet-confirm'));
    });
    expect(screen.getByTestId('sheet-error').textContent).toBe('材料当前为“初审通过”，不能初审通过');
    expect(events.filter((e) => e.action === 'get').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the error state with a retry when the entry cannot be read', async () => {
    const events: Ev[] = [];
    serve(events, { entry: entryOf(), actions: [], reply: (ev) => (ev.action === 'get' ? { ok: false, code: 'FORBIDDEN', message: '无权查看这份材料' } : undefined) });
    render(<ScreenEntryPage />);
    expect((await screen.findByTestId('state-error', {}, { timeout: 5000 })).textContent).toContain('无权查看这份材料');
  });
});
