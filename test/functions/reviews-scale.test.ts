import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { aggregateScores } from '../../cloudfunctions/_lib/engine/aggregate';
import type { Reply } from '../../types';
import { engineFixture } from '../support/engine-fixture';
import { roundTripCounter } from '../support/local-cloud';

/**
 * 函评在真实量级下（issue 8：“一年几万张评分表”；C1.5）：一个类别 320 份材料 × 7 位评委 = 2240 张评分表，
 * 超过旧实现读全部评分表时的 2000 条上限（进度、汇总、催办、结束、评委工作量都答 INTERNAL）。
 * 评审组（reviewPanels）按旧格式写入（没有席位，与升级前存的数据一样）：第一次读时补出席位并写回，
 * 之后只读评审组与材料；打分、退回在同一事务里改席位。
 */
const DEPT = 'o-dept-admin';
const JUDGE2 = 'a-judge2';
const ENTRIES = 320;
const PER_ENTRY = 7;
const judgeId = (j: number) => `p-sj-${String(j).padStart(2, '0')}`;

let cloud: LocalCloud;
let counter: ReturnType<typeof roundTripCounter>;
afterEach(async () => {
  await cloud?.close();
});

type Ok = Extract<Reply<unknown>, { ok: true }>;
async function call<T = Record<string, unknown>>(action: string, input: object, openid = DEPT): Promise<{ trips: number; data: T }> {
  const { trips, result } = await counter.count(() => cloud.call('reviews', { action, ...input }, openid));
  if (!(result as Reply<unknown>).ok) throw new Error(`${action}: ${JSON.stringify(result)}`);
  return { trips, data: (result as Ok).data as T };
}

/** 可复现的分数：第 i 份材料第 j 位评委 */
const scoreOf = (i: number, j: number) => 4 + ((i * 7 + j * 3) % 13) / 2;

/** 320 份评审中的外单位材料，每份 7 位评委（从 12 位里轮流），约三分之二已提交；评审组按旧格式（只有 reviewerIds） */
async function seedVolume(): Promise<void> {
  const db = cloud.database.db;
  const template = (await db.collection('entries').doc('e-far-award-underReview').get()).data as Record<string, unknown>;
  const people = Array.from({ length: 12 }, (_, j) => ({ _id: judgeId(j), name: `量评委${j}`, personNo: `SJ${j}`, phone: null, unitId: null, branchId: null, roles: [{ role: 'judge' }], version: 1 }));
  await db.collection('people').add({ data: people });
  // 评委己在夹具里没有微信绑定：这里补一条，让他亲自提交评分
  await db.collection('bindings').doc('o-judge2').set({ data: { personId: JUDGE2, boundAt: new Date('2026-11-21T01:00:00Z'), boundBy: 'test' } });
  const entries = [];
  const panels = [];
  const sheets: Record<string, unknown>[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const id = `e-scale-${String(i).padStart(4, '0')}`;
    const { _id: _t, ...rest } = template;
    entries.push({ ...rest, _id: id, entrantKey: `scale:${id}`, content: { ...(template.content as object), title: `量测材料${i}` } });
    const reviewerIds = Array.from({ length: PER_ENTRY }, (_, k) => judgeId((i + k) % 12));
    panels.push({ _id: id, campaignId: 'c-test', trackKey: 'award', reviewerIds });
    reviewerIds.forEach((reviewerId, k) => {
      const submitted = (i + k) % 3 !== 0;
      const total = submitted ? scoreOf(i, k) : 0;
      sheets.push({
        _id: `${id}_${reviewerId}`, campaignId: 'c-test', trackKey: 'award', entryId: id, reviewerId, reviewerName: `量评委${(i + k) % 12}`,
        status: submitted ? 'submitted' : 'assigned', scores: submitted ? { c1: total } : {}, comment: submitted ? '评语' : '', total,
        assignedAt: '2026-11-21T09:00:00+08:00', assignedByName: '组织部', assignedHow: 'auto', submittedAt: submitted ? '2026-11-22T09:00:00+08:00' : null,
        updatedAt: '2026-11-22T09:00:00+08:00', updatedAtMs: 0, version: 1,
      });
    });
  }
  await db.collection('entries').add({ data: entries });
  await db.collection('reviewPanels').add({ data: panels });
  for (let i = 0; i < sheets.length; i += 500) await db.collection('reviewAssignments').add({ data: sheets.slice(i, i + 500) });
}

