import type { z } from 'zod';
import {
  blockingIssues,
  findStage,
  ENTRY_STATUS_LABELS,
  cstWall,
  fromCstWall,
  SUBMITTED_STATUSES,
  toCstIso,
  transitionsFor,
  type Branch,
  type EntryStatus,
  type Entry,
  type RuleResult,
  type Track,
  type entriesContract,
} from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import type { CloudTransaction } from '../_lib/db';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { emptyLedger, ENTRIES, ledgerId, loadCampaign, loadEntrant, loadEntry, loadPriors, QUOTA_LEDGERS, trackOf, type Ledger } from '../_lib/engine/load';
import { campaignMonth, gradeCap, inModelCycle, maxFor, quotaExemption, quotaRuleText } from '../_lib/engine/rules';
import { actorKinds, applyTransition, checkStage, SYSTEM_ACTOR } from '../_lib/engine/transition';
import { CASES, caseFromEntry } from '../_lib/engine/cases';
import { contentResults } from './entries.handler';
import { Mp4Error, probeMp4 } from '../_lib/mp4';
import { noticeCorrection, noticeDisqualified, noticeResult, noticeResults, type NoticeEntry } from './notices';

type In<K extends keyof (typeof entriesContract)['actions']> = z.output<(typeof entriesContract)['actions'][K]['input']>;

// ── 申报方 ──────────────────────────────────────────────────────────────

/** 提交：表单逐项检查（A5、B3、C1…）与实施满一年、往届获奖（A1）都通过才可提交；文字过内容安全 */
export async function submitEntry({ ctx, actor, input }: HandlerArgs<In<'submit'>>) {
  return submitLike(ctx, actor, input.id, 'submit', input.expectedVersion, '');
}

/** 提交补正（A8）：在补正期限内，按同样的检查 */
export async function resubmitEntry({ ctx, actor, input }: HandlerArgs<In<'resubmit'>>) {
  return submitLike(ctx, actor, input.id, 'resubmit', undefined, input.note);
}

async function submitLike(ctx: FunctionContext, actor: Actor, id: string, action: 'submit' | 'resubmit', expectedVersion: number | undefined, note: string) {
  return applyTransition(ctx, actor, {
    entryId: id,
    action,
    note,
    apply: async ({ entry: stored, campaign }) => {
      if (expectedVersion !== undefined && stored.version !== expectedVersion) throw new AppError('CONFLICT', '材料已被他人修改，请刷新后确认再提交');
      // 视频的时长与分辨率以文件本身为准（C1），客户端报告的数字只作预检
      const video = stored.content.video ? await verifiedVideo(ctx, stored.content.video) : null;
      const entry = video ? { ...stored, content: { ...stored.content, video } } : stored;
      const results = await contentResults(ctx, campaign, entry);
      const blocking = blockingIssues(results);
      if (blocking.length) {
        throw new AppError('BAD_INPUT', `还有 ${blocking.length} 项不符合要求：${blocking[0].message}`, blocking.map((r) => ({ path: r.path, message: r.message })));
      }
      const text = [entry.content.title, ...Object.values(entry.content.sections)].join('\n');
      const verdict = await ctx.security.checkText({ content: text, openid: actor.openid, scene: 1 });
      if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY');
      return { set: { submittedAt: toCstIso(ctx.clock.now()), ...(video ? { content: entry.content } : {}), ...(action === 'resubmit' ? {} : { correction: null }) } };
    },
  });
}

/** 读视频文件的盒子核对时长与画面尺寸；不是合法 MP4 时拒绝（C1） */
async function verifiedVideo(ctx: FunctionContext, video: NonNullable<Entry['content']['video']>): Promise<NonNullable<Entry['content']['video']>> {
  try {
    const info = await probeMp4((start, length) => ctx.files.readRange(video.fileID, start, length));
    return { ...video, seconds: Math.round(info.seconds * 10) / 10, width: info.width, height: info.height, format: info.brand.trim() === 'qt' ? 'mov' : 'mp4' };
  } catch (err) {
    if (err instanceof Mp4Error) throw new AppError('FILE_REJECTED', `视频无法识别：${err.message}，请上传 MP4 格式的视频（C1）`);
    throw err;
  }
}

