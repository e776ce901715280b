import { countZi, mentionsPart } from './zi';

describe('countZi matches Word 字数 (A5, B3, C1 limits are counted with it)', () => {
  it.each([
    ['', 0],
    ['党建', 2],
    ['党建工作创新奖。', 8],
    ['“两学一做”学习教育', 10],
    ['《中国共产党纪律处分条例》', 13],
    ['2021年11月30日', 6], // 2021 · 年 · 11 · 月 · 30 · 日
    ['COVID-19 防控', 3],
    ['Word 2019', 2],
    ['3.5% 的党员', 4],
    ['a - b', 3],
    ['第一，第二；第三！', 9],
    ['全角ＡＢＣ１２３', 8],
    ['一\n二\t三　四 五', 5],
    ['We党微家', 4],
    ['……——', 4],
    ['𠀀字', 2], // 扩展 B 汉字是一个码点、计 1
  ])('%j counts %d', (text, want) => {
    expect(countZi(text)).toBe(want);
  });

  it('counts a 300-字 A5 简介 exactly at the limit and one over', () => {
    const at = '党'.repeat(299) + '。';
    expect(countZi(at)).toBe(300);
    expect(countZi(at + '好')).toBe(301);
  });

  it('finds required parts regardless of spacing (A5 简介: 工作内容、创新要点、突出成效)', () => {
    expect(mentionsPart('一、工作 内容：……', '工作内容')).toBe(true);
    expect(mentionsPart('创新点在于', '创新要点')).toBe(false);
  });
});
