import { z } from 'zod';
import { docIdSchema, instantSchema } from './ids';
import { attachmentSchema, campaignKindSchema } from './notices';
import { branchKindSchema, unitKindSchema } from './org';

/**
 * 评选（campaign）定义：一份通知 = 一次评选，全部规则以数据表达，明年的新通知不改代码。
 * 五份原始通知即五个内置模板（cloudfunctions/campaigns/templates），组织部“复制到新一年”后改日期与限额。
 */

const keySchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/, '键名只能用英文字母和数字');
const labelSchema = z.string().trim().min(1).max(40);

// ── 阶段 ───────────────────────────────────────────────────────────────

/** 阶段：起止时刻都是北京时间（存为带 +08:00 的 ISO 时刻），含起点、截止到 endsAt 这一秒为止 */
export const STAGE_KEYS = ['submission', 'unitReview', 'screening', 'review', 'defence', 'decision', 'publication', 'execution', 'inspection', 'closing'] as const;
export const stageKeySchema = z.enum(STAGE_KEYS);
export type StageKey = z.infer<typeof stageKeySchema>;
export const STAGE_LABELS: Record<StageKey, string> = {
  submission: '申报填报',
  unitReview: '分党委审核推荐',
  screening: '组织部初审',
  review: '函评评审',
  defence: '现场答辩',
  decision: '评定',
  publication: '结果公布',
  execution: '方案实施',
  inspection: '中期检查',
  closing: '结项验收',
};

export const stageSchema = z
  .object({
    key: stageKeySchema,
    label: labelSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    /** 截止时间的原文说法，如“11 月 30 日前”“4 月 14 日下班前”，显示给用户 */
    note: z.string().max(60).default(''),
    /** 只适用于某个申报类别（B3 分党委总结 4 月 1 日 17:00 截止，支部申报 3 月 31 日截止）；null 为全部类别 */
    track: z.string().max(32).nullable().default(null),
  })
  .refine((s) => Date.parse(s.startsAt) < Date.parse(s.endsAt), { message: '阶段开始时间须早于结束时间', path: ['endsAt'] });
export type Stage = z.infer<typeof stageSchema>;

// ── 谁能申报 ────────────────────────────────────────────────────────────

/** 申报主体层级：支部；二级党组织（分党委/直属党总支）本身；党总支；A1/E2 为“任一基层党组织” */
export const ENTRANT_LEVELS = ['branch', 'generalBranch', 'unit'] as const;
export const entrantLevelSchema = z.enum(ENTRANT_LEVELS);
export type EntrantLevel = z.infer<typeof entrantLevelSchema>;
export const ENTRANT_LEVEL_LABELS: Record<EntrantLevel, string> = { branch: '党支部', generalBranch: '党总支', unit: '分党委（直属党总支）' };

export const entrantRulesSchema = z.object({
  levels: z.array(entrantLevelSchema).min(1),
  /** 可申报的支部类型（B6：毕业年级支部不立项） */
  branchKinds: z.array(branchKindSchema).min(1),
  /** 只允许名单内的支部（C：参与创建的特色支部由组织部列出）；null 为不限 */
  invitedBranchIds: z.array(docIdSchema).max(2000).nullable().default(null),
  /** A1：工作开展须满一年（或一个完整周期）；0 为不要求 */
  minMonthsRunning: z.number().int().min(0).max(60).default(0),
  /** A1：往届获此奖的同一项目不得再报 */
  excludePriorWinnersSameProject: z.boolean().default(false),
  /** D1：上一年度参与过同类评选的支部本年度不申报 */
  excludeLastYearParticipants: z.boolean().default(false),
  /** B2：上一年度的项目未结项不得立新项（先结项再立项） */
  requirePreviousClosed: z.boolean().default(false),
  /** D1：不支持两个及以上支部联合申报 */
  allowJointEntries: z.boolean().default(true),
  /** 申报范围的出处（A1、B6、E2…），出现在拒绝理由里 */
  rule: z.string().max(10).default(''),
});
export type EntrantRules = z.infer<typeof entrantRulesSchema>;

// ── 名额 ────────────────────────────────────────────────────────────────

/** 按单位规模定上限（D5：根据支部规模推荐 1–2 个）：支部数达到 minBranches 时上限为 max，取满足条件的最大一档 */
export const sizeTierSchema = z.object({ minBranches: z.number().int().min(0), max: z.number().int().min(0).max(100) });

