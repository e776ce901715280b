import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';
import { campaignKindSchema } from './notices';

/**
 * 成果储备库里的案例（A7、C1.6、E4）：评选结果公布时，由获奖且所在类别进入储备库的材料生成快照。
 * 快照与材料分开存：之后材料的实施记录再变，已公布的案例不变。
 */
export const caseSchema = z.object({
  _id: docIdSchema,
  entryId: docIdSchema,
  campaignId: docIdSchema,
  campaignTitle: z.string(),
  kind: campaignKindSchema,
  year: z.number().int(),
  unitId: docIdSchema,
  unitName: z.string(),
  entrantName: z.string(),
  levelKey: z.string(),
  levelLabel: z.string(),
  title: z.string(),
  /** 列表里显示的简介（第一段文字的开头） */
  summary: z.string(),
  sections: z.array(z.object({ title: z.string(), text: z.string() })),
  photos: z.array(z.object({ fileID: fileIdSchema, caption: z.string(), url: z.string().default('') })),
  video: z.object({ fileID: fileIdSchema, seconds: z.number(), url: z.string().default('') }).nullable(),
  publishedAt: instantSchema,
  status: z.enum(['published', 'hidden']),
});
export type Case = z.infer<typeof caseSchema>;

export const caseSummarySchema = caseSchema.pick({
  _id: true, campaignId: true, campaignTitle: true, kind: true, year: true, unitId: true, unitName: true, entrantName: true, levelKey: true, levelLabel: true, title: true, summary: true, publishedAt: true,
}).extend({ coverUrl: z.string().nullable(), photoCount: z.number().int() });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const casesContract = defineContract('cases', {
  /** 案例列表：按公布时间倒序，游标分页；可按年份、评选类型、单位、等级筛选 */
  list: action(
    z.object({
      year: z.number().int().min(2000).max(2100).optional(),
      kind: campaignKindSchema.optional(),
      unitId: docIdSchema.optional(),
      levelKey: z.string().max(32).optional(),
      /** 某一次评选（如“2021 年度基层党建工作创新奖”） */
      campaignId: docIdSchema.optional(),
      cursor: z.string().max(300).optional(),
      pageSize: z.number().int().min(1).max(30).default(10),
    }),
    z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable(), linksExpireAt: instantSchema }),
  ),
  /** 案例全文：照片与视频带临时链接（linksExpireAt 前有效，页面开着过了这个时刻要重新取） */
  get: action(z.object({ id: docIdSchema }), caseSchema.extend({ linksExpireAt: instantSchema })),
  /** 可按“评选”筛选的评选：储备库里有已公布案例的，年份新的在前（至多 100 个） */
  campaigns: action(
    z.object({}),
    z.object({ campaigns: z.array(z.object({ _id: docIdSchema, title: z.string(), year: z.number().int(), kind: campaignKindSchema })) }),
  ),
  /** 重新取列表封面的临时链接（页面开着超过有效期，或图片加载失败时） */
  covers: action(
    z.object({ ids: z.array(docIdSchema).min(1).max(100) }),
    z.object({ covers: z.record(docIdSchema, z.string().nullable()), linksExpireAt: instantSchema }),
  ),
});
