import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { IMPORT_PATH, INVITE_FAR, INVITE_OWN } from './org-fixture';
import { filledContent, TEST_CAMPAIGN_BODY } from './engine-fixture';
import { seedDefenceSessions, sheet } from './defence-fixture';

/**
 * 每个云函数操作的一个有效样例（本方 own / 外方 far 两种落点），建立在 engineFixture 的夹具数据上。
 * 授权矩阵测试（test/functions/authorization-matrix.test.ts）用它检查守卫表；压测（bench/run.ts）用它
 * 保证每个操作都量到成功路径。新增操作须在此给出样例，授权矩阵测试会检查。
 */
export type Side = 'own' | 'far';
export interface ActionSample {
  /** filePrefix：本次本地云的 cloud://env.bucket/ 前缀 */
  input: (side: Side, filePrefix: string) => object;
  /** 已绑定者调用“只给未绑定者用”的操作时的预期业务错误（兑换邀请码） */
  boundCallersGet?: string;
  /** 额外的夹具数据（在 engineFixture 之上、记录数据库摘要之前写入） */
  setup?: (cloud: LocalCloud) => Promise<void>;
}

/** 现场答辩（E3）：场次在 defence-fixture 里；评委戊（a-judge）列在 ds-own 的评委名单里（本方），不在 ds-far 里（外方） */
const DEF = { setup: seedDefenceSessions };

const branchInput = (side: Side) => ({
  _id: `b-new-${side}`, unitId: side === 'own' ? 'u-own' : 'u-far', generalBranchId: null, name: '新支部', kind: 'student', memberCount: 8, model: null,
});

