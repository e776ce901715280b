import { LINK_REFRESH_MARGIN_MS, linksStale } from './temp-links';

describe('linksStale: temporary links are renewed a little before they expire', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  it('is stale within the margin before expiry and after it; fresh before; never without a time', () => {
    expect(linksStale(new Date(now + LINK_REFRESH_MARGIN_MS + 1000).toISOString(), now)).toBe(false);
    expect(linksStale(new Date(now + LINK_REFRESH_MARGIN_MS - 1000).toISOString(), now)).toBe(true);
    expect(linksStale('2026-11-28T17:59:00+08:00', now)).toBe(true); // 已过期（北京时间写法）
    expect(linksStale(null, now)).toBe(false);
    expect(linksStale('not a time', now)).toBe(false);
  });
});