/** 直接从库里读出本类别的全部评分表（测试侧不受单次读取条数限制）作为对照 */
async function storedSheets(): Promise<{ entryId: string; reviewerId: string; status: string; total: number }[]> {
  const out: { entryId: string; reviewerId: string; status: string; total: number }[] = [];
  for (;;) {
    const res = await cloud.database.db.collection('reviewAssignments').where({ campaignId: 'c-test', trackKey: 'award' }).skip(out.length).limit(1000).get();
    out.push(...(res.data as unknown as typeof out));
    if (res.data.length < 1000) return out;
  }
}

beforeEach(async () => {
  counter = roundTripCounter();
  cloud = await engineFixture(undefined, { onDbRequest: counter.onDbRequest });
  await seedVolume();
});

describe('reviews at 2 240 score sheets in one track (issue 8, C1.5)', () => {
  it('progress, ranking (mean, trimmed, z-score), reviewers, remind and finish succeed and agree with the stored score sheets', async () => {
    const sheets = await storedSheets();
    expect(sheets.length).toBeGreaterThan(2000);
    const submitted = sheets.filter((s) => s.status === 'submitted');

    const progress = (await call<{ done: number; total: number; entries: { entryId: string; done: number; total: number; reviewers: { assignmentId: string; status: string }[] }[] }>('progress', { campaignId: 'c-test', trackKey: 'award' })).data;
    expect(progress.total).toBe(sheets.length);
    expect(progress.done).toBe(submitted.length);
    const row = progress.entries.find((e) => e.entryId === 'e-scale-0005')!;
    expect(row.total).toBe(PER_ENTRY);
    expect(row.done).toBe(sheets.filter((s) => s.entryId === 'e-scale-0005' && s.status === 'submitted').length);
    // 每份材料的评委按指派编号排序（与逐条读评分表时相同）
    expect(row.reviewers.map((r) => r.assignmentId)).toEqual([...row.reviewers.map((r) => r.assignmentId)].sort());

    for (const method of ['mean', 'trimmed', 'zscore'] as const) {
      const ranking = (await call<{ items: { entryId: string; value: number; count: number; missing: number }[] }>('ranking', { campaignId: 'c-test', trackKey: 'award', method })).data;
      const expected = aggregateScores(submitted.map((s) => ({ entryId: s.entryId, reviewerId: s.reviewerId, total: s.total })), method, 10);
      const got = new Map(ranking.items.map((i) => [i.entryId, i]));
      for (const e of expected.filter((x) => x.entryId.startsWith('e-scale-'))) {
        expect(got.get(e.entryId)).toMatchObject({ value: e.value, count: e.count, missing: PER_ENTRY - e.count });
      }
      expect(ranking.items.filter((i) => i.entryId.startsWith('e-scale-'))).toHaveLength(ENTRIES);
    }

    const reviewers = (await call<{ items: { personId: string; assigned: number; submitted: number }[] }>('reviewers', { campaignId: 'c-test', trackKey: 'award' })).data;
    const j0 = reviewers.items.find((r) => r.personId === judgeId(0))!;
    expect(j0).toMatchObject({ assigned: sheets.filter((s) => s.reviewerId === judgeId(0)).length, submitted: submitted.filter((s) => s.reviewerId === judgeId(0)).length });

    const remind = (await call<{ items: { reviewerId: string; unfinished: number }[] }>('remind', { campaignId: 'c-test', trackKey: 'award' })).data;
    expect(remind.items.find((r) => r.reviewerId === judgeId(3))?.unfinished).toBe(sheets.filter((s) => s.reviewerId === judgeId(3) && s.status !== 'submitted').length);

    const finish = (await call<{ finished: string[]; incomplete: { entryId: string }[] }>('finish', { campaignId: 'c-test', trackKey: 'award' })).data;
    // (i + k) % 3 === 0 对每份材料的 7 位评委总有未提交的：没有一份能结束
    expect(finish.finished.filter((id) => id.startsWith('e-scale-'))).toEqual([]);
    expect(finish.incomplete.filter((e) => e.entryId.startsWith('e-scale-'))).toHaveLength(ENTRIES);
  });

  it('after the one-off rebuild of old panels, progress and ranking read only panels and entries (pages of 100), not the 2 240 score sheets', async () => {
    const first = await call('progress', { campaignId: 'c-test', trackKey: 'award' });
    const again = await call('progress', { campaignId: 'c-test', trackKey: 'award' });
    expect(again.data).toEqual(first.data);
    // 调用者 + 评选 + 材料 4 页 + 评审组 4 页（旧实现读评分表 23 页就报错；此时还读材料）
    expect(again.trips).toBeLessThanOrEqual(14);
    const ranking = await call('ranking', { campaignId: 'c-test', trackKey: 'award', method: 'zscore' });
    expect(ranking.trips).toBeLessThanOrEqual(14);
    const stored = (await cloud.database.db.collection('reviewPanels').doc('e-scale-0001').get()).data as { seats?: unknown[] };
    expect(stored.seats).toHaveLength(PER_ENTRY);
  });

  it('submit and reopen keep the panel seat in step with the score sheet (same transaction): progress and ranking follow', async () => {
    await call('progress', { campaignId: 'c-test', trackKey: 'award' }); // 旧评审组写回席位
    const before = (await call<{ done: number; entries: { entryId: string; done: number }[] }>('progress', { campaignId: 'c-test', trackKey: 'award' })).data;
    const beforeRow = before.entries.find((e) => e.entryId === 'e-far-award-underReview')!;
    // 评委己（a-judge2）对 e-own-award-underReview 的指派尚未提交：提交
    const id = 'e-own-award-underReview_a-judge2';
    const submitted = await call<{ assignment: { version: number } }>('submitScore', { assignmentId: id, expectedVersion: 1, scores: { c1: 9 }, comment: '创新点清楚，成效有数据支撑。' }, 'o-judge2');
    const after = (await call<{ done: number; entries: { entryId: string; done: number }[] }>('progress', { campaignId: 'c-test', trackKey: 'award' })).data;
    expect(after.done).toBe(before.done + 1);
    expect(after.entries.find((e) => e.entryId === 'e-far-award-underReview')!.done).toBe(beforeRow.done);
    const ranked = (await call<{ items: { entryId: string; value: number }[] }>('ranking', { campaignId: 'c-test', trackKey: 'award', method: 'mean' })).data;
    expect(ranked.items.find((i) => i.entryId === 'e-own-award-underReview')?.value).toBe(9);
    expect(submitted.data.assignment.version).toBe(2);
    await call('reopenScore', { assignmentId: id, reason: '分数与评语不一致' });
    const reopened = (await call<{ done: number; items?: unknown }>('progress', { campaignId: 'c-test', trackKey: 'award' })).data;
    expect(reopened.done).toBe(before.done);
    const rankedAgain = (await call<{ items: { entryId: string }[]; unscored: { entryId: string; missing: number }[] }>('ranking', { campaignId: 'c-test', trackKey: 'award', method: 'mean' })).data;
    expect(rankedAgain.items.find((i) => i.entryId === 'e-own-award-underReview')).toBeUndefined();
    expect(rankedAgain.unscored.find((u) => u.entryId === 'e-own-award-underReview')?.missing).toBe(1);
  });
});

