import { z } from 'zod';
import { criterionSchema } from './campaign';
import { action, defineContract } from './contract';
import { entrySchema } from './entry';
import { docIdSchema, instantSchema } from './ids';
import { entryStatusSchema } from './lifecycle';
import { aggregateMethodSchema, scoreSheetSchema } from './reviews';

/**
 * 现场答辩（E3：组织部确定入围项目，项目负责人现场展示，评委现场打分）。
 *
 * 一场答辩（defenceSessions 集合）= 某评选某类别的入围项目按出场顺序排好 + 到场评委。
 * 主持人（组织部）逐个“开始答辩”（同一时刻只有一个“当前项目”）→“截止评分”→ 全部答完“锁定成绩”→“结束答辩”
 * （入围材料经 finishReview 转为“已评分”，汇总分记在材料上，随后由组织部评定奖项）。
 *
 * 评委在手机上只给“当前项目”打分，每人每项目一份（defenceScores，_id 由 场次+项目+评委 确定）：
 * 截止后再交答“本项评分已截止”（DEADLINE_PASSED），再交一份答“已提交过”（DUPLICATE）；
 * 同一请求（同一 requestId、同样内容）重试原样答复。与项目同单位的评委须回避：手机上显示“回避”，不计入该项目的分数。
 *
 * 大屏（board）在会场公开：锁定前只显示各项目“已收到 / 应收”份数（主持人逐项“亮分”的除外），锁定后显示汇总分与名次。
 */

export const PRESENTER_STATES = ['waiting', 'presenting', 'closed'] as const;
export const presenterStateSchema = z.enum(PRESENTER_STATES);
export type PresenterState = z.infer<typeof presenterStateSchema>;
export const PRESENTER_STATE_LABELS: Record<PresenterState, string> = { waiting: '待答辩', presenting: '答辩中 · 评分中', closed: '评分已截止' };

