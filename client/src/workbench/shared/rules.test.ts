import { campaignA2027 } from '../../test-support/campaign-fixtures';
import { bCampaign } from './fixtures';
import { capLine, daysUntil, defaultCorrectionDate, endOfCstDay, quotaLine, quotaWarning, sizeTiersText, stageState, statusesOf, unitActionsFor, unitStageState, decideCapLine } from './rules';

describe('workbench rules', () => {
  const a = campaignA2027().tracks[0];
  const b = bCampaign().tracks[0];

  it('offers the unit its recommend-track actions by status (A3): recommend/return when submitted, cancel/return when recommended', () => {
    expect(unitActionsFor(a, 'submitted')).toEqual(['returnEntry', 'recommend']);
    expect(unitActionsFor(a, 'recommended')).toEqual(['returnEntry', 'unrecommend']);
    expect(unitActionsFor(a, 'screened')).toEqual([]);
  });

  it('offers grading (B5), inspection (B8) and closing acceptance (B2) on a 立项 track', () => {
    expect(unitActionsFor(b, 'submitted')).toEqual(['returnEntry', 'grade']);
    expect(unitActionsFor(b, 'approved')).toEqual(['grade']);
    expect(unitActionsFor(b, 'inProgress')).toEqual(['inspect']);
    expect(unitActionsFor(b, 'closingSubmitted')).toEqual(['returnClosing', 'accept']);
  });

  it('lists the filterable statuses of a track in lifecycle order, without drafts', () => {
    expect(statusesOf(b)).toEqual(['submitted', 'returned', 'withdrawn', 'approved', 'inProgress', 'closingSubmitted', 'accepted']);
    expect(statusesOf(a, 'unit')).toEqual(['submitted', 'returned', 'recommended']);
    expect(statusesOf(b, 'unit')).toEqual(['submitted', 'returned', 'approved', 'inProgress', 'closingSubmitted', 'accepted']);
    expect(statusesOf(a)).not.toContain('draft');
    expect(statusesOf(a)).toContain('correctionRequested');
  });

  it('says the quota and its warnings: full at the maximum (A3), short of the minimum (E3), size tiers (D5)', () => {
    expect(quotaLine({ used: 1, max: 1, min: 0 }, 'A3')).toBe('已推荐 1/1 项（A3）');
    expect(quotaWarning({ used: 1, max: 1, min: 0 }, 'A3')).toEqual({ tone: 'full', text: '名额已满（A3）：再推荐须先取消一项' });
    expect(quotaLine({ used: 1, max: null, min: 2 }, 'E3')).toBe('已推荐 1 项，至少 2 项（E3）');
    expect(quotaWarning({ used: 1, max: null, min: 2 }, 'E3')).toEqual({ tone: 'short', text: '至少推荐 2 项（E3），还差 1 项' });
    expect(quotaWarning({ used: 0, max: 2, min: 0 }, 'D5').tone).toBe('ok');
    expect(sizeTiersText({ quota: { ...a.quota, maxBySize: [{ minBranches: 0, max: 1 }, { minBranches: 10, max: 2 }] } })).toBe('支部 ≥ 10 个：2 项；其余：1 项');
    expect(sizeTiersText(a)).toBeNull();
  });

  it('writes the department’s decide cap by the ranked count, rounded, at least 1', () => {
    expect(decideCapLine({ label: '一等奖', capPercent: 30 }, 1, 10)).toBe('一等奖 1/3（约30%）');
    expect(decideCapLine({ label: '一等奖', capPercent: 30 }, 0, 1)).toBe('一等奖 0/1（约30%）');
    expect(decideCapLine({ label: '未获奖', capPercent: null }, 4, 10)).toBe('未获奖');
  });

  it('writes the B5 cap as “最佳 2/3（约30%，B5）”', () => {
    expect(capLine({ label: '最佳', used: 2, cap: 3 }, 30)).toBe('最佳 2/3（约30%，B5）');
    expect(capLine({ label: '优秀', used: 4, cap: null }, null)).toBe('优秀 4');
  });

  it('computes the A8 correction deadline in China Standard Time whatever the device zone', () => {
    // 2026-12-05 23:30 北京时间 = 15:30Z：默认 7 天后是 12-12，截止到当天 23:59:59 北京时间
    const now = new Date('2026-12-05T15:30:00Z');
    expect(defaultCorrectionDate(now, 7)).toBe('2026-12-12');
    expect(endOfCstDay('2026-12-12')).toBe('2026-12-12T23:59:59+08:00');
    expect(daysUntil('2026-12-12', now)).toBe(7);
    expect(daysUntil('2026-12-05', now)).toBe(0);
    expect(daysUntil('2026-12-04', now)).toBe(-1);
    // 北京时间已过零点（16:30Z = 次日 00:30）：今天变成 12-06
    expect(defaultCorrectionDate(new Date('2026-12-05T16:30:00Z'), 0)).toBe('2026-12-06');
  });

  it('tells the unit which of its stages is running: review, then execution (B8), then closing (B2)', () => {
    const c = bCampaign();
    expect(unitStageState(c, b, new Date('2026-03-10T02:00:00Z'))?.text).toBe('分党委评审立项进行中，至 03-31 23:59（北京时间）');
    expect(unitStageState(c, b, new Date('2026-11-20T02:00:00Z'))?.text).toBe('方案实施进行中，至 12-31 23:59（北京时间）');
    expect(unitStageState(c, b, new Date('2027-04-20T02:00:00Z'))).toEqual({ open: false, text: '分党委评审立项已于 03-31 23:59 截止' });
  });

  it('describes whether the unit review stage is open, not yet open or over (CST)', () => {
    const c = campaignA2027();
    expect(stageState(c, 'unitReview', 'case', new Date('2027-11-20T02:00:00Z'))).toEqual({ open: true, text: '分党委审查推荐进行中，至 11-30 23:59（北京时间）' });
    expect(stageState(c, 'unitReview', 'case', new Date('2027-12-01T02:00:00Z'))?.open).toBe(false);
    expect(stageState(c, 'unitReview', 'case', new Date('2027-10-01T02:00:00Z'))?.text).toBe('分党委审查推荐未开始，10-26 00:00 起');
  });
});