describe('autoAssign at volume: reads in pages, writes in batches (issue 8)', () => {
  it('assigning one reviewer to each of 40 entries costs about 7 round trips per new assignment (3 writes + 4 checks), not 9', async () => {
    // 40 份初审通过、尚无评审组的材料
    const db = cloud.database.db;
    const template = (await db.collection('entries').doc('e-far-award-underReview').get()).data as Record<string, unknown>;
    const { _id: _t, ...rest } = template;
    await db.collection('entries').add({ data: Array.from({ length: 40 }, (_, i) => ({ ...rest, _id: `e-new-${String(i).padStart(2, '0')}`, entrantKey: `new:${i}`, status: 'screened' })) });
    const { trips, data } = await call<{ created: number; shortfalls: unknown[]; load: { personId: string; assigned: number }[] }>('autoAssign', { campaignId: 'c-test', trackKey: 'award', perEntry: 1 });
    // 夹具里还有一两份可指派、尚无评审组的材料（如 e-far-award-screened）
    expect(data.created).toBeGreaterThanOrEqual(40);
    expect(data.shortfalls).toEqual([]);
    for (let i = 0; i < 40; i++) {
      const panel = (await db.collection('reviewPanels').doc(`e-new-${String(i).padStart(2, '0')}`).get()).data as unknown as { reviewerIds: string[]; seats: { reviewerId: string; status: string }[] };
      expect(panel.reviewerIds).toHaveLength(1);
      expect(panel.seats).toEqual([expect.objectContaining({ reviewerId: panel.reviewerIds[0], status: 'assigned' })]);
    }
    // 旧实现每条指派一个事务（开始、读指派、读评审组、两条回避、写指派、写评审组、审计、提交）约 9 次
    expect(trips).toBeLessThanOrEqual(7 * data.created + 30);
    const load = new Map(data.load.map((l) => [l.personId, l.assigned]));
    // 工作量按整次评选的评审组计：种子数据里的指派都算上
    const seeded = (await storedSheets()).filter((x) => x.reviewerId === judgeId(0) && !x.entryId.startsWith('e-new-')).length;
    expect(load.get(judgeId(0))).toBeGreaterThanOrEqual(seeded);
  });
});
