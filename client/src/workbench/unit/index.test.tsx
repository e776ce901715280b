import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me } from '@contract/index';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027 } from '../../test-support/campaign-fixtures';
import { forgetMe } from '../../admin/shared/session';
import { bCampaign, summaryOf } from '../shared/fixtures';
import UnitWorkbenchPage from './index';

const UNIT_ADMIN: Me = { bound: true, localMode: false, person: { _id: 'p-ua-cs', name: '赵书记', unitName: '计算机科学与工程学院党委', branchName: null, roles: [{ role: 'unitAdmin', unitId: 'u-cs' }] } };

type Ev = { action: string; [k: string]: unknown };

const A = campaignA2027({ _id: 'c-2027-a', status: 'open' });
A.tracks[0].quota.rule = 'A3';
const B = bCampaign();
const listed = (c: typeof A) => ({ _id: c._id, kind: c.kind, title: c.title, year: c.year, status: c.status, docNumber: c.docNumber, noticeId: c.noticeId, version: c.version, stages: c.stages, tracks: c.tracks.map((t) => ({ key: t.key, label: t.label })) });

interface World {
  campaigns: (typeof A)[];
  used: string[];
  entries: ReturnType<typeof summaryOf>[];
  /** 某操作的回复（默认成功） */
  reply?: (ev: Ev) => unknown;
  events: Ev[];
}

function serve(w: World) {
  setTransport(async (name, e) => {
    const ev = e as Ev;
    w.events.push(ev);
    if (name === 'session') return { ok: true, data: UNIT_ADMIN };
    const custom = w.reply?.(ev);
    if (custom) return custom;
    switch (ev.action) {
      case 'list':
        if (name === 'campaigns') return { ok: true, data: { items: w.campaigns.map(listed), nextCursor: null } };
        return { ok: true, data: { items: w.entries.filter((x) => x.campaignId === ev.campaignId && (!ev.status || x.status === ev.status)), nextCursor: null } };
      case 'get':
        return { ok: true, data: w.campaigns.find((c) => c._id === ev.id) };
      case 'unitTree':
        return {
          ok: true,
          data: {
            unit: { _id: 'u-cs', name: '计算机科学与工程学院党委', kind: 'college', active: true, version: 1 },
            generalBranches: [],
            branches: [{ _id: 'b-cs-staff1', unitId: 'u-cs', generalBranchId: null, name: '计算机学院教工第一党支部', kind: 'staff', memberCount: 30, model: { level: 'national', batch: 4, cycleStart: '2025-01', cycleEnd: '2026-12' }, active: true, version: 1 }],
          },
        };
      case 'quotaStatus':
        return {
          ok: true,
          data: {
            quotas: ev.campaignId === 'c-2027-a' ? [{ trackKey: 'case', unitId: 'u-cs', unitName: '计算机科学与工程学院党委', max: 1, min: 0, used: w.used.length, usedBy: w.used.map((id) => ({ entryId: id, title: '“智算先锋”党员攻坚队', entrantName: '教工第一党支部' })), exemptUsed: [], rule: '每个分党委（直属党总支）限报 1 项（A3）', message: '' }] : [],
            gradeCaps: ev.campaignId === 'c-2026-b' ? [{ trackKey: 'project', levelKey: 'best', label: '最佳', used: 2, cap: 2, base: 7 }] : [],
          },
        };
      case 'coverage':
        return { ok: true, data: { units: [{ unitId: 'u-cs', unitName: '计算机科学与工程学院党委', required: 8, covered: 7, missing: [{ branchId: 'b-cs-pg2', name: '计算机学院研究生第二党支部', kind: 'student' }] }] } };
      case 'recommend':
        if (w.used.length >= 1) return { ok: false, code: 'QUOTA_EXCEEDED', message: '每个分党委（直属党总支）限报 1 项（A3），本单位已推荐：《“智算先锋”党员攻坚队》（教工第一党支部）' };
        w.used.push(ev.id as string);
        w.entries = w.entries.map((x) => (x._id === ev.id ? { ...x, status: 'recommended' } : x));
        return { ok: true, data: { status: 'recommended', version: 3, repeated: false, warnings: [] } };
      default:
        return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
    }
  });
}