export const SAMPLES: Record<string, Record<string, ActionSample>> = {
  notices: {
    list: { input: () => ({}) },
    get: { input: () => ({ id: 'n-1' }) },
  },
  session: { whoami: { input: () => ({}) } },
  org: {
    listUnits: { input: () => ({}) },
    unitTree: { input: (s) => ({ unitId: s === 'own' ? 'u-own' : 'u-far' }) },
    saveUnit: { input: (s) => ({ _id: `u-new-${s}`, name: '新单位', kind: 'committee' }) },
    retireUnit: { input: () => ({ unitId: 'u-empty' }) },
    mergeUnits: { input: () => ({ fromUnitId: 'u-empty', intoUnitId: 'u-own' }) },
    saveGeneralBranch: { input: (s) => ({ _id: `g-new-${s}`, unitId: s === 'own' ? 'u-own' : 'u-far', name: '新党总支' }) },
    saveBranch: { input: branchInput },
    retireBranch: { input: (s) => ({ branchId: s === 'own' ? 'b-own2' : 'b-far2' }) },
    mergeBranches: { input: (s) => (s === 'own' ? { fromBranchId: 'b-own2', intoBranchId: 'b-own' } : { fromBranchId: 'b-far2', intoBranchId: 'b-far' }) },
    listPeople: { input: (s) => (s === 'own' ? { unitId: 'u-own', branchId: 'b-own' } : { unitId: 'u-far', branchId: 'b-far' }) },
    savePerson: {
      input: (s) => ({ name: '新人', personNo: `NEW-${s}`, phone: null, unitId: s === 'own' ? 'u-own' : 'u-far', branchId: s === 'own' ? 'b-own' : 'b-far' }),
    },
    grantRole: {
      input: (s) => (s === 'own' ? { personId: 't-own', grant: { role: 'branchEditor', branchId: 'b-own2' } } : { personId: 't-far', grant: { role: 'branchEditor', branchId: 'b-far2' } }),
    },
    revokeRole: {
      input: (s) =>
        s === 'own'
          ? { personId: 't-own', grant: { role: 'member', unitId: 'u-own', branchId: 'b-own2' } }
          : { personId: 't-far', grant: { role: 'member', unitId: 'u-far', branchId: 'b-far2' } },
    },
    listAudit: { input: (s) => ({ unitId: s === 'own' ? 'u-own' : 'u-far' }) },
  },
  invites: {
    create: { input: (s) => ({ personId: s === 'own' ? 'n-own' : 'n-far' }) },
    listForPerson: { input: (s) => ({ personId: s === 'own' ? 'n-own' : 'n-far' }) },
    revoke: { input: (s) => ({ code: s === 'own' ? INVITE_OWN : INVITE_FAR }) },
    redeem: { input: (s) => ({ code: s === 'own' ? INVITE_OWN : INVITE_FAR }), boundCallersGet: 'CONFLICT' },
    unbind: { input: (s) => ({ personId: s === 'own' ? 't-own' : 't-far' }) },
  },
  orgSheet: {
    template: { input: () => ({}) },
    export: { input: (s) => ({ unitId: s === 'own' ? 'u-own' : 'u-far' }) },
    import: { input: (_s, prefix) => ({ fileID: `${prefix}${IMPORT_PATH}` }) },
  },
  campaigns: {
    list: { input: () => ({}) },
    get: { input: () => ({ id: 'c-test' }) },
    templates: { input: () => ({}) },
    copy: { input: () => ({ from: { template: 'A' }, year: 2027 }) },
    save: { input: () => ({ _id: 'c-test', expectedVersion: 1, body: TEST_CAMPAIGN_BODY }) },
    publish: { input: () => ({ id: 'c-draft', expectedVersion: 1 }) },
    close: { input: () => ({ id: 'c-test', expectedVersion: 1 }) },
    eligibility: { input: (s) => ({ campaignId: 'c-test', trackKey: 'award', entrant: { level: 'branch', id: s === 'own' ? 'b-own' : 'b-far' } }) },
    startOptions: { input: () => ({ campaignId: 'c-test' }) },
    quotaStatus: { input: (s) => ({ campaignId: 'c-test', unitId: s === 'own' ? 'u-own' : 'u-far' }) },
    coverage: { input: (s) => ({ campaignId: 'c-test', trackKey: 'project', unitId: s === 'own' ? 'u-own' : 'u-far' }) },
  },
  subscriptions: {
    mine: { input: () => ({}) },
    record: { input: () => ({ answers: { result: 'accept' } }) },
  },
  // 消息（issue 6）：c-test 的 award 类别里两单位都有待审核推荐的材料，即“落后”，可一键提醒
  notifications: {
    mine: { input: () => ({}) },
    markRead: { input: () => ({ ids: ['n-none'] }) },
    remindDeadlines: { input: () => ({}) },
    lagging: { input: () => ({ campaignId: 'c-test' }) },
    remindUnit: { input: (s) => ({ campaignId: 'c-test', trackKey: 'award', unitId: s === 'own' ? 'u-own' : 'u-far' }) },
  },
  cases: {
    list: { input: () => ({}) },
    get: { input: () => ({ id: 'case-e-own-award-published' }) },
    campaigns: { input: () => ({}) },
    covers: { input: () => ({ ids: ['case-e-own-award-published'] }) },
    // 组织部编辑案例（A7）：全校范围，只有组织部管理员
    drafts: { input: () => ({}) },
    getForEdit: { input: () => ({ id: 'case-e-own-award-published' }) },
    saveEdit: {
      input: () => ({ id: 'case-e-own-award-published', expectedVersion: 0, edit: { title: '编辑后的题目', summary: '简介', sections: [{ title: '主要做法', text: '做法' }], photos: [] } }),
    },
    publish: { input: () => ({ id: 'case-e-own-award-published', expectedVersion: 0 }) },
    hide: { input: () => ({ id: 'case-e-own-award-published' }) },
    unhide: {
      input: () => ({ id: 'case-e-own-award-published' }),
      setup: async (cloud) => void (await cloud.database.db.collection('cases').doc('case-e-own-award-published').update({ data: { status: 'hidden' } })),
    },
  },
  // 导出（issue 7）：汇总表按单位；一份材料的合成材料、申报表、评价表落在材料上；汇编与文章只归组织部
  exports: {
    summaryXlsx: { input: (s) => ({ campaignId: 'c-test', unitId: s === 'own' ? 'u-own' : 'u-far' }) },
    casebookPdf: { input: () => ({}) },
    casebookDocx: { input: () => ({}) },
    materialsPdf: { input: (s) => ({ entryId: e(s, 'award', 'submitted') }) },
    applicationForm: { input: (s) => ({ entryId: e(s, 'award', 'submitted') }) },
    evaluationForm: { input: (s) => ({ entryId: e(s, 'award', 'submitted') }) },
    article: { input: () => ({ caseId: 'case-e-own-award-published' }) },
    list: { input: () => ({}) },
  },
  // 函评（C1.5）：评委的“本方”是指派给评委戊（a-judge）的外单位材料，“外方”是指派给评委己的（见 engine-fixture 的 REVIEW_FIXTURE）
  reviews: {
    reviewers: { input: () => ({ campaignId: 'c-test', trackKey: 'award' }) },
    assign: { input: () => ({ entryId: 'e-far-award-screened', reviewerId: 'a-judge2' }) },
    unassign: { input: () => ({ assignmentId: 'e-own-award-underReview_a-judge2', reason: '调整评委' }) },
    autoAssign: { input: () => ({ campaignId: 'c-test', trackKey: 'award', perEntry: 1 }) },
    declareConflict: {
      input: (s) =>
        s === 'own'
          ? { campaignId: 'c-test', reviewerId: 'a-judge', entryId: 'e-far-award-underReview', reason: '曾在该单位任职' }
          : { campaignId: 'c-test', reviewerId: 'a-judge2', entryId: 'e-own-award-underReview', reason: '与申报人是亲属' },
    },
    listConflicts: { input: () => ({ campaignId: 'c-test' }) },
    progress: { input: () => ({ campaignId: 'c-test', trackKey: 'award' }) },
    remind: { input: () => ({ campaignId: 'c-test', trackKey: 'award' }) },
    reopenScore: { input: () => ({ assignmentId: 'e-far-award-underReview_a-judge2', reason: '分数与评语不一致' }) },
    mine: { input: () => ({}) },
    getAssigned: { input: (s) => ({ assignmentId: reviewAssignment(s) }) },
    saveScore: { input: (s) => ({ assignmentId: reviewAssignment(s), expectedVersion: 1, scores: { c1: 7.5 }, comment: '' }) },
    submitScore: { input: (s) => ({ assignmentId: reviewAssignment(s), expectedVersion: 1, scores: { c1: 8 }, comment: '创新点清楚，成效有数据支撑。' }) },
    scoresFor: { input: (s) => ({ entryId: s === 'own' ? 'e-far-award-underReview' : 'e-own-award-underReview' }) },
    ranking: { input: () => ({ campaignId: 'c-test', trackKey: 'award', method: 'mean' }) },
    finish: { input: () => ({ campaignId: 'c-test', trackKey: 'award' }) },
  },
  defence: {
    candidates: { ...DEF, input: () => ({ campaignId: 'c-def', trackKey: 'activity' }) },
    create: { ...DEF, input: () => ({ campaignId: 'c-def', trackKey: 'activity', title: '第五场', entryIds: ['e-def-far-9'], judgeIds: ['a-judge'] }) },
    list: { ...DEF, input: () => ({ campaignId: 'c-def' }) },
    get: { ...DEF, input: () => ({ id: 'ds-own' }) },
    reorder: { ...DEF, input: () => ({ id: 'ds-own', expectedVersion: 1, entryIds: ['e-def-far-1', 'e-def-far-2', 'e-def-own-1', 'e-def-far-3'] }) },
    openNext: { ...DEF, input: () => ({ id: 'ds-ready', entryId: 'e-def-far-4' }) },
    closeScoring: { ...DEF, input: () => ({ id: 'ds-own', entryId: 'e-def-far-2' }) },
    reveal: { ...DEF, input: () => ({ id: 'ds-own', entryId: 'e-def-far-1' }) },
    lock: { ...DEF, input: () => ({ id: 'ds-far' }) },
    finish: { ...DEF, input: () => ({ id: 'ds-done' }) },
    board: { ...DEF, input: () => ({ id: 'ds-own' }) },
    mine: { ...DEF, input: () => ({}) },
    current: { ...DEF, input: (s) => ({ id: s === 'own' ? 'ds-own' : 'ds-far' }) },
    score: { ...DEF, input: (s) => (s === 'own' ? { id: 'ds-own', entryId: 'e-def-far-2', scores: sheet(20), requestId: 'matrix-own-1' } : { id: 'ds-far', entryId: 'e-def-far-4', scores: sheet(20), requestId: 'matrix-far-1' }) },
  },
  entries: {
    create: { input: (s) => ({ campaignId: 'c-test', trackKey: 'award', entrant: { level: 'branch', id: s === 'own' ? 'b-own' : 'b-far' } }) },
    save: { input: (s) => ({ id: e(s, 'award', 'draft'), expectedVersion: 1, content: filledContent() }) },
    registerUpload: {
      input: (s, prefix) => ({ id: e(s, 'award', 'draft'), fileID: `${prefix}entries/${e(s, 'award', 'draft')}/upload.jpg` }),
      setup: async (cloud) => {
        for (const side of ['own', 'far'] as Side[]) await cloud.files.upload(`entries/${e(side, 'award', 'draft')}/upload.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
      },
    },
    get: { input: (s) => ({ id: e(s, 'award', 'submitted') }) },
    list: { input: (s) => ({ branchId: s === 'own' ? 'b-own' : 'b-far' }) },
    submit: { input: (s) => ({ id: e(s, 'award', 'draft') }) },
    withdraw: { input: (s) => ({ id: e(s, 'award', 'submitted') }) },
    reopen: { input: (s) => ({ id: e(s, 'award', 'withdrawn') }) },
    resubmit: { input: (s) => ({ id: e(s, 'award', 'correctionRequested') }) },
    returnEntry: { input: (s) => ({ id: e(s, 'award', 'submitted'), note: '请补充照片' }) },
    recommend: { input: (s) => ({ id: e(s, 'award', 'submitted') }) },
    unrecommend: { input: (s) => ({ id: e(s, 'award', 'recommended') }) },
    grade: { input: (s) => ({ id: e(s, 'project', 'submitted'), level: 'best' }) },
    requestCorrection: { input: (s) => ({ id: e(s, 'award', 'recommended'), reason: '缺少公章扫描件' }) },
    disqualify: { input: (s) => ({ id: e(s, 'award', 'resubmitted'), note: '补正后仍不符合要求' }) },
    pass: { input: (s) => ({ id: e(s, 'award', 'recommended') }) },
    startReview: { input: (s) => ({ id: e(s, 'award', 'screened') }) },
    finishReview: { input: (s) => ({ id: e(s, 'award', 'underReview') }) },
    decide: { input: (s) => ({ id: e(s, 'award', 'screened'), level: 'none' }) },
    publishResults: { input: () => ({ campaignId: 'c-test', trackKey: 'award' }) },
    begin: { input: (s) => ({ id: e(s, 'award', 'published') }) },
    submitClosing: { input: (s) => ({ id: e(s, 'project', 'inProgress'), report: '项目已按计划全部完成，成效明显。' }) },
    returnClosing: { input: (s) => ({ id: e(s, 'project', 'closingSubmitted'), note: '请补充成效' }) },
    accept: { input: (s) => ({ id: e(s, 'project', 'closingSubmitted'), rating: '优秀' }) },
    addProgress: { input: (s) => ({ id: e(s, 'project', 'inProgress'), text: '开展了第一次主题活动' }) },
    inspect: { input: (s) => ({ id: e(s, 'project', 'inProgress'), key: 'check', verdict: 'good', note: '进展顺利' }) },
    midtermCheck: { input: (s) => ({ id: e(s, 'award', 'inProgress'), key: 'sept', verdict: 'fair', note: '进度略慢' }) },
    disqualifyOverdue: { input: () => ({}) },
    tasks: { input: () => ({}) },
  },
};

/** 评委戊（本方）与评委己（外方）各自的函评指派 */
function reviewAssignment(side: Side): string {
  return side === 'own' ? 'e-far-award-underReview_a-judge' : 'e-own-award-underReview_a-judge2';
}

function e(side: Side, track: 'award' | 'project', status: string): string {
  return `e-${side}-${track}-${status}`;
}
