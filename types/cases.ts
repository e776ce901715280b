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
      cursor: z.string().max(300).optional(),
      pageSize: z.number().int().min(1).max(30).default(10),
    }),
    z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable() }),
  ),
  /** 案例全文：照片与视频带临时链接 */
  get: action(z.object({ id: docIdSchema }), caseSchema),
});
