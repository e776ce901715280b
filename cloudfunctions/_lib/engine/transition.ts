import {
  findStage,
  formatCst,
  stageOpen,
  toCstIso,
  transitionsFor,
  TRANSITION_LABELS,
  ENTRY_STATUS_LABELS,
  type Campaign,
  type Entry,
  type HistoryItem,
  type RuleResult,
  type Track,
  type TransitionAction,
  type TransitionActor,
  type TransitionDef,
} from '../../../types';
import { SYSTEM_ACTOR, type Actor } from '../actor';
import { AppError } from '../app-error';
import type { FunctionContext } from '../context';
import type { CloudTransaction } from '../db';
import { txGetOrNull, writeAudit } from '../records';
import { CAMPAIGNS, ENTRIES, loadEntry } from './load';

export { SYSTEM_ACTOR };

/** 调用者相对某条材料的身份：申报方、本单位、组织部、定时任务 */
export function actorKinds(actor: Actor, entry: Pick<Entry, 'unitId' | 'branchId' | 'entrantLevel'>): TransitionActor[] {
  if (actor === SYSTEM_ACTOR) return ['system'];
  const kinds = new Set<TransitionActor>();
  for (const g of actor.grants) {
    if (g.role === 'deptAdmin') kinds.add('department');
    if (g.role === 'unitAdmin' && g.unitId === entry.unitId) {
      kinds.add('unit');
      kinds.add('entrant'); // 分党委管理员可代本单位的支部操作，单位自身的材料也由其填报
    }
    if (g.role === 'branchEditor' && entry.entrantLevel === 'branch' && g.branchId === entry.branchId) kinds.add('entrant');
  }
  return [...kinds];
}

export interface TransitionRequest {
  entryId: string;
  action: TransitionAction;
  note?: string;
  /** 同一请求重试时视为已完成的条件（默认：已在目标状态且最后一步就是本操作） */
  sameAs?: (entry: Entry) => boolean;
  /**
   * 事务内的规则核对与附带修改：可读写其他记录（名额台账），返回要写入材料的字段与提醒。
   * 抛出 AppError 即整体回滚。
   */
  apply?: (args: { tx: CloudTransaction; entry: Entry; campaign: Campaign; track: Track; def: TransitionDef; now: Date }) => Promise<{ set?: Partial<Entry>; warnings?: RuleResult[] } | void>;
}

export interface TransitionResult {
  status: Entry['status'];
  version: number;
  repeated: boolean;
  warnings: RuleResult[];
}

/**
 * 执行一次状态转换：在一个事务里核对（状态、执行者、阶段、规则）→ 改材料 → 记时间线 → 写审计。
 * 同一请求重试（网络超时后再点）不会重复生效：已在目标状态且最后一步就是本操作时，原样答复 repeated=true。
 */
