import { startLocalCloud, type LocalCloud } from '../../cloudfunctions/_local/runtime';
import type { Assignment, Campaign, Entry, EntryContent, Reply } from '../../types';
import { fixedClock } from '../support/local-cloud';
import { engineFixture, entryRecord } from '../support/engine-fixture';

/**
 * 函评（C1.5，评分细则 A2）经 reviews 云函数在本地运行时上走完：
 * 指派与回避、评委只看到指派给自己的材料、匿名评审隐去身份、提交前看不到别人的分数、催办只发给未完成的评委、
 * 汇总排名（并列写明）、结束评审、组织部在比例上限内评定、公布后进入成果储备库（A7）。
 */
let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});

type Fail = Extract<Reply<unknown>, { ok: false }>;
const okOf = <T = Record<string, unknown>>(reply: Reply<unknown>): T => {
  if (!reply.ok) throw new Error(`${reply.code} ${reply.message}`);
  return reply.data as T;
};
const failOf = (reply: Reply<unknown>): Fail => {
  if (reply.ok) throw new Error(`unexpectedly succeeded: ${JSON.stringify(reply.data).slice(0, 200)}`);
  return reply;
};

// ── 一所三个学院的学校（A 类评选从模板开始） ───────────────────────────────

const UNITS = [
  { id: 'u-mech', name: '机械学院党委', branch: 'b-mech', branchName: '机械学院教工第一党支部' },
  { id: 'u-info', name: '信息学院党委', branch: 'b-info', branchName: '信息学院学生第一党支部' },
  { id: 'u-mat', name: '材料学院党委', branch: 'b-mat', branchName: '材料学院教工党支部' },
] as const;
const DEPT = 'o-dept';
const editorOf = (unit: string) => `o-editor-${unit}`;
const unitAdminOf = (unit: string) => `o-ua-${unit}`;
/** 评委：机械学院的党务干部（须回避机械学院的材料），组织部的党务干部（授权限定本次评选） */
const JUDGE_MECH = 'o-judge-mech';
const JUDGE_DEPT = 'o-judge-dept';
const CAMPAIGN = 'c-2027-a';

async function school(clock: ReturnType<typeof fixedClock>): Promise<LocalCloud> {
  const c = await startLocalCloud({ clock });
  const db = c.database.db;
  const put = async (col: string, id: string, data: object) => db.collection(col).doc(id).set({ data });
  const person = async (id: string, openid: string, name: string, unitId: string | null, branchId: string | null, roles: object[]) => {
    await put('people', id, { name, personNo: id.toUpperCase(), phone: null, unitId, branchId, roles, version: 1 });
    await put('bindings', openid, { personId: id, boundAt: clock.now(), boundBy: 'test' });
  };
  for (const u of UNITS) {
    await put('units', u.id, { name: u.name, kind: 'college', active: true, version: 1 });
    await put('branches', u.branch, { unitId: u.id, generalBranchId: null, name: u.branchName, kind: 'staff', memberCount: 20, model: null, active: true, version: 1 });
    await person(`p-ed-${u.id}`, editorOf(u.id), `${u.name}书记`, u.id, u.branch, [{ role: 'branchEditor', unitId: u.id, branchId: u.branch }]);
    await person(`p-ua-${u.id}`, unitAdminOf(u.id), `${u.name}管理员`, u.id, u.branch, [{ role: 'unitAdmin', unitId: u.id }]);
  }
  await person('p-dept', DEPT, '组织部王老师', null, null, [{ role: 'deptAdmin' }]);
  await person('p-judge-mech', JUDGE_MECH, '李评委', 'u-mech', 'b-mech', [{ role: 'judge' }]);
  await person('p-judge-dept', JUDGE_DEPT, '赵评委', null, null, [{ role: 'judge', campaignId: CAMPAIGN }]);
  return c;
}

