import { cstWall, fromCstWall, SUBMITTED_STATUSES, type Branch, type EntryStatus, type ReminderOffset, type ReminderTarget, type Stage, type Track, type Unit } from '../../types';
import { minFor } from '../_lib/engine/rules';

/**
 * 谁该交而没交：截止提醒（前 3 天、前 1 天）与组织部的单位进度共用的纯函数，不碰数据库（读数据在 ./load.ts）。
 * 收错人是评审系统最招人烦的事，所以“该交”的认定只按评选定义里写明的规则：
 * - 有名单的（C：参与创建的特色支部）→ 名单内在用的支部；
 * - 只收单位材料的（B3 分党委年度总结）→ 每个在用的二级党组织；
 * - 分党委定级的支部立项（B4 立项全覆盖）→ 每个在用的教职工、学生支部（且在本类别的支部类型内；B6 毕业年级不立项）；
 * - 自愿申报的（A、D、E）→ 只提醒已开始填写却还没提交的主体；
 * 分党委推荐阶段：有最低推荐数（E3：学院党委 ≥2、其他 ≥1）而未达到的单位，以及还有材料等着本单位审核的单位。
 * 已撤销、已合并的支部与单位（active=false）一律不提醒；已提交（含之后的各状态）的不提醒。
 */

/** 一份材料里判断进度要用的字段 */
export interface EntryFact {
  _id: string;
  entrantKey: string;
  entrantLevel: 'branch' | 'generalBranch' | 'unit';
  entrantName: string;
  branchId: string | null;
  unitId: string;
  status: EntryStatus;
}

export interface TrackFacts {
  units: Unit[];
  branches: Branch[];
  entries: EntryFact[];
  /** 单位 → 已推荐（含不占名额）数，来自名额台账 */
  recommended: Map<string, number>;
}

const SUBMITTED = new Set<EntryStatus>(SUBMITTED_STATUSES);
const STARTED: EntryStatus[] = ['draft', 'returned', 'withdrawn'];
/** B4：立项全覆盖针对教职工与学生支部 */
export const COVERAGE_KINDS: ReadonlySet<string> = new Set(['staff', 'student']);

// ── 提醒时刻 ────────────────────────────────────────────────────────────

const OFFSET_DAYS: Record<ReminderOffset, number> = { '3d': 3, '1d': 1 };
/** 提醒在当天北京时间 09:00 发出：不在半夜打扰人 */
export const REMINDER_HOUR_CST = 9;

/** 某档提醒的起发时刻：截止日（北京时间的日历日）往前 N 天的 09:00:00 */
export function reminderDueAt(deadline: string, offset: ReminderOffset): Date {
  return fromCstWall(cstWall(deadline).subtract(OFFSET_DAYS[offset], 'day').hour(REMINDER_HOUR_CST).minute(0).second(0).millisecond(0));
}

/**
 * 此刻该发哪一档：前 1 天的起发时刻到截止之间发“1d”；前 3 天的起发时刻到前 1 天的起发时刻之间发“3d”。
 * 阶段未开始、已截止时不发。定时任务迟到（错过 09:00 那次）时仍在窗口内补发，且不会同时补发两档。
 */
export function dueOffset(stage: Pick<Stage, 'startsAt' | 'endsAt'>, now: Date): ReminderOffset | null {
  const t = now.getTime();
  const end = Date.parse(stage.endsAt);
  if (t < Date.parse(stage.startsAt) || t > end) return null;
  const one = reminderDueAt(stage.endsAt, '1d').getTime();
  const three = reminderDueAt(stage.endsAt, '3d').getTime();
  if (t >= one) return '1d';
  if (t >= three) return '3d';
  return null;
}

// ── 该交未交 ────────────────────────────────────────────────────────────

function submittedKeys(facts: TrackFacts): Set<string> {
  return new Set(facts.entries.filter((e) => SUBMITTED.has(e.status)).map((e) => e.entrantKey));
}

/** 按定义必须提交的支部（名单 C、全覆盖 B4）；null 表示本类别不是“必交”的 */
export function requiredBranches(track: Track, facts: TrackFacts): Branch[] | null {
  if (!track.entrant.levels.includes('branch')) return null;
  const activeUnits = new Set(facts.units.filter((u) => u.active).map((u) => u._id));
  const live = facts.branches.filter((b) => b.active && activeUnits.has(b.unitId));
  if (track.entrant.invitedBranchIds) {
    const invited = new Set(track.entrant.invitedBranchIds);
    return live.filter((b) => invited.has(b._id));
  }
  if (track.pipeline.unitStep === 'grade') return live.filter((b) => COVERAGE_KINDS.has(b.kind) && track.entrant.branchKinds.includes(b.kind));
  return null;
}

/** 只收单位材料的类别（B3）：每个在用的二级党组织都要交 */
function unitOnly(track: Track): boolean {
  return track.entrant.levels.length === 1 && track.entrant.levels[0] === 'unit';
}

