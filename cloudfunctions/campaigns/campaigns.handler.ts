import type { z } from 'zod';
import {
  campaignBodySchema,
  campaignDefinitionIssues,
  CAMPAIGN_KIND_LABELS,
  cstWall,
  fromCstWall,
  SUBMITTED_STATUSES,
  toCstIso,
  type Campaign,
  type CampaignBody,
  type campaignsContract,
} from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import { decodeCursor, encodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { saveVersioned, txGetOrNull, writeAudit } from '../_lib/records';
import { CAMPAIGNS, ENTRIES, loadCampaign } from '../_lib/engine/load';
import { byCodePoint, readAllById } from '../_lib/paged';
import { summarizeCampaign } from './summary';
import { builtInTemplate, builtInTemplates } from './templates';

type In<K extends keyof (typeof campaignsContract)['actions']> = z.output<(typeof campaignsContract)['actions'][K]['input']>;
type V<T> = T & { version: number };

const isDept = (actor: Actor) => actor.grants.some((g) => g.role === 'deptAdmin');

/** 评选列表：按年份倒序、游标分页；草稿只有组织部看得到 */
export async function listCampaigns({ ctx, actor, input }: HandlerArgs<In<'list'>>) {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = {};
  if (input.status === 'open') where.status = 'open';
  else if (!isDept(actor)) where.status = _.in(['open', 'closed']);
  if (input.kind) where.kind = input.kind;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const query = cursor ? _.and([where, _.or([{ year: _.lt(cursor.at) }, { year: cursor.at, _id: _.lt(cursor.id) }])]) : where;
  const res = await ctx.db.collection(CAMPAIGNS).where(query).orderBy('year', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1).get();
  const rows = res.data as Campaign[];
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return { items: page.map(summarizeCampaign), nextCursor: rows.length > input.pageSize && last ? encodeCursor({ at: last.year, id: last._id }) : null };
}

export async function getCampaign({ ctx, actor, input }: HandlerArgs<In<'get'>>) {
  const c = await loadCampaign(ctx, input.id);
  if (c.status === 'draft' && !isDept(actor)) throw new AppError('NOT_FOUND', '评选不存在');
  return c;
}

export async function listTemplates() {
  return { items: builtInTemplates().map((t) => ({ kind: t.kind, title: t.title, year: t.year, docNumber: t.docNumber })) };
}

/** 标题与阶段说明里的年份整体平移（“2021 年度…” → “2027 年度…”，C 类的“2020 年度…验收”随之平移） */
function shiftTitle(title: string, delta: number): string {
  return title.replace(/(19|20)\d{2}/g, (y) => String(Number(y) + delta));
}

/** 阶段日期按北京时间的墙上时间整体平移年份（11 月 30 日 23:59:59 仍是 11 月 30 日 23:59:59） */
export function shiftBody(source: CampaignBody, year: number): CampaignBody {
  const delta = year - source.year;
  const shift = (iso: string) => toCstIso(fromCstWall(cstWall(iso).add(delta, 'year')));
  return {
    ...structuredClone(source),
    year,
    title: shiftTitle(source.title, delta),
    noticeId: null,
    docNumber: '',
    attachments: [],
    stages: source.stages.map((s) => ({ ...s, startsAt: shift(s.startsAt), endsAt: shift(s.endsAt), note: shiftTitle(s.note, delta) })),
  };
}

/** 从内置模板或往年评选复制到新一年：生成草稿，组织部在表单里改日期与限额后发布 */
export async function copyCampaign({ ctx, actor, input }: HandlerArgs<In<'copy'>>) {
  let source: CampaignBody;
  let from: string;
  if ('template' in input.from) {
    source = builtInTemplate(input.from.template);
    from = `template:${input.from.template}`;
  } else {
    const c = await loadCampaign(ctx, input.from.campaignId);
    const { _id, status: _s, version: _v, ...body } = c;
    source = campaignBodySchema.parse(body);
    from = _id;
  }
  const body = campaignBodySchema.parse({ ...shiftBody(source, input.year), copiedFrom: from });
  const id = input._id ?? (await freeId(ctx, `c-${input.year}-${body.kind.toLowerCase()}`));
  return saveVersioned<V<Campaign>>(ctx, actor, {
    collection: CAMPAIGNS,
    id,
    build: () => ({ ...body, status: 'draft' }),
    audit: (_b, after) => ({ action: 'campaigns.copy', unitId: null, summary: `新建评选草稿：${after.title}（复制自${'template' in input.from ? `内置模板 ${CAMPAIGN_KIND_LABELS[input.from.template]}` : source.title}）` }),
  });
}

async function freeId(ctx: HandlerArgs<unknown>['ctx'], base: string): Promise<string> {
  for (let n = 1; n < 50; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const res = await ctx.db.collection(CAMPAIGNS).where({ _id: id }).field({ _id: true }).limit(1).get();
    if (!res.data.length) return id;
  }
  throw new AppError('CONFLICT', '同一年同类评选过多');
}

/** 修改评选定义：整体校验（阶段与流程相符、上下限合理）；已有申报的类别不得删除 */
export async function saveCampaign({ ctx, actor, input }: HandlerArgs<In<'save'>>) {
  const issues = campaignDefinitionIssues(input.body);
  if (issues.length) throw new AppError('BAD_INPUT', issues[0], issues.map((message) => ({ path: 'body', message })));
  const before = await loadCampaign(ctx, input._id);
  const removed = before.tracks.filter((t) => !input.body.tracks.some((n) => n.key === t.key));
  for (const t of removed) {
    const n = (await ctx.db.collection(ENTRIES).where({ campaignId: input._id, trackKey: t.key }).count()).total;
    if (n) throw new AppError('CONFLICT', `“${t.label}”已有 ${n} 份申报，不能删除`);
  }
  if (before.kind !== input.body.kind) throw new AppError('BAD_INPUT', '评选类型不能修改');
  return saveVersioned<V<Campaign>>(ctx, actor, {
    collection: CAMPAIGNS,
    id: input._id,
    expectedVersion: input.expectedVersion,
    build: (b) => ({ ...input.body, status: b?.status ?? 'draft' }),
    audit: (_b, after) => ({ action: 'campaigns.save', unitId: null, summary: `修改评选：${after.title}` }),
  });
}

async function setStatus(args: HandlerArgs<{ id: string; expectedVersion: number }>, from: Campaign['status'], to: Campaign['status'], label: string) {
  const { ctx, actor, input } = args;
  return ctx.db.runTransaction(async (tx) => {
    const c = await txGetOrNull<Campaign>(tx, CAMPAIGNS, input.id);
    if (!c) throw new AppError('NOT_FOUND', '评选不存在');
    if (c.version !== input.expectedVersion) throw new AppError('CONFLICT');
    if (c.status !== from) throw new AppError('CONFLICT', `评选当前为“${{ draft: '草稿', open: '已发布', closed: '已结束' }[c.status]}”，不能${label}`);
    if (to === 'open') {
      const { _id: _i, status: _s, version: _v, ...body } = c;
      const issues = campaignDefinitionIssues(campaignBodySchema.parse(body));
      // 只限名单内支部申报而名单为空：发布出去所有支部都会被拒（C 类模板复制后须先填名单）
      for (const t of c.tracks) if (t.entrant.invitedBranchIds && !t.entrant.invitedBranchIds.length) issues.push(`“${t.label}”只限名单内的支部申报，请先填写支部名单`);
      if (issues.length) throw new AppError('BAD_INPUT', `定义还有问题：${issues[0]}`);
    }
    const version = c.version + 1;
    await tx.collection(CAMPAIGNS).doc(c._id).update({ data: { status: to, version } });
    await writeAudit(tx, ctx, actor, { action: `campaigns.${label === '发布' ? 'publish' : 'close'}`, targetCollection: CAMPAIGNS, targetId: c._id, unitId: null, summary: `${label}评选：${c.title}`, before: { status: c.status }, after: { status: to, at: toCstIso(ctx.clock.now()) } });
    return { _id: c._id, version };
  });
}

export const publishCampaign = (args: HandlerArgs<In<'publish'>>) => setStatus(args, 'draft', 'open', '发布');
export const closeCampaign = (args: HandlerArgs<In<'close'>>) => setStatus(args, 'open', 'closed', '结束');

/**
 * 立项全覆盖（B4）：每个单位的教职工、学生党支部中，还没有提交项目的。
 * 查询次数与单位数无关（issue 8）：单位、这些支部、本类别已提交材料的 branchId 各按 _id 分页读一遍（每次 ≤100 条，
 * field 投影），在内存里按单位分组，单位与支部按名称排序（与数据库 orderBy 同序）。
 * 查询形状与单位进度相同，索引见 notifications/load.ts 的 progressIndexes。
 */
type CoverageBranch = { _id: string; unitId: string; name: string; kind: 'staff' | 'student' };
export async function coverage({ ctx, input }: HandlerArgs<In<'coverage'>>) {
  const campaign = await loadCampaign(ctx, input.campaignId);
  if (!campaign.tracks.some((t) => t.key === input.trackKey)) throw new AppError('NOT_FOUND', '申报类别不存在');
  const _ = ctx.db.command;
  const scope = input.unitId ? { unitId: input.unitId } : {};
  const [unitRows, branches, entries] = await Promise.all([
    input.unitId
      ? ctx.db.collection('units').where({ _id: input.unitId }).limit(1).get().then((r) => r.data as unknown as { _id: string; name: string }[])
      : readAllById<{ _id: string; name: string }>(ctx, 'units', { active: true }, { _id: true, name: true }),
    readAllById<CoverageBranch>(ctx, 'branches', { active: true, kind: _.in(['staff', 'student']), ...scope }, { _id: true, unitId: true, name: true, kind: true }),
    readAllById<{ _id: string; unitId: string; branchId: string | null }>(ctx, ENTRIES, { campaignId: campaign._id, trackKey: input.trackKey, status: _.in([...SUBMITTED_STATUSES]), ...scope }, { _id: true, unitId: true, branchId: true }),
  ]);
  // 单位 + 支部：支部改隶别的单位后，它在原单位名下交的材料不算新单位的覆盖
  const covered = new Set(entries.filter((e) => e.branchId).map((e) => `${e.unitId}|${e.branchId}`));
  const branchesOf = new Map<string, CoverageBranch[]>();
  for (const b of [...branches].sort((x, y) => byCodePoint(x.name, y.name))) {
    if (!branchesOf.has(b.unitId)) branchesOf.set(b.unitId, []);
    branchesOf.get(b.unitId)!.push(b);
  }
  const units = [...unitRows].sort((x, y) => byCodePoint(x.name, y.name)).map((u) => {
    const mine = branchesOf.get(u._id) ?? [];
    const missing = mine.filter((b) => !covered.has(`${u._id}|${b._id}`)).map((b) => ({ branchId: b._id, name: b.name, kind: b.kind }));
    return { unitId: u._id, unitName: u.name, required: mine.length, covered: mine.length - missing.length, missing };
  });
  return { units };
}
