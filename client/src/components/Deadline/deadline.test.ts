import { describeDeadline } from './deadline';

/** 截止时间的说法：北京时间显示，剩余时间分档，不足 24 小时（含逾期）标红 */
describe('describeDeadline', () => {
  const now = new Date('2026-11-21T09:00:00+08:00');
  const at = (iso: string) => describeDeadline(iso, now);

  it('shows the deadline in CST whatever the offset it was written in', () => {
    expect(at('2026-11-30T09:00:00Z').at).toBe('2026-11-30 17:00');
  });

  it('counts days and hours, hours and minutes, then minutes', () => {
    expect(at('2026-11-24T14:30:00+08:00').remaining).toBe('剩 3 天 5 小时');
    expect(at('2026-11-23T09:00:00+08:00').remaining).toBe('剩 2 天');
    expect(at('2026-11-21T14:20:00+08:00').remaining).toBe('剩 5 小时 20 分');
    expect(at('2026-11-21T11:00:00+08:00').remaining).toBe('剩 2 小时');
    expect(at('2026-11-21T09:15:30+08:00').remaining).toBe('剩 15 分钟');
    expect(at('2026-11-21T09:00:20+08:00').remaining).toBe('剩 1 分钟');
  });

  it('is urgent under 24 hours and once overdue, not at exactly 24 hours', () => {
    expect(at('2026-11-22T09:00:00+08:00')).toMatchObject({ urgent: false, overdue: false });
    expect(at('2026-11-22T08:59:00+08:00')).toMatchObject({ urgent: true, overdue: false, remaining: '剩 23 小时 59 分' });
    expect(at('2026-11-21T09:00:00+08:00')).toMatchObject({ urgent: true, overdue: true, remaining: '已逾期' });
    expect(at('2026-11-20T17:00:00+08:00').remaining).toBe('已逾期');
  });
});