/** 申报阶段应提醒的对象 */
export function submissionTargets(track: Track, facts: TrackFacts): ReminderTarget[] {
  const done = submittedKeys(facts);
  const units = new Map(facts.units.filter((u) => u.active).map((u) => [u._id, u]));
  if (unitOnly(track)) {
    return [...units.values()].filter((u) => !done.has(`unit:${u._id}`)).map((u) => ({ level: 'unit', id: u._id, name: u.name, unitId: u._id }));
  }
  const required = requiredBranches(track, facts);
  if (required) {
    return required.filter((b) => !done.has(`branch:${b._id}`)).map((b) => ({ level: 'branch', id: b._id, name: b.name, unitId: b.unitId }));
  }
  // 自愿申报：已开始填写、未提交的主体（支部的提醒支部；党总支与单位自身的提醒单位）
  const branches = new Map(facts.branches.filter((b) => b.active).map((b) => [b._id, b]));
  const out = new Map<string, ReminderTarget>();
  for (const e of facts.entries) {
    if (!STARTED.includes(e.status) || done.has(e.entrantKey) || !units.has(e.unitId)) continue;
    if (e.entrantLevel === 'branch') {
      if (e.branchId && branches.has(e.branchId)) out.set(`branch:${e.branchId}`, { level: 'branch', id: e.branchId, name: e.entrantName, unitId: e.unitId });
    } else {
      out.set(`unit:${e.unitId}`, { level: 'unit', id: e.unitId, name: units.get(e.unitId)!.name, unitId: e.unitId });
    }
  }
  return [...out.values()];
}

/** 一个单位在某类别下的进度 */
export interface UnitProgress {
  unit: Unit;
  submitted: number;
  recommended: number;
  minimum: number;
  /** 等着本单位审核（推荐或定级）的材料数 */
  awaitingUnit: number;
  missingBranches: { branchId: string; name: string }[];
  reasons: string[];
}

const cite = (rule: string) => (rule ? `（${rule}）` : '');

/**
 * 每个在用单位的进度与落后原因（组织部工作台、分党委推荐阶段的提醒共用）。
 * 原因写明规则编号：E3 最低推荐数、B4 全覆盖、B3 单位总结、C 名单。
 */
export function unitProgress(track: Track, facts: TrackFacts): UnitProgress[] {
  const done = submittedKeys(facts);
  const required = requiredBranches(track, facts);
  const step = track.pipeline.unitStep;
  return facts.units
    .filter((u) => u.active)
    .map((unit) => {
      const mine = facts.entries.filter((e) => e.unitId === unit._id);
      const submitted = mine.filter((e) => SUBMITTED.has(e.status)).length;
      const awaitingUnit = step === 'none' ? 0 : mine.filter((e) => e.status === 'submitted').length;
      const recommended = facts.recommended.get(unit._id) ?? 0;
      const minimum = step === 'recommend' ? minFor(track.quota, unit.kind) : 0;
      const missingBranches = (required ?? []).filter((b) => b.unitId === unit._id && !done.has(`branch:${b._id}`)).map((b) => ({ branchId: b._id, name: b.name }));
      const reasons: string[] = [];
      if (unitOnly(track)) {
        if (!done.has(`unit:${unit._id}`)) reasons.push(`尚未提交“${track.label}”${cite(track.entrant.rule)}`);
      } else if (missingBranches.length) {
        const rule = track.entrant.invitedBranchIds ? track.entrant.rule : 'B4';
        reasons.push(`${missingBranches.length} 个支部尚未提交${cite(rule)}`);
      }
      if (minimum > 0 && recommended < minimum) reasons.push(`已推荐 ${recommended} 项，至少应推荐 ${minimum} 项${cite(track.quota.rule)}`);
      else if (step === 'recommend' && minimum === 0 && recommended === 0 && submitted === 0) reasons.push('尚未提交或推荐');
      if (awaitingUnit > 0) reasons.push(`${awaitingUnit} 份材料待本单位${step === 'grade' ? '定级' : '审核推荐'}`);
      return { unit, submitted, recommended, minimum, awaitingUnit, missingBranches, reasons };
    });
}

/** 分党委审核推荐阶段应提醒的单位：未达最低推荐数（E3），或还有材料等着本单位审核 */
export function unitReviewTargets(track: Track, facts: TrackFacts): { target: ReminderTarget; tip: string }[] {
  if (track.pipeline.unitStep === 'none') return [];
  return unitProgress(track, facts)
    .filter((p) => (p.minimum > 0 && p.recommended < p.minimum) || p.awaitingUnit > 0)
    .map((p) => ({
      target: { level: 'unit', id: p.unit._id, name: p.unit.name, unitId: p.unit._id },
      tip: p.minimum > 0 && p.recommended < p.minimum ? `已推荐${p.recommended}项，至少${p.minimum}项` : `${p.awaitingUnit}份材料待审核`,
    }));
}
