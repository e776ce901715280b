/**
 * 字数统计：与 Word「字数统计」对话框中的「字数」一致，通知里的“不超过 300 字”等按它计。
 *
 * 规则（服务端校验与客户端计数器共用这一个函数）：
 * 1. 每个汉字计 1（含扩展区、兼容汉字），日文假名、朝鲜文音节同样各计 1；
 * 2. 每个全角标点或全角字符计 1：，。、；：？！“”‘’（）《》【】—…·　以外的 CJK 标点区
 *    （U+3001–U+303F）、全角 ASCII（U+FF01–U+FF5E，含全角字母数字）、全角符号（U+FFE0–U+FFE6）、
 *    以及中文里常用的弯引号、破折号、省略号、间隔号（U+2018–U+201F、U+2014、U+2015、U+2026、U+00B7）；
 * 3. 半角字母、数字与半角符号按“词”计：不含空白与上面两类字符的一段连续字符计 1，
 *    所以 “2021” 计 1、“COVID-19” 计 1、“3.5%” 计 1、“Word 2019” 计 2；单独一个半角符号也计 1；
 * 4. 空白（空格、全角空格 U+3000、换行、制表符）不计。
 */
export function countZi(text: string): number {
  let count = 0;
  let inWord = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isSpace(cp)) {
      inWord = false;
    } else if (isAsianChar(cp) || isFullWidthPunct(cp)) {
      count += 1;
      inWord = false;
    } else if (!inWord) {
      count += 1;
      inWord = true;
    }
  }
  return count;
}

function isSpace(cp: number): boolean {
  return cp === 0x3000 || cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0xa0 || cp === 0x2028 || cp === 0x2029 || (cp >= 0x2000 && cp <= 0x200b) || cp === 0xfeff;
}

function isAsianChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK 统一汉字
    (cp >= 0x3400 && cp <= 0x4dbf) || // 扩展 A
    (cp >= 0x20000 && cp <= 0x3134f) || // 扩展 B–G
    (cp >= 0xf900 && cp <= 0xfaff) || // 兼容汉字
    (cp >= 0x3040 && cp <= 0x30ff) || // 假名
    (cp >= 0xac00 && cp <= 0xd7af) || // 朝鲜文音节
    cp === 0x3007 // 〇
  );
}

function isFullWidthPunct(cp: number): boolean {
  return (
    (cp >= 0x3001 && cp <= 0x303f) ||
    (cp >= 0xff01 && cp <= 0xff5e) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x2018 && cp <= 0x201f) ||
    cp === 0x2014 ||
    cp === 0x2015 ||
    cp === 0x2026 ||
    cp === 0x00b7 ||
    (cp >= 0xfe30 && cp <= 0xfe4f) // 竖排/CJK 兼容标点
  );
}

/** 一段文字里是否写到了某个要点（A5 简介须写明工作内容、创新要点、突出成效）：忽略空白后包含要点名称 */
export function mentionsPart(text: string, part: string): boolean {
  return text.replace(/\s+/g, '').includes(part.replace(/\s+/g, ''));
}
