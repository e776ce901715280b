import fc from 'fast-check';
import { conflictReason, planAssignments, type EntryFacts, type ReviewerFacts } from '../../cloudfunctions/_lib/engine/assign';
import { scoreIssues, scoreTotal, rubricMax, type Criterion } from '../../types';

/** 函评的回避与自动分配（C1.5）、评分校验（A2 评分细则）：纯函数 */
const reviewer = (personId: string, unitId: string | null, branchId: string | null = null): ReviewerFacts => ({ personId, name: `评委${personId}`, unitId, branchId });
const entry = (entryId: string, unitId: string, branchId: string | null = null): EntryFacts => ({ entryId, unitId, unitName: `单位${unitId}`, branchId, entrantName: `支部${branchId ?? unitId}` });

describe('conflicts of interest in correspondence review (C1.5)', () => {
  it('C1.5: a reviewer never reviews an entry of their own unit, and says why in Chinese', () => {
    expect(conflictReason(reviewer('r1', 'u1', 'b1'), entry('e1', 'u1', 'b9'), [])).toBe('评委r1与申报方同属“单位u1”，须回避本单位的材料');
    expect(conflictReason(reviewer('r1', 'u1'), entry('e2', 'u2'), [])).toBeNull();
  });

  it('C1.5: a reviewer without a unit is still conflicted with their own branch’s entry', () => {
    expect(conflictReason(reviewer('r1', null, 'b1'), entry('e1', 'u1', 'b1'), [])).toContain('所在支部即申报支部');
  });

  it('C1.5: declared conflicts on an entry or a whole unit count, only for the reviewer who declared them', () => {
    const declared = [
      { reviewerId: 'r1', entryId: 'e1', unitId: null, reason: '指导过该项目' },
      { reviewerId: 'r2', entryId: null, unitId: 'u3', reason: '曾在该单位任职' },
    ];
    expect(conflictReason(reviewer('r1', null), entry('e1', 'u1'), declared)).toBe('评委r1已声明回避这份材料：指导过该项目');
    expect(conflictReason(reviewer('r1', null), entry('e5', 'u3'), declared)).toBeNull();
    expect(conflictReason(reviewer('r2', null), entry('e5', 'u3'), declared)).toBe('评委r2已声明回避“单位u3”的材料：曾在该单位任职');
    expect(conflictReason(reviewer('r2', null), entry('e1', 'u1'), declared)).toBeNull();
  });
});

