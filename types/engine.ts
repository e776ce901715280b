import { z } from 'zod';
import { campaignBodySchema, campaignSchema, entrantLevelSchema, stageSchema } from './campaign';
import { action, defineContract } from './contract';
import { entryContentSchema, entrySchema, entrySummarySchema, photoSchema, ruleResultSchema } from './entry';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';
import { entryStatusSchema, transitionActionSchema } from './lifecycle';
import { campaignKindSchema } from './notices';
import { branchKindSchema } from './org';

/** 申报主体：某个支部、党总支或二级党组织 */
export const entrantRefSchema = z.object({ level: entrantLevelSchema, id: docIdSchema });
export type EntrantRef = z.infer<typeof entrantRefSchema>;

export const campaignSummarySchema = campaignSchema.pick({ _id: true, kind: true, title: true, year: true, status: true, docNumber: true, noticeId: true, version: true }).extend({
  stages: z.array(stageSchema),
  tracks: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

/** 名额状态（A3、D5、E3；D1 豁免）：某单位在某评选类别里已推荐多少、上下限各多少 */
export const quotaStatusSchema = z.object({
  trackKey: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  max: z.number().int().nullable(),
  min: z.number().int(),
  used: z.number().int(),
  usedBy: z.array(z.object({ entryId: z.string(), title: z.string(), entrantName: z.string() })),
  exemptUsed: z.array(z.object({ entryId: z.string(), title: z.string(), entrantName: z.string() })),
  /** 如“每个分党委（直属党总支）限报 1 项（A3）” */
  rule: z.string(),
  message: z.string(),
});
export type QuotaStatus = z.infer<typeof quotaStatusSchema>;

/** 等级比例上限（B5）：某单位某等级已评多少、最多多少 */
export const gradeCapSchema = z.object({ levelKey: z.string(), label: z.string(), used: z.number().int(), cap: z.number().int().nullable(), base: z.number().int() });

export const eligibilitySchema = z.object({
  trackKey: z.string(),
  trackLabel: z.string(),
  entrant: entrantRefSchema.extend({ name: z.string() }),
  eligible: z.boolean(),
  results: z.array(ruleResultSchema),
  quota: quotaStatusSchema.nullable(),
  existingEntryId: z.string().nullable(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

const pageInput = { cursor: z.string().max(300).optional(), pageSize: z.number().int().min(1).max(50).default(20) };

export const campaignsContract = defineContract('campaigns', {
  /** 评选列表：已发布的人人可见；草稿只给组织部 */
  list: action(
    z.object({ status: z.enum(['open', 'all']).default('open'), kind: campaignKindSchema.optional(), ...pageInput }),
    z.object({ items: z.array(campaignSummarySchema), nextCursor: z.string().nullable() }),
  ),
  get: action(z.object({ id: docIdSchema }), campaignSchema),
  /** 五份通知的内置模板 */
  templates: action(z.object({}), z.object({ items: z.array(z.object({ kind: campaignKindSchema, title: z.string(), year: z.number(), docNumber: z.string() })) })),
  /** 从模板或往年评选复制到新一年：阶段日期整体平移年份，生成草稿 */
  copy: action(
    z.object({
      from: z.union([z.object({ template: campaignKindSchema }), z.object({ campaignId: docIdSchema })]),
      year: z.number().int().min(2000).max(2100),
      _id: docIdSchema.optional(),
    }),
    z.object({ _id: z.string(), version: z.number() }),
  ),
  /** 修改评选定义（草稿或已发布的都可改；已有申报时不得删除申报类别） */
  save: action(z.object({ _id: docIdSchema, expectedVersion: z.number().int(), body: campaignBodySchema }), z.object({ _id: z.string(), version: z.number() })),
  publish: action(z.object({ id: docIdSchema, expectedVersion: z.number().int() }), z.object({ _id: z.string(), version: z.number() })),
  close: action(z.object({ id: docIdSchema, expectedVersion: z.number().int() }), z.object({ _id: z.string(), version: z.number() })),
  /** 开始申报前：这个主体能否申报、为什么、名额还剩多少 */
  eligibility: action(z.object({ campaignId: docIdSchema, trackKey: z.string().max(32), entrant: entrantRefSchema }), eligibilitySchema),
  /** 调用者可以代表哪些主体申报（本支部、本单位），各自的资格 */
  startOptions: action(z.object({ campaignId: docIdSchema }), z.object({ options: z.array(eligibilitySchema) })),
  /** 某单位在本次评选各类别的名额使用与等级比例 */
  quotaStatus: action(
    z.object({ campaignId: docIdSchema, unitId: docIdSchema }),
    z.object({ quotas: z.array(quotaStatusSchema), gradeCaps: z.array(gradeCapSchema.extend({ trackKey: z.string() })) }),
  ),
  /** 立项全覆盖（B4）：每个单位哪些教职工、学生支部还没有项目 */
  coverage: action(
    z.object({ campaignId: docIdSchema, trackKey: z.string().max(32), unitId: docIdSchema.optional() }),
    z.object({
      units: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          required: z.number().int(),
          covered: z.number().int(),
          missing: z.array(z.object({ branchId: z.string(), name: z.string(), kind: branchKindSchema })),
        }),
      ),
    }),
  ),
});

/** “我的·待办”：此刻需要我做的事 */
export const taskSchema = z.object({
  kind: z.enum(['returned', 'correction', 'draft', 'unitReview', 'closingReview', 'screening']),
  label: z.string(),
  campaignId: z.string(),
  /** 只涉及一份材料时给出，可直接打开 */
  entryId: z.string().nullable(),
  count: z.number().int().positive(),
  deadline: instantSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

const idInput = { id: docIdSchema };
/** 转换结果；warnings 为不阻止操作的提醒（如 B9 样板支部评低于最佳） */
const transitionOutput = z.object({ status: entryStatusSchema, version: z.number().int(), repeated: z.boolean(), warnings: z.array(ruleResultSchema).default([]) });
const note = z.string().trim().max(1000);

export const entriesContract = defineContract('entries', {
  create: action(
    z.object({ campaignId: docIdSchema, trackKey: z.string().max(32), entrant: entrantRefSchema, title: z.string().trim().max(200).default('') }),
    z.object({ _id: z.string(), version: z.number() }),
  ),
  /** 保存草稿（自动保存也走这里）：版本不符答 CONFLICT，另一位编辑的修改不会被悄悄覆盖 */
  save: action(
    z.object({ id: docIdSchema, expectedVersion: z.number().int(), content: entryContentSchema }),
    z.object({ version: z.number().int(), updatedAt: instantSchema, results: z.array(ruleResultSchema) }),
  ),
  /**
   * 登记一次上传：手机直传云存储（entries/<材料 id>/…）后立刻调用。云存储的安全规则核对不了单位与支部，
   * 服务端据此只接受能编辑这份材料的人上传的文件（保存时新引用的文件须已登记）。
   */
  registerUpload: action(z.object({ id: docIdSchema, fileID: fileIdSchema }), z.object({ fileID: z.string() })),
  get: action(
    z.object(idInput),
    z.object({
      entry: entrySchema,
      campaign: campaignSummarySchema,
      results: z.array(ruleResultSchema),
      /** 调用者此刻可做的操作 */
      actions: z.array(transitionActionSchema),
      /** 材料里各文件（照片、视频、支撑材料、扫描件）的临时链接，1 小时有效 */
      fileUrls: z.record(z.string(), z.string()),
    }),
  ),
  list: action(
    z.object({
      campaignId: docIdSchema.optional(),
      unitId: docIdSchema.optional(),
      branchId: docIdSchema.optional(),
      /** 只看某个申报类别（组织部工作台按类别筛选） */
      trackKey: z.string().max(32).optional(),
      status: entryStatusSchema.optional(),
      ...pageInput,
    }),
    z.object({ items: z.array(entrySummarySchema), nextCursor: z.string().nullable() }),
  ),
  submit: action(z.object({ ...idInput, expectedVersion: z.number().int().optional() }), transitionOutput),
  withdraw: action(z.object({ ...idInput, note: note.default('') }), transitionOutput),
  reopen: action(z.object(idInput), transitionOutput),
  returnEntry: action(z.object({ ...idInput, note: note.min(2, '请写明退回原因') }), transitionOutput),
  /** 推荐：名额上限在事务中核对（A3、D5，D1 豁免）；须勾选核实事项（C3） */
  recommend: action(z.object({ ...idInput, checklist: z.array(z.string().max(60)).max(10).default([]), note: note.default('') }), transitionOutput),
  unrecommend: action(z.object({ ...idInput, note: note.default('') }), transitionOutput),
  /** 分党委评定立项等级（B5 最佳约 30%；B9 样板支部原则上应达最佳） */
  grade: action(z.object({ ...idInput, level: z.string().max(32), note: note.default('') }), transitionOutput),
  /** 要求补正（A8）：写明问题与期限；期限省略时按评选设定的天数 */
  requestCorrection: action(
    z.object({ ...idInput, reason: note.min(2, '请写明需要补正的问题'), items: z.array(z.string().trim().min(1).max(200)).max(20).default([]), deadline: instantSchema.optional() }),
    transitionOutput,
  ),
  resubmit: action(z.object({ ...idInput, note: note.default('') }), transitionOutput),
  disqualify: action(z.object({ ...idInput, note: note.min(2, '请写明取消资格的原因') }), transitionOutput),
  pass: action(z.object({ ...idInput, note: note.default('') }), transitionOutput),
  startReview: action(z.object(idInput), transitionOutput),
  finishReview: action(z.object(idInput), transitionOutput),
  decide: action(z.object({ ...idInput, level: z.string().max(32), note: note.default('') }), transitionOutput),
  begin: action(z.object(idInput), transitionOutput),
  submitClosing: action(z.object({ ...idInput, report: z.string().trim().min(10, '结项报告至少 10 字').max(5000) }), transitionOutput),
  returnClosing: action(z.object({ ...idInput, note: note.min(2, '请写明退回原因') }), transitionOutput),
  accept: action(z.object({ ...idInput, rating: z.string().max(20), note: note.default('') }), transitionOutput),
  /** 实施中的进展记录（B8） */
  addProgress: action(z.object({ ...idInput, text: z.string().trim().min(2).max(2000), photos: z.array(photoSchema).max(9).default([]) }), z.object({ version: z.number().int() })),
  /** 分党委督促检查记录（B8） */
  inspect: action(
    z.object({ ...idInput, key: z.string().max(32), verdict: z.enum(['good', 'fair', 'weak']), note: z.string().trim().min(2).max(2000) }),
    z.object({ version: z.number().int() }),
  ),
  /** 组织部中期检查记录（D6 九月检查） */
  midtermCheck: action(
    z.object({ ...idInput, key: z.string().max(32), verdict: z.enum(['good', 'fair', 'weak']), note: z.string().trim().min(2).max(2000) }),
    z.object({ version: z.number().int() }),
  ),
  /** 公布某评选某类别的全部已评定结果（逐条转为已公布，可重试） */
  /** 分批公布：一次至多若干份，remaining > 0 时客户端接着调用（显示进度），为 0 即全部公布 */
  publishResults: action(
    z.object({ campaignId: docIdSchema, trackKey: z.string().max(32) }),
    z.object({ published: z.number().int(), already: z.number().int(), remaining: z.number().int() }),
  ),
  /** 我的待办：支部的退回、补正与草稿；分党委待推荐、待验收；组织部待初审 */
  tasks: action(z.object({}), z.object({ items: z.array(taskSchema) })),
  /** 补正逾期自动取消资格（A8）：定时任务每小时调用，组织部也可手动执行 */
  disqualifyOverdue: action(z.object({}), z.object({ disqualified: z.array(z.string()) })),
});