const call = (fn: string, action: string, input: object, openid: string) => cloud.call(fn, { action, ...input }, openid);
const reviews = (action: string, input: object, openid: string) => call('reviews', action, input, openid);
const entries = (action: string, input: object, openid: string) => call('entries', action, input, openid);

/** A5 的简介与正文（写明要点），A1 开始实施满一年，A4 盖章扫描件，A6 支撑材料（文件名含单位名，匿名评审时须隐去） */
function caseContent(id: string, prefix: string, title: string, unitName: string): EntryContent {
  return {
    title,
    sections: {
      // 申报方常在正文里写上自己的名字：匿名评审时要替换掉
      summary: `工作内容：${unitName}组织党员志愿服务。创新要点：项目化管理。突出成效：服务师生三千人次。`,
      body: '一、实施情况：按季度开展。二、主要做法：党员认领项目。三、工作成效：群众满意度提高。四、经验启示：党建与业务融合。',
    },
    choices: {},
    dates: { startedOn: '2026-03-01' },
    photos: { main: [{ fileID: `${prefix}entries/${id}/photo-1.jpg`, caption: '志愿服务现场', width: null, height: null, size: 0 }] },
    video: null,
    documents: [{ fileID: `${prefix}entries/${id}/doc-1.pdf`, name: `${unitName}活动报道.pdf`, size: 3 }],
    stampedScan: { fileID: `${prefix}entries/${id}/stamp-1.pdf`, name: `${unitName}盖章件.pdf`, size: 3 },
    declarations: {},
    partnerBranchIds: [],
  };
}

/** 六项各打多少分（A2 六项，满分 17、17、17、17、16、16，合计 100） */
const sheet = (values: number[]) => Object.fromEntries(values.map((v, i) => [`c${i + 1}`, v]));

