import type { z } from 'zod';
import { toCstIso, type casesContract } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import { decodeCursor } from '../_lib/cursor';
import type { HandlerArgs } from '../_lib/define';
import { CASES } from '../_lib/engine/cases';
import { ENTRIES } from '../_lib/engine/load';
import { txGetOrNull, writeAudit } from '../_lib/records';
import { caseFileUrls, caseSummaryPage, linksExpireAt, type CaseRow } from './cases.handler';

/**
 * 组织部编辑案例（A7 成果储备库）：结果公布时生成的草稿，组织部改题目、简介、正文、照片与说明后发布；
 * 已发布的可撤下、恢复。每次变更与审计同一事务，编辑带版本号（过期的编辑答 CONFLICT）。
 */

type In<K extends keyof (typeof casesContract)['actions']> = z.output<(typeof casesContract)['actions'][K]['input']>;
type Row = CaseRow;

async function loadCase(ctx: FunctionContext, id: string): Promise<Row> {
  const res = await ctx.db.collection(CASES).where({ _id: id }).limit(1).get();
  const c = res.data[0] as unknown as Row | undefined;
  if (!c) throw new AppError('NOT_FOUND', '案例不存在');
  return c;
}

/** 可选用的照片：案例里现有的 + 原材料里的全部照片（取消选用过的照片还能再选回来） */
async function availablePhotos(ctx: FunctionContext, c: Row): Promise<{ fileID: string; caption: string }[]> {
  const res = await ctx.db.collection(ENTRIES).where({ _id: c.entryId }).limit(1).field({ content: true }).get();
  const entry = res.data[0] as { content?: { photos?: Record<string, { fileID: string; caption: string }[]> } } | undefined;
  const fromEntry = Object.values(entry?.content?.photos ?? {}).flat();
  const seen = new Set<string>();
  return [...c.photos, ...fromEntry].filter((p) => !seen.has(p.fileID) && !!seen.add(p.fileID)).map((p) => ({ fileID: p.fileID, caption: p.caption }));
}

/** 待发布与已撤下的案例：一次查询（status_published 索引）+ 一次取封面链接 */
export async function listDrafts({ ctx, input }: HandlerArgs<In<'drafts'>>) {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { status: input.status ?? _.in(['draft', 'hidden']) };
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError('BAD_INPUT', '分页游标无效，请刷新列表');
  const query = cursor ? _.and([where, _.or([{ publishedAtMs: _.lt(cursor.at) }, { publishedAtMs: cursor.at, _id: _.lt(cursor.id) }])]) : where;
  const res = await ctx.db.collection(CASES).where(query).orderBy('publishedAtMs', 'desc').orderBy('_id', 'desc').limit(input.pageSize + 1)
    .field({ sections: false, video: false })
    .get();
  return caseSummaryPage(ctx, res.data as unknown as Row[], input.pageSize, (r) => ({ status: r.status, version: r.version ?? 0 }));
}

/** 编辑用全文（任何状态）：照片与可选照片都带临时链接 */
export async function getCaseForEdit({ ctx, input }: HandlerArgs<In<'getForEdit'>>) {
  const c = await loadCase(ctx, input.id);
  const available = await availablePhotos(ctx, c);
  const urls = await caseFileUrls(ctx, [...available.map((p) => p.fileID), ...(c.video ? [c.video.fileID] : [])]);
  const { publishedAtMs: _ms, ...rest } = c;
  return {
    ...rest,
    version: c.version ?? 0,
    linksExpireAt: linksExpireAt(ctx.clock.now()),
    photos: c.photos.map((p) => ({ ...p, url: urls.get(p.fileID) ?? '' })),
    video: c.video ? { ...c.video, url: urls.get(c.video.fileID) ?? '' } : null,
    availablePhotos: available.map((p) => ({ ...p, url: urls.get(p.fileID) ?? '' })),
  };
}

