import type { Entry, Task } from '../../types';
import type { HandlerArgs } from '../_lib/define';
import { ENTRIES } from '../_lib/engine/load';

type Row = Pick<Entry, '_id' | 'campaignId' | 'status' | 'correction' | 'content'>;
const FIELDS = { _id: true, campaignId: true, status: true, 'correction.deadline': true, 'content.title': true };

/**
 * 我的待办（我的页）：按调用者的每项授权，找出此刻等着他的材料。
 * 每类至多读 100 条（一个支部、一个单位的待办不会更多），按评选归并计数。
 */
export async function tasks({ ctx, actor }: HandlerArgs<Record<string, never>>) {
  const _ = ctx.db.command;
  const items: Task[] = [];
  const read = async (where: object) => (await ctx.db.collection(ENTRIES).where(where).field(FIELDS).limit(100).get()).data as unknown as Row[];
  const perEntry = (rows: Row[], kind: Task['kind'], label: (r: Row) => string) => {
    for (const r of rows) items.push({ kind, label: label(r), campaignId: r.campaignId, entryId: r._id, count: 1, deadline: r.correction?.deadline ?? null });
  };
  const perCampaign = (rows: Row[], kind: Task['kind'], label: (n: number) => string) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.campaignId, (counts.get(r.campaignId) ?? 0) + 1);
    for (const [campaignId, n] of counts) items.push({ kind, label: label(n), campaignId, entryId: null, count: n, deadline: null });
  };
  for (const g of actor.grants) {
    if (g.role === 'branchEditor' && g.branchId) {
      const rows = await read({ branchId: g.branchId, entrantLevel: 'branch', status: _.in(['returned', 'correctionRequested', 'draft']) });
      perEntry(rows.filter((r) => r.status === 'correctionRequested'), 'correction', (r) => `《${r.content?.title || '未命名'}》待补正`);
      perEntry(rows.filter((r) => r.status === 'returned'), 'returned', (r) => `《${r.content?.title || '未命名'}》被退回修改`);
      perEntry(rows.filter((r) => r.status === 'draft'), 'draft', (r) => `《${r.content?.title || '未命名'}》尚未提交`);
    }
    if (g.role === 'unitAdmin' && g.unitId) {
      const rows = await read({ unitId: g.unitId, status: _.in(['submitted', 'closingSubmitted']) });
      perCampaign(rows.filter((r) => r.status === 'submitted'), 'unitReview', (n) => `${n} 份材料待审核推荐`);
      perCampaign(rows.filter((r) => r.status === 'closingSubmitted'), 'closingReview', (n) => `${n} 个项目待结项验收`);
      const own = await read({ unitId: g.unitId, entrantLevel: 'unit', status: _.in(['returned', 'correctionRequested', 'draft']) });
      perEntry(own.filter((r) => r.status === 'correctionRequested'), 'correction', (r) => `本单位《${r.content?.title || '未命名'}》待补正`);
      perEntry(own.filter((r) => r.status === 'draft'), 'draft', (r) => `本单位《${r.content?.title || '未命名'}》尚未提交`);
    }
    if (g.role === 'deptAdmin') {
      const rows = await read({ status: _.in(['recommended', 'resubmitted']) });
      perCampaign(rows, 'screening', (n) => `${n} 份材料待初审`);
    }
  }
  // 有期限的在前（补正期限近的最前），其余保持角色顺序
  return { items: items.sort((a, b) => (a.deadline && b.deadline ? a.deadline.localeCompare(b.deadline) : a.deadline ? -1 : b.deadline ? 1 : 0)) };
}
