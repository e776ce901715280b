import { z } from 'zod';
import { action, defineContract } from './contract';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';
import { campaignKindSchema } from './notices';

/**
 * 导出（issue 7）：组织部的实际交付物都是文件——立项结果汇总表（B3）、案例汇编/成果文集（C1.6）、
 * 合成带目录的支撑材料 PDF（A6）、待盖章的申报表（D6）与评价表（C1.4）、“We党微家”公众号文章（A7、C1.3）。
 * 每次导出是一条任务记录（exportJobs）：进度供界面轮询，完成后给出云存储 fileID 与临时链接。
 */
export const EXPORT_KINDS = ['summaryXlsx', 'casebookPdf', 'casebookDocx', 'materialsPdf', 'applicationForm', 'evaluationForm', 'article'] as const;
export const exportKindSchema = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof exportKindSchema>;

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  summaryXlsx: '立项结果汇总表（Excel）',
  casebookPdf: '案例汇编（PDF）',
  casebookDocx: '案例汇编（Word）',
  materialsPdf: '支撑材料合成 PDF',
  applicationForm: '申报表（PDF）',
  evaluationForm: '评价表（PDF）',
  article: '公众号文章',
};

export const EXPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export const exportJobStatusSchema = z.enum(EXPORT_JOB_STATUSES);
export const EXPORT_JOB_STATUS_LABELS: Record<z.infer<typeof exportJobStatusSchema>, string> = { running: '生成中', done: '已完成', failed: '失败' };

/** 一次汇编最多收多少篇：实测 20 篇带照片约 5 秒，60 篇仍在云函数 60 秒、512 MB 之内 */
export const CASEBOOK_MAX_CASES = 60;

export const articleResultSchema = z.object({
  title: z.string(),
  digest: z.string(),
  /** 只用行内样式的正文 HTML（公众号编辑器会去掉 <style> 与 class），图片为临时链接 */
  html: z.string(),
  /** 存入草稿箱的结果：officialAccount 为公众号草稿箱，outbox 为本地发件箱；未要求存草稿时为 null */
  draft: z.object({ target: z.enum(['officialAccount', 'outbox']), mediaId: z.string() }).nullable(),
});

export const exportJobSchema = z.object({
  _id: docIdSchema,
  kind: exportKindSchema,
  /** 任务名，如“计算机学院党委 2026 年度支部立项 立项结果汇总表” */
  title: z.string(),
  status: exportJobStatusSchema,
  /** 0–100 */
  progress: z.number().int().min(0).max(100),
  /** 当前步骤（中文），如“下载照片 12/40” */
  step: z.string(),
  fileName: z.string().nullable(),
  fileID: fileIdSchema.nullable(),
  /** 临时下载链接（读取时现取，30 分钟有效） */
  url: z.string().nullable(),
  error: z.string().nullable(),
  article: articleResultSchema.nullable(),
  createdAt: instantSchema,
  finishedAt: instantSchema.nullable(),
  durationMs: z.number().int().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

const casebookInput = z.object({
  /** 不填则为全部已公布的案例（按公布时间倒序，最多 CASEBOOK_MAX_CASES 篇） */
  year: z.number().int().min(2000).max(2100).optional(),
  kind: campaignKindSchema.optional(),
  /** 指定篇目（按给出的顺序编排） */
  caseIds: z.array(docIdSchema).min(1).max(CASEBOOK_MAX_CASES).optional(),
  title: z.string().trim().min(2).max(60).optional(),
});

export const exportsContract = defineContract('exports', {
  /** 立项结果汇总表（B3）：全校（组织部）或某分党委（分党委管理员只能导本单位） */
  summaryXlsx: action(z.object({ campaignId: docIdSchema, trackKey: z.string().max(32).optional(), unitId: docIdSchema.optional() }), exportJobSchema),
  /** 案例汇编 / 成果文集 PDF（C1.6）：封面、可点击目录、书签、照片与说明、页码 */
  casebookPdf: action(casebookInput, exportJobSchema),
  /** 同一汇编的 Word 版，供继续编辑 */
  casebookDocx: action(casebookInput, exportJobSchema),
  /** 一份材料的支撑材料合成一个带目录的 PDF（A6） */
  materialsPdf: action(z.object({ entryId: docIdSchema }), exportJobSchema),
  /** 按材料填好的申报表（D6），打印盖章后扫描上传到材料的“盖章扫描件” */
  applicationForm: action(z.object({ entryId: docIdSchema }), exportJobSchema),
  /** 特色支部创建工作评价表（C1.4），评价要点按评分细则（C2） */
  evaluationForm: action(z.object({ entryId: docIdSchema }), exportJobSchema),
  /** 由已公布案例生成“We党微家”公众号文章；toDraft 时存入公众号草稿箱（本地记入发件箱） */
  article: action(z.object({ caseId: docIdSchema, toDraft: z.boolean().default(false) }), exportJobSchema),
  /** 我发起的导出任务（新到旧，游标分页）；ids 用于轮询进行中的任务 */
  list: action(
    z.object({ cursor: z.string().max(300).optional(), pageSize: z.number().int().min(1).max(30).default(10), ids: z.array(docIdSchema).min(1).max(10).optional() }),
    z.object({ items: z.array(exportJobSchema), nextCursor: z.string().nullable() }),
  ),
});
