import type { z } from 'zod';
import { BRANCH_KIND_LABELS, ENTRY_STATUS_LABELS, formatCst, SUBMITTED_STATUSES, type Branch, type Entry, type exportsContract, type Unit } from '../../types';
import type { HandlerArgs } from '../_lib/define';
import { ENTRIES, loadCampaign, trackOf } from '../_lib/engine/load';
import { buildSummaryWorkbook, type SummaryRow } from '../_lib/exports/summary-xlsx';
import { BRANCHES, UNITS } from '../org/collections';
import { fileStamp, runExport, safeName } from './jobs';
import { readAll, readByIds } from './read';

type In = z.output<(typeof exportsContract)['actions']['summaryXlsx']['input']>;

/** 负责人：提交材料的人（支部书记/支委），没有提交记录时取建立草稿的人 */
function leadOf(e: Entry): string {
  const submit = e.history.find((h) => h.action === 'submit');
  return submit?.actorName ?? e.history[0]?.actorName ?? '';
}

/**
 * 立项结果汇总表（B3：分党委 4 月 1 日前报送本年度立项结果汇总表；B5 等级）。
 * 只列已提交的材料（草稿、撤回、退回不是立项）；按单位、支部排序。
 */
export async function exportSummary({ ctx, actor, input }: HandlerArgs<In>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  const track = input.trackKey
    ? trackOf(campaign, input.trackKey)
    : (campaign.tracks.find((t) => t.pipeline.outcome?.kind === 'grade') ?? campaign.tracks[0]);
  const unit = input.unitId ? (await readByIds<Unit>(ctx, UNITS, [input.unitId])).get(input.unitId) : null;
  const scopeLabel = unit ? unit.name : '全校';
  const title = `${campaign.title} 立项结果汇总表`;
  return runExport(ctx, actor, { kind: 'summaryXlsx', title: `${scopeLabel} ${title}`, unitId: input.unitId ?? null, target: campaign._id }, async (report) => {
    await report(5, '读取申报材料');
    const _ = ctx.db.command;
    const where: Record<string, unknown> = { campaignId: campaign._id, trackKey: track.key, status: _.in([...SUBMITTED_STATUSES]) };
    if (input.unitId) where.unitId = input.unitId;
    const entries = await readAll<Entry>(ctx, ENTRIES, where);
    await report(50, `读取支部信息（${entries.length} 项）`);
    const branches = await readByIds<Branch>(ctx, BRANCHES, entries.map((e) => e.branchId).filter((b): b is string => !!b));
    const levels = track.pipeline.outcome?.levels ?? [];
    const themeChoice = track.form.choices.find((c) => c.key === 'theme') ?? track.form.choices[0];
    const rows: SummaryRow[] = entries.map((e) => {
      const b = e.branchId ? branches.get(e.branchId) : undefined;
      return {
        unitName: e.unitName,
        branchName: e.entrantName,
        branchKindLabel: b ? BRANCH_KIND_LABELS[b.kind] : '—',
        theme: themeChoice ? (e.content.choices[themeChoice.key] ?? '') : '',
        title: e.content.title,
        lead: leadOf(e),
        levelLabel: levels.find((l) => l.key === e.level)?.label ?? '未定级',
        statusLabel: ENTRY_STATUS_LABELS[e.status],
        submittedAt: e.submittedAt ? formatCst(e.submittedAt) : '',
      };
    });
    rows.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.branchName.localeCompare(b.branchName, 'zh'));
    await report(70, '生成 Excel');
    const bytes = await buildSummaryWorkbook({ title, scopeLabel, generatedAt: formatCst(ctx.clock.now()), levels: levels.map((l) => ({ label: l.label })), rows });
    return { file: { bytes, ext: 'xlsx', fileName: `${safeName(scopeLabel)}-${safeName(title)}-${fileStamp(ctx)}.xlsx` } };
  });
}