describe('correspondence review through the reviews function (C1.5, A2)', () => {
  it('C1.5/A2/A8/A7: runs the whole A campaign from the template: three units, two reviewers with a conflict, an expired correction, review, ranking, capped decisions, publication into the gallery', async () => {
    const clock = fixedClock('2027-10-20T09:00:00+08:00');
    cloud = await school(clock);
    const prefix = cloud.files.prefix;

    // 组织部从模板 A 复制 2027 年度评选：设为匿名函评，“创新奖”比例不超过 50%（通知未规定比例，这里由组织部设定）
    expect(okOf<{ _id: string }>(await call('campaigns', 'copy', { from: { template: 'A' }, year: 2027 }, DEPT))._id).toBe(CAMPAIGN);
    const c = okOf<Campaign>(await call('campaigns', 'get', { id: CAMPAIGN }, DEPT));
    const { _id: _c, status: _s, version, ...body } = c;
    body.tracks[0].pipeline.review!.anonymous = true;
    body.tracks[0].pipeline.outcome!.levels[0].capPercent = 50;
    const saved = okOf<{ version: number }>(await call('campaigns', 'save', { _id: CAMPAIGN, expectedVersion: version, body }, DEPT));
    okOf(await call('campaigns', 'publish', { id: CAMPAIGN, expectedVersion: saved.version }, DEPT));

    // 三个学院的支部各报一项，分党委核实后推荐（A3 每单位 1 项）
    clock.set('2027-11-10T10:00:00+08:00');
    const ids: Record<string, string> = {};
    for (const u of UNITS) {
      const created = okOf<{ _id: string; version: number }>(await entries('create', { campaignId: CAMPAIGN, trackKey: 'case', entrant: { level: 'branch', id: u.branch } }, editorOf(u.id)));
      const id = created._id;
      ids[u.id] = id;
      await cloud.files.upload(`entries/${id}/photo-1.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
      for (const f of ['doc-1.pdf', 'stamp-1.pdf']) await cloud.files.upload(`entries/${id}/${f}`, Buffer.from('%PDF-1.4\n%%EOF\n'));
      for (const f of ['photo-1.jpg', 'doc-1.pdf', 'stamp-1.pdf']) okOf(await entries('registerUpload', { id, fileID: `${prefix}entries/${id}/${f}` }, editorOf(u.id)));
      const title = { 'u-mech': '红色引擎工程', 'u-info': '党员先锋服务站', 'u-mat': '实验室里的党课' }[u.id];
      okOf(await entries('save', { id, expectedVersion: created.version, content: caseContent(id, prefix, title, u.name) }, editorOf(u.id)));
      expect(okOf(await entries('submit', { id }, editorOf(u.id))).status).toBe('submitted');
      expect(okOf(await entries('recommend', { id, checklist: ['已审查材料的真实性、准确性、完整性'] }, unitAdminOf(u.id))).status).toBe('recommended');
    }
    const [eMech, eInfo, eMat] = [ids['u-mech'], ids['u-info'], ids['u-mat']];

    // 初审：两份通过；材料学院的要求补正，限期到 12 月 5 日，逾期未补（A8）
    clock.set('2027-12-02T09:00:00+08:00');
    okOf(await entries('pass', { id: eMech }, DEPT));
    okOf(await entries('pass', { id: eInfo }, DEPT));
    okOf(await entries('requestCorrection', { id: eMat, reason: '扫描件缺少公章', deadline: '2027-12-05T23:59:59+08:00' }, DEPT));
    clock.set('2027-12-06T00:05:00+08:00');
    // 定时触发器（无调用者）：逾期未补正的取消资格
    const timer = okOf<{ disqualified: string[] }>(await cloud.call('entries', { Type: 'Timer', TriggerName: 'disqualifyOverdue', Time: '2027-12-06T00:05:00+08:00' }, ''));
    expect(timer.disqualified).toEqual([eMat]);

    // 进入评审；材料学院的已取消资格，不能指派（C1.5）
    clock.set('2027-12-06T09:00:00+08:00');
    okOf(await entries('startReview', { id: eMech }, DEPT));
    okOf(await entries('startReview', { id: eInfo }, DEPT));
    expect(failOf(await reviews('assign', { entryId: eMat, reviewerId: 'p-judge-dept' }, DEPT)).code).toBe('CONFLICT');

    // 手动把机械学院的评委派给机械学院的材料：拒绝并写明原因（回避）
    const refused = failOf(await reviews('assign', { entryId: eMech, reviewerId: 'p-judge-mech' }, DEPT));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toBe('不能指派：李评委与申报方同属“机械学院党委”，须回避本单位的材料');

    // 自动分配每份 2 位：机械学院的只能分到 1 位，列为缺额并说明
    const auto = okOf<{ created: number; shortfalls: { entryId: string; got: number; reason: string }[]; load: { personId: string; assigned: number }[] }>(
      await reviews('autoAssign', { campaignId: CAMPAIGN, trackKey: 'case', perEntry: 2 }, DEPT),
    );
    expect(auto.created).toBe(3);
    expect(auto.shortfalls).toEqual([{ entryId: eMech, title: '红色引擎工程', needed: 2, got: 1, reason: '可指派的评委不足：共 2 位评委，已指派 0 位，须回避 1 位' }]);
    expect(auto.load).toEqual([{ personId: 'p-judge-dept', name: '赵评委', assigned: 2 }, { personId: 'p-judge-mech', name: '李评委', assigned: 1 }]);
    // 再执行一次：不重复指派
    expect(okOf<{ created: number }>(await reviews('autoAssign', { campaignId: CAMPAIGN, trackKey: 'case', perEntry: 2 }, DEPT)).created).toBe(0);

    // 机械学院的评委只看到信息学院那一份；猜到本单位材料的编号也看不到
    const mineMech = okOf<{ items: { entryId: string; entrantName: string | null; deadline: string }[]; total: number }>(await reviews('mine', {}, JUDGE_MECH));
    expect(mineMech.items.map((i) => i.entryId)).toEqual([eInfo]);
    expect(mineMech.items[0]).toMatchObject({ entrantName: null, deadline: '2027-12-31T23:59:59+08:00' });
    expect(failOf(await reviews('getAssigned', { assignmentId: `${eMech}_p-judge-mech` }, JUDGE_MECH)).code).toBe('NOT_FOUND');
    expect(failOf(await reviews('scoresFor', { entryId: eMech }, JUDGE_MECH)).code).toBe('FORBIDDEN');
    expect(failOf(await reviews('getAssigned', { assignmentId: `${eMech}_p-judge-dept` }, JUDGE_MECH)).code).toBe('FORBIDDEN');

    // 匿名评审：评委拿到的材料里没有申报单位、支部、盖章扫描件与含单位名的文件名
    const opened = await reviews('getAssigned', { assignmentId: `${eInfo}_p-judge-mech` }, JUDGE_MECH);
    const view = okOf<{ entry: { content: EntryContent; entrantName: string | null; unitName: string | null }; redacted: string[]; fileUrls: Record<string, string>; canScore: boolean; rubric: unknown[] }>(opened);
    expect(view).toMatchObject({ entry: { entrantName: null, unitName: null }, canScore: true, redacted: ['entrant', 'textMentions', 'stampedScan', 'documentNames', 'partners', 'history'] });
    expect(view.rubric).toHaveLength(6); // A2 六项
    expect(view.entry.content.stampedScan).toBeNull();
    expect(view.entry.content.documents.map((d) => d.name)).toEqual(['支撑材料 1.pdf']);
    expect(Object.keys(view.fileUrls)).toEqual([`${prefix}entries/${eInfo}/photo-1.jpg`, `${prefix}entries/${eInfo}/doc-1.pdf`]);
    expect(view.entry.content.sections.summary).toBe('工作内容：〔已隐去〕组织党员志愿服务。创新要点：项目化管理。突出成效：服务师生三千人次。');
    expect(JSON.stringify(opened)).not.toMatch(/信息学院|stamp-1/);

    // 李评委提交信息学院的 70 分
    const submittedMech = okOf<{ assignment: Assignment }>(
      await reviews('submitScore', { assignmentId: `${eInfo}_p-judge-mech`, expectedVersion: 1, scores: sheet([12, 12, 12, 12, 11, 11]), comment: '做法扎实，但创新点不够突出。' }, JUDGE_MECH),
    );
    expect(submittedMech.assignment).toMatchObject({ status: 'submitted', total: 70, submittedAt: '2027-12-06T09:00:00+08:00' });

    // 赵评委暂存，未提交前看不到李评委的分数与评语
    okOf(await reviews('saveScore', { assignmentId: `${eInfo}_p-judge-dept`, expectedVersion: 1, scores: { c1: 15 }, comment: '' }, JUDGE_DEPT));
    const hidden = await reviews('scoresFor', { entryId: eInfo }, JUDGE_DEPT);
    expect(okOf(hidden)).toMatchObject({ othersHidden: true, mean: null, rows: [{ reviewerLabel: '我', mine: true, status: 'draft' }] });
    expect(JSON.stringify(hidden)).not.toMatch(/创新点不够突出|李评委|p-judge-mech/);

    // 催办只发给还有未提交的评委（赵评委 2 份），同一天再点不重复发送
    const reminded = okOf<{ items: { reviewerId: string; unfinished: number; delivery: string }[] }>(await reviews('remind', { campaignId: CAMPAIGN, trackKey: 'case' }, DEPT));
    expect(reminded.items.map((i) => [i.reviewerId, i.unfinished])).toEqual([['p-judge-dept', 2]]);
    // （补正与取消资格的通知发给了材料学院的书记，不在此列）
    const notices = (await cloud.database.dump('notifications')).filter((n) => n.key === 'deadline');
    expect(notices.map((n) => n.personId)).toEqual(['p-judge-dept']);
    expect(String(notices[0].body)).toContain('2027-12-31');
    expect(okOf<{ items: { delivery: string }[] }>(await reviews('remind', { campaignId: CAMPAIGN, trackKey: 'case' }, DEPT)).items[0].delivery).toBe('duplicate');

    // 赵评委提交：信息学院 90 分，机械学院 80 分；之后能看到李评委的（以“评委 N”称呼，不给姓名）
    okOf(await reviews('submitScore', { assignmentId: `${eInfo}_p-judge-dept`, expectedVersion: 2, scores: sheet([15, 15, 15, 15, 15, 15]), comment: '选题聚焦，成效有数据支撑。' }, JUDGE_DEPT));
    okOf(await reviews('submitScore', { assignmentId: `${eMech}_p-judge-dept`, expectedVersion: 1, scores: sheet([14, 14, 13, 13, 13, 13]), comment: '项目化管理有推广价值。' }, JUDGE_DEPT));
    const seen = okOf<{ rows: { reviewerLabel: string; reviewerId: string | null; total: number }[]; mean: number; othersHidden: boolean }>(await reviews('scoresFor', { entryId: eInfo }, JUDGE_DEPT));
    expect(seen.othersHidden).toBe(false);
    expect(seen.rows.map((r) => [r.reviewerLabel, r.reviewerId, r.total]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([[expect.stringMatching(/^评委 \d$/), null, 70], ['我', null, 90]]);
    expect(seen.mean).toBe(80);
    // 提交即定稿
    expect(failOf(await reviews('saveScore', { assignmentId: `${eInfo}_p-judge-dept`, expectedVersion: 3, scores: { c1: 1 }, comment: '' }, JUDGE_DEPT)).code).toBe('CONFLICT');

    // 汇总：平均分并列第 1 并写明；按评委标准化后信息学院领先（赵评委给机械学院的低于他自己的平均）
    const mean = okOf<{ items: { entryId: string; rank: number; value: number; tiedWith: { entryId: string }[]; note: string }[]; scaleMax: number }>(
      await reviews('ranking', { campaignId: CAMPAIGN, trackKey: 'case', method: 'mean' }, DEPT),
    );
    expect(mean.scaleMax).toBe(100);
    // 并列者按编号排列（系统不替评委会打破并列）
    expect(mean.items.map((i) => [i.entryId, i.rank, i.value])).toEqual([eInfo, eMech].sort().map((id) => [id, 1, 80]));
    const info = mean.items.find((i) => i.entryId === eInfo)!;
    expect(info.tiedWith).toEqual([{ entryId: eMech, title: '红色引擎工程' }]);
    expect(info.note).toBe('2 位评委平均 80；与 1 份材料并列第 1 名');
    const z = okOf<{ items: { entryId: string; rank: number }[] }>(await reviews('ranking', { campaignId: CAMPAIGN, trackKey: 'case', method: 'zscore' }, DEPT));
    expect(z.items.map((i) => [i.entryId, i.rank])).toEqual([[eInfo, 1], [eMech, 2]]);

    // 结束函评：两份都评齐了，转为“已评分”
    const done = okOf<{ finished: string[]; incomplete: unknown[] }>(await reviews('finish', { campaignId: CAMPAIGN, trackKey: 'case' }, DEPT));
    expect(done.finished.sort()).toEqual([eInfo, eMech].sort());
    expect(done.incomplete).toEqual([]);

    // 评定：创新奖不超过 50%（参与评定 2 份，最多 1 份）；第二份被拒并写明已评的是哪一份
    clock.set('2028-01-05T10:00:00+08:00');
    okOf(await entries('decide', { id: eInfo, level: 'award' }, DEPT));
    const capped = failOf(await entries('decide', { id: eMech, level: 'award' }, DEPT));
    expect(capped.code).toBe('QUOTA_EXCEEDED');
    expect(capped.message).toBe('“基层党建工作创新奖”不超过 50%：本类别参与评定的 2 份材料最多 1 份，已评 1 份：《党员先锋服务站》（信息学院学生第一党支部）');
    okOf(await entries('decide', { id: eMech, level: 'none' }, DEPT));

    // 公布：获奖的生成案例草稿（A7），组织部发布后进入成果储备库，人人可看
    expect(okOf(await entries('publishResults', { campaignId: CAMPAIGN, trackKey: 'case' }, DEPT))).toMatchObject({ published: 2 });
    expect((await cloud.call('cases', { action: 'get', id: `case-${eInfo}` }, '')).ok).toBe(false);
    okOf(await call('cases', 'publish', { id: `case-${eInfo}`, expectedVersion: 0 }, DEPT));
    const published = okOf<{ title: string }>(await call('cases', 'get', { id: `case-${eInfo}` }, ''));
    expect(published.title).toBe('党员先锋服务站');
    expect((await cloud.call('cases', { action: 'get', id: `case-${eMech}` }, '')).ok).toBe(false);

    // 每一步都有审计
    const audit = await cloud.database.dump('audit');
    const actions = audit.map((a) => a.action as string);
    for (const a of ['reviews.assign', 'reviews.saveScore', 'reviews.submitScore', 'entries.finishReview', 'entries.decide', 'entries.publish']) expect(actions).toContain(a);
    const mat = (await cloud.database.db.collection('entries').doc(eMat).get()).data as Entry;
    expect(mat.status).toBe('disqualified');
  });

  it('C1.5: a conflict declared after assignment withdraws the assignment (audited); the reviewer then cannot open the entry or its scores', async () => {
    cloud = await engineFixture();
    // 评委戊对外单位那份声明回避（曾在该单位任职）
    const declared = okOf<{ removedAssignments: string[]; conflict: { declaredBy: string; targetLabel: string } }>(
      await reviews('declareConflict', { campaignId: 'c-test', unitId: 'u-far', reason: '曾在外单位任职' }, 'o-judge'),
    );
    expect(declared.removedAssignments).toEqual(['e-far-award-underReview_a-judge']);
    expect(declared.conflict).toMatchObject({ declaredBy: 'reviewer', targetLabel: '外单位党委' });
    expect(failOf(await reviews('getAssigned', { assignmentId: 'e-far-award-underReview_a-judge' }, 'o-judge')).code).toBe('NOT_FOUND');
    expect(failOf(await reviews('scoresFor', { entryId: 'e-far-award-underReview' }, 'o-judge')).code).toBe('FORBIDDEN');
    expect(okOf<{ items: unknown[] }>(await reviews('mine', {}, 'o-judge')).items).toEqual([]);
    // 组织部再指派：拒绝并说明声明的回避
    const again = failOf(await reviews('assign', { entryId: 'e-far-award-underReview', reviewerId: 'a-judge' }, 'o-dept-admin'));
    expect(again.message).toBe('不能指派：评委戊已声明回避“外单位党委”的材料：曾在外单位任职');
    const audit = await cloud.database.dump('audit');
    expect(audit.filter((a) => a.action === 'reviews.declareConflict' || a.action === 'reviews.unassignConflict').map((a) => a.action).sort()).toEqual(['reviews.declareConflict', 'reviews.unassignConflict']);
    expect(okOf<{ items: { reviewerId: string }[] }>(await reviews('listConflicts', { campaignId: 'c-test' }, 'o-dept-admin')).items.map((i) => i.reviewerId)).toEqual(['a-judge']);
  });

  it('C1.5: a judge grant limited to another campaign covers nothing here, even with an assignment record', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    await db.collection('people').doc('a-judge3').set({ data: { name: '评委庚', personNo: 'A-JUDGE3', phone: null, unitId: null, branchId: null, roles: [{ role: 'judge', campaignId: 'c-draft' }], version: 1 } });
    await db.collection('bindings').doc('o-judge3').set({ data: { personId: 'a-judge3', boundAt: new Date(), boundBy: 'test' } });
    // 只限 2027 草稿评选的评委不能被指派到本评选
    expect(failOf(await reviews('assign', { entryId: 'e-far-award-underReview', reviewerId: 'a-judge3' }, 'o-dept-admin')).message).toBe('评委庚不是本次评选的评委');
    // 即使数据里有一条指派（如授权后来被收窄），守卫按授权的评选拒绝
    const { _id, ...rest } = (await cloud.database.dump('reviewAssignments')).find((a) => a._id === 'e-far-award-underReview_a-judge')!;
    await db.collection('reviewAssignments').doc('e-far-award-underReview_a-judge3').set({ data: { ...rest, reviewerId: 'a-judge3', reviewerName: '评委庚' } });
    expect(failOf(await reviews('getAssigned', { assignmentId: 'e-far-award-underReview_a-judge3' }, 'o-judge3')).code).toBe('FORBIDDEN');
    expect(okOf<{ items: unknown[] }>(await reviews('mine', {}, 'o-judge3')).items).toEqual([]);
    expect(failOf(await reviews('listConflicts', { campaignId: 'c-test' }, 'o-judge3')).code).toBe('FORBIDDEN');
  });

  it('C1.5: two concurrent automatic assignments never give an entry more reviewers than asked, nor one reviewer twice', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    for (let i = 0; i < 4; i++) {
      await db.collection('people').doc(`a-judge-x${i}`).set({ data: { name: `评委${i}`, personNo: `JX${i}`, phone: null, unitId: null, branchId: null, roles: [{ role: 'judge' }], version: 1 } });
    }
    for (let i = 0; i < 6; i++) {
      const { _id, ...rest } = entryRecord(i % 2 ? 'own' : 'far', 'award', 'underReview', { _id: `e-race-${i}` });
      await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: `branch:race-${i}` } });
    }
    const replies = await Promise.all([1, 2, 3].map(() => reviews('autoAssign', { campaignId: 'c-test', trackKey: 'award', perEntry: 2 }, 'o-dept-admin')));
    replies.forEach((r) => okOf(r));
    const panels = await cloud.database.dump('reviewPanels');
    const assignments = await cloud.database.dump('reviewAssignments');
    for (const p of panels) {
      const ids = p.reviewerIds as string[];
      expect(ids.length).toBeLessThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
      expect(assignments.filter((a) => a.entryId === p._id).map((a) => a.reviewerId).sort()).toEqual([...ids].sort());
      // 评审组上的席位（进度、汇总读它）与指派同一事务写：并发下也一一对应
      expect((p.seats as { reviewerId: string }[]).map((x) => x.reviewerId).sort()).toEqual([...ids].sort());
    }
    const raced = panels.filter((p) => String(p._id).startsWith('e-race-'));
    expect(raced).toHaveLength(6);
    expect(raced.every((p) => (p.reviewerIds as string[]).length === 2)).toBe(true);
    // 评委戊（本单位）从不被分到本单位的材料
    expect(assignments.filter((a) => a.reviewerId === 'a-judge' && String(a.entryId).startsWith('e-race-')).every((a) => ['e-race-0', 'e-race-2', 'e-race-4'].includes(a.entryId as string))).toBe(true);
  });

  it('A2: scores are checked per criterion and the comment at submission; submitted scores are final until the department reopens them (audited)', async () => {
    cloud = await engineFixture();
    const id = 'e-far-award-underReview_a-judge';
    const over = failOf(await reviews('saveScore', { assignmentId: id, expectedVersion: 1, scores: { c1: 10.5 }, comment: '' }, 'o-judge'));
    expect(over).toMatchObject({ code: 'BAD_INPUT', message: '“创新”应在 0–10 分之间', issues: [{ path: 'scores.c1' }] });
    expect(failOf(await reviews('submitScore', { assignmentId: id, expectedVersion: 1, scores: { c1: 8 }, comment: '还行' }, 'o-judge')).message).toBe('请写评语（至少 10 字，现有 2 字）');
    okOf(await reviews('submitScore', { assignmentId: id, expectedVersion: 1, scores: { c1: 8 }, comment: '创新点清楚，成效有数据支撑。' }, 'o-judge'));
    expect(failOf(await reviews('submitScore', { assignmentId: id, expectedVersion: 2, scores: { c1: 9 }, comment: '创新点清楚，成效有数据支撑。' }, 'o-judge')).code).toBe('CONFLICT');
    const reopened = okOf<{ assignment: Assignment }>(await reviews('reopenScore', { assignmentId: id, reason: '分数与评语不一致' }, 'o-dept-admin'));
    expect(reopened.assignment).toMatchObject({ status: 'draft', submittedAt: null, version: 3 });
    okOf(await reviews('submitScore', { assignmentId: id, expectedVersion: 3, scores: { c1: 9 }, comment: '修改后：创新点清楚，成效明显。' }, 'o-judge'));
    const audit = (await cloud.database.dump('audit')).filter((a) => a.targetId === id).map((a) => a.action);
    expect(audit.sort()).toEqual(['reviews.reopenScore', 'reviews.submitScore', 'reviews.submitScore']);
  });

  it('C1.5: scoring closes with the review stage, and the refusal gives the deadline in CST', async () => {
    cloud = await engineFixture(new Date('2026-12-31T16:00:01Z')); // 2027-01-01 00:00:01 北京时间
    const late = failOf(await reviews('saveScore', { assignmentId: 'e-far-award-underReview_a-judge', expectedVersion: 1, scores: { c1: 8 }, comment: '' }, 'o-judge'));
    expect(late).toMatchObject({ code: 'DEADLINE_PASSED', message: 'review已于 2026-12-31 23:59:59（北京时间）截止' });
  });

  it('decide caps hold under 12 concurrent decisions (capPercent over the track’s entries in the decision pool)', async () => {
    cloud = await engineFixture();
    const db = cloud.database.db;
    const c = (await db.collection('campaigns').doc('c-test').get()).data as Campaign;
    const tracks = c.tracks.map((t) => (t.key === 'award' ? { ...t, pipeline: { ...t.pipeline, outcome: { ...t.pipeline.outcome!, levels: t.pipeline.outcome!.levels.map((l) => (l.key === 'win' ? { ...l, capPercent: 30 } : l)) } } } : t));
    await db.collection('campaigns').doc('c-test').update({ data: { tracks } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const reviewed = { at: '2026-11-20T10:00:00+08:00', action: 'finishReview' as const, from: 'underReview' as const, to: 'scored' as const, actorPersonId: null, actorName: '组织部', note: '' };
      const { _id, ...rest } = entryRecord('own', 'award', 'scored', { _id: `e-dec-${i}`, history: [reviewed] });
      await db.collection('entries').doc(_id).set({ data: { ...rest, entrantKey: `branch:dec-${i}` } });
      ids.push(_id);
    }
    // 参与评定：12 + 夹具里本外单位各 8 份（已推荐、已补正、初审通过、评审中、已评分、已评定、已公布、实施中）= 28，上限 round(28 × 30%) = 8
    const replies = (await Promise.all(ids.map((id) => entries('decide', { id, level: 'win' }, 'o-dept-admin')))) as Reply<unknown>[];
    expect(replies.filter((r) => r.ok)).toHaveLength(8);
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'QUOTA_EXCEEDED' && r.message.includes('最多 8 份'))).toBe(true);
    const ledger = (await cloud.database.dump('quotaLedgers')).find((l) => l.unitId === 'school')!;
    expect((ledger.grades as Record<string, string[]>).win).toHaveLength(8);
  });
});