export async function withdrawEntry({ ctx, actor, input }: HandlerArgs<In<'withdraw'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'withdraw', note: input.note });
}

export async function reopenEntry({ ctx, actor, input }: HandlerArgs<In<'reopen'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'reopen' });
}

// ── 分党委 ──────────────────────────────────────────────────────────────

async function readLedger(tx: CloudTransaction, entry: Entry): Promise<Ledger> {
  return (await txGetOrNull<Ledger>(tx, QUOTA_LEDGERS, ledgerId(entry.campaignId, entry.trackKey, entry.unitId))) ?? emptyLedger(entry.campaignId, entry.trackKey, entry.unitId);
}

async function writeLedger(tx: CloudTransaction, ledger: Ledger): Promise<void> {
  const { _id, ...data } = ledger;
  await tx.collection(QUOTA_LEDGERS).doc(_id).set({ data });
}

const without = (list: string[], id: string) => list.filter((x) => x !== id);

/**
 * 推荐（A3、D5、E3）：名额在事务里对照台账核对——台账是每个单位一条记录，
 * 同时推荐的两个请求都要改它，云数据库的事务写冲突使其中一个重试后看到已满而被拒。
 * 第四批全国样板支部在创建周期内可不占名额一次（D1）。须先勾选核实事项（C3）。
 */
export async function recommendEntry({ ctx, actor, input }: HandlerArgs<In<'recommend'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'recommend',
    note: input.note,
    apply: async ({ tx, entry, campaign, track }) => {
      const missing = track.pipeline.unitChecklist.filter((item) => !input.checklist.includes(item));
      if (missing.length) throw new AppError('BAD_INPUT', `请先确认：${missing.join('；')}${campaign.kind === 'C' ? '（C3）' : ''}`);
      const ledger = await readLedger(tx, entry);
      const entrant = await loadEntrant(ctx, { level: entry.entrantLevel, id: entry.branchId ?? entry.generalBranchId ?? entry.unitId });
      const priors = track.quota.exemptModelBatch ? await loadPriors(ctx, campaign.kind, entry.entrantKey, campaign._id) : [];
      if (quotaExemption(track.quota, entrant.branch, campaignMonth(campaign), priors)) {
        await writeLedger(tx, { ...ledger, exempt: [...without(ledger.exempt, entry._id), entry._id] });
        return { set: { quotaExempt: true }, warnings: [{ rule: 'D1', ok: true, severity: 'info', path: '', message: '入围第四批全国党建工作样板支部，不占本单位推荐名额（D1）' }] };
      }
      const branchCount = (await ctx.db.collection('branches').where({ unitId: entry.unitId, active: true }).count()).total;
      const max = maxFor(track.quota, branchCount);
      const used = without(ledger.recommended, entry._id);
      if (max !== null && used.length >= max) {
        const names = await titlesOf(tx, used);
        throw new AppError('QUOTA_EXCEEDED', `${quotaRuleText(track.quota, max, 0, branchCount)}，本单位已推荐：${names.join('、')}`);
      }
      await writeLedger(tx, { ...ledger, recommended: [...used, entry._id] });
      return { set: { quotaExempt: false } };
    },
  });
}

async function titlesOf(tx: CloudTransaction, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const e = await txGetOrNull<Entry>(tx, ENTRIES, id);
    out.push(e ? `《${e.content.title || '未命名'}》（${e.entrantName}）` : id);
  }
  return out;
}

