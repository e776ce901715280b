import type { EntryContent, RedactedField } from '../../../types';

/**
 * 匿名函评（C1.5，pipeline.review.anonymous）给评委的材料：隐去“是谁报的”。
 *
 * 隐去（REDACTED_FIELDS）：申报主体与单位名称（不返回）；盖章扫描件（公章即单位名）；支撑材料的原文件名
 * （常含单位名，改为“支撑材料 1.pdf”等）；联合申报的支部；办理记录（本来就不给评委）。
 * 另外，申报方常在标题、正文、照片说明里写上自己的名字（“计算机学院教工第一党支部围绕……”）：
 * 这些地方出现的本单位、本支部名称（全称与去掉“党委”“党支部”等后缀的简称）替换为“〔已隐去〕”。
 * 无法识别的别称（如自造的缩写）替换不了——组织部初审时可要求补正。
 * 照片、视频本身照常给：它们是评审的对象；文件的云端路径是随机名，不含单位信息。
 */
export const MASK = '〔已隐去〕';

const SUFFIXES = ['直属党总支', '分党委', '党总支', '党委', '党支部', '支部'];

/** 一个组织名称的写法：全称，及去掉常见后缀的简称（至少 2 个字才用，免得误伤常用词） */
export function nameVariants(name: string): string[] {
  const out = new Set<string>();
  const full = name.trim();
  if (full.length >= 2) out.add(full);
  for (const s of SUFFIXES) {
    if (full.endsWith(s) && full.length - s.length >= 2) out.add(full.slice(0, -s.length));
  }
  return [...out];
}

/** 把文字里的这些名称替换掉：长的先换（“计算机学院教工第一党支部”先于“计算机学院”） */
export function maskNames(text: string, names: readonly string[]): string {
  const variants = [...new Set(names.flatMap(nameVariants))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of variants) out = out.split(v).join(MASK);
  return out;
}

export function redactForReviewer(content: EntryContent, anonymous: boolean, names: readonly string[]): { content: EntryContent; redacted: RedactedField[] } {
  if (!anonymous) return { content, redacted: ['history'] };
  const mask = (t: string) => maskNames(t, names);
  const masked: EntryContent = {
    ...content,
    title: mask(content.title),
    sections: Object.fromEntries(Object.entries(content.sections).map(([k, v]) => [k, mask(v)])),
    choices: Object.fromEntries(Object.entries(content.choices).map(([k, v]) => [k, mask(v)])),
    photos: Object.fromEntries(Object.entries(content.photos).map(([k, list]) => [k, list.map((p) => ({ ...p, caption: mask(p.caption) }))])),
    stampedScan: null,
    documents: content.documents.map((d, i) => ({ ...d, name: `支撑材料 ${i + 1}${/\.[A-Za-z0-9]{1,5}$/.exec(d.name)?.[0] ?? ''}` })),
    partnerBranchIds: [],
  };
  return { content: masked, redacted: ['entrant', 'textMentions', 'stampedScan', 'documentNames', 'partners', 'history'] };
}