describe('automatic assignment (C1.5): balanced, deterministic, never conflicted', () => {
  it('C1.5: gives each entry N reviewers, least-loaded first with ties broken by person id, and reports shortfalls with the reason', () => {
    const plan = planAssignments({
      entries: [entry('e1', 'u1'), entry('e2', 'u2'), entry('e3', 'u3')].map((e) => ({ ...e, reviewerIds: [] })),
      reviewers: [{ ...reviewer('rA', 'u1'), load: 0 }, { ...reviewer('rB', null), load: 0 }],
      declared: [],
      perEntry: 2,
    });
    // e1 只能给 rB（rA 同单位，须回避），先分；e2、e3 各得两位
    expect(plan.add).toEqual([
      { entryId: 'e1', reviewerId: 'rB' },
      { entryId: 'e2', reviewerId: 'rA' },
      { entryId: 'e2', reviewerId: 'rB' },
      { entryId: 'e3', reviewerId: 'rA' },
      { entryId: 'e3', reviewerId: 'rB' },
    ]);
    expect(plan.shortfalls).toEqual([{ entryId: 'e1', needed: 2, got: 1, reason: '可指派的评委不足：共 2 位评委，已指派 0 位，须回避 1 位' }]);
    expect(Object.fromEntries(plan.load)).toEqual({ rA: 2, rB: 3 });
  });

  it('C1.5: keeps existing assignments and only fills the gap (running it again adds nothing)', () => {
    const input = {
      entries: [{ ...entry('e1', 'u1'), reviewerIds: ['rB'] }],
      reviewers: [{ ...reviewer('rA', 'u2'), load: 5 }, { ...reviewer('rB', 'u3'), load: 1 }, { ...reviewer('rC', 'u4'), load: 2 }],
      declared: [],
      perEntry: 2,
    };
    expect(planAssignments(input).add).toEqual([{ entryId: 'e1', reviewerId: 'rC' }]);
    expect(planAssignments({ ...input, entries: [{ ...input.entries[0], reviewerIds: ['rB', 'rC'] }] }).add).toEqual([]);
  });

  it('C1.5 (property): never assigns a conflicted reviewer, never twice, never more than N, loads differ by at most one when nobody is conflicted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (entryUnits, reviewerUnits, perEntry) => {
          const entries = entryUnits.map((u, i) => ({ ...entry(`e${String(i).padStart(2, '0')}`, `u${u}`), reviewerIds: [] as string[] }));
          const reviewers = reviewerUnits.map((u, i) => ({ ...reviewer(`r${i}`, u === null ? null : `u${u}`), load: 0 }));
          const plan = planAssignments({ entries, reviewers, declared: [], perEntry });
          const seen = new Set<string>();
          for (const a of plan.add) {
            const e = entries.find((x) => x.entryId === a.entryId)!;
            const r = reviewers.find((x) => x.personId === a.reviewerId)!;
            expect(conflictReason(r, e, [])).toBeNull();
            expect(seen.has(`${a.entryId}_${a.reviewerId}`)).toBe(false);
            seen.add(`${a.entryId}_${a.reviewerId}`);
          }
          for (const e of entries) expect(plan.add.filter((a) => a.entryId === e.entryId).length).toBeLessThanOrEqual(perEntry);
          if (reviewerUnits.every((u) => u === null) && perEntry <= reviewers.length) {
            const loads = [...plan.load.values()];
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
            expect(plan.shortfalls).toEqual([]);
          }
          // 同样的输入（顺序打乱）得出同样的分配：并发的两次调用撞同一组 _id
          expect(planAssignments({ entries: [...entries].reverse(), reviewers: [...reviewers].reverse(), declared: [], perEntry }).add.sort((a, b) => `${a.entryId}${a.reviewerId}`.localeCompare(`${b.entryId}${b.reviewerId}`))).toEqual(
            [...plan.add].sort((a, b) => `${a.entryId}${a.reviewerId}`.localeCompare(`${b.entryId}${b.reviewerId}`)),
          );
        },
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });
});

describe('scores against the rubric (A2)', () => {
  const rubric: Criterion[] = [
    { key: 'c1', label: '把握政治方向', description: '', maxScore: 16.7 },
    { key: 'c2', label: '树立问题导向', description: '', maxScore: 10 },
  ];

  it('A2: each criterion from 0 to its maximum in steps of 0.5 (full marks always allowed); unknown criteria refused', () => {
    expect(scoreIssues(rubric, { c1: 16.5, c2: 0 }, '', false)).toEqual([]);
    expect(scoreIssues(rubric, { c1: 16.7 }, '', false)).toEqual([]); // 满分不在 0.5 的档上也可以打
    expect(scoreIssues(rubric, { c1: 16.6 }, '', false)).toEqual([{ path: 'scores.c1', message: '“把握政治方向”按 0.5 分一档打分' }]);
    expect(scoreIssues(rubric, { c1: 17 }, '', false)).toEqual([{ path: 'scores.c1', message: '“把握政治方向”应在 0–16.7 分之间' }]);
    expect(scoreIssues(rubric, { c2: 7.3 }, '', false)).toEqual([{ path: 'scores.c2', message: '“树立问题导向”按 0.5 分一档打分' }]);
    expect(scoreIssues(rubric, { c9: 1 }, '', false)).toEqual([{ path: 'scores.c9', message: '评分细则中没有这一项' }]);
  });

  it('A2: a draft may be incomplete; a submission needs every criterion and a comment of 10–500 字', () => {
    expect(scoreIssues(rubric, { c1: 10 }, '', false)).toEqual([]);
    expect(scoreIssues(rubric, { c1: 10 }, '好', true).map((i) => i.message)).toEqual(['请为“树立问题导向”打分', '请写评语（至少 10 字，现有 1 字）']);
    expect(scoreIssues(rubric, { c1: 10, c2: 8 }, '选题聚焦，做法扎实，成效可见。', true)).toEqual([]);
    expect(scoreIssues(rubric, { c1: 10, c2: 8 }, '评'.repeat(501), false)).toEqual([{ path: 'comment', message: '评语不超过 500 字，现有 501 字' }]);
  });

  it('A2: totals add the criteria; the scale is the sum of the maxima', () => {
    expect(scoreTotal({ c1: 16.5, c2: 7.5 })).toBe(24);
    expect(rubricMax(rubric)).toBe(26.7);
  });
});