export const quotaSchema = z.object({
  /** 每个二级党组织推荐上限（A3 为 1）；null 为不限 */
  maxPerUnit: z.number().int().min(0).max(100).nullable().default(null),
  /** 按规模分档的上限，给出时代替 maxPerUnit（D5） */
  maxBySize: z.array(sizeTierSchema).max(10).nullable().default(null),
  /** 最少推荐数（E3：学院党委至少 2 项，其他二级党组织至少 1 项） */
  minPerUnit: z.number().int().min(0).max(100).default(0),
  minByUnitKind: z.record(unitKindSchema, z.number().int().min(0).max(100)).default({}),
  /** 不占单位名额的样板支部（D1：入围第四批全国党建工作样板支部的，在创建周期内可参与一次且不占名额） */
  exemptModelBatch: z.object({ level: z.enum(['national', 'provincial', 'school']), batch: z.number().int().positive().nullable() }).nullable().default(null),
  /** 名额规定的出处（A3、D5、E3） */
  rule: z.string().max(10).default(''),
});
export type Quota = z.infer<typeof quotaSchema>;

// ── 表单 ────────────────────────────────────────────────────────────────

/** 一段文字：字数上下限（按 countZi 计）、是否必填、须写明的要点（A5 简介：工作内容/创新要点/突出成效） */
export const textSectionSchema = z.object({
  key: keySchema,
  title: labelSchema,
  hint: z.string().max(300).default(''),
  required: z.boolean(),
  minChars: z.number().int().min(0).max(20000).default(0),
  maxChars: z.number().int().min(1).max(20000),
  /** 须写明的要点：正文里须提到（可作小标题） */
  requiredParts: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  /** 出处（规则编号，如 A5），出现在提示与拒绝理由里 */
  rule: z.string().max(10).default(''),
});
export type TextSection = z.infer<typeof textSectionSchema>;

/** 一组照片：张数、每张说明的字数（A5：5 张左右，说明 20 字以内；B3：每个案例 2–3 张） */
export const photoGroupSchema = z.object({
  key: keySchema,
  label: labelSchema,
  min: z.number().int().min(0).max(50),
  max: z.number().int().min(1).max(50),
  /** 建议张数（“5 张左右”），只作提示 */
  suggested: z.number().int().min(0).max(50).nullable().default(null),
  captionMaxChars: z.number().int().min(1).max(100),
  /** 这组照片随哪段文字：该段有内容时才要求 min 张 */
  withSection: keySchema.nullable().default(null),
  rule: z.string().max(10).default(''),
});
export type PhotoGroup = z.infer<typeof photoGroupSchema>;

/** 视频（C1：不超过 8 分钟，MP4，分辨率不小于 1024×768） */
export const videoRuleSchema = z.object({
  required: z.boolean(),
  maxSeconds: z.number().int().positive().max(3600),
  minWidth: z.number().int().positive(),
  minHeight: z.number().int().positive(),
  format: z.literal('mp4'),
  label: labelSchema.default('成果展示视频'),
  rule: z.string().max(10).default(''),
});
export type VideoRule = z.infer<typeof videoRuleSchema>;

/** 支撑材料（A6：多项文字材料须生成一个含目录的 PDF） */
export const documentsRuleSchema = z.object({
  max: z.number().int().min(0).max(50),
  required: z.boolean().default(false),
  label: labelSchema.default('支撑材料'),
  /** 多项材料合成一个带目录的 PDF（A6、C1） */
  mergeIntoPdf: z.boolean().default(false),
  rule: z.string().max(10).default(''),
});

/** 加盖公章的扫描件（A4、B3、D6） */
export const stampedScanRuleSchema = z.object({ required: z.boolean(), label: labelSchema, rule: z.string().max(10).default('') });

/** 选择题：主题（B1）、方向（D3、E1） */
export const choiceFieldSchema = z.object({
  key: keySchema,
  label: labelSchema,
  options: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
  /** 允许填写“其他”（B1：自选主题；D3：不限于以上类别） */
  allowOther: z.boolean().default(false),
  required: z.boolean(),
  rule: z.string().max(10).default(''),
});
export type ChoiceField = z.infer<typeof choiceFieldSchema>;

/** 日期题：如 A1 工作开始时间、C3 支部大会/支委会审议日期 */
export const dateFieldSchema = z.object({
  key: keySchema,
  label: labelSchema,
  required: z.boolean(),
  /** 作为 A1“开展满一年”的起算日期 */
  startOfWork: z.boolean().default(false),
  hint: z.string().max(200).default(''),
  rule: z.string().max(10).default(''),
});

