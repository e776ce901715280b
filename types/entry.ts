import { z } from 'zod';
import type { EntryForm, Track } from './campaign';
import { docIdSchema, fileIdSchema, instantSchema } from './ids';
import { entryStatusSchema, transitionActionSchema } from './lifecycle';
import { entrantLevelSchema } from './campaign';
import { campaignKindSchema } from './notices';
import { countZi, mentionsPart } from './zi';

// ── 内容 ────────────────────────────────────────────────────────────────

export const photoSchema = z.object({
  fileID: fileIdSchema,
  caption: z.string().max(200),
  width: z.number().int().positive().max(20000).nullable().default(null),
  height: z.number().int().positive().max(20000).nullable().default(null),
  size: z.number().int().nonnegative().max(50 * 1024 * 1024).default(0),
});
export type Photo = z.infer<typeof photoSchema>;

export const videoSchema = z.object({
  fileID: fileIdSchema,
  seconds: z.number().positive().max(24 * 3600),
  width: z.number().int().positive().max(20000),
  height: z.number().int().positive().max(20000),
  format: z.string().max(10),
  size: z.number().int().nonnegative(),
});
export type Video = z.infer<typeof videoSchema>;

export const documentSchema = z.object({ fileID: fileIdSchema, name: z.string().trim().min(1).max(100), size: z.number().int().nonnegative() });

const fieldKey = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** 申报内容：按评选类别的表单（EntryForm）逐项填写；存草稿时允许不完整，提交时按表单检查 */
export const entryContentSchema = z.object({
  title: z.string().max(200).default(''),
  sections: z.record(fieldKey, z.string().max(30000)).default({}),
  choices: z.record(fieldKey, z.string().max(60)).default({}),
  dates: z.record(fieldKey, dateOnly).default({}),
  photos: z.record(fieldKey, z.array(photoSchema).max(50)).default({}),
  video: videoSchema.nullable().default(null),
  documents: z.array(documentSchema).max(50).default([]),
  stampedScan: documentSchema.nullable().default(null),
  declarations: z.record(fieldKey, z.boolean()).default({}),
  /** 联合申报的其他支部（D1 不支持联合申报） */
  partnerBranchIds: z.array(docIdSchema).max(10).default([]),
});
export type EntryContent = z.infer<typeof entryContentSchema>;

/** 材料里引用的全部文件 */
export function contentFileIds(content: EntryContent): string[] {
  return [
    ...Object.values(content.photos).flatMap((list) => list.map((p) => p.fileID)),
    ...(content.video ? [content.video.fileID] : []),
    ...content.documents.map((d) => d.fileID),
    ...(content.stampedScan ? [content.stampedScan.fileID] : []),
  ];
}

/** 材料文件的云存储目录：entries/<材料 id>/，上传路径与服务端核对都用它 */
export function entryFilesDir(entryId: string): string {
  return `entries/${entryId}/`;
}

/** 一个 fileID 是否在这份材料的目录下（防止引用别人的文件） */
export function belongsToEntry(fileID: string, entryId: string): boolean {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return !!m && m[1].startsWith(entryFilesDir(entryId)) && !m[1].includes('..');
}

export function emptyContent(): EntryContent {
  return entryContentSchema.parse({});
}

