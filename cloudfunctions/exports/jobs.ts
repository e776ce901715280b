import { randomBytes } from 'node:crypto';
import { formatCst, toCstIso, type ExportJob, type ExportKind } from '../../types';
import type { Actor } from '../_lib/actor';
import { AppError } from '../_lib/app-error';
import type { FunctionContext } from '../_lib/context';
import type { IndexDeclaration } from '../_lib/db';
import { writeAudit } from '../_lib/records';

export const EXPORT_JOBS = 'exportJobs';

/** “我的导出”按发起人、新到旧分页 */
export const exportIndexes: IndexDeclaration[] = [
  { collection: EXPORT_JOBS, name: 'owner_created', keys: { ownerPersonId: 1, createdAtMs: -1, _id: -1 } },
];

/** 库里的任务记录：契约外形（临时链接不存）+ 发起人与排序键 */
export type JobRow = Omit<ExportJob, 'url'> & { ownerPersonId: string; createdAtMs: number; unitId: string | null; target: string };

/** 一次导出的产物：一个文件，或一篇文章（文章只有 HTML，不落文件） */
export interface Produced {
  file?: { bytes: Buffer; ext: 'xlsx' | 'pdf' | 'docx'; fileName: string };
  article?: NonNullable<ExportJob['article']>;
}

/** 报告进度：pct 0–100，step 为给人看的步骤 */
export type Report = (pct: number, step: string) => Promise<void>;

/** 临时链接有效期：30 分钟 */
export const LINK_SECONDS = 30 * 60;

export async function withUrls(ctx: FunctionContext, rows: JobRow[]): Promise<ExportJob[]> {
  const ids = rows.map((r) => r.fileID).filter((f): f is string => !!f);
  const urls = new Map((ids.length ? await ctx.files.tempUrls(ids, LINK_SECONDS) : []).filter((u) => u.status === 0).map((u) => [u.fileID, u.tempFileURL]));
  return rows.map(({ ownerPersonId: _o, createdAtMs: _c, unitId: _u, target: _t, ...job }) => ({ ...job, url: job.fileID ? (urls.get(job.fileID) ?? null) : null }));
}

/**
 * 运行一次导出：先建任务记录（与审计同一事务：谁在何时导出了什么——汇总表与材料含个人信息），
 * 处理中按步骤更新进度（界面轮询 list 显示进度条），完成后上传文件、记下 fileID；失败记下原因并照常答复错误。
 * 整个任务在一次调用内完成：实测 20 篇带照片的汇编约 5 秒（见 README），远在 60 秒超时之内；
 * 更大的输入由各操作的上限挡住（汇编 ≤ 60 篇、支撑材料 ≤ 80 MB）。
 */
export async function runExport(
  ctx: FunctionContext,
  actor: Actor,
  spec: { kind: ExportKind; title: string; unitId: string | null; target: string },
  work: (report: Report) => Promise<Produced>,
): Promise<ExportJob> {
  if (!actor.person) throw new AppError('UNAUTHENTICATED');
  const started = ctx.clock.now();
  const id = randomBytes(12).toString('hex');
  const row: JobRow = {
    _id: id,
    kind: spec.kind,
    title: spec.title,
    status: 'running',
    progress: 0,
    step: '准备中',
    fileName: null,
    fileID: null,
    error: null,
    article: null,
    createdAt: toCstIso(started),
    finishedAt: null,
    durationMs: null,
    ownerPersonId: actor.person._id,
    createdAtMs: started.getTime(),
    unitId: spec.unitId,
    target: spec.target,
  };
  const { _id, ...data } = row;
  await ctx.db.runTransaction(async (tx) => {
    await tx.collection(EXPORT_JOBS).doc(_id).set({ data });
    await writeAudit(tx, ctx, actor, {
      action: `exports.${spec.kind}`,
      targetCollection: EXPORT_JOBS,
      targetId: _id,
      unitId: spec.unitId,
      summary: `导出：${spec.title}`,
      before: null,
      after: { kind: spec.kind, target: spec.target },
    });
  });
  const doc = ctx.db.collection(EXPORT_JOBS).doc(id);
  let last = -1;
  const report: Report = async (pct, step) => {
    const p = Math.max(0, Math.min(99, Math.round(pct)));
    // 进度每涨 5% 才写一次库：100 张照片的汇编也只写约 20 次
    if (p < last + 5 && p !== 0) return;
    last = p;
    await doc.update({ data: { progress: p, step } });
  };
  try {
    const produced = await work(report);
    const patch: Partial<JobRow> = { status: 'done', progress: 100, step: '已完成', article: produced.article ?? null };
    if (produced.file) {
      await report(95, '保存文件');
      const stamp = formatCst(started, 'YYYYMMDD');
      const { fileID } = await ctx.files.upload(`exports/${spec.kind}/${stamp}/${id}.${produced.file.ext}`, produced.file.bytes);
      patch.fileID = fileID;
      patch.fileName = produced.file.fileName;
    }
    const finished = ctx.clock.now();
    Object.assign(patch, { finishedAt: toCstIso(finished), durationMs: finished.getTime() - started.getTime() });
    // 文章是嵌套对象：云数据库的 update 会把对象展开成 article.title 等路径，而原值是 null——整体替换要用 _.set
    await doc.update({ data: { ...patch, article: patch.article ? ctx.db.command.set(patch.article) : null } });
    return (await withUrls(ctx, [{ ...row, ...patch }]))[0];
  } catch (err) {
    const message = err instanceof AppError ? err.message : '导出失败：系统繁忙，请稍后再试';
    const finished = ctx.clock.now();
    await doc.update({ data: { status: 'failed', step: '失败', error: message, finishedAt: toCstIso(finished), durationMs: finished.getTime() - started.getTime() } });
    throw err;
  }
}

/** 下载文件名里的时间：北京时间 */
export function fileStamp(ctx: FunctionContext): string {
  return formatCst(ctx.clock.now(), 'YYYYMMDD-HHmm');
}

/** 文件名里不能有的字符 */
export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 80);
}
