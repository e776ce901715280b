import { campaignSchema, type Campaign, type EntrySummary } from '@contract/index';

/**
 * 组件测试用（界面代码不引用）：仿 2026 支部立项（B）——支部立项分党委定级（B5 最佳 30%、B9 样板应达最佳）、
 * 实施中督促检查（B8）、结项验收（B2），另有分党委年度总结（B3）。
 */
export function bCampaign(): Campaign {
  return campaignSchema.parse({
    _id: 'c-2026-b',
    kind: 'B',
    title: '2026 年度基层党组织活动方案立项',
    year: 2026,
    noticeId: null,
    docNumber: '',
    status: 'open',
    version: 1,
    stages: [
      { key: 'submission', label: '支部申报', startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T23:59:59+08:00' },
      { key: 'unitReview', label: '分党委评审立项', startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T23:59:59+08:00' },
      { key: 'execution', label: '方案实施', startsAt: '2026-04-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00' },
      { key: 'closing', label: '结项验收', startsAt: '2027-01-01T00:00:00+08:00', endsAt: '2027-03-10T23:59:59+08:00' },
    ],
    tracks: [
      {
        key: 'project',
        label: '支部活动方案立项',
        entrant: { levels: ['branch'], branchKinds: ['staff', 'student', 'retired'], rule: 'B6' },
        quota: {},
        form: { titleLabel: '立项主题', sections: [{ key: 'plan', title: '活动方案', required: true, maxChars: 3000, rule: 'B1' }] },
        pipeline: {
          unitStep: 'grade',
          screening: null,
          review: null,
          outcome: {
            kind: 'grade',
            levels: [
              { key: 'best', label: '最佳', capPercent: 30 },
              { key: 'good', label: '优秀' },
              { key: 'nurture', label: '培育', isWin: false },
            ],
            modelExpectedLevel: 'best',
          },
          execution: { inspections: [{ key: 'unitCheck', label: '分党委督促检查', by: 'unit', rule: 'B8' }] },
          closing: { by: 'unit', ratings: ['优秀', '合格', '不合格'], methods: ['党支部书记述职'] },
        },
      },
      {
        key: 'unitSummary',
        label: '分党委年度立项工作总结',
        entrant: { levels: ['unit'], branchKinds: ['staff', 'student', 'graduating', 'retired'], rule: 'B3' },
        quota: { maxPerUnit: 1, rule: 'B3' },
        form: {
          sections: [
            { key: 'overview', title: '基本情况', required: true, maxChars: 1000, rule: 'B3' },
            { key: 'case1', title: '特色案例一', required: true, minChars: 300, maxChars: 500, rule: 'B3' },
          ],
          photoGroups: [{ key: 'case1', label: '特色案例一照片', min: 2, max: 3, captionMaxChars: 20, withSection: 'case1', rule: 'B3' }],
        },
        pipeline: { unitStep: 'none', screening: { correctionDays: 5 }, review: null, outcome: null, execution: null, closing: null },
      },
    ],
  });
}

/** 列表里的一份材料摘要 */
export function summaryOf(patch: Partial<EntrySummary> & Pick<EntrySummary, '_id'>): EntrySummary {
  return {
    campaignId: 'c-2026-b',
    campaignTitle: '2026 年度基层党组织活动方案立项',
    trackKey: 'project',
    kind: 'B',
    year: 2026,
    entrantLevel: 'branch',
    entrantName: '计算机学院本科生第一党支部',
    unitId: 'u-cs',
    unitName: '计算机科学与工程学院党委',
    branchId: 'b-cs-stu1',
    status: 'submitted',
    level: null,
    rating: null,
    quotaExempt: false,
    updatedAt: '2026-03-20T10:00:00+08:00',
    submittedAt: '2026-03-20T10:00:00+08:00',
    version: 2,
    title: '学习二十大精神宣讲团',
    correctionDeadline: null,
    ...patch,
  };
}
