import { setDeviceTimeZone } from '@/test-support/timezone';
import { campaignBadge, remainingText } from './campaign-badge';

/** 北京时间的墙上时间 → 时刻（测试里直接写 +08:00，不经本机时区） */
const at = (wall: string, ms = 0) => new Date(Date.parse(`${wall.replace(' ', 'T')}+08:00`) + ms);

/** 2026 创新奖（演示数据）：10-26 起申报，11-30 23:59:59 截止；2027-01-01 起公布 */
const A2026 = {
  stages: [
    { key: 'submission' as const, startsAt: '2026-10-26T00:00:00+08:00', endsAt: '2026-11-30T23:59:59+08:00' },
    { key: 'unitReview' as const, startsAt: '2026-10-26T00:00:00+08:00', endsAt: '2026-11-30T23:59:59+08:00' },
    { key: 'screening' as const, startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-20T23:59:59+08:00' },
    { key: 'publication' as const, startsAt: '2027-01-01T00:00:00+08:00', endsAt: '2027-12-31T23:59:59+08:00' },
  ],
};

/** 2026 支部立项：支部 3-31 截止，分党委总结（B3）4-01 17:00 截止；之后实施到年底 */
const B2026 = {
  stages: [
    { key: 'submission' as const, startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T23:59:59+08:00' },
    { key: 'submission' as const, startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T17:00:00+08:00' },
    { key: 'execution' as const, startsAt: '2026-04-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00' },
    { key: 'closing' as const, startsAt: '2027-01-01T00:00:00+08:00', endsAt: '2027-03-10T23:59:59+08:00' },
  ],
};

const show = (c: typeof A2026 | typeof B2026, now: Date) => {
  const b = campaignBadge(c, now);
  return b ? [b.label, b.detail] : null;
};

/** 各种本机时区下结果都一样（含有夏令时的、日期线两侧的） */
const ZONES: [string, number][] = [
  ['UTC', 0],
  ['America/New_York', 300],
  ['Asia/Kolkata', -330],
  ['Pacific/Kiritimati', -840],
  ['Pacific/Pago_Pago', 660],
  ['Asia/Shanghai', -480],
];

describe('campaign badge on the 通知 tab (CST, exact to the second)', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  describe.each(ZONES)('with the device in %s', (zone, offset) => {
    beforeEach(() => {
      restore = setDeviceTimeZone(zone);
      // 时区确实切换了：否则下面的断言在任何时区都会“通过”，测试就空了
      expect(new Date('2026-11-30T12:00:00Z').getTimezoneOffset()).toBe(offset);
    });

    it('is 未开始 before the submission stage opens, and 报名中 from its first second', () => {
      expect(show(A2026, at('2026-10-25 23:59:59', 999))).toEqual(['未开始', '2026-10-26 00:00 开始']);
      expect(show(A2026, at('2026-10-26 00:00:00'))).toEqual(['报名中', '2026-11-30 23:59 截止']);
    });

    it('is 报名中 while more than 3 days are left and 即将截止 from exactly 3 days before the close', () => {
      // 截止在 11-30 23:59:59 这一秒之后，即 12-01 00:00:00 起关闭
      expect(show(A2026, at('2026-11-27 23:59:59'))).toEqual(['报名中', '2026-11-30 23:59 截止']);
      expect(show(A2026, at('2026-11-27 23:59:59', 999))).toEqual(['报名中', '2026-11-30 23:59 截止']);
      expect(show(A2026, at('2026-11-28 00:00:00'))).toEqual(['即将截止', '还剩 3 天']);
      expect(show(A2026, at('2026-11-28 18:59:59'))).toEqual(['即将截止', '还剩 2 天 5 小时']);
      expect(show(A2026, at('2026-11-30 20:30:00'))).toEqual(['即将截止', '还剩 3 小时']);
      expect(show(A2026, at('2026-11-30 23:35:00'))).toEqual(['即将截止', '还剩 25 分钟']);
    });

    it('is still open during the last second and 已截止 from the next one', () => {
      expect(show(A2026, at('2026-11-30 23:59:59'))).toEqual(['即将截止', '还剩不到 1 分钟']);
      expect(show(A2026, at('2026-11-30 23:59:59', 999))).toEqual(['即将截止', '还剩不到 1 分钟']);
      expect(show(A2026, at('2026-12-01 00:00:00'))).toEqual(['已截止', '2026-11-30 23:59 截止']);
    });

    it('is 结果已公布 from the first second of the publication stage', () => {
      expect(show(A2026, at('2026-12-31 23:59:59', 999))).toEqual(['已截止', '2026-11-30 23:59 截止']);
      expect(show(A2026, at('2027-01-01 00:00:00'))).toEqual(['结果已公布', '']);
    });

    it('counts down to the nearest of several submission deadlines (branches 3-31, unit summaries 4-01 17:00, B3)', () => {
      expect(show(B2026, at('2026-03-31 12:00:00'))).toEqual(['即将截止', '还剩 12 小时']);
      expect(show(B2026, at('2026-04-01 00:00:00'))).toEqual(['即将截止', '还剩 17 小时']);
      expect(show(B2026, at('2026-04-01 17:00:00'))).toEqual(['即将截止', '还剩不到 1 分钟']);
      // 申报都已截止、正在实施：实施中；实施结束后：已截止（最后一个截止时刻）
      expect(show(B2026, at('2026-04-01 17:00:01'))).toEqual(['实施中', '']);
      expect(show(B2026, at('2027-01-01 00:00:00'))).toEqual(['已截止', '2026-04-01 17:00 截止']);
    });
  });

  it('shows no badge for a campaign without a submission stage', () => {
    expect(campaignBadge({ stages: [{ key: 'execution', startsAt: '2026-04-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00' }] }, at('2026-05-01 00:00:00'))).toBeNull();
  });

  it('words the remaining time rounding down', () => {
    const H = 3_600_000;
    expect(remainingText(3 * 24 * H)).toBe('还剩 3 天');
    expect(remainingText(2 * 24 * H + 5 * H + 59 * 60_000)).toBe('还剩 2 天 5 小时');
    expect(remainingText(24 * H - 1)).toBe('还剩 23 小时');
    expect(remainingText(H)).toBe('还剩 1 小时');
    expect(remainingText(H - 1)).toBe('还剩 59 分钟');
    expect(remainingText(60_000)).toBe('还剩 1 分钟');
    expect(remainingText(59_999)).toBe('还剩不到 1 分钟');
  });
});
