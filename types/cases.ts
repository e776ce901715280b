import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';
import { campaignKindSchema } from './notices';
import { countZi } from './zi';

/** 案例题目、列表简介、每段正文、照片说明的字数上限（按 countZi 计）。
 * 简介取 120 字：列表卡片上约三行，比 A5 申报时的“案例简介 300 字”短，因为它只是储备库列表的导语；
 * 正文每段沿用 A5 正文的 2000 字；照片说明 20 字（A5）。 */
export const CASE_LIMITS = { title: 60, summary: 120, sectionText: 2000, caption: 20, photos: 30 } as const;
const ziMax = (max: number, label: string) => z.string().refine((s) => countZi(s) <= max, { message: `${label}不超过 ${max} 字` });

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
  /** 草稿时为评选结果公布的时刻；组织部发布到储备库时改为发布时刻 */
  publishedAt: instantSchema,
  /** draft：结果公布时生成、待组织部编辑后发布（A7）；published：储备库可见；hidden：撤下 */
  status: z.enum(['draft', 'published', 'hidden']),
  /** 组织部编辑的乐观并发版本号（早于编辑流程的记录按 0 计） */
  version: z.number().int().min(0).default(0),
});
export type Case = z.infer<typeof caseSchema>;

export const caseSummarySchema = caseSchema.pick({
  _id: true, campaignId: true, campaignTitle: true, kind: true, year: true, unitId: true, unitName: true, entrantName: true, levelKey: true, levelLabel: true, title: true, summary: true, publishedAt: true,
}).extend({ coverUrl: z.string().nullable(), photoCount: z.number().int() });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseStatusLabels: Record<Case['status'], string> = { draft: '待发布', published: '已发布', hidden: '已撤下' };

/** 组织部编辑案例时可改的内容：照片只能从快照里已有的照片中选取、排序（第一张为封面） */
export const caseEditSchema = z.strictObject({
  title: ziMax(CASE_LIMITS.title, '题目').refine((s) => s.trim().length > 0, { message: '题目不能为空' }),
  summary: ziMax(CASE_LIMITS.summary, '简介'),
  sections: z.array(z.strictObject({ title: z.string().max(40), text: ziMax(CASE_LIMITS.sectionText, '每段正文') })).max(12),
  photos: z.array(z.strictObject({ fileID: fileIdSchema, caption: ziMax(CASE_LIMITS.caption, '照片说明') })).max(CASE_LIMITS.photos),
});
export type CaseEdit = z.infer<typeof caseEditSchema>;

/** 组织部编辑页用：案例全文 + 快照里全部可选的照片（含未选用的） */
export const caseForEditSchema = caseSchema.extend({
  linksExpireAt: instantSchema,
  /** 结果公布时快照里的全部照片（编辑时可重新选用），带临时链接 */
  availablePhotos: z.array(z.object({ fileID: fileIdSchema, caption: z.string(), url: z.string() })),
});

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
  /** 组织部：待发布（draft）与已撤下（hidden）的案例，按结果公布时刻倒序，游标分页 */
  drafts: action(
    z.object({ status: z.enum(['draft', 'hidden']).optional(), cursor: z.string().max(300).optional(), pageSize: z.number().int().min(1).max(30).default(20) }),
    z.object({ items: z.array(caseSummarySchema.extend({ status: z.enum(['draft', 'published', 'hidden']), version: z.number().int() })), nextCursor: z.string().nullable(), linksExpireAt: instantSchema }),
  ),
  /** 组织部：取一个案例（任何状态）来编辑 */
  getForEdit: action(z.object({ id: docIdSchema }), caseForEditSchema),
  /** 组织部：保存编辑（题目、简介、正文各段、照片选用/顺序/说明，第一张为封面）；版本不符 CONFLICT */
  saveEdit: action(z.object({ id: docIdSchema, expectedVersion: z.number().int().min(0), edit: caseEditSchema }), z.object({ _id: docIdSchema, version: z.number().int() })),
  /** 组织部：发布到储备库（draft/hidden → published，记发布时刻）；已发布的再发布原样返回 */
  publish: action(z.object({ id: docIdSchema, expectedVersion: z.number().int().min(0) }), z.object({ _id: docIdSchema, version: z.number().int(), publishedAt: instantSchema, repeated: z.boolean() })),
  /** 组织部：从储备库撤下（published → hidden）；已撤下的再撤下原样返回 */
  hide: action(z.object({ id: docIdSchema }), z.object({ _id: docIdSchema, version: z.number().int(), repeated: z.boolean() })),
  /** 组织部：恢复撤下的案例（hidden → published，保留原发布时刻） */
  unhide: action(z.object({ id: docIdSchema }), z.object({ _id: docIdSchema, version: z.number().int(), repeated: z.boolean() })),
});