async function releaseQuota(tx: CloudTransaction, entry: Entry): Promise<void> {
  const ledger = await readLedger(tx, entry);
  const grades = Object.fromEntries(Object.entries(ledger.grades).map(([k, v]) => [k, without(v, entry._id)]));
  await writeLedger(tx, { ...ledger, recommended: without(ledger.recommended, entry._id), exempt: without(ledger.exempt, entry._id), grades });
}

export async function unrecommendEntry({ ctx, actor, input }: HandlerArgs<In<'unrecommend'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'unrecommend',
    note: input.note,
    apply: async ({ tx, entry }) => {
      await releaseQuota(tx, entry);
      return { set: { quotaExempt: false } };
    },
  });
}

/** 退回修改：写明原因；已推荐的释放名额 */
export async function returnEntry({ ctx, actor, input }: HandlerArgs<In<'returnEntry'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'returnEntry',
    note: input.note,
    apply: async ({ tx, entry }) => {
      await releaseQuota(tx, entry);
      return { set: { unitComment: input.note, quotaExempt: false } };
    },
  });
}

/**
 * 分党委评定立项等级（B5）：有比例上限的等级（最佳约 30%）在事务里对照台账核对，
 * 基数为本单位本类别已提交的项目数；样板支部评低于应达等级时提醒（B9）。
 */
export async function gradeEntry({ ctx, actor, input }: HandlerArgs<In<'grade'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'grade',
    note: input.note,
    sameAs: (e) => e.status === 'approved' && e.level === input.level,
    apply: async ({ tx, entry, campaign, track }) => {
      const outcome = track.pipeline.outcome;
      const level = outcome?.levels.find((l) => l.key === input.level);
      if (!outcome || !level) throw new AppError('BAD_INPUT', `没有“${input.level}”这一等级`);
      const ledger = await readLedger(tx, entry);
      const grades = Object.fromEntries(Object.entries(ledger.grades).map(([k, v]) => [k, without(v, entry._id)]));
      if (level.capPercent !== null) {
        const base = (await ctx.db.collection(ENTRIES).where({ campaignId: entry.campaignId, trackKey: entry.trackKey, unitId: entry.unitId, status: ctx.db.command.in([...SUBMITTED_STATUSES]) }).count()).total;
        const cap = gradeCap(level.capPercent, base)!;
        const used = grades[level.key] ?? [];
        if (used.length >= cap) {
          throw new AppError('QUOTA_EXCEEDED', `“${level.label}”比例控制在 ${level.capPercent}% 左右（B5）：本单位 ${base} 个项目最多 ${cap} 个，已评 ${used.length} 个：${(await titlesOf(tx, used)).join('、')}`);
        }
      }
      grades[level.key] = [...(grades[level.key] ?? []), entry._id];
      await writeLedger(tx, { ...ledger, grades });
      return { set: { level: level.key }, warnings: await modelExpectation(ctx, entry, track, level.key, campaignMonth(campaign)) };
    },
  });
}

/** B9：样板党支部在创建周期内原则上应达到“最佳” */
async function modelExpectation(ctx: FunctionContext, entry: Entry, track: Track, levelKey: string, month: string): Promise<RuleResult[]> {
  const expected = track.pipeline.outcome?.modelExpectedLevel;
  if (!expected || expected === levelKey || !entry.branchId) return [];
  const res = await ctx.db.collection('branches').where({ _id: entry.branchId }).limit(1).get();
  const branch = res.data[0] as Branch | undefined;
  const m = branch?.model;
  if (!m) return [];
  if (!inModelCycle(m, month)) return [];
  const label = track.pipeline.outcome?.levels.find((l) => l.key === expected)?.label ?? expected;
  return [{ rule: 'B9', ok: false, severity: 'warn', path: '', message: `${entry.entrantName}是样板党支部，创建周期内立项方案原则上应达到“${label}”（B9）` }];
}

// ── 组织部 ──────────────────────────────────────────────────────────────

