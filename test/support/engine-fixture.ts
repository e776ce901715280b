import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { campaignBodySchema, emptyContent, toCstIso, type CampaignBody, type Entry, type EntryContent, type EntryStatus } from '../../types';
import { orgFixture } from './org-fixture';
import { caseFromEntry } from '../../cloudfunctions/_lib/engine/cases';

/**
 * 评选引擎的测试夹具：在 orgFixture（u-own / u-far 两个学院党委）之上加一次“测试评选” c-test，
 * 全部阶段都覆盖夹具时刻 T0（2026-11-21 09:00 北京时间），两类申报：
 * - award：推荐 → 初审（可补正）→ 函评 → 评定（入选即实施，组织部中期检查）——A/D 类的组合；
 * - project：分党委定级（最佳 ≤30%）→ 实施（分党委检查）→ 结项——B 类。
 * 另有一个草稿评选 c-draft。各状态的材料 e-<own|far>-<track>-<status>（本支部 b-own / 外单位 b-far）。
 */
export const T0 = new Date('2026-11-21T01:00:00Z');

const open = { startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-12-31T23:59:59+08:00', note: '', track: null };

export const TEST_CAMPAIGN_BODY: CampaignBody = campaignBodySchema.parse({
  kind: 'A',
  title: '2026 年度测试评选',
  year: 2026,
  noticeId: null,
  stages: (['submission', 'unitReview', 'screening', 'review', 'decision', 'execution', 'inspection', 'closing'] as const).map((key) => ({ key, label: key, ...open })),
  tracks: [
    {
      key: 'award',
      label: '测试奖',
      entrant: { levels: ['branch', 'unit'], branchKinds: ['staff', 'student', 'retired', 'graduating'] },
      quota: { maxPerUnit: 1, rule: 'A3' },
      form: { sections: [{ key: 'body', title: '正文', required: true, maxChars: 100, rule: 'A5' }] },
      pipeline: {
        unitStep: 'recommend',
        screening: { correctionDays: 3 },
        review: { mode: 'correspondence', rubric: [{ key: 'c1', label: '创新', maxScore: 10 }] },
        outcome: { kind: 'award', levels: [{ key: 'win', label: '入选', admits: true }, { key: 'none', label: '未入选', isWin: false }] },
        execution: { inspections: [{ key: 'sept', label: '九月检查', by: 'department', rule: 'D6' }] },
        closing: null,
      },
    },
    {
      key: 'project',
      label: '测试立项',
      entrant: { levels: ['branch'], branchKinds: ['staff', 'student', 'retired'], rule: 'B6' },
      quota: {},
      form: { sections: [{ key: 'plan', title: '方案', required: true, maxChars: 100 }] },
      pipeline: {
        unitStep: 'grade',
        screening: null,
        review: null,
        outcome: { kind: 'grade', levels: [{ key: 'best', label: '最佳', capPercent: 30 }, { key: 'good', label: '优秀' }], modelExpectedLevel: 'best' },
        execution: { inspections: [{ key: 'check', label: '督促检查', by: 'unit', rule: 'B8' }] },
        closing: { by: 'unit', ratings: ['优秀', '合格', '不合格'] },
      },
    },
  ],
});

export function filledContent(title = '测试项目', text = '党建引领，成效明显。'): EntryContent {
  return { ...emptyContent(), title, sections: { body: text, plan: text } };
}

type Side = 'own' | 'far';
const SIDES: Record<Side, { unitId: string; unitName: string; branchId: string; branchName: string }> = {
  own: { unitId: 'u-own', unitName: '本单位党委', branchId: 'b-own', branchName: '本单位第一支部' },
  far: { unitId: 'u-far', unitName: '外单位党委', branchId: 'b-far', branchName: '外单位第一支部' },
};

export function entryRecord(side: Side, trackKey: 'award' | 'project', status: EntryStatus, extra: Partial<Entry> = {}): Entry & { updatedAtMs: number } {
  const s = SIDES[side];
  const at = toCstIso(T0);
  return {
    _id: `e-${side}-${trackKey}-${status}`,
    campaignId: 'c-test',
    campaignTitle: '2026 年度测试评选',
    trackKey,
    kind: 'A',
    year: 2026,
    entrantLevel: 'branch',
    entrantKey: `branch:${s.branchId}`,
    entrantName: s.branchName,
    unitId: s.unitId,
    unitName: s.unitName,
    generalBranchId: null,
    branchId: s.branchId,
    content: filledContent(`${s.branchName}${trackKey}${status}`),
    status,
    level: null,
    rating: null,
    quotaExempt: false,
    correction: null,
    unitComment: '',
    progress: [],
    inspections: [],
    closingReport: '',
    history: [],
    createdAt: at,
    updatedAt: at,
    updatedAtMs: T0.getTime(),
    submittedAt: status === 'draft' ? null : at,
    version: 1,
    ...extra,
  };
}

/** 每个状态转换的起点各一份（本单位、外单位各一套）。entrantKey 带状态后缀，使同一支部可有多份 */
export const FIXTURE_STATES: ['award' | 'project', EntryStatus, Partial<Entry>?][] = [
  ['award', 'draft'],
  ['award', 'submitted'],
  ['award', 'withdrawn'],
  ['award', 'recommended'],
  ['award', 'correctionRequested', { correction: { reason: '缺公章', items: [], deadline: '2026-11-25T23:59:59+08:00', requestedAt: '2026-11-20T10:00:00+08:00', requestedBy: '组织部' } }],
  ['award', 'resubmitted'],
  ['award', 'screened'],
  ['award', 'underReview'],
  ['award', 'scored'],
  ['award', 'decided', { level: 'win' }],
  ['award', 'published', { level: 'win' }],
  ['award', 'inProgress', { level: 'win' }],
  ['project', 'submitted'],
  ['project', 'inProgress', { level: 'good' }],
  ['project', 'closingSubmitted', { level: 'good', closingReport: '结项报告内容已经写好了。' }],
];

export async function engineFixture(now = T0, options: Parameters<typeof orgFixture>[1] = {}): Promise<LocalCloud> {
  const cloud = await orgFixture(now, options);
  const db = cloud.database.db;
  await db.collection('campaigns').doc('c-test').set({ data: { ...TEST_CAMPAIGN_BODY, status: 'open', version: 1 } });
  await db.collection('campaigns').doc('c-draft').set({ data: { ...TEST_CAMPAIGN_BODY, title: '2027 年度测试评选（草稿）', year: 2027, status: 'draft', version: 1 } });
  for (const side of ['own', 'far'] as Side[]) {
    for (const [track, status, extra] of FIXTURE_STATES) {
      const { _id, ...rest } = entryRecord(side, track, status, extra);
      await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: `${rest.entrantKey}#${track}-${status}` } });
      // 已公布的获奖材料在储备库里有案例快照（A7）
      const published = status === 'published' ? caseFromEntry({ _id, ...rest }, { ...TEST_CAMPAIGN_BODY, _id: 'c-test', status: 'open', version: 1 }, now, 'published') : null;
      if (published) {
        const { _id: caseId, ...caseData } = published;
        await db.collection('cases').doc(caseId).set({ data: caseData });
      }
    }
  }
  await seedReviewFixture(cloud);
  return cloud;
}