export async function applyTransition(ctx: FunctionContext, actor: Actor, req: TransitionRequest): Promise<TransitionResult> {
  const now = ctx.clock.now();
  return ctx.db.runTransaction(async (tx) => {
    const entry = await txGetOrNull<Entry>(tx, ENTRIES, req.entryId);
    if (!entry) throw new AppError('NOT_FOUND', '申报材料不存在');
    const campaign = await txGetOrNull<Campaign>(tx, CAMPAIGNS, entry.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', '评选不存在');
    const track = campaign.tracks.find((t) => t.key === entry.trackKey);
    if (!track) throw new AppError('NOT_FOUND', '申报类别不存在');
    const def = transitionsFor(track.pipeline).find((d) => d.action === req.action);
    const label = TRANSITION_LABELS[req.action];
    if (!def) throw new AppError('CONFLICT', `“${track.label}”没有“${label}”这一步`);

    const last = entry.history[entry.history.length - 1];
    const repeated = req.sameAs ? req.sameAs(entry) : entry.status === def.to && last?.action === req.action;
    if (repeated) return { status: entry.status, version: entry.version, repeated: true, warnings: [] };

    if (!def.from.includes(entry.status)) {
      throw new AppError('CONFLICT', `材料当前为“${ENTRY_STATUS_LABELS[entry.status]}”，不能${label}`);
    }
    const kinds = actorKinds(actor, entry);
    if (!def.by.some((b) => kinds.includes(b))) throw new AppError('FORBIDDEN');
    if (campaign.status !== 'open') throw new AppError('NOT_OPEN', campaign.status === 'draft' ? '该评选尚未发布' : '该评选已结束');
    checkStage(campaign, track, entry, def, now, label);

    const extra = (await req.apply?.({ tx, entry, campaign, track, def, now })) ?? {};
    const item: HistoryItem = {
      at: toCstIso(now),
      action: req.action,
      from: entry.status,
      to: def.to,
      actorPersonId: actor.person?._id ?? null,
      actorName: actor === SYSTEM_ACTOR ? '系统' : (actor.person?.name ?? null),
      note: req.note ?? '',
    };
    const version = entry.version + 1;
    const set = {
      ...(extra.set ?? {}),
      status: def.to,
      version,
      history: [...entry.history, item],
      updatedAt: item.at,
      updatedAtMs: now.getTime(),
    };
    await tx.collection(ENTRIES).doc(entry._id).update({ data: replaceObjects(ctx, set) });
    await writeAudit(tx, ctx, actor, {
      action: `entries.${req.action}`,
      targetCollection: ENTRIES,
      targetId: entry._id,
      unitId: entry.unitId,
      summary: `${label}：${entry.content.title || '（未命名）'}（${entry.entrantName}）${ENTRY_STATUS_LABELS[entry.status]} → ${ENTRY_STATUS_LABELS[def.to]}${req.note ? `；${req.note}` : ''}`,
      before: { status: entry.status, level: entry.level, version: entry.version },
      after: { status: def.to, level: (extra.set?.level ?? entry.level) as string | null, version },
    });
    return { status: def.to, version, repeated: false, warnings: extra.warnings ?? [] };
  });
}

/**
 * 云数据库的 update 对对象值做深合并（按点路径逐字段写），旧值为 null 时还会报错；
 * 整体替换对象字段（更正要求、内容）须用 _.set。
 */
export function replaceObjects(ctx: FunctionContext, data: Record<string, unknown>): Record<string, unknown> {
  const _ = ctx.db.command;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? _.set(v) : v]));
}

/** 阶段核对：未开始答 NOT_OPEN，已截止答 DEADLINE_PASSED，都写明北京时间 */
export function checkStage(campaign: Campaign, track: Track, entry: Pick<Entry, 'correction'>, def: Pick<TransitionDef, 'stage'>, now: Date, label: string): void {
  if (def.stage === null) return;
  if (def.stage === 'correctionWindow') {
    const deadline = entry.correction?.deadline;
    if (!deadline) throw new AppError('CONFLICT', '没有待补正的要求');
    if (!stageOpen({ startsAt: entry.correction!.requestedAt, endsAt: deadline }, now)) {
      throw new AppError('DEADLINE_PASSED', `补正期限已于 ${formatCst(deadline, 'YYYY-MM-DD HH:mm:ss')}（北京时间）截止（A8）`);
    }
    return;
  }
  const stage = findStage(campaign, def.stage, track.key);
  if (!stage) throw new AppError('CONFLICT', `本评选没有“${label}”所需的阶段`);
  if (stageOpen(stage, now)) return;
  if (now.getTime() < Date.parse(stage.startsAt)) {
    throw new AppError('NOT_OPEN', `${stage.label}尚未开始：${formatCst(stage.startsAt)} 开始（北京时间）`);
  }
  throw new AppError('DEADLINE_PASSED', `${stage.label}已于 ${formatCst(stage.endsAt, 'YYYY-MM-DD HH:mm:ss')}（北京时间）截止${stage.note ? `：${stage.note}` : ''}`);
}

export { loadEntry };