/** 要求补正（A8）：写明问题与期限（默认为评选设定的天数，截止到当天 23:59:59 北京时间） */
export async function requestCorrection({ ctx, actor, input }: HandlerArgs<In<'requestCorrection'>>) {
  // 事务里读到的材料 + 这次写下的补正要求 = 提交后的材料：通知直接用它，不再重读（issue 8）
  let committed: NoticeEntry | null = null;
  const result = await applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'requestCorrection',
    note: input.reason,
    apply: async ({ entry, track, def, now }) => {
      const days = track.pipeline.screening?.correctionDays ?? 7;
      const deadline = input.deadline ?? toCstIso(fromCstWall(cstWall(now).add(days, 'day').hour(23).minute(59).second(59).millisecond(0)));
      if (Date.parse(deadline) <= now.getTime()) throw new AppError('BAD_INPUT', '补正期限须晚于现在');
      const requestedAt = toCstIso(now);
      const correction = { reason: input.reason, items: input.items, deadline: toCstIso(deadline), requestedAt, requestedBy: actor.person?.name ?? null, deadlineMs: Date.parse(deadline) } as Entry['correction'];
      committed = { ...entry, status: def.to, correction };
      return { set: { correction } };
    },
  });
  // 提交后再通知申报方（A8）；重试时 dedupeKey 保证不重发；重复请求（未改动）时按库里的读
  await noticeCorrection(ctx, result.repeated || !committed ? input.id : committed);
  return result;
}

/**
 * 取消资格（A8）：待补正的只能在期限过后（逾期未补正）；已补正但仍不合格的可随时。
 */
export async function disqualifyEntry({ ctx, actor, input }: HandlerArgs<In<'disqualify'>>) {
  let committed: NoticeEntry | null = null;
  const result = await applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'disqualify',
    note: input.note,
    apply: async ({ entry, def, now }) => {
      if (entry.status === 'correctionRequested' && entry.correction && now.getTime() <= Date.parse(entry.correction.deadline) + 999) {
        throw new AppError('CONFLICT', `补正期限（${entry.correction.deadline.replace('T', ' ').slice(0, 19)}）未到，不能以逾期为由取消资格（A8）`);
      }
      // 通知只用到取消资格这一步的时刻与原因（与 applyTransition 记入时间线的相同），不再重读材料
      const step = { at: toCstIso(now), action: 'disqualify' as const, from: entry.status, to: def.to, actorPersonId: actor.person?._id ?? null, actorName: actor.person?.name ?? null, note: input.note };
      committed = { ...entry, status: def.to, history: [...entry.history, step] };
      return {};
    },
  });
  await noticeDisqualified(ctx, result.repeated || !committed ? input.id : committed);
  return result;
}

export async function passEntry({ ctx, actor, input }: HandlerArgs<In<'pass'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'pass', note: input.note });
}

export async function startReview({ ctx, actor, input }: HandlerArgs<In<'startReview'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'startReview' });
}

export async function finishReview({ ctx, actor, input }: HandlerArgs<In<'finishReview'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'finishReview' });
}

/** 组织部评定的比例台账：每个（评选, 类别）一条，unitId 记为 school（全校计） */
export const DECISION_LEDGER_UNIT = 'school';

/**
 * 参与评定的材料（组织部比例上限的基数）：已到组织部、此刻可评定或已评定之后的——
 * 即 decide 的起点状态（已推荐/已补正/初审通过/已评分）、评审中，以及已评定、已公布、实施与结项中的；
 * 不含草稿、退回、撤回、待补正（尚未合格，A8）与取消资格的。
 */
function decisionPool(track: Track): EntryStatus[] {
  const from = transitionsFor(track.pipeline).find((d) => d.action === 'decide')?.from ?? [];
  return [...new Set<EntryStatus>([...from, 'underReview', 'decided', 'published', 'inProgress', 'closingSubmitted', 'accepted'])];
}

