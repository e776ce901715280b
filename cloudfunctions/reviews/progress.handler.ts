import type { z } from 'zod';
import { cstWall, formatCst, rubricMax, type Entry, type reviewsContract } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { ENTRIES, loadCampaign, trackOf } from '../_lib/engine/load';
import { aggregateScores } from '../_lib/engine/aggregate';
import { applyTransition } from '../_lib/engine/transition';
import { notifyPerson } from '../_lib/notify';
import { correspondenceReview, reviewDeadline, reviewedStatuses, readAll, TRACK_MAX, trackPanels } from './collections';

type In<K extends keyof (typeof reviewsContract)['actions']> = z.output<(typeof reviewsContract)['actions'][K]['input']>;

/** 进度与汇总要的材料字段（不读正文） */
const ENTRY_FIELDS = { 'content.title': true, entrantName: true, unitName: true, status: true, level: true } as const;

/**
 * 某类别在评审环节及之后的材料（只取列表字段）、全部评审组（每份材料一条，带各评委的状态与已提交总分）。
 * 不读评分表本身：一个类别一年几千张（issue 8），评审组上的席位与评分表在同一事务里维护（见 collections.ts）。
 */
async function trackState(ctx: FunctionContext, campaignId: string, trackKey: string) {
  const campaign = await loadCampaign(ctx, campaignId);
  const track = trackOf(campaign, trackKey);
  const review = correspondenceReview(track);
  const _ = ctx.db.command;
  const entries = await readAll<Entry>(ctx, ENTRIES, { campaignId, trackKey, status: _.in(reviewedStatuses(track)) }, { max: TRACK_MAX, fields: ENTRY_FIELDS });
  const panels = await trackPanels(ctx, campaignId, trackKey);
  const seats = panels.flatMap((p) => p.seats.map((s) => ({ ...s, entryId: p.entryId })));
  const byEntry = new Map(panels.map((p) => [p.entryId, p.seats]));
  return { campaign, track, review, entries, seats, byEntry };
}

const titleOf = (e: Pick<Entry, 'content'>) => e.content.title || '未命名';

export async function progress({ ctx, input }: HandlerArgs<In<'progress'>>) {
  const { campaign, entries, seats: assignments, byEntry } = await trackState(ctx, input.campaignId, input.trackKey);
  const reviewers = new Map<string, { reviewerId: string; name: string; done: number; total: number }>();
  for (const a of assignments) {
    const r = reviewers.get(a.reviewerId) ?? { reviewerId: a.reviewerId, name: a.reviewerName, done: 0, total: 0 };
    r.total += 1;
    if (a.status === 'submitted') r.done += 1;
    reviewers.set(a.reviewerId, r);
  }
  const rows = entries.map((e) => {
    const list = byEntry.get(e._id) ?? [];
    return {
      entryId: e._id,
      title: titleOf(e),
      entrantName: e.entrantName,
      unitName: e.unitName,
      status: e.status,
      done: list.filter((a) => a.status === 'submitted').length,
      total: list.length,
      reviewers: list.map((a) => ({ assignmentId: a.assignmentId, reviewerId: a.reviewerId, name: a.reviewerName, status: a.status })),
    };
  });
  // 未完成多的在前：组织部先看缺什么
  rows.sort((a, b) => b.total - b.done - (a.total - a.done) || a.entryId.localeCompare(b.entryId));
  return {
    deadline: reviewDeadline(campaign, input.trackKey),
    reviewers: [...reviewers.values()].sort((a, b) => b.total - b.done - (a.total - a.done) || a.reviewerId.localeCompare(b.reviewerId)),
    entries: rows,
    done: assignments.filter((a) => a.status === 'submitted').length,
    total: assignments.length,
  };
}

/**
 * 催办：只发给“评审中的材料上还有未提交评分”的评委（已交齐的、材料已结束评审的不打扰），
 * 用“截止时间提醒”（有授权发订阅消息，否则记入其“我的”通知）。
 * dedupeKey 含北京时间日期：同一天重复点“催办”不重复发送，第二天可再催。
 */
