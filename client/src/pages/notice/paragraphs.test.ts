import { isHeading, toParagraphs } from './paragraphs';

describe('notice body paragraphs', () => {
  it('splits on blank lines (also Windows line ends and blank lines holding spaces) and keeps single line breaks', () => {
    expect(toParagraphs('甲\r\n\r\n乙\n丙\n \n\n丁\n')).toEqual(['甲', '乙\n丙', '丁']);
  });
  it('keeps the full-width indent that official documents start paragraphs with', () => {
    expect(toParagraphs('\u3000\u3000为深入贯彻……\n\n二')).toEqual(['\u3000\u3000为深入贯彻……', '二']);
  });
  it('recognises the numbered headings of an official notice', () => {
    expect(isHeading('一、评选范围')).toBe(true);
    expect(isHeading('（二）申报材料')).toBe(true);
    expect(isHeading('一、各基层党组织要高度重视，认真组织申报。')).toBe(false);
    expect(isHeading('各分党委（直属党总支）：')).toBe(false);
  });
});
