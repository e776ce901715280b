import { formatCst, parseCst, toCstIso } from './time';

// 截止时间一律按北京时间计算（DOMAIN 共性：deadlines are CST），与进程 TZ 无关
describe('China Standard Time helpers', () => {
  it('parses a CST wall time into the right instant (A4 deadline 2021-11-30)', () => {
    expect(parseCst('2021-11-30 23:59:59').toISOString()).toBe('2021-11-30T15:59:59.000Z');
    expect(parseCst('2022-04-01 17:00').toISOString()).toBe('2022-04-01T09:00:00.000Z'); // B3 04-01 17:00
    expect(parseCst('2024-05-06').toISOString()).toBe('2024-05-05T16:00:00.000Z');
  });
  it('formats an instant in CST with the +08:00 offset', () => {
    expect(toCstIso(new Date('2021-10-26T01:00:00Z'))).toBe('2021-10-26T09:00:00+08:00');
    expect(formatCst(new Date('2021-11-30T15:59:59Z'), 'YYYY-MM-DD HH:mm:ss')).toBe('2021-11-30 23:59:59');
  });
  it('rejects an unreadable wall time', () => {
    expect(() => parseCst('2021-13-40')).toThrow('无法识别');
  });
});
