/** 通知正文是纯文本，段落之间空一行；段内的单个换行保留（页面用 pre-wrap 显示） */
export function toParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

/** 公文的一级、二级小标题（“一、评选范围”“（二）申报材料”）：短段落，加粗显示便于扫读 */
export function isHeading(paragraph: string): boolean {
  return paragraph.length <= 30 && /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(paragraph) && !/[。；]$/.test(paragraph);
}