/** 一条可读的规则结果：出处规则编号 + 中文说明；block 阻止操作，warn 只提醒 */
export const ruleResultSchema = z.object({
  rule: z.string(),
  ok: z.boolean(),
  severity: z.enum(['block', 'warn', 'info']),
  message: z.string(),
  /** 对应表单的哪一项（内容检查时），如 sections.summary、photos.main */
  path: z.string().default(''),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

const cite = (rule: string) => (rule ? `（${rule}）` : '');

/**
 * 内容检查（纯函数，客户端清单与云端提交共用）：按表单逐项给出结果。
 * 字数一律按 countZi（与 Word 字数一致）。返回全部检查项（含已满足的），
 * ok=false 且 severity=block 的项未解决时不能提交。
 */
export function checkContent(form: EntryForm, content: EntryContent, opts: { allowJoint: boolean; jointRule?: string } = { allowJoint: true }): RuleResult[] {
  const out: RuleResult[] = [];
  const add = (ok: boolean, rule: string, path: string, message: string, severity: RuleResult['severity'] = 'block') =>
    out.push({ ok, rule, path, message, severity: ok ? 'info' : severity });

  const title = content.title.trim();
  const titleLen = countZi(title);
  add(titleLen > 0 && titleLen <= form.titleMaxChars, '', 'title', titleLen === 0 ? `请填写${form.titleLabel}` : `${form.titleLabel} ${titleLen}/${form.titleMaxChars} 字`);

  for (const s of form.sections) {
    const text = (content.sections[s.key] ?? '').trim();
    const n = countZi(text);
    const path = `sections.${s.key}`;
    if (!text) {
      add(!s.required, s.rule, path, s.required ? `请填写“${s.title}”${cite(s.rule)}` : `“${s.title}”可不填`);
      continue;
    }
    if (n > s.maxChars) add(false, s.rule, path, `“${s.title}”不超过 ${s.maxChars} 字${cite(s.rule)}，现有 ${n} 字，请删去 ${n - s.maxChars} 字`);
    else if (n < s.minChars) add(false, s.rule, path, `“${s.title}”应有 ${s.minChars}–${s.maxChars} 字${cite(s.rule)}，现有 ${n} 字`);
    else add(true, s.rule, path, `“${s.title}” ${n}/${s.maxChars} 字`);
    for (const part of s.requiredParts) {
      add(mentionsPart(text, part), s.rule, path, `“${s.title}”应写明“${part}”${cite(s.rule)}`);
    }
  }

  for (const c of form.choices) {
    const v = (content.choices[c.key] ?? '').trim();
    const known = c.options.includes(v);
    if (!v) add(!c.required, c.rule, `choices.${c.key}`, `请选择${c.label}${cite(c.rule)}`);
    else add(known || c.allowOther, c.rule, `choices.${c.key}`, known || c.allowOther ? `${c.label}：${v}` : `${c.label}只能从所列选项中选择${cite(c.rule)}`);
  }

  for (const d of form.dates) {
    const v = content.dates[d.key];
    add(!!v || !d.required, d.rule, `dates.${d.key}`, v ? `${d.label}：${v}` : `请填写${d.label}${cite(d.rule)}`);
  }

  const sectionFilled = (key: string | null) => (key ? (content.sections[key] ?? '').trim().length > 0 : true);
  for (const g of form.photoGroups) {
    const photos = content.photos[g.key] ?? [];
    const path = `photos.${g.key}`;
    const needed = sectionFilled(g.withSection) ? g.min : 0;
    if (photos.length > g.max) add(false, g.rule, path, `“${g.label}”最多 ${g.max} 张${cite(g.rule)}，现有 ${photos.length} 张`);
    else if (photos.length < needed) add(false, g.rule, path, `“${g.label}”至少 ${needed} 张${cite(g.rule)}，现有 ${photos.length} 张`);
    else add(true, g.rule, path, `“${g.label}” ${photos.length} 张${g.suggested ? `（建议 ${g.suggested} 张左右）` : ''}`);
    photos.forEach((p, i) => {
      const n = countZi(p.caption.trim());
      if (n === 0) add(false, g.rule, `${path}.${i}`, `“${g.label}”第 ${i + 1} 张缺少文字说明${cite(g.rule)}`);
      else if (n > g.captionMaxChars) add(false, g.rule, `${path}.${i}`, `“${g.label}”第 ${i + 1} 张的说明不超过 ${g.captionMaxChars} 字${cite(g.rule)}，现有 ${n} 字`);
    });
  }

  if (form.video) {
    const v = content.video;
    const r = form.video;
    if (!v) add(!r.required, r.rule, 'video', `请上传${r.label}${cite(r.rule)}`);
    else {
      add(v.format.toLowerCase() === 'mp4', r.rule, 'video', v.format.toLowerCase() === 'mp4' ? `${r.label}：MP4` : `${r.label}须为 MP4 格式${cite(r.rule)}`);
      const minutes = Math.floor(r.maxSeconds / 60);
      add(v.seconds <= r.maxSeconds, r.rule, 'video', v.seconds <= r.maxSeconds ? `${r.label}时长 ${formatDuration(v.seconds)}` : `${r.label}不超过 ${minutes} 分钟${cite(r.rule)}，现长 ${formatDuration(v.seconds)}`);
      // 横竖屏都接受：长边不小于 minWidth、短边不小于 minHeight
      const long = Math.max(v.width, v.height);
      const short = Math.min(v.width, v.height);
      const okRes = long >= r.minWidth && short >= r.minHeight;
      add(okRes, r.rule, 'video', okRes ? `${r.label}分辨率 ${v.width}×${v.height}` : `${r.label}分辨率不小于 ${r.minWidth}×${r.minHeight}${cite(r.rule)}，现为 ${v.width}×${v.height}`);
    }
  } else if (content.video) {
    add(false, '', 'video', '本类申报不收视频');
  }

  if (form.documents) {
    const d = form.documents;
    const n = content.documents.length;
    if (n > d.max) add(false, d.rule, 'documents', `${d.label}最多 ${d.max} 份${cite(d.rule)}，现有 ${n} 份`);
    else if (d.required && n === 0) add(false, d.rule, 'documents', `请上传${d.label}${cite(d.rule)}`);
    else add(true, d.rule, 'documents', `${d.label} ${n} 份${d.mergeIntoPdf && n > 1 ? '，将合成一个带目录的 PDF' : ''}`);
  } else if (content.documents.length) {
    add(false, '', 'documents', '本类申报不收支撑材料');
  }

  if (form.stampedScan) {
    const s = form.stampedScan;
    add(!!content.stampedScan || !s.required, s.rule, 'stampedScan', content.stampedScan ? `${s.label}已上传` : `请上传${s.label}${cite(s.rule)}`);
  }

  for (const d of form.declarations) {
    add(content.declarations[d.key] === true, d.rule, `declarations.${d.key}`, `${d.text}${cite(d.rule)}`);
  }

  if (content.partnerBranchIds.length) {
    add(opts.allowJoint, opts.jointRule ?? '', 'partnerBranchIds', opts.allowJoint ? `联合申报：${content.partnerBranchIds.length} 个支部` : `不支持两个及以上党支部联合申报${cite(opts.jointRule ?? '')}`);
  }
  return out;
}

/** 内容中阻止提交的问题 */
export function blockingIssues(results: RuleResult[]): RuleResult[] {
  return results.filter((r) => !r.ok && r.severity === 'block');
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒`;
}

/** 一项内容检查，供 track 级调用 */
export function checkTrackContent(track: Pick<Track, 'form' | 'entrant'>, content: EntryContent): RuleResult[] {
  return checkContent(track.form, content, { allowJoint: track.entrant.allowJointEntries, jointRule: track.entrant.allowJointEntries ? '' : 'D1' });
}

// ── 记录 ────────────────────────────────────────────────────────────────

export const historyItemSchema = z.object({
  at: instantSchema,
  action: z.union([transitionActionSchema, z.enum(['create', 'progress', 'inspect'])]),
  from: entryStatusSchema.nullable(),
  to: entryStatusSchema,
  actorPersonId: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().max(2000).default(''),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const correctionSchema = z.object({
  reason: z.string().max(1000),
  items: z.array(z.string().max(200)).max(20),
  deadline: instantSchema,
  requestedAt: instantSchema,
  requestedBy: z.string().nullable(),
});

export const progressNoteSchema = z.object({ at: instantSchema, text: z.string().max(2000), byName: z.string().nullable(), photos: z.array(photoSchema).max(9).default([]) });
export const inspectionSchema = z.object({ key: z.string(), label: z.string(), at: instantSchema, by: z.enum(['unit', 'department']), byName: z.string().nullable(), note: z.string().max(2000), verdict: z.enum(['good', 'fair', 'weak']) });

export const entrySchema = z.object({
  _id: docIdSchema,
  campaignId: docIdSchema,
  /** 评选标题（建材料时记下，列表里不必再读评选） */
  campaignTitle: z.string().default(''),
  trackKey: z.string(),
  kind: campaignKindSchema,
  year: z.number().int(),
  entrantLevel: entrantLevelSchema,
  /** branch:<id> / generalBranch:<id> / unit:<id>：一个主体在一个评选类别里只有一份材料（唯一索引） */
  entrantKey: z.string(),
  entrantName: z.string(),
  unitId: docIdSchema,
  unitName: z.string(),
  generalBranchId: docIdSchema.nullable(),
  branchId: docIdSchema.nullable(),
  content: entryContentSchema,
  status: entryStatusSchema,
  /** 评定的奖项/等级（outcome.levels 的 key） */
  level: z.string().nullable(),
  /** 结项验收评价 */
  rating: z.string().nullable(),
  /** D1：不占分党委名额（第四批全国样板支部） */
  quotaExempt: z.boolean(),
  correction: correctionSchema.nullable(),
  unitComment: z.string().max(1000),
  progress: z.array(progressNoteSchema),
  inspections: z.array(inspectionSchema),
  closingReport: z.string().max(5000),
  history: z.array(historyItemSchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  submittedAt: instantSchema.nullable(),
  version: z.number().int(),
  /** 现场答辩的成绩（E3）：答辩结束（defence.finish）时记下，组织部评定奖项时参考；未经答辩的材料没有 */
  defenceResult: z
    .object({
      sessionId: z.string(),
      value: z.number(),
      rank: z.number().int(),
      count: z.number().int(),
      scaleMax: z.number(),
      method: z.enum(['mean', 'trimmed', 'zscore']),
      note: z.string(),
    })
    .nullable()
    .optional(),
});
export type Entry = z.infer<typeof entrySchema>;

export const entrySummarySchema = entrySchema.pick({
  _id: true, campaignId: true, campaignTitle: true, trackKey: true, kind: true, year: true, entrantLevel: true, entrantName: true, unitId: true, unitName: true, branchId: true, status: true, level: true, rating: true, quotaExempt: true, updatedAt: true, submittedAt: true, version: true,
}).extend({ title: z.string(), correctionDeadline: instantSchema.nullable() });
export type EntrySummary = z.infer<typeof entrySummarySchema>;