/**
 * 函评（C1.5）夹具：评委己（a-judge2，不属任何单位）；评委戊（a-judge，本单位）须回避本单位的材料，
 * 所以他被指派的是外单位评审中的材料（授权矩阵里评委的“本方”），评委己被指派本单位的（评委的“外方”），
 * 评委己对外单位那份已提交评分（退回重评用）。指派 _id = `${entryId}_${reviewerId}`，评审组 reviewPanels 与之一致。
 */
export const REVIEW_FIXTURE: { entryId: string; reviewerId: string; reviewerName: string; status: 'assigned' | 'submitted' }[] = [
  { entryId: 'e-far-award-underReview', reviewerId: 'a-judge', reviewerName: '评委戊', status: 'assigned' },
  { entryId: 'e-far-award-underReview', reviewerId: 'a-judge2', reviewerName: '评委己', status: 'submitted' },
  { entryId: 'e-own-award-underReview', reviewerId: 'a-judge2', reviewerName: '评委己', status: 'assigned' },
];

async function seedReviewFixture(cloud: LocalCloud): Promise<void> {
  const db = cloud.database.db;
  const at = toCstIso(T0);
  await db.collection('people').doc('a-judge2').set({ data: { name: '评委己', personNo: 'A-JUDGE2', phone: null, unitId: null, branchId: null, roles: [{ role: 'judge' }], version: 1 } });
  const panels = new Map<string, string[]>();
  for (const a of REVIEW_FIXTURE) {
    const submitted = a.status === 'submitted';
    await db.collection('reviewAssignments').doc(`${a.entryId}_${a.reviewerId}`).set({
      data: {
        campaignId: 'c-test', trackKey: 'award', entryId: a.entryId, reviewerId: a.reviewerId, reviewerName: a.reviewerName, status: a.status,
        scores: submitted ? { c1: 8 } : {}, comment: submitted ? '创新点清楚，成效有数据支撑。' : '', total: submitted ? 8 : 0,
        assignedAt: at, assignedByName: '组织部丁', assignedHow: 'manual', submittedAt: submitted ? at : null, updatedAt: at, updatedAtMs: T0.getTime(), version: 1,
      },
    });
    panels.set(a.entryId, [...(panels.get(a.entryId) ?? []), a.reviewerId]);
  }
  for (const [entryId, reviewerIds] of panels) {
    // 席位（seats）与 reviews 函数写的相同：每位评委的姓名、状态、已提交总分（见 cloudfunctions/reviews/collections.ts）
    const seats = REVIEW_FIXTURE.filter((a) => a.entryId === entryId).map((a) => ({ reviewerId: a.reviewerId, reviewerName: a.reviewerName, status: a.status, total: a.status === 'submitted' ? 8 : 0 }));
    await db.collection('reviewPanels').doc(entryId).set({ data: { campaignId: 'c-test', trackKey: 'award', reviewerIds, seats } });
  }
}