/**
 * 评定等级或奖项：获奖等级须经评审（有评审环节的类别）。
 * 有比例上限（capPercent）的等级按全校计：基数为本评选本类别参与评定的材料数（decisionPool），
 * 上限 = round(基数 × 比例)，至少 1（与 B5 的 gradeCap 同一算法）；已评该等级的记在一条台账里，
 * 与评定同一事务改写——并发的评定都要写这一条，写冲突使后者重试后看到已满而被拒（与分党委定级 B5 同理）。
 */
export async function decideEntry({ ctx, actor, input }: HandlerArgs<In<'decide'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'decide',
    note: input.note,
    sameAs: (e) => e.status === 'decided' && e.level === input.level,
    apply: async ({ tx, entry, track }) => {
      const level = track.pipeline.outcome?.levels.find((l) => l.key === input.level);
      if (!level) throw new AppError('BAD_INPUT', `没有“${input.level}”这一等级`);
      const reviewed = entry.history.some((h) => h.action === 'finishReview');
      if (track.pipeline.review && (level.isWin || level.admits) && !reviewed) {
        throw new AppError('CONFLICT', `“${level.label}”须经${track.pipeline.review.mode === 'defence' ? '现场答辩' : '评审'}后评定`);
      }
      const id = ledgerId(entry.campaignId, entry.trackKey, DECISION_LEDGER_UNIT);
      const ledger = (await txGetOrNull<Ledger>(tx, QUOTA_LEDGERS, id)) ?? emptyLedger(entry.campaignId, entry.trackKey, DECISION_LEDGER_UNIT);
      // 改判时先从原等级里拿掉，名额随之释放
      const grades = Object.fromEntries(Object.entries(ledger.grades).map(([k, v]) => [k, without(v, entry._id)]));
      if (level.capPercent !== null) {
        const base = (await ctx.db.collection(ENTRIES).where({ campaignId: entry.campaignId, trackKey: entry.trackKey, status: ctx.db.command.in(decisionPool(track)) }).count()).total;
        const cap = gradeCap(level.capPercent, base)!;
        const used = grades[level.key] ?? [];
        if (used.length >= cap) {
          throw new AppError('QUOTA_EXCEEDED', `“${level.label}”不超过 ${level.capPercent}%：本类别参与评定的 ${base} 份材料最多 ${cap} 份，已评 ${used.length} 份：${(await titlesOf(tx, used)).join('、')}`);
        }
      }
      grades[level.key] = [...(grades[level.key] ?? []), entry._id];
      await writeLedger(tx, { ...ledger, grades });
      return { set: { level: level.key } };
    },
  });
}

/**
 * 一次调用至多公布这么多份：每份一个事务加一次结果通知（约十几次数据库往返），
 * 一个类别可有上千份已评定材料，一次做完会超出云函数的超时；客户端按 remaining 接着调用并显示进度。
 */
export const PUBLISH_BATCH = 25;

/**
 * 公布某评选某类别的已评定结果：每次至多 PUBLISH_BATCH 份，逐条转换（各自一个事务），紧接着通知该份的申报方
 * （获奖与未获奖，写明等级）；remaining 为还没公布的份数，为 0 即全部公布。
 * 一份也没有新公布的调用（重跑）把本类别已公布材料的通知补齐：上次在公布与通知之间中断的，这次补上；
 * 已通知过的按 dedupeKey 跳过。
 */
