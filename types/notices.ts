import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';

/** 五份通知对应的评选类型（DOMAIN A–E） */
export const CAMPAIGN_KINDS = ['A', 'B', 'C', 'D', 'E'] as const;
export const campaignKindSchema = z.enum(CAMPAIGN_KINDS);
export type CampaignKind = z.infer<typeof campaignKindSchema>;
export const CAMPAIGN_KIND_LABELS: Record<(typeof CAMPAIGN_KINDS)[number], string> = {
  A: '基层党建工作创新奖',
  B: '基层党组织活动方案立项',
  C: '特色支部创建成果验收',
  D: '特色支部创建申报',
  E: '基层党建工作创新活动',
};

export const attachmentSchema = z.object({
  name: z.string().max(100),
  fileID: fileIdSchema,
  size: z.number().int().nonnegative(),
  /** 读通知时附上的临时下载链接（H5 打开用，1 小时有效）；存库时没有 */
  url: z.string().optional(),
});

export const noticeSummarySchema = z.object({
  _id: docIdSchema,
  title: z.string(),
  docNumber: z.string(),
  issuer: z.string(),
  issuedOn: z.string(), // 发文日期 YYYY-MM-DD
  publishedAt: instantSchema,
  kind: campaignKindSchema.nullable(),
  summary: z.string(),
});
export type NoticeSummary = z.infer<typeof noticeSummarySchema>;

export const noticeSchema = noticeSummarySchema.extend({
  body: z.string(),
  attachments: z.array(attachmentSchema),
});
export type Notice = z.infer<typeof noticeSchema>;

export const NOTICE_PAGE_SIZE_MAX = 20;

export const noticesContract = defineContract('notices', {
  /** 通知列表：按发布时间倒序，游标分页（从不一次读全部），可按标题搜索 */
  list: action(
    z.object({
      keyword: z.string().trim().max(30).optional(),
      cursor: z.string().max(200).optional(),
      pageSize: z.number().int().min(1).max(NOTICE_PAGE_SIZE_MAX).default(10),
    }),
    z.object({ items: z.array(noticeSummarySchema), nextCursor: z.string().nullable() }),
  ),
  get: action(z.object({ id: docIdSchema }), noticeSchema),
});
