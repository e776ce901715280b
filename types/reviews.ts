import { z } from 'zod';
import { criterionSchema, entryFormSchema, type Criterion } from './campaign';
import { action, defineContract } from './contract';
import { entryContentSchema } from './entry';
import { docIdSchema, instantSchema } from './ids';
import { entryStatusSchema } from './lifecycle';
import { countZi } from './zi';

/**
 * 函评（C1.5；评分细则 A2 六项、C2 四项）：组织部给每份材料指派评委，评委只看到指派给自己的材料，
 * 按评选类别的评分细则逐项打分并写评语；组织部看进度、催办、汇总排名、结束评审。
 *
 * 可见性（评审系统最常出错的地方）：
 * - 评委只看到指派给自己的材料；回避（本单位、本支部的材料，或已声明回避的）的材料即使猜到编号也看不到；
 * - 评选设为匿名评审时，评委看不到申报单位、支部、申报人、盖章扫描件与支撑材料的原文件名（见 REDACTED_FIELDS）；
 * - 评委提交自己的评分之前，看不到其他评委的分数与评语；提交后只看到其他评委已提交的（以“评委 1、2…”称呼）；
 * - 已提交的评分即为定稿，只有组织部可以退回重评（记入审计）。
 */

export const ASSIGNMENT_STATUSES = ['assigned', 'draft', 'submitted'] as const;
export const assignmentStatusSchema = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof assignmentStatusSchema>;
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = { assigned: '未评', draft: '已暂存', submitted: '已提交' };

/** 每项评分的步长：0.5 分（评委常用“8.5 分”；更细的刻度对排名没有意义，只会制造假并列之外的假差别） */
export const SCORE_STEP = 0.5;
/** 提交时评语的字数（按 countZi）：至少 10 字、至多 500 字——函评要有可读的理由，组织部评定时要用 */
export const COMMENT_MIN_ZI = 10;
export const COMMENT_MAX_ZI = 500;

/** 各评分项的分数：键为评分细则的 key */
export const scoreSheetSchema = z.record(z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), z.number().min(0).max(100));
export type ScoreSheet = z.infer<typeof scoreSheetSchema>;