export const entryFormSchema = z.object({
  /** 题目（项目/案例名称）的字数上限 */
  titleMaxChars: z.number().int().min(5).max(100).default(40),
  titleLabel: labelSchema.default('项目名称'),
  sections: z.array(textSectionSchema).max(12),
  choices: z.array(choiceFieldSchema).max(6).default([]),
  dates: z.array(dateFieldSchema).max(4).default([]),
  photoGroups: z.array(photoGroupSchema).max(6).default([]),
  video: videoRuleSchema.nullable().default(null),
  documents: documentsRuleSchema.nullable().default(null),
  stampedScan: stampedScanRuleSchema.nullable().default(null),
  /** 提交前须确认的事项（C3：已在支部大会或支委会上总结；不罗列日常行政事务） */
  declarations: z.array(z.object({ key: keySchema, text: z.string().min(1).max(120), rule: z.string().max(10).default('') })).max(6).default([]),
});
export type EntryForm = z.infer<typeof entryFormSchema>;

// ── 评审流程与结果 ──────────────────────────────────────────────────────

/** 评分细则的一项（A2 六项、C2 四项） */
export const criterionSchema = z.object({
  key: keySchema,
  label: labelSchema,
  description: z.string().max(300).default(''),
  maxScore: z.number().positive().max(100),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** 等级或奖项：capPercent 为每个单位内该等级所占比例上限（B5：最佳约 30%） */
export const outcomeLevelSchema = z.object({
  key: keySchema,
  label: labelSchema,
  capPercent: z.number().min(0).max(100).nullable().default(null),
  /** 获得此等级即入选（D：入选创建；进入实施阶段） */
  admits: z.boolean().default(false),
  /** 是否算“获奖”（A1 往届获奖判断、成果储备库收录） */
  isWin: z.boolean().default(true),
});
export type OutcomeLevel = z.infer<typeof outcomeLevelSchema>;

export const pipelineSchema = z.object({
  /**
   * 分党委这一步：recommend = 审核后择优推荐给组织部（A、C、D、E）；
   * grade = 分党委自己评审立项并定等级（B5），不再报组织部评审；none = 直接报组织部（单位自身的材料，如 B3 总结）
   */
  unitStep: z.enum(['recommend', 'grade', 'none']),
  /** 分党委推荐前须核实的事项（C3：核实真实性和准确性） */
  unitChecklist: z.array(z.string().min(1).max(60)).max(6).default([]),
  /** 组织部初审；补正期限的默认天数（A8：逾期未补正或仍不合格的取消资格） */
  screening: z.object({ correctionDays: z.number().int().min(1).max(60), checklist: z.array(z.string().min(1).max(60)).max(10).default([]) }).nullable(),
  /** 评审方式：函评（C1.5）或现场答辩（E3），及评分细则 */
  review: z
    .object({
      mode: z.enum(['correspondence', 'defence']),
      rubric: z.array(criterionSchema).min(1).max(12),
      /** 函评时隐去申报单位（评审人只看材料） */
      anonymous: z.boolean().default(false),
    })
    .nullable(),
  /** 结果：奖项（A、E）、等级（B5：最佳/优秀/培育）或入选与否（C、D）；null 为只收材料不评定（B3 分党委总结） */
  outcome: z
    .object({
      kind: z.enum(['award', 'grade', 'admission']),
      levels: z.array(outcomeLevelSchema).min(1).max(8),
      /** B9：样板党支部在创建周期内原则上应达到的等级（评低了给出提醒） */
      modelExpectedLevel: z.string().max(32).nullable().default(null),
    })
    .nullable(),
  /** 立项后的实施：进展记录、分党委督促检查（B8）、组织部中期检查（D6） */
  execution: z
    .object({
      inspections: z.array(z.object({ key: keySchema, label: labelSchema, by: z.enum(['unit', 'department']), rule: z.string().max(10).default('') })).max(6),
    })
    .nullable(),
  /** 结项验收（B2：述职、例会或研讨会验收并评价）及评价等次 */
  closing: z.object({ by: z.enum(['unit', 'department']), ratings: z.array(labelSchema).min(1).max(6), methods: z.array(labelSchema).max(6).default([]) }).nullable(),
  /** 公布后进入成果储备库（A7）、可推送 We党微家 */
  publishToGallery: z.boolean().default(true),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

/** 申报类别：一次评选可有几类材料（B：支部立项方案 + 分党委年度总结 B3） */
export const trackSchema = z.object({
  key: keySchema,
  label: labelSchema,
  description: z.string().max(300).default(''),
  entrant: entrantRulesSchema,
  quota: quotaSchema,
  form: entryFormSchema,
  pipeline: pipelineSchema,
});
export type Track = z.infer<typeof trackSchema>;

// ── 评选 ────────────────────────────────────────────────────────────────

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export const CAMPAIGN_STATUS_LABELS: Record<z.infer<typeof campaignStatusSchema>, string> = { draft: '草稿', open: '已发布', closed: '已结束' };

export const campaignBodySchema = z.object({
  kind: campaignKindSchema,
  title: z.string().trim().min(4).max(60),
  year: z.number().int().min(2000).max(2100),
  /** 通知原文（在 notices 集合）；复制到新一年时为 null，直到发布新通知 */
  noticeId: docIdSchema.nullable(),
  docNumber: z.string().max(40).default(''),
  attachments: z.array(attachmentSchema).max(20).default([]),
  stages: z.array(stageSchema).min(1).max(10),
  tracks: z.array(trackSchema).min(1).max(4),
  /** 由哪一个模板或往年评选复制而来 */
  copiedFrom: z.string().max(64).nullable().default(null),
});
export type CampaignBody = z.infer<typeof campaignBodySchema>;

export const campaignSchema = campaignBodySchema.extend({
  _id: docIdSchema,
  status: campaignStatusSchema,
  version: z.number().int(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** 定义层面的一致性检查（zod 单字段校验之外的）：返回中文问题列表，空表示通过 */
export function campaignDefinitionIssues(body: CampaignBody): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  const stageIds = new Set<string>();
  for (const s of body.stages) {
    const id = `${s.key}:${s.track ?? ''}`;
    if (stageIds.has(id)) issues.push(`阶段“${s.label}”重复`);
    stageIds.add(id);
    seen.add(s.key);
    if (s.track && !body.tracks.some((t) => t.key === s.track)) issues.push(`阶段“${s.label}”所属的申报类别不存在`);
  }
  if (!seen.has('submission')) issues.push('缺少“申报填报”阶段');
  const trackKeys = new Set<string>();
  for (const t of body.tracks) {
    if (trackKeys.has(t.key)) issues.push(`申报类别“${t.label}”的键名重复`);
    trackKeys.add(t.key);
    const p = t.pipeline;
    const need = (stage: StageKey, why: string) => {
      if (!seen.has(stage)) issues.push(`“${t.label}”${why}，需要“${STAGE_LABELS[stage]}”阶段`);
    };
    if (p.unitStep !== 'none') need('unitReview', '有分党委审核');
    if (p.screening) need('screening', '有组织部初审');
    if (p.review) need(p.review.mode === 'defence' ? 'defence' : 'review', '有评审');
    if (p.unitStep !== 'grade' && p.outcome) need('decision', '由组织部评定');
    if (p.unitStep === 'grade' && !p.outcome) issues.push(`“${t.label}”由分党委定等级，须列出等级`);
    if (p.execution) need('execution', '有实施阶段');
    if (p.closing) need('closing', '有结项验收');
    if (t.entrant.levels.includes('branch') === false && t.entrant.invitedBranchIds) issues.push(`“${t.label}”只限单位申报，却列了支部名单`);
    const sections = new Set(t.form.sections.map((s) => s.key));
    for (const s of t.form.sections) {
      if (s.minChars > s.maxChars) issues.push(`“${s.title}”的字数下限大于上限`);
    }
    for (const g of t.form.photoGroups) {
      if (g.min > g.max) issues.push(`“${g.label}”的最少张数大于最多张数`);
      if (g.withSection && !sections.has(g.withSection)) issues.push(`“${g.label}”随附的段落不存在`);
    }
    const quota = t.quota;
    if (quota.maxPerUnit !== null && quota.minPerUnit > quota.maxPerUnit) issues.push(`“${t.label}”的最少推荐数大于上限`);
    const levelKeys = new Set<string>();
    for (const l of p.outcome?.levels ?? []) {
      if (levelKeys.has(l.key)) issues.push(`等级“${l.label}”重复`);
      levelKeys.add(l.key);
    }
    if (p.outcome?.modelExpectedLevel && !levelKeys.has(p.outcome.modelExpectedLevel)) issues.push(`“${t.label}”样板支部应达等级不在等级列表中`);
  }
  return issues;
}

/** 某阶段此刻是否在进行：起点含，终点含（截止到 endsAt 这一秒） */
export function stageOpen(stage: Pick<Stage, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const t = Math.floor(now.getTime() / 1000) * 1000; // 精确到秒：23:59:59.900 仍算 23:59:59
  return t >= Date.parse(stage.startsAt) && t <= Date.parse(stage.endsAt);
}

/** 某类别的某阶段：先找只属于该类别的，再找全体适用的 */
export function findStage(body: Pick<CampaignBody, 'stages'>, key: StageKey, trackKey?: string): Stage | undefined {
  return body.stages.find((s) => s.key === key && trackKey !== undefined && s.track === trackKey) ?? body.stages.find((s) => s.key === key && !s.track);
}
