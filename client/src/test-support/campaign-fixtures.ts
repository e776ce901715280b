import { campaignSchema, type Campaign, type Entry } from '@contract/index';

/**
 * 组件测试共用的评选与申报样例（仿 2021 创新奖模板复制到 2027 年的草稿）。
 * 只在测试里用；界面代码不引用它。
 */
export function campaignA2027(patch: Partial<Campaign> = {}): Campaign {
  return campaignSchema.parse({
    _id: 'c-2027-a',
    kind: 'A',
    title: '2027 年度基层党建工作创新奖评选',
    year: 2027,
    noticeId: null,
    docNumber: '东大组字〔2027〕53号',
    status: 'draft',
    version: 1,
    copiedFrom: 'template:A',
    stages: [
      { key: 'submission', label: '申报与报送', startsAt: '2027-10-26T00:00:00+08:00', endsAt: '2027-11-25T17:00:00+08:00', note: '2027 年 11 月 25 日前报送（A4）' },
      { key: 'unitReview', label: '分党委审查推荐', startsAt: '2027-10-26T00:00:00+08:00', endsAt: '2027-11-30T23:59:59+08:00' },
      { key: 'screening', label: '组织部审核与补正', startsAt: '2027-12-01T00:00:00+08:00', endsAt: '2027-12-20T23:59:59+08:00' },
      { key: 'review', label: '评审', startsAt: '2027-12-01T00:00:00+08:00', endsAt: '2027-12-31T23:59:59+08:00' },
      { key: 'decision', label: '评定', startsAt: '2028-01-01T00:00:00+08:00', endsAt: '2028-01-31T23:59:59+08:00' },
    ],
    tracks: [
      {
        key: 'case',
        label: '创新奖申报',
        entrant: { levels: ['unit', 'generalBranch', 'branch'], branchKinds: ['staff', 'student', 'graduating', 'retired'], minMonthsRunning: 12, rule: 'A1' },
        quota: { maxPerUnit: 1, minByUnitKind: { college: 0 } },
        form: {
          titleLabel: '项目名称',
          titleMaxChars: 40,
          sections: [
            { key: 'summary', title: '案例简介', required: true, maxChars: 300, requiredParts: ['工作内容', '创新要点', '突出成效'], rule: 'A5' },
            { key: 'body', title: '正文', required: true, maxChars: 2000, rule: 'A5' },
          ],
          photoGroups: [{ key: 'main', label: '活动照片', min: 0, max: 10, suggested: 5, captionMaxChars: 20, rule: 'A5' }],
          stampedScan: { required: true, label: '加盖公章的文字材料扫描件', rule: 'A4' },
        },
        pipeline: {
          unitStep: 'recommend',
          unitChecklist: ['已审查材料的真实性、准确性、完整性'],
          screening: { correctionDays: 7 },
          review: { mode: 'correspondence', rubric: [{ key: 'c1', label: '把握政治方向', maxScore: 100 }] },
          outcome: { kind: 'award', levels: [{ key: 'award', label: '基层党建工作创新奖' }, { key: 'none', label: '未获奖', isWin: false }] },
          execution: null,
          closing: null,
        },
      },
    ],
    ...patch,
  });
}

/** 计算机学院本科生第一党支部的一份申报 */
export function entryOf(patch: Partial<Entry> = {}): Entry {
  return {
    _id: 'e-1',
    campaignId: 'c-2027-a',
    campaignTitle: '2027 年度基层党建工作创新奖评选',
    trackKey: 'case',
    kind: 'A',
    year: 2027,
    entrantLevel: 'branch',
    entrantKey: 'branch:b-cs-stu1',
    entrantName: '计算机学院本科生第一党支部',
    unitId: 'u-cs',
    unitName: '计算机科学与工程学院党委',
    generalBranchId: 'g-cs-stu',
    branchId: 'b-cs-stu1',
    content: {
      title: '“红色领航”朋辈学业帮扶',
      sections: { summary: '', body: '' },
      choices: {},
      dates: {},
      photos: {},
      video: null,
      documents: [],
      stampedScan: null,
      declarations: {},
      partnerBranchIds: [],
    },
    status: 'draft',
    level: null,
    rating: null,
    quotaExempt: false,
    correction: null,
    unitComment: '',
    progress: [],
    inspections: [],
    closingReport: '',
    history: [{ at: '2027-11-01T01:00:00Z', action: 'create', from: null, to: 'draft', actorPersonId: 'p-sec-cs-stu1', actorName: '李支书', note: '' }],
    createdAt: '2027-11-01T01:00:00Z',
    updatedAt: '2027-11-01T01:00:00Z',
    submittedAt: null,
    version: 1,
    ...patch,
  };
}