/** 指派记录（reviewAssignments 集合）：_id = `${entryId}_${reviewerId}`，同一评委对同一材料只有一条 */
export const assignmentSchema = z.object({
  _id: z.string(),
  campaignId: docIdSchema,
  trackKey: z.string(),
  entryId: docIdSchema,
  /** 评委的人员 id */
  reviewerId: docIdSchema,
  reviewerName: z.string(),
  status: assignmentStatusSchema,
  scores: scoreSheetSchema,
  comment: z.string(),
  /** 各项之和（未评完的项按 0 计，仅供显示） */
  total: z.number(),
  assignedAt: instantSchema,
  assignedByName: z.string().nullable(),
  /** auto = 自动分配，manual = 组织部手动指派 */
  assignedHow: z.enum(['auto', 'manual']),
  submittedAt: instantSchema.nullable(),
  updatedAt: instantSchema,
  version: z.number().int(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** 声明的回避（reviewConflicts 集合）：对某份材料，或对某个单位的全部材料；由评委本人或组织部声明 */
export const declaredConflictSchema = z.object({
  _id: z.string(),
  campaignId: docIdSchema,
  reviewerId: docIdSchema,
  reviewerName: z.string(),
  entryId: docIdSchema.nullable(),
  unitId: docIdSchema.nullable(),
  /** 显示用：材料名称或单位名称 */
  targetLabel: z.string(),
  reason: z.string(),
  declaredBy: z.enum(['reviewer', 'department']),
  declaredByName: z.string().nullable(),
  at: instantSchema,
});
export type DeclaredConflict = z.infer<typeof declaredConflictSchema>;

/** 匿名评审时对评委隐去的内容（为什么：这些都直接说出“是谁报的”） */
export const REDACTED_FIELDS = {
  entrant: '申报主体、所属单位与支部名称',
  textMentions: '标题、正文与照片说明中出现的本单位、本支部名称（替换为“〔已隐去〕”）',
  stampedScan: '盖章扫描件（公章即单位名）',
  documentNames: '支撑材料的原文件名（常含单位名，改为“支撑材料 1”等）',
  partners: '联合申报的支部',
  history: '办理记录（含经办人姓名）',
} as const;
export type RedactedField = keyof typeof REDACTED_FIELDS;

/** 评委看到的一份指派（列表行） */
export const myAssignmentSchema = z.object({
  assignmentId: z.string(),
  entryId: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  trackKey: z.string(),
  trackLabel: z.string(),
  title: z.string(),
  /** 匿名评审时为 null */
  entrantName: z.string().nullable(),
  status: assignmentStatusSchema,
  total: z.number(),
  maxTotal: z.number(),
  /** 函评阶段截止（北京时间 ISO）；评选没有该阶段时为 null */
  deadline: instantSchema.nullable(),
  /** 材料是否处于“评审中”（只有评审中才能打分） */
  open: z.boolean(),
});
export type MyAssignment = z.infer<typeof myAssignmentSchema>;

/** 一位评委对一份材料的评分（scoresFor 的一行）；给评委看时 reviewerLabel 为“评委 1”等，不给姓名 */
export const scoreRowSchema = z.object({
  reviewerLabel: z.string(),
  /** 只给组织部；评委看到的为 null */
  reviewerId: z.string().nullable(),
  mine: z.boolean(),
  status: assignmentStatusSchema,
  scores: scoreSheetSchema,
  total: z.number(),
  comment: z.string(),
  submittedAt: instantSchema.nullable(),
});
export type ScoreRow = z.infer<typeof scoreRowSchema>;

export const aggregateMethodSchema = z.enum(['mean', 'trimmed', 'zscore']);
export const AGGREGATE_METHOD_LABELS: Record<z.infer<typeof aggregateMethodSchema>, string> = {
  mean: '平均分',
  trimmed: '去掉最高最低分后平均（不少于 5 位评委时）',
  zscore: '按评委标准化后折回原分制',
};

const trackInput = { campaignId: docIdSchema, trackKey: z.string().max(32) };
const reason = z.string().trim().max(500);

export const reviewsContract = defineContract('reviews', {
  // ── 组织部：评委与指派 ────────────────────────────────────────────
  /** 可指派的评委：持“评委”角色的人员（授权限定某次评选的只列该评选），各自的工作量 */
  reviewers: action(
    z.object(trackInput),
    z.object({
      items: z.array(
        z.object({ personId: z.string(), name: z.string(), unitId: z.string().nullable(), unitName: z.string().nullable(), assigned: z.number().int(), submitted: z.number().int() }),
      ),
    }),
  ),
  /** 手动指派：回避（本单位、本支部、已声明）的评委一律拒绝，写明原因 */
  assign: action(z.object({ entryId: docIdSchema, reviewerId: docIdSchema }), z.object({ assignment: assignmentSchema, repeated: z.boolean() })),
  /** 撤回指派（已提交的评分也随之作废，须写原因，记入审计） */
  unassign: action(z.object({ assignmentId: z.string().max(140), reason: reason.min(2, '请写明撤回原因') }), z.object({ removed: z.boolean() })),
  /** 自动分配：每份材料 perEntry 位评委，工作量少者优先、同量按人员编号，不分给回避的评委；可重复执行（只补足缺口） */
  autoAssign: action(
    z.object({ ...trackInput, perEntry: z.number().int().min(1).max(15) }),
    z.object({
      created: z.number().int(),
      /** 未能配齐的材料及原因 */
      shortfalls: z.array(z.object({ entryId: z.string(), title: z.string(), needed: z.number().int(), got: z.number().int(), reason: z.string() })),
      load: z.array(z.object({ personId: z.string(), name: z.string(), assigned: z.number().int() })),
    }),
  ),
  /**
   * 声明回避：评委本人（不填 reviewerId）或组织部（填 reviewerId）对一份材料或一个单位声明；
   * 已有的相应指派随即撤回（记入审计）
   */
  declareConflict: action(
    // entryId 与 unitId 二选一（处理函数核对，答 BAD_INPUT）
    z.object({ campaignId: docIdSchema, reviewerId: docIdSchema.optional(), entryId: docIdSchema.optional(), unitId: docIdSchema.optional(), reason: reason.min(2, '请写明回避原因') }),
    z.object({ conflict: declaredConflictSchema, removedAssignments: z.array(z.string()) }),
  ),
  /** 声明的回避：组织部看全部，评委只看自己的 */
  listConflicts: action(z.object({ campaignId: docIdSchema }), z.object({ items: z.array(declaredConflictSchema) })),
  /** 进度：每位评委已评/指派，每份材料已评/指派（含各评委状态） */
  progress: action(
    z.object(trackInput),
    z.object({
      deadline: instantSchema.nullable(),
      reviewers: z.array(z.object({ reviewerId: z.string(), name: z.string(), done: z.number().int(), total: z.number().int() })),
      entries: z.array(
        z.object({
          entryId: z.string(),
          title: z.string(),
          entrantName: z.string(),
          unitName: z.string(),
          status: entryStatusSchema,
          done: z.number().int(),
          total: z.number().int(),
          reviewers: z.array(z.object({ assignmentId: z.string(), reviewerId: z.string(), name: z.string(), status: assignmentStatusSchema })),
        }),
      ),
      done: z.number().int(),
      total: z.number().int(),
    }),
  ),
  /** 催办：给还有未提交评分的评委发“截止时间提醒”（无授权时记为待办提示）；同一天重复催办不重复发送 */
  remind: action(
    z.object(trackInput),
    z.object({ items: z.array(z.object({ reviewerId: z.string(), name: z.string(), unfinished: z.number().int(), delivery: z.string() })) }),
  ),
  /** 退回重评：已提交的评分回到暂存，评委可修改后再提交（记入审计） */
  reopenScore: action(z.object({ assignmentId: z.string().max(140), reason: reason.min(2, '请写明退回原因') }), z.object({ assignment: assignmentSchema })),

  // ── 评委 ──────────────────────────────────────────────────────────
  /** 我的评审：指派给我的材料（可按评选筛选）与进度 */
  mine: action(
    z.object({ campaignId: docIdSchema.optional() }),
    z.object({ items: z.array(myAssignmentSchema), done: z.number().int(), total: z.number().int() }),
  ),
  /** 打开一份指派给我的材料：内容（匿名评审时已隐去身份信息）、评分细则、我的评分 */
  getAssigned: action(
    z.object({ assignmentId: z.string().max(140) }),
    z.object({
      assignment: assignmentSchema,
      campaignTitle: z.string(),
      trackLabel: z.string(),
      rubric: z.array(criterionSchema),
      anonymous: z.boolean(),
      /** 隐去了哪些内容（REDACTED_FIELDS 的键） */
      redacted: z.array(z.string()),
      entry: z.object({
        entryId: z.string(),
        status: entryStatusSchema,
        content: entryContentSchema,
        entrantName: z.string().nullable(),
        unitName: z.string().nullable(),
      }),
      /** 评选类别的表单（EntryView 显示各段标题） */
      form: entryFormSchema,
      fileUrls: z.record(z.string(), z.string()),
      deadline: instantSchema.nullable(),
      /** 此刻能否打分（材料评审中、函评阶段进行中、本人未提交） */
      canScore: z.boolean(),
      whyNot: z.string().nullable(),
    }),
  ),
  /** 暂存评分（可不完整） */
  saveScore: action(
    z.object({ assignmentId: z.string().max(140), expectedVersion: z.number().int(), scores: scoreSheetSchema, comment: z.string().max(3000) }),
    z.object({ assignment: assignmentSchema }),
  ),
  /** 提交评分：每项都要打（0 到满分，步长 0.5），评语 10–500 字；提交后定稿 */
  submitScore: action(
    z.object({ assignmentId: z.string().max(140), expectedVersion: z.number().int(), scores: scoreSheetSchema, comment: z.string().max(3000) }),
    z.object({ assignment: assignmentSchema }),
  ),
  /** 一份材料的评分：组织部随时可看；评委须先提交自己的，之后只看到其他评委已提交的 */
  scoresFor: action(
    z.object({ entryId: docIdSchema }),
    z.object({
      entryId: z.string(),
      rubric: z.array(criterionSchema),
      rows: z.array(scoreRowSchema),
      /** 已提交评分的平均总分（评委看到的也只含已提交的） */
      mean: z.number().nullable(),
      /** 评委尚未提交自己的评分：其他评委的分数与评语不给 */
      othersHidden: z.boolean(),
    }),
  ),

  // ── 汇总与结束 ───────────────────────────────────────────────────
  /** 汇总排名（只计已提交的评分）：平均、去最高最低（≥5 位）、按评委标准化；并列写明与谁并列 */
  ranking: action(
    z.object({ ...trackInput, method: aggregateMethodSchema.default('mean') }),
    z.object({
      method: aggregateMethodSchema,
      scaleMax: z.number(),
      items: z.array(
        z.object({
          entryId: z.string(),
          title: z.string(),
          entrantName: z.string(),
          unitName: z.string(),
          status: entryStatusSchema,
          level: z.string().nullable(),
          value: z.number(),
          count: z.number().int(),
          /** 指派了但未提交的评分数 */
          missing: z.number().int(),
          trimmed: z.boolean(),
          rank: z.number().int(),
          tiedWith: z.array(z.object({ entryId: z.string(), title: z.string() })),
          note: z.string(),
        }),
      ),
      /** 评审中但还没有任何已提交评分的材料 */
      unscored: z.array(z.object({ entryId: z.string(), title: z.string(), missing: z.number().int() })),
    }),
  ),
  /** 结束某类别的函评：评分齐全的材料转为“已评分”（finishReview）；缺评分的不动并列出 */
  finish: action(
    z.object(trackInput),
    z.object({
      finished: z.array(z.string()),
      already: z.number().int(),
      incomplete: z.array(z.object({ entryId: z.string(), title: z.string(), done: z.number().int(), total: z.number().int(), reason: z.string() })),
    }),
  ),
});

/** 一份评分的问题（客户端提示与云端校验共用）：path 为 scores.<key> 或 comment */
export interface ScoreIssue {
  path: string;
  message: string;
}

/**
 * 校验评分（纯函数）：每项 0 到该项满分、步长 0.5（满分本身总可以打）；不能有细则之外的项。
 * final=true（提交）时每项都须打分、评语 10–500 字（按 countZi）；暂存时可不完整，但已填的须合规。
 */
export function scoreIssues(rubric: readonly Criterion[], scores: ScoreSheet, comment: string, final: boolean): ScoreIssue[] {
  const issues: ScoreIssue[] = [];
  const keys = new Set(rubric.map((c) => c.key));
  for (const key of Object.keys(scores)) {
    if (!keys.has(key)) issues.push({ path: `scores.${key}`, message: '评分细则中没有这一项' });
  }
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) {
      if (final) issues.push({ path: `scores.${c.key}`, message: `请为“${c.label}”打分` });
      continue;
    }
    if (!Number.isFinite(v) || v < 0 || v > c.maxScore) issues.push({ path: `scores.${c.key}`, message: `“${c.label}”应在 0–${c.maxScore} 分之间` });
    // 满分本身总可以打（等权细则的满分可能不在 0.5 的档上，如 100/6 ≈ 16.7）
    else if (v !== c.maxScore && Math.abs(v / SCORE_STEP - Math.round(v / SCORE_STEP)) > 1e-9) issues.push({ path: `scores.${c.key}`, message: `“${c.label}”按 ${SCORE_STEP} 分一档打分` });
  }
  const n = countZi(comment.trim());
  if (n > COMMENT_MAX_ZI) issues.push({ path: 'comment', message: `评语不超过 ${COMMENT_MAX_ZI} 字，现有 ${n} 字` });
  else if (final && n < COMMENT_MIN_ZI) issues.push({ path: 'comment', message: `请写评语（至少 ${COMMENT_MIN_ZI} 字，现有 ${n} 字）` });
  return issues;
}

/** 各项之和（未打的项按 0 计），保留一位小数 */
export function scoreTotal(scores: ScoreSheet): number {
  return Math.round(Object.values(scores).reduce((a, b) => a + b, 0) * 10) / 10;
}

/** 评分细则的满分（各项满分之和） */
export function rubricMax(rubric: readonly Criterion[]): number {
  return Math.round(rubric.reduce((a, c) => a + c.maxScore, 0) * 10) / 10;
}