export const SESSION_STATUSES = ['open', 'locked', 'finished'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = { open: '进行中', locked: '成绩已锁定', finished: '已结束' };

/** 一个入围项目在本场的出场记录（存于场次文档内，按出场顺序） */
export const presenterSchema = z.object({
  entryId: docIdSchema,
  title: z.string(),
  entrantName: z.string(),
  unitId: docIdSchema,
  unitName: z.string(),
  state: presenterStateSchema,
  /** 已交分的评委（人员 id） */
  scoredBy: z.array(z.string()),
  /** 须回避的评委（与项目同单位，E3 现场评分的公正） */
  recusedJudgeIds: z.array(z.string()),
  /** 主持人已在大屏上亮出本项目的分数（锁定前逐项亮分） */
  revealed: z.boolean(),
  openedAt: instantSchema.nullable(),
  closedAt: instantSchema.nullable(),
});
export type Presenter = z.infer<typeof presenterSchema>;

export const sessionJudgeSchema = z.object({ personId: docIdSchema, name: z.string(), unitId: docIdSchema.nullable(), unitName: z.string().nullable() });
export type SessionJudge = z.infer<typeof sessionJudgeSchema>;

/** 场次文档（defenceSessions） */
export const defenceSessionSchema = z.object({
  _id: docIdSchema,
  campaignId: docIdSchema,
  campaignTitle: z.string(),
  trackKey: z.string(),
  trackLabel: z.string(),
  title: z.string(),
  status: sessionStatusSchema,
  /** 建场时从评选类别复制的评分细则（答辩中途改评选不影响本场） */
  rubric: z.array(criterionSchema),
  scaleMax: z.number(),
  method: aggregateMethodSchema,
  presenters: z.array(presenterSchema),
  judges: z.array(sessionJudgeSchema),
  /** 守卫按它判定“本场评委”（与 judges 一致） */
  judgeIds: z.array(z.string()),
  /** 当前（最近一个开始的）项目；截止后仍指向它，直到下一个开始 */
  currentEntryId: z.string().nullable(),
  createdAt: instantSchema,
  createdAtMs: z.number(),
  lockedAt: instantSchema.nullable(),
  finishedAt: instantSchema.nullable(),
  version: z.number().int(),
});
export type DefenceSession = z.infer<typeof defenceSessionSchema>;

/** 一位评委对一个项目的评分（defenceScores）；_id = defenceScoreId(场次, 项目, 评委) */
export const defenceScoreSchema = z.object({
  _id: z.string(),
  sessionId: docIdSchema,
  entryId: docIdSchema,
  judgeId: docIdSchema,
  scores: scoreSheetSchema,
  total: z.number(),
  comment: z.string(),
  /** 客户端为这次提交生成的键：同一键、同样内容的重试原样答复 */
  requestId: z.string(),
  submittedAt: instantSchema,
});
export type DefenceScore = z.infer<typeof defenceScoreSchema>;

/** 记在材料上的答辩成绩（finish 时写入，组织部评定奖项时参考） */
export const defenceResultSchema = entrySchema.shape.defenceResult.unwrap().unwrap();
export type DefenceResult = z.infer<typeof defenceResultSchema>;

/** 评委手机上的状态：未开始、可打分、已提交、本项评分已截止、回避、已锁定 */
export const MY_SCORE_STATES = ['waiting', 'open', 'submitted', 'closed', 'recused', 'locked'] as const;
export const myScoreStateSchema = z.enum(MY_SCORE_STATES);
export type MyScoreState = z.infer<typeof myScoreStateSchema>;

export const DEFENCE_COMMENT_MAX = 300;

const sessionIdInput = { id: docIdSchema };
const presenterRef = { id: docIdSchema, entryId: docIdSchema };

const sessionSummarySchema = defenceSessionSchema
  .pick({ _id: true, campaignId: true, campaignTitle: true, trackKey: true, trackLabel: true, title: true, status: true, currentEntryId: true, createdAt: true, version: true })
  .extend({ presenters: z.number().int(), closed: z.number().int(), judges: z.number().int(), currentTitle: z.string().nullable() });
export type DefenceSessionSummary = z.infer<typeof sessionSummarySchema>;

/** 主持人看到的一个项目：谁交了、谁还没交、谁回避（不含分数——锁定前谁也看不到分数） */
export const hostPresenterSchema = presenterSchema.omit({ scoredBy: true, recusedJudgeIds: true }).extend({
  received: z.number().int(),
  expected: z.number().int(),
  scoredNames: z.array(z.string()),
  pendingNames: z.array(z.string()),
  recusedNames: z.array(z.string()),
});

/** 大屏的一行 */
export const boardRowSchema = z.object({
  order: z.number().int(),
  entryId: z.string(),
  title: z.string(),
  entrantName: z.string(),
  unitName: z.string(),
  state: presenterStateSchema,
  received: z.number().int(),
  expected: z.number().int(),
  /** 汇总分：锁定后（或该项已亮分）才有 */
  value: z.number().nullable(),
  /** 名次：锁定后才有 */
  rank: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

const boardSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  campaignTitle: z.string(),
  status: sessionStatusSchema,
  currentEntryId: z.string().nullable(),
  scaleMax: z.number(),
  methodLabel: z.string(),
  /** 成绩已公开（锁定之后） */
  revealed: z.boolean(),
  rows: z.array(boardRowSchema),
  /** 锁定后按名次排列的行（锁定前为空） */
  ranking: z.array(boardRowSchema),
});
export type DefenceBoard = z.infer<typeof boardSchema>;

const hostViewSchema = z.object({
  session: defenceSessionSchema.omit({ presenters: true }),
  presenters: z.array(hostPresenterSchema),
  /** 下一个可开始的项目（出场顺序中第一个待答辩的） */
  nextEntryId: z.string().nullable(),
});
export type DefenceHostView = z.infer<typeof hostViewSchema>;

const currentSchema = z.object({
  session: sessionSummarySchema,
  /** 当前项目；还没有开始任何项目时为 null */
  presenter: z
    .object({ entryId: z.string(), title: z.string(), entrantName: z.string(), unitName: z.string(), order: z.number().int(), state: presenterStateSchema })
    .nullable(),
  rubric: z.array(criterionSchema),
  scaleMax: z.number(),
  step: z.number(),
  mine: z.object({
    state: myScoreStateSchema,
    /** 我对当前项目已交的分 */
    submitted: defenceScoreSchema.pick({ scores: true, total: true, comment: true, submittedAt: true }).nullable(),
  }),
});
export type DefenceCurrent = z.infer<typeof currentSchema>;

const scoreReplySchema = z.object({
  entryId: z.string(),
  total: z.number(),
  submittedAt: instantSchema,
  /** 同一请求的重试（没有再次生效） */
  repeated: z.boolean(),
});

export const defenceContract = defineContract('defence', {
  // ── 组织部（主持人）──────────────────────────────────────────────
  /** 建场候选：该类别“初审通过 / 评审中”的材料（入围），与可选的评委（持评委角色；限定评选的只列本评选） */
  candidates: action(
    z.object({ campaignId: docIdSchema, trackKey: z.string().max(32) }),
    z.object({
      finalists: z.array(z.object({ entryId: z.string(), title: z.string(), entrantName: z.string(), unitName: z.string(), status: entryStatusSchema })),
      judges: z.array(sessionJudgeSchema),
      /** 已在其他未结束场次里的材料 */
      inOtherSessions: z.array(z.string()),
    }),
  ),
  /** 建一场答辩：入围项目按出场顺序，评委名单；初审通过的材料随即“进入评审”（startReview，E3 答辩阶段内） */
  create: action(
    z.object({
      _id: docIdSchema.optional(),
      campaignId: docIdSchema,
      trackKey: z.string().max(32),
      title: z.string().trim().min(2, '请填写场次名称').max(60),
      entryIds: z.array(docIdSchema).min(1, '至少一个入围项目').max(60),
      judgeIds: z.array(docIdSchema).min(1, '至少一位评委').max(30),
      method: aggregateMethodSchema.default('trimmed'),
    }),
    z.object({ _id: z.string(), version: z.number().int(), started: z.array(z.string()) }),
  ),
  list: action(
    z.object({ campaignId: docIdSchema.optional(), cursor: z.string().max(300).optional(), pageSize: z.number().int().min(1).max(50).default(20) }),
    z.object({ items: z.array(sessionSummarySchema), nextCursor: z.string().nullable() }),
  ),
  get: action(z.object(sessionIdInput), hostViewSchema),
  /** 调整出场顺序：已开始的项目位置不变，只调待答辩的 */
  reorder: action(z.object({ ...sessionIdInput, expectedVersion: z.number().int(), entryIds: z.array(docIdSchema).min(1).max(60) }), z.object({ version: z.number().int() })),
  /** 开始下一位（须是出场顺序里第一个待答辩的；上一位须已截止评分）；同一请求重试原样答复 */
  openNext: action(z.object(presenterRef), z.object({ version: z.number().int(), repeated: z.boolean() })),
  /** 截止当前项目的评分：之后再交的分一律拒收 */
  closeScoring: action(z.object(presenterRef), z.object({ version: z.number().int(), repeated: z.boolean(), received: z.number().int(), expected: z.number().int() })),
  /** 在大屏上亮出一个已截止项目的汇总分（锁定前；名次在锁定后才有） */
  reveal: action(z.object(presenterRef), z.object({ version: z.number().int(), repeated: z.boolean() })),
  /** 锁定成绩（最终）：全部项目已截止评分；大屏随即公布汇总分与名次 */
  lock: action(z.object(sessionIdInput), z.object({ version: z.number().int(), repeated: z.boolean() })),
  /** 结束答辩：各入围材料经 finishReview 转为“已评分”，答辩成绩记在材料上（随后评定奖项） */
  finish: action(
    z.object(sessionIdInput),
    z.object({ finished: z.array(z.string()), already: z.array(z.string()), results: z.array(z.object({ entryId: z.string(), value: z.number().nullable(), rank: z.number().int().nullable() })) }),
  ),
  /** 大屏：各项目已收到 / 应收的份数；锁定后汇总分与名次 */
  board: action(z.object(sessionIdInput), boardSchema),

  // ── 评委 ──────────────────────────────────────────────────────────
  /** 我参加的答辩场次（“我的”入口） */
  mine: action(z.object({}), z.object({ items: z.array(sessionSummarySchema) })),
  /** 此刻在答辩的项目、评分细则与我的评分状态（手机每几秒读一次） */
  current: action(z.object(sessionIdInput), currentSchema),
  /** 给当前项目打分：每项 0 到满分（步长 SCORE_STEP），可附评语 */
  score: action(
    z.object({
      ...presenterRef,
      scores: scoreSheetSchema,
      comment: z.string().trim().max(DEFENCE_COMMENT_MAX).default(''),
      requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
    }),
    scoreReplySchema,
  ),
});