/** 事务内读案例、核对版本、写入变更与审计 */
async function changeCase(
  ctx: FunctionContext,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  change: (before: Row) => { set: Partial<Row>; action: string; summary: string } | null,
): Promise<{ after: Row; repeated: boolean }> {
  return ctx.db.runTransaction(async (tx) => {
    const before = await txGetOrNull<Row>(tx, CASES, id);
    if (!before) throw new AppError('NOT_FOUND', '案例不存在');
    const version = before.version ?? 0;
    const plan = change(before);
    // 重试（上一次已生效）：原样返回，不重复写审计
    if (!plan) return { after: { ...before, _id: id, version }, repeated: true };
    if (expectedVersion !== undefined && version !== expectedVersion) throw new AppError('CONFLICT', '案例已被他人修改，请刷新后再改');
    const after = { ...before, ...plan.set, _id: id, version: version + 1 };
    await tx.collection(CASES).doc(id).update({ data: { ...plan.set, version: version + 1 } });
    await writeAudit(tx, ctx, actor, {
      action: plan.action, targetCollection: CASES, targetId: id, unitId: before.unitId, summary: plan.summary, before, after,
    });
    return { after, repeated: false };
  });
}

/** 保存编辑：照片只能选自可选照片（案例现有的与原材料里的）；文字过内容安全，与申报材料一样 */
export async function saveCaseEdit({ ctx, actor, input }: HandlerArgs<In<'saveEdit'>>) {
  const current = await loadCase(ctx, input.id);
  const allowed = new Set((await availablePhotos(ctx, current)).map((p) => p.fileID));
  const { edit } = input;
  const stray = edit.photos.find((p) => !allowed.has(p.fileID));
  if (stray) throw new AppError('BAD_INPUT', '只能选用原材料里的照片');
  if (new Set(edit.photos.map((p) => p.fileID)).size !== edit.photos.length) throw new AppError('BAD_INPUT', '同一张照片选用了两次');
  const text = [edit.title, edit.summary, ...edit.sections.map((s) => `${s.title}\n${s.text}`), ...edit.photos.map((p) => p.caption)].join('\n');
  const verdict = await ctx.security.checkText({ content: text, openid: actor.openid, scene: 1 });
  if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY');
  const sections = edit.sections.map((s) => ({ title: s.title.trim(), text: s.text.trim() })).filter((s) => s.text);
  const { after } = await changeCase(ctx, actor, input.id, input.expectedVersion, (before) => ({
    set: { title: edit.title.trim(), summary: edit.summary.trim(), sections, photos: edit.photos.map((p) => ({ fileID: p.fileID, caption: p.caption.trim(), url: '' })) },
    action: 'cases.saveEdit',
    summary: `编辑案例：${before.title}`,
  }));
  return { _id: after._id, version: after.version };
}

/** 发布到储备库（A7）：记发布时刻；已发布的再发布（网络重试）原样返回 */
export async function publishCase({ ctx, actor, input }: HandlerArgs<In<'publish'>>) {
  const now = ctx.clock.now();
  const { after, repeated } = await changeCase(ctx, actor, input.id, input.expectedVersion, (before) => {
    if (before.status === 'published') return null;
    if (!before.title.trim()) throw new AppError('BAD_INPUT', '题目为空，不能发布');
    return { set: { status: 'published', publishedAt: toCstIso(now), publishedAtMs: now.getTime() }, action: 'cases.publish', summary: `发布案例：${before.title}` };
  });
  return { _id: after._id, version: after.version, publishedAt: after.publishedAt, repeated };
}

/** 撤下：储备库不再显示；已撤下的再撤下原样返回；草稿不能撤下（本就不显示） */
export async function hideCase({ ctx, actor, input }: HandlerArgs<In<'hide'>>) {
  const { after, repeated } = await changeCase(ctx, actor, input.id, undefined, (before) => {
    if (before.status === 'hidden') return null;
    if (before.status === 'draft') throw new AppError('CONFLICT', '案例尚未发布，无需撤下');
    return { set: { status: 'hidden' }, action: 'cases.hide', summary: `撤下案例：${before.title}` };
  });
  return { _id: after._id, version: after.version, repeated };
}

/** 恢复撤下的案例：回到储备库，保留原发布时刻（列表位置不变） */
export async function unhideCase({ ctx, actor, input }: HandlerArgs<In<'unhide'>>) {
  const { after, repeated } = await changeCase(ctx, actor, input.id, undefined, (before) => {
    if (before.status === 'published') return null;
    if (before.status === 'draft') throw new AppError('CONFLICT', '案例尚未发布，请先编辑后发布');
    return { set: { status: 'published' }, action: 'cases.unhide', summary: `恢复案例：${before.title}` };
  });
  return { _id: after._id, version: after.version, repeated };
}