const aEntry = (id: string, title: string) => summaryOf({ _id: id, campaignId: 'c-2027-a', trackKey: 'case', kind: 'A', title, branchId: `b-${id}` });

describe('分党委工作台', () => {
  beforeEach(() => {
    resetTaro();
    forgetMe();
    setRouterParams({ unitId: 'u-cs' });
  });
  afterEach(() => setTransport(null));

  it('recommends within the quota (A3), refreshes the quota live, and keeps the refusal of the second in the sheet', async () => {
    const w: World = { campaigns: [A], used: [], entries: [aEntry('e1', '“智算先锋”党员攻坚队'), aEntry('e2', '“代码党课”朋辈学习小组')], events: [] };
    serve(w);
    render(<UnitWorkbenchPage />);
    expect((await screen.findByTestId('quota-line', {}, { timeout: 5000 })).textContent).toBe('已推荐 0/1 项（A3）');
    const cards = await screen.findAllByTestId('wb-entry');
    expect(cards).toHaveLength(2);

    fireEvent.click(within(cards[0]).getByTestId('wb-action-recommend'));
    const sheet = screen.getByTestId('action-sheet');
    expect(within(sheet).getByTestId('sheet-quota').textContent).toBe('推荐前已推荐 0/1 项（A3）；推荐后已推荐 1/1 项（A3）');
    fireEvent.input(within(sheet).getByTestId('sheet-text'), { target: { value: '同意推荐' } });
    expect(within(sheet).getByTestId('sheet-counter').textContent).toBe('4/1000 字');
    await act(async () => {
      fireEvent.click(within(sheet).getByTestId('sheet-confirm'));
    });
    expect(screen.queryByTestId('action-sheet')).toBeNull();
    expect(w.events.find((e) => e.action === 'recommend')).toEqual({ action: 'recommend', id: 'e1', checklist: ['已审查材料的真实性、准确性、完整性'], note: '同意推荐' });
    expect((await screen.findByText('已推荐 1/1 项（A3）')).getAttribute('data-testid')).toBe('quota-line');
    expect(screen.getByTestId('quota-warning').dataset.tone).toBe('full');

    const second = screen.getAllByTestId('wb-entry')[1];
    fireEvent.click(within(second).getByTestId('wb-action-recommend'));
    expect(screen.getByTestId('action-sheet').textContent).toContain('名额已满');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sheet-confirm'));
    });
    expect(screen.getByTestId('sheet-error').textContent).toContain('限报 1 项（A3），本单位已推荐：《“智算先锋”党员攻坚队》');
    expect(screen.getByTestId('action-sheet')).toBeTruthy();
  });

  it('does not send twice while a recommendation is in flight (no double submit)', async () => {
    const w: World = { campaigns: [A], used: [], entries: [aEntry('e1', '一')], events: [] };
    let release: () => void = () => undefined;
    w.reply = (ev) => (ev.action === 'recommend' ? new Promise((r) => (release = () => r({ ok: true, data: { status: 'recommended', version: 3, repeated: false, warnings: [] } }))) : undefined);
    serve(w);
    render(<UnitWorkbenchPage />);
    fireEvent.click(within((await screen.findAllByTestId('wb-entry'))[0]).getByTestId('wb-action-recommend'));
    fireEvent.click(screen.getByTestId('sheet-confirm'));
    fireEvent.click(screen.getByTestId('sheet-confirm'));
    expect(screen.getByTestId('sheet-confirm').textContent).toBe('请稍候…');
    await act(async () => release());
    expect(w.events.filter((e) => e.action === 'recommend')).toHaveLength(1);
  });

  it('requires a return comment of at least 2 字 and counts it', async () => {
    const w: World = { campaigns: [A], used: [], entries: [aEntry('e1', '一')], events: [] };
    serve(w);
    render(<UnitWorkbenchPage />);
    fireEvent.click(within((await screen.findAllByTestId('wb-entry'))[0]).getByTestId('wb-action-returnEntry'));
    fireEvent.input(screen.getByTestId('sheet-text'), { target: { value: '改' } });
    fireEvent.click(screen.getByTestId('sheet-confirm'));
    expect(screen.getByTestId('sheet-error').textContent).toBe('退回意见至少 2 字');
    expect(w.events.some((e) => e.action === 'returnEntry')).toBe(false);
  });

  it('shows the 最佳 cap live (B5), the coverage gap (B4), the 样板 flag (B9) when grading below 最佳, and the server’s B9 warning', async () => {
    const w: World = {
      campaigns: [B],
      used: [],
      entries: [summaryOf({ _id: 'p1', branchId: 'b-cs-staff1', entrantName: '计算机学院教工第一党支部', title: '党建引领有组织科研' })],
      events: [],
    };
    w.reply = (ev) =>
      ev.action === 'grade'
        ? { ok: true, data: { status: 'approved', version: 3, repeated: false, warnings: [{ rule: 'B9', ok: false, severity: 'warn', path: '', message: '计算机学院教工第一党支部是样板党支部，创建周期内立项方案原则上应达到“最佳”（B9）' }] } }
        : undefined;
    serve(w);
    render(<UnitWorkbenchPage />);
    expect((await screen.findByTestId('cap-line')).textContent).toBe('最佳 2/2（约30%，B5） · 已满');
    expect((await screen.findByTestId('coverage-line')).textContent).toBe('7/8');
    expect(screen.getByTestId('coverage-panel').textContent).toContain('计算机学院研究生第二党支部');
    const card = (await screen.findAllByTestId('wb-entry'))[0];
    expect(within(card).getByTestId('model-badge').textContent).toBe('全国样板·第四批');

    fireEvent.click(within(card).getByTestId('wb-action-grade'));
    expect(screen.getByTestId('sheet-model').textContent).toBe('样板党支部：创建周期内原则上应达到“最佳”（B9）');
    expect(screen.getByTestId('sheet-choice-best').textContent).toBe('最佳 2/2（约30%，B5）');
    fireEvent.click(screen.getByTestId('sheet-choice-best'));
    expect(screen.getByTestId('sheet-cap-full')).toBeTruthy();
    fireEvent.click(screen.getByTestId('sheet-choice-good'));
    expect(screen.queryByTestId('sheet-cap-full')).toBeNull();
    expect(screen.getByTestId('sheet-b9').textContent).toContain('原则上应达到“最佳”（B9）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sheet-confirm'));
    });
    expect(w.events.find((e) => e.action === 'grade')).toEqual({ action: 'grade', id: 'p1', level: 'good', note: '' });
    expect(screen.getByTestId('action-notes').textContent).toContain('样板党支部');
  });

  it('preselects the campaign named in the link (e.g. from a reminder)', async () => {
    setRouterParams({ unitId: 'u-cs', campaignId: 'c-2026-b' });
    serve({ campaigns: [A, B], used: [], entries: [], events: [] });
    render(<UnitWorkbenchPage />);
    expect((await screen.findByTestId('campaign-picker-c-2026-b', {}, { timeout: 5000 })).dataset.selected).toBe('true');
    expect(await screen.findByTestId('caps-panel')).toBeTruthy();
  });

  it('links to the unit summary (B3) page', async () => {
    serve({ campaigns: [B], used: [], entries: [], events: [] });
    render(<UnitWorkbenchPage />);
    fireEvent.click(await screen.findByTestId('summary-link'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/workbench/summary/index?campaignId=c-2026-b&unitId=u-cs' } });
    expect(screen.getByTestId('summary-link').textContent).toContain('撰写本单位年度总结（B3）');
  });

  it('shows the empty state without campaigns, and the error with a retry', async () => {
    const w: World = { campaigns: [], used: [], entries: [], events: [] };
    serve(w);
    const { unmount } = render(<UnitWorkbenchPage />);
    expect((await screen.findByTestId('state-empty')).textContent).toContain('目前没有申报中或实施中的评选');
    unmount();
    let fail = true;
    w.reply = (ev) => (ev.action === 'list' && fail ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用' } : undefined);
    render(<UnitWorkbenchPage />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('服务暂时不可用');
    fail = false;
    w.campaigns = [A];
    w.entries = [aEntry('e1', '一')];
    await act(async () => {
      fireEvent.click(screen.getByText('重试'));
    });
    expect(await screen.findAllByTestId('wb-entry')).toHaveLength(1);
  });
});
