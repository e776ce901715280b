import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Notice } from '../../../types';

type CampaignKind = NonNullable<Notice['kind']>;

/**
 * 五份原始通知（DOMAIN 表格，A–E）。正文取自 notices/*.txt（seeds 的原样副本），
 * 只做版式上的规整，不改动文字内容：
 * - 去掉版头（“中共东北大学委员会组织部文件”）、文号行、标题行——它们分别进了 docNumber / title 字段；
 * - 每段去掉首尾空白（含全角缩进 U+3000），段与段之间用一个空行 '\n\n' 分隔；
 * - PDF 分页把一段话拆成两段（如“……创造性” / “解决问题……”）：上一段既不以句末标点结尾、
 *   又不是标题（“一、”“（一）”“附件：”、落款）时，与下一段接回；
 * - 去掉 PDF 转换留下的 Markdown 粗体记号 **…**；
 * - 两个汉字（或全角标点）之间的多余空格删去（“工作 创新奖” → “工作创新奖”），
 *   汉字与拉丁字母/数字之间的空格保留（“2021 年度”“We 党微家”合乎中文排版习惯）。
 * 附件清单（“附件：……”）与落款、日期都保留在正文里。
 */
interface NoticeSource {
  _id: string;
  file: string;
  kind: CampaignKind;
  /** 通知未写日期时使用（仅 E） */
  fallbackIssuedOn?: string;
}

const SOURCES: NoticeSource[] = [
  { _id: 'n-2021-53', file: '000_e8f6fe71a25d61a2.txt', kind: 'A' },
  { _id: 'n-2022-5', file: '001_790835e522af9ef0.txt', kind: 'B' },
  { _id: 'n-2021-8', file: '002_901603d69f384f58.txt', kind: 'C' },
  { _id: 'n-2024-64', file: '003_76d091431b20714f.txt', kind: 'D' },
  // E 通知原文没有文号也没有落款日期；文中“在学校庆祝建党93周年暨表彰大会上进行表彰”，
  // 建党 93 周年即 2014 年，活动 4 月初开始，故按 2014-04-01 记发文日期（推定，非原文所载）。
  { _id: 'n-2014-e', file: '004_6d5033645c6035c6.txt', kind: 'E', fallbackIssuedOn: '2014-04-01' },
];

export const NOTICE_ISSUER = '中共东北大学委员会组织部';
const MASTHEAD = `${NOTICE_ISSUER}文件`;
const SUMMARY_MAX = 80;

const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef';
const CJK_GAP = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[${CJK}])`, 'g');
/** 一段文字以这些字符结尾，视为自然结束，不与下一段拼接 */
const PARAGRAPH_END = /[。！？：；:;）)》”」】…]$/;
/** 标题行不以标点结尾也不与下一段拼接：一、评选范围 / （一）活动开展：4月初—5月下旬 / 附件：…… */
const HEADING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件[：:])/;
const DOC_NUMBER = /东大组字〔\d{4}〕\d+号/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

export function tidySpacing(s: string): string {
  return s.replace(CJK_GAP, '$1');
}

export interface ParsedNotice {
  title: string;
  docNumber: string;
  issuedOn: string | null;
  paragraphs: string[];
}

/** 把一份通知的纯文本拆成标题、文号、日期与正文段落 */
export function parseNoticeText(raw: string): ParsedNotice {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l.length > 0);

  const titleIndex = lines.findIndex((l) => l.startsWith('关于') && l.endsWith('通知'));
  if (titleIndex < 0) throw new Error('通知缺少标题行');
  const header = lines.slice(0, titleIndex);
  const docLine = header.find((l) => DOC_NUMBER.test(l));
  const stray = header.filter((l) => l !== MASTHEAD && l !== docLine);
  if (stray.length) throw new Error(`通知版头含未识别内容：${stray.join(' / ')}`);

  const paragraphs: string[] = [];
  for (const line of lines.slice(titleIndex + 1)) {
    const text = tidySpacing(line.replace(/\*\*/g, ''));
    const prev = paragraphs[paragraphs.length - 1];
    if (prev !== undefined && !PARAGRAPH_END.test(prev) && !HEADING.test(prev) && prev !== NOTICE_ISSUER) {
      paragraphs[paragraphs.length - 1] = tidySpacing(prev + text); // 分页处断开的同一段
    } else {
      paragraphs.push(text);
    }
  }

  const last = paragraphs[paragraphs.length - 1] ?? '';
  const date = DATE_LINE.exec(last);
  return {
    title: tidySpacing(lines[titleIndex]),
    docNumber: docLine ? (DOC_NUMBER.exec(docLine)?.[0] ?? '') : '',
    issuedOn: date ? `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}` : null,
    paragraphs,
  };
}

/**
 * 摘要：主送单位之后第一段的第一句话（到“。”或“：”为止）；超过 80 字时
 * 在不超过 79 字的最后一个逗号/顿号处截断并加“…”。
 */
export function summarize(paragraphs: string[]): string {
  const start = paragraphs.findIndex((p) => /^各.*：$/.test(p)); // 主送：各分党委（直属党总支）：
  const first = paragraphs[start + 1] ?? paragraphs[0] ?? '';
  const end = first.search(/[。：]/);
  const sentence = end >= 0 ? first.slice(0, end + 1) : first;
  if (sentence.length <= SUMMARY_MAX) return sentence;
  const head = sentence.slice(0, SUMMARY_MAX - 1);
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf('、'), head.lastIndexOf('；'));
  return `${cut > 0 ? head.slice(0, cut) : head}…`;
}

export function buildNotices(dir = path.join(__dirname, 'notices')): Notice[] {
  return SOURCES.map((src) => {
    const parsed = parseNoticeText(readFileSync(path.join(dir, src.file), 'utf8'));
    const issuedOn = parsed.issuedOn ?? src.fallbackIssuedOn;
    if (!issuedOn) throw new Error(`通知 ${src.file} 缺少发文日期`);
    return {
      _id: src._id,
      title: parsed.title,
      docNumber: parsed.docNumber,
      issuer: NOTICE_ISSUER,
      issuedOn,
      publishedAt: `${issuedOn}T09:00:00+08:00`,
      kind: src.kind,
      summary: summarize(parsed.paragraphs),
      body: parsed.paragraphs.join('\n\n'),
      attachments: [],
    };
  });
}
