import type { z } from 'zod';
import { BRANCH_KIND_LABELS, countZi, formatCst, type Branch, type Campaign, type Entry, type exportsContract, type Track } from '../../types';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { HandlerArgs } from '../_lib/define';
import { loadCampaign, loadEntry, trackOf } from '../_lib/engine/load';
import { loadCjkFonts } from '../_lib/exports/fonts';
import { buildApplicationFormPdf, buildEvaluationFormPdf, C2_CRITERIA } from '../_lib/exports/forms-pdf';
import { buildMaterialsPdf, MATERIALS_MAX_BYTES } from '../_lib/exports/materials-pdf';
import { BRANCHES } from '../org/collections';
import { fileStamp, runExport, safeName } from './jobs';
import { readByIds } from './read';

type In = z.output<(typeof exportsContract)['actions']['materialsPdf']['input']>;

async function loadAll(ctx: FunctionContext, entryId: string): Promise<{ entry: Entry; campaign: Campaign; track: Track }> {
  const entry = await loadEntry(ctx, entryId);
  const campaign = await loadCampaign(ctx, entry.campaignId);
  return { entry, campaign, track: trackOf(campaign, entry.trackKey) };
}

const fileTitle = (entry: Entry, what: string, ctx: FunctionContext, ext: string) =>
  `${safeName(entry.entrantName)}-${safeName(entry.content.title || '未命名')}-${what}-${fileStamp(ctx)}.${ext}`;

/** 支撑材料合成一个带目录的 PDF（A6；C1 多份时附目录） */
export async function exportMaterials({ ctx, actor, input }: HandlerArgs<In>) {
  const { entry, campaign } = await loadAll(ctx, input.entryId);
  const docs = entry.content.documents;
  const declared = docs.reduce((n, d) => n + d.size, 0);
  if (declared > MATERIALS_MAX_BYTES) throw new AppError('FILE_REJECTED', '支撑材料合计超过 80 MB，无法合成：请压缩或拆分后重新上传');
  return runExport(ctx, actor, { kind: 'materialsPdf', title: `${entry.entrantName}《${entry.content.title}》支撑材料`, unitId: entry.unitId, target: entry._id }, async (report) => {
    const files = [];
    for (const [i, d] of docs.entries()) {
      await report(5 + (50 * i) / Math.max(1, docs.length), `下载材料 ${i + 1}/${docs.length}`);
      files.push({ name: d.name, bytes: await ctx.files.download(d.fileID) });
    }
    await report(60, '准备中文字体');
    const fonts = await loadCjkFonts(ctx.files);
    await report(70, '合成 PDF');
    const merged = await buildMaterialsPdf(
      { entryTitle: entry.content.title || '（未填写标题）', entrantName: entry.entrantName, unitName: entry.unitName, campaignTitle: campaign.title, generatedAt: formatCst(ctx.clock.now()), files },
      fonts,
    );
    return { file: { bytes: merged.pdf, ext: 'pdf', fileName: fileTitle(entry, '支撑材料', ctx, 'pdf') } };
  });
}

/** 各级意见栏：支部的材料经党支部、分党委、组织部；单位的材料经分党委、组织部 */
function approvalsFor(entry: Entry): string[] {
  return entry.entrantLevel === 'branch' ? ['党支部意见', '分党委意见', '组织部意见'] : ['分党委意见', '组织部意见'];
}

/** 申报表（D6：电子版与盖章扫描件），按评选类别的表单逐项填好 */
export async function exportApplicationForm({ ctx, actor, input }: HandlerArgs<In>) {
  const { entry, campaign, track } = await loadAll(ctx, input.entryId);
  // 类别名已带“申报”的（如“创新奖申报”）不再重复
  const formTitle = `${campaign.year} 年度${track.label}${track.label.endsWith('申报') ? '表' : '申报表'}`;
  return runExport(ctx, actor, { kind: 'applicationForm', title: `${entry.entrantName} ${formTitle}`, unitId: entry.unitId, target: entry._id }, async (report) => {
    await report(10, '读取材料');
    const branch = entry.branchId ? (await readByIds<Branch>(ctx, BRANCHES, [entry.branchId])).get(entry.branchId) : undefined;
    const c = entry.content;
    const fields = [
      ...(branch ? [{ label: '支部类型', value: BRANCH_KIND_LABELS[branch.kind] }, { label: '党员人数', value: `${branch.memberCount} 人` }] : []),
      ...track.form.choices.map((f) => ({ label: f.label, value: c.choices[f.key] ?? '' })),
      ...track.form.dates.map((f) => ({ label: f.label, value: c.dates[f.key] ?? '' })),
    ];
    const sections = track.form.sections.map((s) => {
      const text = (c.sections[s.key] ?? '').trim();
      return { title: s.title, text, zi: countZi(text), maxChars: s.maxChars };
    });
    await report(30, '准备中文字体');
    const fonts = await loadCjkFonts(ctx.files);
    await report(60, '排版申报表');
    const bytes = await buildApplicationFormPdf(
      {
        formTitle, campaignTitle: campaign.title, trackLabel: track.label, entryTitle: c.title || '（未填写标题）', entrantName: entry.entrantName, unitName: entry.unitName,
        fields, sections, photoCount: Object.values(c.photos).reduce((n, list) => n + list.length, 0), documentNames: c.documents.map((d) => d.name),
        approvals: approvalsFor(entry), generatedAt: formatCst(ctx.clock.now()),
      },
      fonts,
    );
    return { file: { bytes, ext: 'pdf', fileName: fileTitle(entry, '申报表', ctx, 'pdf') } };
  });
}

/** 特色支部创建工作评价表（C1.4）：评价要点取评选的评分细则，没有细则时用 C2 的四项 */
export async function exportEvaluationForm({ ctx, actor, input }: HandlerArgs<In>) {
  const { entry, campaign, track } = await loadAll(ctx, input.entryId);
  const formTitle = campaign.kind === 'C' ? '特色支部创建工作评价表' : `${track.label}评价表`;
  return runExport(ctx, actor, { kind: 'evaluationForm', title: `${entry.entrantName} ${formTitle}`, unitId: entry.unitId, target: entry._id }, async (report) => {
    const rubric = track.pipeline.review?.rubric ?? [];
    const criteria = rubric.length ? rubric.map((r) => ({ label: r.label, description: r.description, maxScore: r.maxScore })) : C2_CRITERIA;
    await report(30, '准备中文字体');
    const fonts = await loadCjkFonts(ctx.files);
    await report(60, '排版评价表');
    const bytes = await buildEvaluationFormPdf(
      { formTitle, campaignTitle: campaign.title, entryTitle: entry.content.title || '（未填写标题）', entrantName: entry.entrantName, unitName: entry.unitName, criteria, generatedAt: formatCst(ctx.clock.now()) },
      fonts,
    );
    return { file: { bytes, ext: 'pdf', fileName: fileTitle(entry, '评价表', ctx, 'pdf') } };
  });
}
