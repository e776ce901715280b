/**
 * 函评的回避与分配（纯函数；C1.5 函评验收由组织部组织，评委为党务干部与支部书记代表）。
 *
 * 回避（conflict of interest）有两种来源：
 * - 算出来的：评委所在单位就是申报材料的单位（含本单位的任何支部、党总支、单位自身的材料）；
 *   评委所在支部就是申报支部（单位为空的评委也按支部判断）。评委永远看不到本单位的材料。
 * - 声明的：评委本人或组织部对某份材料或某个单位声明回避（如曾在该单位任职、与申报人有亲属关系）。
 * 任何一种成立即不得指派；理由用中文写明，手动指派被拒时原样显示给组织部。
 */
export interface ReviewerFacts {
  personId: string;
  name: string;
  unitId: string | null;
  branchId: string | null;
}

export interface EntryFacts {
  entryId: string;
  unitId: string;
  unitName: string;
  branchId: string | null;
  entrantName: string;
}

export interface ConflictFacts {
  reviewerId: string;
  entryId: string | null;
  unitId: string | null;
  reason: string;
}

/** 评委与材料是否须回避：返回中文原因，不须回避时为 null */
export function conflictReason(reviewer: ReviewerFacts, entry: EntryFacts, declared: readonly ConflictFacts[]): string | null {
  if (reviewer.unitId && reviewer.unitId === entry.unitId) {
    return `${reviewer.name}与申报方同属“${entry.unitName}”，须回避本单位的材料`;
  }
  if (reviewer.branchId && entry.branchId && reviewer.branchId === entry.branchId) {
    return `${reviewer.name}所在支部即申报支部“${entry.entrantName}”，须回避`;
  }
  const d = declared.find((c) => c.reviewerId === reviewer.personId && (c.entryId === entry.entryId || (c.unitId !== null && c.unitId === entry.unitId)));
  if (d) return `${reviewer.name}已声明回避${d.entryId ? '这份材料' : `“${entry.unitName}”的材料`}：${d.reason}`;
  return null;
}

export interface PlanInput {
  /** 待分配的材料（按 entryId 排序处理，结果与输入顺序无关） */
  entries: readonly (EntryFacts & { reviewerIds: readonly string[] })[];
  reviewers: readonly (ReviewerFacts & { load: number })[];
  declared: readonly ConflictFacts[];
  perEntry: number;
}

export interface PlanResult {
  add: { entryId: string; reviewerId: string }[];
  shortfalls: { entryId: string; needed: number; got: number; reason: string }[];
  /** 分配后的工作量 */
  load: Map<string, number>;
}

/**
 * 自动分配：每份材料补足到 perEntry 位评委（已有的保留）；每次挑“当前工作量最少”的无回避评委，
 * 工作量相同按人员编号——同样的输入总得出同样的分配（两次并发调用算出的是同一组 `${entryId}_${reviewerId}`，
 * 写入时撞同一个 _id 而不会重复指派）。缺额材料（回避后评委不够）列出原因，不硬分。
 * 材料按“可选评委少的先分”，避免可选面窄的材料被别人占满工作量后分不到。
 */
export function planAssignments(input: PlanInput): PlanResult {
  const load = new Map(input.reviewers.map((r) => [r.personId, r.load]));
  const candidatesOf = (e: PlanInput['entries'][number]) => input.reviewers.filter((r) => !e.reviewerIds.includes(r.personId) && conflictReason(r, e, input.declared) === null);
  const order = [...input.entries]
    .map((e) => ({ e, candidates: candidatesOf(e) }))
    .sort((a, b) => a.candidates.length - b.candidates.length || a.e.entryId.localeCompare(b.e.entryId));
  const add: PlanResult['add'] = [];
  const shortfalls: PlanResult['shortfalls'] = [];
  for (const { e, candidates } of order) {
    const needed = Math.max(0, input.perEntry - e.reviewerIds.length);
    if (!needed) continue;
    const picked = [...candidates]
      .sort((a, b) => load.get(a.personId)! - load.get(b.personId)! || a.personId.localeCompare(b.personId))
      .slice(0, needed);
    for (const r of picked) {
      add.push({ entryId: e.entryId, reviewerId: r.personId });
      load.set(r.personId, load.get(r.personId)! + 1);
    }
    if (picked.length < needed) {
      const conflicted = input.reviewers.length - e.reviewerIds.length - candidates.length;
      shortfalls.push({
        entryId: e.entryId,
        needed: input.perEntry,
        got: e.reviewerIds.length + picked.length,
        reason: `可指派的评委不足：共 ${input.reviewers.length} 位评委，已指派 ${e.reviewerIds.length} 位，须回避 ${conflicted} 位`,
      });
    }
  }
  return { add, shortfalls, load };
}

/** 指派记录的 _id：同一评委对同一材料只有一条（并发的两次指派撞同一个 _id） */
export function assignmentId(entryId: string, reviewerId: string): string {
  return `${entryId}_${reviewerId}`;
}