export async function publishResults({ ctx, actor, input }: HandlerArgs<In<'publishResults'>>) {
  const _ = ctx.db.command;
  const decided = { campaignId: input.campaignId, trackKey: input.trackKey, status: 'decided' };
  const res = await ctx.db.collection(ENTRIES).where(decided).field({ _id: true }).limit(PUBLISH_BATCH).get();
  let published = 0;
  const campaign = res.data.length ? await loadCampaign(ctx, input.campaignId) : null;
  for (const row of res.data as { _id: string }[]) {
    const r = await applyTransition(ctx, actor, {
      entryId: row._id,
      action: 'publish',
      // 获奖且进入储备库的，与公布同一事务生成案例草稿（A7）；组织部在 cases 里编辑后发布到储备库
      apply: async ({ tx, entry, campaign: c, now }) => {
        const draft = caseFromEntry(entry, c, now, 'draft');
        if (draft) {
          const { _id, ...data } = draft;
          await tx.collection(CASES).doc(_id).set({ data });
        }
      },
    });
    if (r.repeated) continue;
    published += 1;
    // 通知读提交后的材料：时间线里有这次公布的时刻
    if (campaign) await noticeResult(ctx, await loadEntry(ctx, row._id), campaign);
  }
  const remaining = res.data.length < PUBLISH_BATCH ? 0 : (await ctx.db.collection(ENTRIES).where(decided).count()).total;
  const done = (await ctx.db.collection(ENTRIES).where({ campaignId: input.campaignId, trackKey: input.trackKey, status: _.in(['published', 'inProgress']) }).count()).total;
  if (published === 0) await noticeResults(ctx, input.campaignId, input.trackKey);
  return { published, already: Math.max(0, done - published), remaining };
}

// ── 实施与结项 ─────────────────────────────────────────────────────────

/** 开始实施：B 立项后、D 公布入选后（须为入选等级） */
export async function beginEntry({ ctx, actor, input }: HandlerArgs<In<'begin'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'begin',
    apply: async ({ entry, track }) => {
      if (entry.status === 'published') {
        const level = track.pipeline.outcome?.levels.find((l) => l.key === entry.level);
        if (!level?.admits) throw new AppError('CONFLICT', '未入选的申报不进入实施阶段');
      }
      return {};
    },
  });
}

export async function submitClosing({ ctx, actor, input }: HandlerArgs<In<'submitClosing'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'submitClosing', apply: async () => ({ set: { closingReport: input.report } }) });
}

export async function returnClosing({ ctx, actor, input }: HandlerArgs<In<'returnClosing'>>) {
  return applyTransition(ctx, actor, { entryId: input.id, action: 'returnClosing', note: input.note });
}

/** 结项验收并评价（B2） */
export async function acceptEntry({ ctx, actor, input }: HandlerArgs<In<'accept'>>) {
  return applyTransition(ctx, actor, {
    entryId: input.id,
    action: 'accept',
    note: input.note,
    apply: async ({ track }) => {
      const ratings = track.pipeline.closing?.ratings ?? [];
      if (!ratings.includes(input.rating)) throw new AppError('BAD_INPUT', `验收评价只能是：${ratings.join('、')}`);
      return { set: { rating: input.rating } };
    },
  });
}

/** 实施中的进展记录（B8），不改变状态，只记时间线 */
export async function addProgress({ ctx, actor, input }: HandlerArgs<In<'addProgress'>>) {
  return appendDuringExecution(ctx, actor, input.id, 'entrant', 'execution', (entry, at) => ({
    progress: [...entry.progress, { at, text: input.text, byName: actor.person?.name ?? null, photos: input.photos }],
  }), '进展记录', input.text);
}

/** 分党委督促检查（B8） */
export async function inspectEntry({ ctx, actor, input }: HandlerArgs<In<'inspect'>>) {
  return recordInspection(ctx, actor, input, 'unit');
}

/** 组织部中期检查（D6：九月下旬） */
export async function midtermCheck({ ctx, actor, input }: HandlerArgs<In<'midtermCheck'>>) {
  return recordInspection(ctx, actor, input, 'department');
}

