import { aggregateScores, type ReviewScore } from '../../cloudfunctions/_lib/engine/aggregate';

const s = (entryId: string, reviewerId: string, total: number): ReviewScore => ({ entryId, reviewerId, total });

describe('score aggregation for correspondence review (C1.5) and the final defence (E3)', () => {
  it('averages, and with at least 5 scores drops the highest and the lowest (trimmed mean)', () => {
    const scores = [s('e1', 'r1', 95), s('e1', 'r2', 80), s('e1', 'r3', 85), s('e1', 'r4', 88), s('e1', 'r5', 70), s('e2', 'r1', 90), s('e2', 'r2', 80), s('e2', 'r3', 70), s('e2', 'r4', 60)];
    const [e1, e2] = aggregateScores(scores, 'trimmed', 100);
    expect(e1).toMatchObject({ entryId: 'e1', value: 84.33, trimmed: true, rank: 1 });
    expect(e1.note).toBe('5 位评委，去掉最高 95、最低 70 后平均 84.33');
    expect(e2).toMatchObject({ entryId: 'e2', value: 75, trimmed: false, rank: 2 });
    expect(e2.note).toContain('不足 5 位，未去分');
    expect(aggregateScores(scores, 'mean', 100)[0]).toMatchObject({ entryId: 'e1', value: 83.6 });
  });

  it('ranks ties together and says so, without breaking them', () => {
    const ranked = aggregateScores([s('a', 'r1', 80), s('b', 'r1', 90), s('c', 'r1', 80), s('d', 'r1', 70)], 'mean', 100);
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
    expect(ranked[1].tiedWith).toEqual(['c']);
    expect(ranked[1].note).toContain('并列第 2 名');
  });

  it('normalises per reviewer (z-score): a harsh and a lenient reviewer rank their entries the same way, mapped back to the scale', () => {
    // r1 手松（90、80），r2 手紧（60、50）；各评一半材料时，平均分会偏向 r1 评的材料，标准化后不会
    const scores = [s('x', 'r1', 90), s('y', 'r1', 80), s('z', 'r2', 60), s('w', 'r2', 50)];
    const mean = aggregateScores(scores, 'mean', 100);
    expect(mean.map((r) => r.entryId)).toEqual(['x', 'y', 'z', 'w']);
    const z = aggregateScores(scores, 'zscore', 100);
    expect(z.find((r) => r.entryId === 'x')!.value).toBe(z.find((r) => r.entryId === 'z')!.value);
    expect(z.find((r) => r.entryId === 'y')!.value).toBe(z.find((r) => r.entryId === 'w')!.value);
    for (const r of z) expect(r.value).toBeGreaterThanOrEqual(0);
    for (const r of z) expect(r.value).toBeLessThanOrEqual(100);
    // 映射回原分制：全体均值 70，标准差 √250 ≈ 15.81
    expect(z[0].value).toBe(85.81);
  });

  it('keeps a reviewer who gave everyone the same score at their average (z = 0) and clamps to the scale', () => {
    const z = aggregateScores([s('a', 'r1', 70), s('b', 'r1', 70), s('a', 'r2', 100), s('b', 'r2', 0)], 'zscore', 100);
    expect(z.map((r) => r.value).every((v) => v >= 0 && v <= 100)).toBe(true);
    expect(z[0].entryId).toBe('a');
  });
});
