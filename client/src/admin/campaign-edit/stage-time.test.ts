import { setDeviceTimeZone } from '@/test-support/timezone';
import { cstInstant, cstParts, displayTime, withCstDate, withCstTime } from './stage-time';

/** 各种本机时区下结果都一样：换算只经北京时间（+08:00），不经本机时区 */
const ZONES: [string, number][] = [
  ['UTC', 0],
  ['America/Los_Angeles', 480],
  ['Asia/Kolkata', -330],
  ['Pacific/Kiritimati', -840],
  ['Asia/Shanghai', -480],
];

describe('stage times are entered and shown in China Standard Time', () => {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());

  it.each(ZONES)('with the device in %s', (zone, offset) => {
    restore = setDeviceTimeZone(zone);
    expect(new Date('2027-11-30T12:00:00Z').getTimezoneOffset()).toBe(offset);
    expect(cstInstant('2027-11-30', '23:59')).toBe('2027-11-30T23:59:00+08:00');
    expect(cstParts('2027-11-30T15:59:59Z')).toEqual({ date: '2027-11-30', time: '23:59', seconds: '59' });
    // 只改日期保留原时刻（含秒）；只改时刻秒归零
    expect(withCstDate('2021-11-30T23:59:59+08:00', '2027-12-05')).toBe('2027-12-05T23:59:59+08:00');
    expect(withCstTime('2027-12-05T23:59:59+08:00', '17:00')).toBe('2027-12-05T17:00:00+08:00');
    // 北京时间的午夜前后：UTC 日期与北京日期不同
    expect(cstParts('2027-11-30T16:30:00Z').date).toBe('2027-12-01');
    expect(displayTime('2027-11-30T23:59:59+08:00')).toBe('23:59:59');
    expect(displayTime('2027-11-30T17:00:00+08:00')).toBe('17:00');
  });
});