async function recordInspection(ctx: FunctionContext, actor: Actor, input: In<'inspect'>, by: 'unit' | 'department') {
  const entry = await loadEntry(ctx, input.id);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  const track = trackOf(campaign, entry.trackKey);
  const def = track.pipeline.execution?.inspections.find((i) => i.key === input.key && i.by === by);
  if (!def) throw new AppError('BAD_INPUT', by === 'unit' ? '没有这一项分党委检查' : '没有这一项组织部检查');
  // 组织部的检查在评选设有“中期检查”阶段时限于该阶段（D6），否则在实施阶段内
  const stage = by === 'department' && findStage(campaign, 'inspection', track.key) ? 'inspection' : 'execution';
  return appendDuringExecution(ctx, actor, input.id, by, stage, (e, at) => ({
    inspections: [...e.inspections, { key: def.key, label: def.label, at, by: def.by, byName: actor.person?.name ?? null, note: input.note, verdict: input.verdict }],
  }), `${def.label}${def.rule ? `（${def.rule}）` : ''}`, input.note);
}

async function appendDuringExecution(
  ctx: FunctionContext,
  actor: Actor,
  id: string,
  by: 'entrant' | 'unit' | 'department',
  stageKey: 'execution' | 'inspection',
  patch: (entry: Entry, at: string) => Partial<Entry>,
  label: string,
  note: string,
) {
  const now = ctx.clock.now();
  return ctx.db.runTransaction(async (tx) => {
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, id);
    if (!entry) throw new AppError('NOT_FOUND', '申报材料不存在');
    if (!actorKinds(actor, entry).includes(by)) throw new AppError('FORBIDDEN');
    if (entry.status !== 'inProgress') throw new AppError('CONFLICT', `材料当前为“${ENTRY_STATUS_LABELS[entry.status]}”，实施中才能填写${label}`);
    const campaign = await txGetOrNull<{ _id: string; status: string } & Parameters<typeof checkStage>[0]>(tx, 'campaigns', entry.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', '评选不存在');
    const track = campaign.tracks.find((t) => t.key === entry.trackKey)!;
    checkStage(campaign, track, entry, { stage: stageKey }, now, label);
    const at = toCstIso(now);
    const version = entry.version + 1;
    const history = [...entry.history, { at, action: by === 'entrant' ? 'progress' : 'inspect', from: entry.status, to: entry.status, actorPersonId: actor.person?._id ?? null, actorName: actor.person?.name ?? null, note: `${label}：${note}`.slice(0, 2000) }];
    await tx.collection(ENTRIES).doc(id).update({ data: { ...patch(entry, at), history, version, updatedAt: at, updatedAtMs: now.getTime() } });
    await writeAudit(tx, ctx, actor, { action: by === 'entrant' ? 'entries.addProgress' : 'entries.inspect', targetCollection: ENTRIES, targetId: id, unitId: entry.unitId, summary: `${label}：${entry.content.title}（${entry.entrantName}）`, before: null, after: { note } });
    return { version };
  });
}

/**
 * 补正逾期自动取消资格（A8）：找出期限已过仍待补正的材料，逐条以“系统”身份取消资格。
 * 由定时触发器（config.json，北京时间每小时）以系统身份调用，组织部也可手动执行。
 */
export async function disqualifyOverdue({ ctx, actor }: HandlerArgs<In<'disqualifyOverdue'>>) {
  const who = actor.person ? actor : SYSTEM_ACTOR;
  const _ = ctx.db.command;
  const now = ctx.clock.now().getTime();
  const done: string[] = [];
  for (let round = 0; round < 50; round++) {
    const res = await ctx.db.collection(ENTRIES).where({ status: 'correctionRequested', 'correction.deadlineMs': _.lt(now - 999) }).field({ _id: true }).limit(100).get();
    const ids = (res.data as { _id: string }[]).map((r) => r._id).filter((id) => !done.includes(id));
    if (!ids.length) break;
    for (const id of ids) {
      await applyTransition(ctx, who, { entryId: id, action: 'disqualify', note: '逾期未补正，取消资格（A8）' });
      await noticeDisqualified(ctx, id);
      done.push(id);
    }
  }
  return { disqualified: done };
}

