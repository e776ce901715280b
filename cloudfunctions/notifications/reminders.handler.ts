import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { findStage, formatCst, STAGE_LABELS, toCstIso, type Campaign, type LaggingTrack, type ReminderTarget, type Stage, type Track, type notificationsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import type { IndexDeclaration } from '../_lib/db';
import { CAMPAIGNS, loadCampaign, trackOf } from '../_lib/engine/load';
import { branchEditorsOfMany, entrantRecipients, notifyPerson, openidsOf, unitAdminsOf, type NotifyOutcome } from '../_lib/notify';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { readAllById } from '../_lib/paged';
import { loadCampaignFacts } from './load';
import { dueOffset, submissionTargets, unitProgress, unitReviewTargets } from './progress';

type In<K extends keyof (typeof notificationsContract)['actions']> = z.output<(typeof notificationsContract)['actions'][K]['input']>;

/** 一键提醒的限流记录：每个单位每个评选每天（北京时间）一条 */
export const REMINDERS = 'reminders';
export const reminderIndexes: IndexDeclaration[] = [
  { collection: REMINDERS, name: 'campaign_unit_day', keys: { campaignId: 1, unitId: 1, day: 1 } },
  // 单位进度：某评选今天的提醒记录，按 _id 分页
  { collection: REMINDERS, name: 'campaign_day_id', keys: { campaignId: 1, day: 1, _id: 1 } },
];

const OFFSET_TEXT = { '3d': '还剩3天', '1d': '还剩1天' } as const;
/** 点开提醒去哪：申报 → 开始/继续申报；分党委推荐 → 分党委工作台 */
const stagePage = (campaignId: string, stage: Stage['key'], target: ReminderTarget) =>
  stage === 'unitReview' && target.level === 'unit' ? `workbench/unit/index?unitId=${target.unitId}` : `entry/start/index?campaignId=${campaignId}`;

async function openCampaigns(ctx: FunctionContext, campaignId?: string): Promise<Campaign[]> {
  if (campaignId) {
    const c = await loadCampaign(ctx, campaignId);
    return c.status === 'open' ? [c] : [];
  }
  // 同时进行的评选屈指可数（每类通知一年一次）
  return (await ctx.db.collection(CAMPAIGNS).where({ status: 'open' }).limit(100).get()).data as unknown as Campaign[];
}

/** 提醒对象的收件人：支部 → 支部书记/支委（没有则本单位管理员）；单位 → 单位管理员 */
async function recipientsOf(ctx: FunctionContext, t: ReminderTarget): Promise<string[]> {
  return t.level === 'branch' ? entrantRecipients(ctx, { entrantLevel: 'branch', branchId: t.id, unitId: t.unitId }) : unitAdminsOf(ctx, t.unitId);
}

/**
 * 截止提醒（定时触发器每小时调用，见 config.json；组织部也可手动执行）：
 * 每个进行中评选的每个类别，申报阶段（含只适用于某类别的阶段，如 B3 4 月 1 日 17:00）与分党委推荐阶段，
 * 在截止日前 3 天、前 1 天（北京时间 09:00 起）提醒该交未交的支部与单位，各一次：
 * dedupeKey = 评选 + 类别 + 阶段 + 截止时刻 + 对象 + 档位 + 收件人（截止时间改了会按新时间重新提醒）。
 */
export async function remindDeadlines({ ctx }: HandlerArgs<In<'remindDeadlines'>>) {
  const now = ctx.clock.now();
  const reminded: z.output<(typeof notificationsContract)['actions']['remindDeadlines']['output']>['reminded'] = [];
  for (const campaign of await openCampaigns(ctx)) {
    // 先定下此刻要提醒的（类别, 阶段, 档位），再把这些类别的进度一次读出（不按类别各读一遍）
    const due: { track: Track; stageKey: 'submission' | 'unitReview'; stage: Stage; offset: NonNullable<ReturnType<typeof dueOffset>> }[] = [];
    for (const track of campaign.tracks) {
      for (const stageKey of ['submission', 'unitReview'] as const) {
        const stage = findStage(campaign, stageKey, track.key);
        if (!stage) continue;
        if (stageKey === 'unitReview' && track.pipeline.unitStep === 'none') continue;
        const offset = dueOffset(stage, now);
        if (offset) due.push({ track, stageKey, stage, offset });
      }
    }
    if (!due.length) continue;
    const tracks = [...new Map(due.map((d) => [d.track.key, d.track])).values()];
    const factsOf = await loadCampaignFacts(ctx, campaign._id, tracks, { started: due.some((d) => d.stageKey === 'submission') });
    const plan: { track: Track; stageKey: 'submission' | 'unitReview'; stage: Stage; offset: NonNullable<ReturnType<typeof dueOffset>>; target: ReminderTarget; tip: string; people: string[] }[] = [];
    for (const { track, stageKey, stage, offset } of due) {
      const facts = factsOf.get(track.key)!;
      const targets =
        stageKey === 'submission'
          ? submissionTargets(track, facts).map((target) => ({ target, tip: `${OFFSET_TEXT[offset]}，${target.level === 'branch' ? '本支部' : '本单位'}尚未提交` }))
          : unitReviewTargets(track, facts).map(({ target, tip }) => ({ target, tip: `${OFFSET_TEXT[offset]}，${tip}` }));
      for (const { target, tip } of targets) plan.push({ track, stageKey, stage, offset, target, tip, people: await recipientsOf(ctx, target) });
    }
    // 收件人的 openid 一次批量读出（每人不再各查一次绑定）
    const openids = await openidsOf(ctx, plan.flatMap((p) => p.people));
    for (const { track, stageKey, stage, offset, target, tip, people } of plan) {
      let notices = 0;
      for (const personId of people) {
        const outcome = await remindOne(ctx, campaign, track, stage, target, personId, tip, `deadline:${campaign._id}:${track.key}:${stageKey}:${stage.endsAt}:${target.level}:${target.id}:${offset}:${personId}`, openids);
        if (outcome !== 'duplicate') notices += 1;
      }
      if (notices) reminded.push({ campaignId: campaign._id, trackKey: track.key, stage: stageKey, offset, target, notices });
    }
  }
  return { reminded };
}

async function remindOne(ctx: FunctionContext, campaign: Campaign, track: Track, stage: Stage, target: ReminderTarget, personId: string, tip: string, dedupeKey: string, openids: ReadonlyMap<string, string>): Promise<NotifyOutcome> {
  const deadline = `${formatCst(stage.endsAt, 'YYYY-MM-DD HH:mm')}（北京时间）`;
  try {
    return await notifyPerson(ctx, {
      personId,
      key: 'deadline',
      page: stagePage(campaign._id, stage.key, target),
      fields: { matter: `${track.label}${STAGE_LABELS[stage.key]}`, deadline: stage.endsAt, tip },
      title: `${STAGE_LABELS[stage.key]}即将截止`,
      body: `${campaign.title}“${track.label}”${stage.label}将于 ${deadline} 截止：${target.name}${tip.replace(/^还剩\d天，/, '')}${stage.note ? `（${stage.note}）` : ''}`,
      dedupeKey,
      campaignId: campaign._id,
    }, openids);
  } catch (err) {
    console.error('[notifications] reminder failed', ctx.requestId, dedupeKey, String((err as Error)?.message ?? err).slice(0, 200));
    return 'failed';
  }
}

/** 此类别当前要赶的截止：分党委推荐阶段（有此步且未截止时）优先于已截止的申报阶段 */
function currentDeadline(campaign: Campaign, track: Track, now: Date): Stage | null {
  const submission = findStage(campaign, 'submission', track.key) ?? null;
  const review = track.pipeline.unitStep === 'none' ? null : (findStage(campaign, 'unitReview', track.key) ?? null);
  if (submission && now.getTime() <= Date.parse(submission.endsAt)) return submission;
  return review ?? submission;
}

const cstDay = (now: Date) => formatCst(now, 'YYYYMMDD');
const reminderId = (campaignId: string, unitId: string, day: string) => `r${createHash('sha1').update(`${campaignId}|${unitId}|${day}`).digest('hex')}`;

/** 单位进度（组织部工作台）：进行中的评选逐类别列出落后的单位与原因，并标明今天是否已提醒 */
export async function lagging({ ctx, input }: HandlerArgs<In<'lagging'>>) {
  const now = ctx.clock.now();
  const day = cstDay(now);
  const tracks: LaggingTrack[] = [];
  for (const campaign of await openCampaigns(ctx, input.campaignId)) {
    // 今天的提醒记录与整次评选的进度一起读；进度按评选读一遍、在内存里按类别分（不按类别、单位逐个查）
    // 提醒记录每单位每天一条：单位多于 100 个时分页读完
    const [reminders, factsOf] = await Promise.all([
      readAllById<{ _id: string; unitId: string }>(ctx, REMINDERS, { campaignId: campaign._id, day }, { _id: true, unitId: true }),
      loadCampaignFacts(ctx, campaign._id, campaign.tracks),
    ]);
    const remindedToday = new Set(reminders.map((r) => r.unitId));
    for (const track of campaign.tracks) {
      const facts = factsOf.get(track.key)!;
      const stage = currentDeadline(campaign, track, now);
      const units = unitProgress(track, facts)
        .filter((p) => p.reasons.length)
        .map((p) => ({
          unitId: p.unit._id, unitName: p.unit.name, unitKind: p.unit.kind, submitted: p.submitted, recommended: p.recommended, minimum: p.minimum,
          missingBranches: p.missingBranches, reasons: p.reasons, remindedToday: remindedToday.has(p.unit._id),
        }));
      tracks.push({
        campaignId: campaign._id, campaignTitle: campaign.title, trackKey: track.key, trackLabel: track.label,
        deadline: stage ? toCstIso(stage.endsAt) : null, deadlineLabel: stage?.label ?? '', units,
      });
    }
  }
  return { tracks };
}

/**
 * 一键提醒一个落后的单位：单位管理员，以及应交未交支部的支部书记/支委。
 * 每个单位每个评选每天（北京时间）至多一次：限流记录与审计在同一事务里写入，两次快速连点只成功一次。
 */
export async function remindUnit({ ctx, actor, input }: HandlerArgs<In<'remindUnit'>>) {
  const now = ctx.clock.now();
  const campaign = await loadCampaign(ctx, input.campaignId);
  if (campaign.status !== 'open') throw new AppError('NOT_OPEN', '该评选不在进行中');
  const track = trackOf(campaign, input.trackKey);
  const facts = (await loadCampaignFacts(ctx, campaign._id, [track], { unitId: input.unitId })).get(track.key)!;
  const progress = unitProgress(track, facts).find((p) => p.unit._id === input.unitId);
  if (!progress) throw new AppError('NOT_FOUND', '单位不存在或已撤销');
  if (!progress.reasons.length) throw new AppError('CONFLICT', `${progress.unit.name}已按要求完成“${track.label}”，无需提醒`);
  const day = cstDay(now);
  const id = reminderId(campaign._id, input.unitId, day);
  await ctx.db.runTransaction(async (tx) => {
    const before = await txGetOrNull<{ at: string; byName: string | null }>(tx, REMINDERS, id);
    if (before) throw new AppError('RATE_LIMITED', `今天 ${formatCst(before.at, 'HH:mm')} 已提醒过${progress.unit.name}（${before.byName ?? '组织部'}），每个单位每个评选每天至多提醒一次`);
    const at = toCstIso(now);
    await tx.collection(REMINDERS).doc(id).set({ data: { campaignId: campaign._id, trackKey: track.key, unitId: input.unitId, day, at, byPersonId: actor.person?._id ?? null, byName: actor.person?.name ?? null, reasons: progress.reasons } });
    await writeAudit(tx, ctx, actor, {
      action: 'notifications.remindUnit', targetCollection: REMINDERS, targetId: id, unitId: input.unitId,
      summary: `提醒${progress.unit.name}：${campaign.title}“${track.label}”——${progress.reasons.join('；')}`, before: null, after: { reasons: progress.reasons },
    });
  });
  // 事务提交后再发：限流已经记下，消息发送失败也不会让组织部重复点出第二批
  const stage = currentDeadline(campaign, track, now);
  if (!stage) return { recipients: 0, sent: 0, pending: 0 };
  // 收件人各按自己的身份收：单位管理员 → 本单位的进度；未交支部的书记/支委 → 本支部的申报（同一人只收一条）
  const recipients = new Map<string, { target: ReminderTarget; tip: string }>();
  for (const p of await unitAdminsOf(ctx, input.unitId)) recipients.set(p, { target: { level: 'unit', id: input.unitId, name: progress.unit.name, unitId: input.unitId }, tip: progress.reasons[0] });
  const submission = findStage(campaign, 'submission', track.key) ?? stage;
  const missing = progress.missingBranches.slice(0, 50);
  const editorsOf = await branchEditorsOfMany(ctx, missing.map((b) => b.branchId));
  for (const b of missing) {
    for (const p of editorsOf.get(b.branchId) ?? []) {
      if (!recipients.has(p)) recipients.set(p, { target: { level: 'branch', id: b.branchId, name: b.name, unitId: input.unitId }, tip: '本支部尚未提交' });
    }
  }
  let sent = 0;
  let pending = 0;
  const openids = await openidsOf(ctx, [...recipients.keys()]);
  for (const [personId, { target, tip }] of recipients) {
    const outcome = await remindOne(ctx, campaign, track, target.level === 'branch' ? submission : stage, target, personId, tip, `remind:${campaign._id}:${input.unitId}:${day}:${personId}`, openids);
    if (outcome === 'sent') sent += 1;
    else if (outcome !== 'duplicate') pending += 1;
  }
  return { recipients: recipients.size, sent, pending };
}
