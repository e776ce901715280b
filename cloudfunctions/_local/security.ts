import type { ContentSecurity, TextCheck } from '../_lib/ports';

/**
 * 内容安全的本地对应：关键词表，回复形状与 msgSecCheck v2 相同（suggest + label）。
 * 只用于本地演示与测试；生产以微信的判定为准。
 */
const KEYWORDS: { words: string[]; label: number }[] = [
  { words: ['赌博', '博彩', '代开发票', '枪支弹药'], label: 20006 },
  { words: ['色情', '裸聊'], label: 20002 },
  { words: ['辱骂', '傻逼'], label: 20004 },
];

let mediaCheckCounter = 0;

export const keywordContentSecurity: ContentSecurity = {
  /** 本地没有媒体审核服务：返回与微信同形的 traceId，结论视为通过（见 README 本地模式说明） */
  async submitMediaCheck({ mediaType }) {
    mediaCheckCounter += 1;
    return { traceId: `local-media-${mediaType}-${Date.now().toString(36)}-${mediaCheckCounter}` };
  },
  async checkText({ content }): Promise<TextCheck> {
    for (const { words, label } of KEYWORDS) {
      if (words.some((w) => content.includes(w))) return { suggest: 'risky', label };
    }
    return { suggest: 'pass', label: 100 };
  },
};