export async function remind({ ctx, input }: HandlerArgs<In<'remind'>>) {
  const { campaign, track, entries, seats: assignments } = await trackState(ctx, input.campaignId, input.trackKey);
  const open = new Set(entries.filter((e) => e.status === 'underReview').map((e) => e._id));
  const unfinished = new Map<string, { name: string; count: number }>();
  for (const a of assignments) {
    if (a.status === 'submitted' || !open.has(a.entryId)) continue;
    const u = unfinished.get(a.reviewerId) ?? { name: a.reviewerName, count: 0 };
    u.count += 1;
    unfinished.set(a.reviewerId, u);
  }
  const deadline = reviewDeadline(campaign, input.trackKey);
  if (deadline && Date.parse(deadline) < ctx.clock.now().getTime()) throw new AppError('DEADLINE_PASSED', `函评已于 ${formatCst(deadline)}（北京时间）截止，催办已无意义；如需延长请先修改评选阶段`);
  const day = cstWall(ctx.clock.now()).format('YYYY-MM-DD');
  const items: { reviewerId: string; name: string; unfinished: number; delivery: string }[] = [];
  for (const [reviewerId, u] of [...unfinished].sort((a, b) => a[0].localeCompare(b[0]))) {
    const delivery = await notifyPerson(ctx, {
      personId: reviewerId,
      key: 'deadline',
      page: `review/pages/mine/index?campaignId=${campaign._id}`,
      fields: { matter: `${track.label}函评`, deadline: deadline ?? '', tip: `还有 ${u.count} 份材料待评分` },
      title: `函评提醒：${campaign.title}`,
      body: `您在“${campaign.title}·${track.label}”中还有 ${u.count} 份材料未提交评分${deadline ? `，截止时间 ${formatCst(deadline)}（北京时间）` : ''}。请在“我的·我的评审”中完成。`,
      dedupeKey: `review-remind:${campaign._id}:${track.key}:${reviewerId}:${day}`,
      campaignId: campaign._id,
    });
    items.push({ reviewerId, name: u.name, unfinished: u.count, delivery });
  }
  return { items };
}

/** 汇总排名：只计已提交的评分；满分为评分细则各项之和 */
export async function ranking({ ctx, input }: HandlerArgs<In<'ranking'>>) {
  const { review, entries, seats: assignments, byEntry } = await trackState(ctx, input.campaignId, input.trackKey);
  const scaleMax = rubricMax(review.rubric);
  const submitted = assignments.filter((a) => a.status === 'submitted');
  const ranked = aggregateScores(submitted.map((a) => ({ entryId: a.entryId, reviewerId: a.reviewerId, total: a.total })), input.method, scaleMax);
  const entryById = new Map(entries.map((e) => [e._id, e]));
  const missingOf = (id: string) => (byEntry.get(id) ?? []).filter((a) => a.status !== 'submitted').length;
  const items = ranked
    .filter((r) => entryById.has(r.entryId))
    .map((r) => {
      const e = entryById.get(r.entryId)!;
      return {
        entryId: r.entryId,
        title: titleOf(e),
        entrantName: e.entrantName,
        unitName: e.unitName,
        status: e.status,
        level: e.level,
        value: r.value,
        count: r.count,
        missing: missingOf(r.entryId),
        trimmed: r.trimmed,
        rank: r.rank,
        tiedWith: r.tiedWith.map((id) => ({ entryId: id, title: entryById.has(id) ? titleOf(entryById.get(id)!) : id })),
        note: r.note + (missingOf(r.entryId) ? `；尚有 ${missingOf(r.entryId)} 位评委未提交` : ''),
      };
    });
  const scored = new Set(ranked.map((r) => r.entryId));
  const unscored = entries
    .filter((e) => e.status === 'underReview' && !scored.has(e._id))
    .map((e) => ({ entryId: e._id, title: titleOf(e), missing: missingOf(e._id) }));
  return { method: input.method, scaleMax, items, unscored };
}

/**
 * 结束函评：评审中的材料里，指派的评委全部提交了的，经 finishReview 转为“已评分”（各自一个事务、审计）；
 * 没有指派或还有未提交的不动，列出原因。可重复执行。
 */
export async function finish({ ctx, actor, input }: HandlerArgs<In<'finish'>>) {
  const { entries, byEntry } = await trackState(ctx, input.campaignId, input.trackKey);
  const finished: string[] = [];
  const incomplete: { entryId: string; title: string; done: number; total: number; reason: string }[] = [];
  let already = 0;
  for (const e of entries.sort((a, b) => a._id.localeCompare(b._id))) {
    if (e.status !== 'underReview') {
      if (e.status === 'scored' || e.status === 'decided' || e.status === 'published') already += 1;
      continue;
    }
    const list = byEntry.get(e._id) ?? [];
    const done = list.filter((a) => a.status === 'submitted').length;
    if (!list.length || done < list.length) {
      incomplete.push({ entryId: e._id, title: titleOf(e), done, total: list.length, reason: list.length ? `还有 ${list.length - done} 位评委未提交评分` : '没有指派评委' });
      continue;
    }
    const r = await applyTransition(ctx, actor, { entryId: e._id, action: 'finishReview', note: `函评完成：${done} 位评委已提交评分` });
    if (r.repeated) already += 1;
    else finished.push(e._id);
  }
  return { finished, already, incomplete };
}
