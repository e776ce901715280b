import { formatCst, toCstIso, type Entry } from '../../types';
import type { FunctionContext } from '../_lib/context';
import { ENTRIES, loadCampaign, loadEntry, trackOf } from '../_lib/engine/load';
import { notifyEntrant, type NotifyOutcome } from '../_lib/notify';

/**
 * 材料状态变化后的消息（补正 A8、逾期取消资格 A8、结果公布）。
 * 都在转换的事务提交之后调用，不在事务里：事务遇写冲突会整体重跑，里面发消息就会发两次；
 * 发送慢或被平台拒绝也不该让已经成立的转换回滚。dedupeKey 让重试与重跑只补发缺的、不重复发。
 * 消息失败只记日志，不改变操作本身的答复。
 */

export const entryPage = (entryId: string) => `entry/detail/index?id=${entryId}`;
const titleOf = (e: Pick<Entry, 'content'>) => e.content?.title || '未命名';

async function safely(ctx: FunctionContext, what: string, run: () => Promise<Record<string, NotifyOutcome>>): Promise<Record<string, NotifyOutcome>> {
  try {
    return await run();
  } catch (err) {
    console.error(`[entries] ${what} notice failed`, ctx.requestId, String((err as Error)?.message ?? err).slice(0, 200));
    return {};
  }
}

/** 发通知要用的材料字段 */
export type NoticeEntry = Pick<Entry, '_id' | 'campaignId' | 'entrantLevel' | 'branchId' | 'unitId' | 'content' | 'status' | 'correction' | 'history'>;

/**
 * 要求补正（A8）：告诉申报方问题与期限（北京时间）。
 * 给材料本身（转换刚提交的结果）时不再重读；只给 id 时读一次。
 */
export async function noticeCorrection(ctx: FunctionContext, entryOrId: string | NoticeEntry) {
  return safely(ctx, 'correction', async () => {
    const entry = typeof entryOrId === 'string' ? await loadEntry(ctx, entryOrId) : entryOrId;
    const c = entry.correction;
    if (entry.status !== 'correctionRequested' || !c) return {};
    const deadline = `${formatCst(c.deadline, 'YYYY-MM-DD HH:mm')}（北京时间）`;
    return notifyEntrant(ctx, entry, {
      key: 'correction',
      page: entryPage(entry._id),
      fields: { project: `《${titleOf(entry)}》`, reason: c.reason, deadline: c.deadline, status: '待补正' },
      title: '材料需要补正',
      body: `《${titleOf(entry)}》需要补正：${c.reason}。请于 ${deadline}前提交补正，逾期未补正将取消资格（A8）`,
      // 同一材料可能被要求补正不止一次：以这次要求的时刻区分
      dedupePrefix: `correction:${entry._id}:${c.requestedAt}`,
    });
  });
}

/** 逾期未补正取消资格（A8，定时任务或组织部）；给材料本身（含刚记下的取消资格那一步）时不再重读 */
export async function noticeDisqualified(ctx: FunctionContext, entryOrId: string | NoticeEntry) {
  return safely(ctx, 'disqualify', async () => {
    const entry = typeof entryOrId === 'string' ? await loadEntry(ctx, entryOrId) : entryOrId;
    if (entry.status !== 'disqualified') return {};
    const last = [...entry.history].reverse().find((h) => h.action === 'disqualify');
    const reason = last?.note || '逾期未补正';
    return notifyEntrant(ctx, entry, {
      key: 'correction',
      page: entryPage(entry._id),
      fields: { project: `《${titleOf(entry)}》`, reason, deadline: entry.correction?.deadline ?? last?.at ?? toCstIso(ctx.clock.now()), status: '已取消资格' },
      title: '已取消评选资格',
      body: `《${titleOf(entry)}》已取消评选资格：${reason}`,
      dedupePrefix: `disqualified:${entry._id}:${last?.at ?? ''}`,
    });
  });
}

/** 结果公布：获奖与未获奖都通知，写明等级 */
export async function noticeResult(ctx: FunctionContext, entry: Entry, campaign: { _id: string; title: string; tracks: Parameters<typeof trackOf>[0]['tracks'] }) {
  return safely(ctx, 'result', async () => {
    const level = trackOf(campaign as Parameters<typeof trackOf>[0], entry.trackKey).pipeline.outcome?.levels.find((l) => l.key === entry.level);
    const levelLabel = level?.label ?? '已公布';
    const published = [...entry.history].reverse().find((h) => h.action === 'publish');
    const body = level?.isWin
      ? `结果已公布：《${titleOf(entry)}》获“${levelLabel}”`
      : `结果已公布：《${titleOf(entry)}》评定结果为“${levelLabel}”`;
    return notifyEntrant(ctx, entry, {
      key: 'result',
      page: entryPage(entry._id),
      fields: { campaign: campaign.title, project: titleOf(entry), level: levelLabel, publishedAt: published?.at ?? toCstIso(ctx.clock.now()) },
      title: `${campaign.title}结果已公布`,
      body,
      dedupePrefix: `result:${entry._id}`,
    });
  });
}

/**
 * 通知某评选某类别的全部已公布材料的申报方（公布后调用；重跑时已通知过的按 dedupeKey 跳过，
 * 上次中途失败而没通知到的这次补上）。按 _id 分页，每次至多读 100 条。
 */
export async function noticeResults(ctx: FunctionContext, campaignId: string, trackKey: string): Promise<number> {
  try {
    return await noticeAllPublished(ctx, campaignId, trackKey);
  } catch (err) {
    console.error('[entries] result notices failed', ctx.requestId, String((err as Error)?.message ?? err).slice(0, 200));
    return 0;
  }
}

async function noticeAllPublished(ctx: FunctionContext, campaignId: string, trackKey: string): Promise<number> {
  const campaign = await loadCampaign(ctx, campaignId);
  const _ = ctx.db.command;
  let after = '';
  let count = 0;
  for (;;) {
    const res = await ctx.db
      .collection(ENTRIES)
      .where({ campaignId, trackKey, status: _.in(['published', 'inProgress', 'closingSubmitted', 'accepted']), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    const rows = res.data as unknown as Entry[];
    for (const entry of rows) {
      if (!entry.history.some((h) => h.action === 'publish')) continue;
      const out = await noticeResult(ctx, entry, campaign);
      count += Object.values(out).filter((o) => o !== 'duplicate').length;
    }
    if (rows.length < 100) break;
    after = rows[rows.length - 1]._id;
  }
  return count;
}
