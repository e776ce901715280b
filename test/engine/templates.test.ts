import { builtInTemplate, builtInTemplates } from '../../cloudfunctions/campaigns/templates';
import { campaignBodySchema, campaignDefinitionIssues, findStage, transitionsFor, type CampaignBody, type Track } from '../../types';

/**
 * 五份通知 = 五个内置模板：每个模板可解析、定义自洽，并且原样带着通知里的数字、日期、清单。
 * 这里只看数据；规则是否真被执行见 enforcement-*.test.ts。
 */

const track = (body: CampaignBody, key?: string): Track => (key ? body.tracks.find((t) => t.key === key)! : body.tracks[0]);
const stage = (body: CampaignBody, key: Parameters<typeof findStage>[1], trackKey?: string) => findStage(body, key, trackKey)!;
const A = builtInTemplate('A');
const B = builtInTemplate('B');
const C = builtInTemplate('C');
const D = builtInTemplate('D');
const E = builtInTemplate('E');

describe('built-in templates: each parses and is self-consistent', () => {
  it.each(['A', 'B', 'C', 'D', 'E'] as const)('template %s parses and has no campaignDefinitionIssues', (kind) => {
    const body = builtInTemplate(kind);
    expect(campaignBodySchema.parse(body)).toEqual(body);
    expect(campaignDefinitionIssues(body)).toEqual([]);
    expect(body.kind).toBe(kind);
  });

  it('lists exactly the five notices with their document numbers', () => {
    expect(builtInTemplates().map((t) => [t.kind, t.docNumber, t.year])).toEqual([
      ['A', '东大组字〔2021〕53号', 2021],
      ['B', '东大组字〔2022〕5号', 2022],
      ['C', '东大组字〔2021〕8号', 2021],
      ['D', '东大组字〔2024〕64号', 2024],
      ['E', '', 2014],
    ]);
  });

  it('hands out deep copies, so a test or an editor cannot change the built-in data', () => {
    const a = builtInTemplate('A');
    a.tracks[0].quota.maxPerUnit = 9;
    expect(builtInTemplate('A').tracks[0].quota.maxPerUnit).toBe(1);
  });
});

describe('A. 基层党建工作创新奖 (东大组字〔2021〕53号)', () => {
  const t = track(A);

  it('A1: any 基层党组织 may enter (分党委/直属党总支, 党总支, 党支部 of every kind); work must have run ≥ 12 months; earlier winners excluded', () => {
    expect([...t.entrant.levels].sort()).toEqual(['branch', 'generalBranch', 'unit']);
    expect([...t.entrant.branchKinds].sort()).toEqual(['graduating', 'retired', 'staff', 'student']);
    expect(t.entrant).toMatchObject({ minMonthsRunning: 12, excludePriorWinnersSameProject: true, rule: 'A1', invitedBranchIds: null });
    expect(t.form.dates).toEqual([expect.objectContaining({ key: 'startedOn', required: true, startOfWork: true, rule: 'A1' })]);
  });

  it('A2: the review rubric is the notice’s six criteria, in order', () => {
    expect(t.pipeline.review).toMatchObject({ mode: 'correspondence' });
    expect(t.pipeline.review!.rubric.map((c) => c.label)).toEqual(['把握政治方向', '树立问题导向', '坚持质量优先', '注重成效启示', '突出党员作用', '做好工作结合']);
    expect(t.pipeline.review!.rubric.every((c) => c.description.length > 0)).toBe(true);
  });

  it('A2/C2/D3/E3: every rubric (weights not given by the notices) adds up to exactly 100, each maximum on the 0.5 step reviewers score in', () => {
    for (const body of builtInTemplates()) {
      for (const tr of body.tracks) {
        const rubric = tr.pipeline.review?.rubric;
        if (!rubric) continue;
        expect(rubric.reduce((n, c) => n + c.maxScore, 0)).toBe(100);
        for (const c of rubric) expect(Number.isInteger(c.maxScore * 2)).toBe(true);
      }
    }
    expect(t.pipeline.review!.rubric.map((c) => c.maxScore)).toEqual([17, 17, 17, 17, 16, 16]);
  });

  it('A3: each 分党委 (直属党总支) recommends at most 1 project', () => {
    expect(t.quota).toMatchObject({ maxPerUnit: 1, maxBySize: null, minPerUnit: 0, exemptModelBatch: null, rule: 'A3' });
    expect(t.pipeline.unitStep).toBe('recommend');
  });

  it('A4: deadline 2021-11-30 (CST, through the last second), with the unit’s sealed copy required', () => {
    expect(stage(A, 'submission').endsAt).toBe('2021-11-30T23:59:59+08:00');
    expect(stage(A, 'unitReview').endsAt).toBe('2021-11-30T23:59:59+08:00');
    expect(stage(A, 'submission').startsAt).toBe('2021-10-26T00:00:00+08:00'); // 发文日
    expect(t.form.stampedScan).toMatchObject({ required: true, rule: 'A4' });
  });

  it('A5: 简介 ≤ 300 字 naming 工作内容/创新要点/突出成效; 正文 ≤ 2000 字 with four parts; about 5 photos with captions ≤ 20 字', () => {
    expect(t.form.sections).toEqual([
      expect.objectContaining({ key: 'summary', title: '案例简介', required: true, maxChars: 300, minChars: 0, requiredParts: ['工作内容', '创新要点', '突出成效'], rule: 'A5' }),
      expect.objectContaining({ key: 'body', title: '正文', required: true, maxChars: 2000, requiredParts: ['实施情况', '主要做法', '工作成效', '经验启示'], rule: 'A5' }),
    ]);
    expect(t.form.photoGroups).toEqual([expect.objectContaining({ suggested: 5, captionMaxChars: 20, min: 0, rule: 'A5' })]);
  });

  it('A6: supporting material (articles, books, videos, news) is merged into one PDF with a table of contents', () => {
    expect(t.form.documents).toMatchObject({ mergeIntoPdf: true, rule: 'A6' });
    expect(t.form.documents!.label).toMatch(/文章.*著作.*视频.*新闻报道/);
  });

  it('A7: winners are published to the gallery (成果储备库) and promoted through We党微家', () => {
    expect(t.pipeline.publishToGallery).toBe(true);
    expect(stage(A, 'publication').note).toContain('We党微家');
    expect(t.pipeline.outcome!.levels.filter((l) => l.isWin).map((l) => l.label)).toEqual(['基层党建工作创新奖']);
    expect(transitionsFor(t.pipeline).find((d) => d.action === 'publish')).toMatchObject({ rule: 'A7', from: ['decided'], to: 'published' });
  });

  it('A8: the department screens every entry and can request a correction by a deadline, then disqualify', () => {
    expect(t.pipeline.screening).toMatchObject({ correctionDays: expect.any(Number) });
    expect(stage(A, 'screening').note).toContain('A8');
    const defs = transitionsFor(t.pipeline);
    expect(defs.find((d) => d.action === 'requestCorrection')).toMatchObject({ by: ['department'], stage: 'screening', rule: 'A8' });
    expect(defs.find((d) => d.action === 'resubmit')).toMatchObject({ from: ['correctionRequested'], stage: 'correctionWindow', rule: 'A8' });
    expect(defs.find((d) => d.action === 'disqualify')).toMatchObject({ from: ['correctionRequested', 'resubmitted'], by: ['department', 'system'], rule: 'A8' });
  });
});

describe('B. 基层党组织活动方案立项 (东大组字〔2022〕5号)', () => {
  const project = track(B, 'project');
  const summary = track(B, 'unitSummary');

  it('B1: seven themes, or a theme of the branch’s own (allowOther), and a theme is required', () => {
    const theme = project.form.choices.find((c) => c.key === 'theme')!;
    expect(theme.options).toHaveLength(7);
    expect(theme.options.join('|')).toMatch(/二十大.*理论武装.*《条例》.*政治功能和组织力.*样板支部.*党建引领育人.*党建与中心工作/);
    expect(theme).toMatchObject({ allowOther: true, required: true, rule: 'B1' });
  });

  it('B2: 03-01..03-31 apply and review, 04-01..12-31 carry out, next year 01-01..early March acceptance; close before opening', () => {
    expect(stage(B, 'submission', 'project')).toMatchObject({ startsAt: '2022-03-01T00:00:00+08:00', endsAt: '2022-03-31T23:59:59+08:00' });
    expect(stage(B, 'unitReview', 'project')).toMatchObject({ startsAt: '2022-03-01T00:00:00+08:00', endsAt: '2022-03-31T23:59:59+08:00' });
    expect(stage(B, 'execution', 'project')).toMatchObject({ startsAt: '2022-04-01T00:00:00+08:00', endsAt: '2022-12-31T23:59:59+08:00' });
    const closing = stage(B, 'closing', 'project');
    expect(closing.startsAt).toBe('2023-01-01T00:00:00+08:00');
    expect(closing.endsAt.slice(0, 7)).toBe('2023-03'); // “次年 3 月初”
    expect(project.entrant.requirePreviousClosed).toBe(true);
    expect(project.pipeline.closing).toMatchObject({ by: 'unit', methods: ['党支部书记述职', '党支部工作例会', '党建工作研讨会'] });
  });

  it('B3: by 04-01 17:00 each unit sends 基本情况 ≤ 1000 字 and 1–2 cases of 300–500 字 with 2–3 captioned photos, sealed', () => {
    expect(stage(B, 'submission', 'unitSummary').endsAt).toBe('2022-04-01T17:00:00+08:00');
    expect(summary.entrant.levels).toEqual(['unit']);
    expect(summary.quota).toMatchObject({ maxPerUnit: 1 });
    expect(summary.form.sections.map((s) => [s.key, s.required, s.minChars, s.maxChars])).toEqual([
      ['overview', true, 0, 1000],
      ['case1', true, 300, 500],
      ['case2', false, 300, 500],
    ]);
    expect(summary.form.photoGroups.map((g) => [g.key, g.min, g.max, g.withSection])).toEqual([
      ['case1', 2, 3, 'case1'],
      ['case2', 2, 3, 'case2'],
    ]);
    expect(summary.form.stampedScan).toMatchObject({ required: true, rule: 'B3' });
    expect(summary.pipeline.unitStep).toBe('none');
  });

  // B3 (2)：分党委还须报送本年度《基层党组织活动方案立项结果汇总表》——模板的年度总结里没有这一项（无附件栏），系统里也没有生成它的地方
  it('B3: the unit summary also carries this year’s 立项结果汇总表 (results table)', () => {
    expect(JSON.stringify(summary)).toContain('立项结果汇总表');
  });

  it('B4: staff and student branches are in scope of the project track (立项全覆盖)', () => {
    expect(project.entrant.branchKinds).toEqual(expect.arrayContaining(['staff', 'student']));
    expect(project.description).toContain('B4');
  });

  it('B5: three grades 最佳 / 优秀 / 培育, 最佳 capped at about 30%, graded by the unit', () => {
    expect(project.pipeline.unitStep).toBe('grade');
    expect(project.pipeline.outcome!.levels.map((l) => [l.label, l.capPercent])).toEqual([
      ['最佳', 30],
      ['优秀', null],
      ['培育', null],
    ]);
  });

  it('B6: graduating-class branches take no project', () => {
    expect(project.entrant.branchKinds).not.toContain('graduating');
    expect(project.entrant.rule).toBe('B6');
  });

  // B7（经费按党建活动经费管理办法使用；分党委可对实施好的项目统筹加强经费保障）在模板和引擎里都没有任何体现
  it('B7: the project template tells branches and units about funds (党建活动经费; the unit may add funds to strong projects)', () => {
    expect(JSON.stringify(B)).toContain('经费');
  });

  it('B8: the unit follows every project through the year (unit inspections during execution)', () => {
    expect(project.pipeline.execution!.inspections).toEqual([expect.objectContaining({ by: 'unit', rule: 'B8' })]);
    expect(stage(B, 'execution').note).toContain('B8');
  });

  it('B9: a branch on a 样板党支部 list is expected to reach 最佳 (modelExpectedLevel)', () => {
    expect(project.pipeline.outcome!.modelExpectedLevel).toBe('best');
    expect(project.pipeline.outcome!.levels.find((l) => l.key === 'best')!.label).toBe('最佳');
  });
});

describe('C. 特色支部创建成果验收 (东大组字〔2021〕8号)', () => {
  const t = track(C);

  it('C1: 创建工作方案 ≤ 1500 字 (four parts), video MP4 ≤ 8 min ≥ 1024×768, supporting material with a contents list, review by correspondence, case collection', () => {
    expect(t.form.sections).toEqual([expect.objectContaining({ key: 'plan', maxChars: 1500, required: true, requiredParts: ['工作内容', '建设成果', '特色做法', '宣传推广'], rule: 'C1' })]);
    expect(t.form.video).toEqual({ required: true, maxSeconds: 480, minWidth: 1024, minHeight: 768, format: 'mp4', label: '成果展示视频', rule: 'C1' });
    expect(t.form.documents).toMatchObject({ mergeIntoPdf: true });
    expect(t.pipeline.review).toMatchObject({ mode: 'correspondence' });
    expect(t.pipeline.publishToGallery).toBe(true);
    expect(t.entrant.invitedBranchIds).toEqual([]); // 只限参与创建的支部，名单由组织部填
  });

  it('C2: the four things assessed (工作内容, 建设成果, 特色做法, 宣传推广), second-year branches show lasting mechanisms', () => {
    expect(t.pipeline.review!.rubric.map((c) => c.label)).toEqual(['工作内容', '建设成果', '特色做法', '宣传推广']);
    expect(t.pipeline.review!.rubric[0].description).toContain('党员认知、参与、评价和作用');
    expect(t.form.sections[0].hint).toContain('长效机制');
  });

  it('C3: the branch confirms the 支部大会/支委会 summary and no routine work; the unit checks truth and accuracy', () => {
    expect(t.form.declarations.map((d) => [d.key, d.rule])).toEqual([
      ['meeting', 'C3'],
      ['noRoutine', 'C3'],
    ]);
    expect(t.form.dates).toEqual([expect.objectContaining({ key: 'meetingOn', required: true, rule: 'C3' })]);
    expect(t.pipeline.unitChecklist[0]).toContain('真实性和准确性');
    expect(t.pipeline.unitChecklist.join()).toContain('《特色支部创建工作评价表》'); // C1(4)
  });

  it('C4: deadline 04-14 end of the working day (17:00 CST)', () => {
    expect(stage(C, 'submission').endsAt).toBe('2021-04-14T17:00:00+08:00');
    expect(stage(C, 'unitReview').endsAt).toBe('2021-04-14T17:00:00+08:00');
    expect(stage(C, 'submission').note).toContain('下班前');
  });
});

describe('D. 特色支部创建申报 (东大组字〔2024〕64号)', () => {
  const t = track(D);

  it('D1: last year’s participants excluded, no joint entries, 4th-batch national 样板支部 outside the quota', () => {
    expect(t.entrant).toMatchObject({ excludeLastYearParticipants: true, allowJointEntries: false, rule: 'D1', levels: ['branch'] });
    expect(t.quota.exemptModelBatch).toEqual({ level: 'national', batch: 4 });
  });

  it('D2: the plan is written toward 一融双高 and the 七个有力 standard', () => {
    const plan = t.form.sections.find((s) => s.key === 'plan')!;
    expect(plan.hint).toContain('一融双高');
    expect(plan.hint).toContain('七个有力');
  });

  it('D3: one direction out of five or another; the seven requirements are the rubric', () => {
    expect(t.form.choices).toEqual([
      expect.objectContaining({ key: 'direction', options: ['人才培养', '教学科研', '学科建设', '人才队伍建设', '服务社会或师生'], allowOther: true, required: true, rule: 'D3' }),
    ]);
    expect(t.pipeline.review!.rubric.map((c) => c.label)).toEqual(['聚焦主题', '凝炼特色', '提升质量', '突出成效', '注重过程', '推广经验', '放眼长远']);
  });

  it('D4: a required section on the themed study of 《中国共产党纪律处分条例》', () => {
    expect(t.form.sections.find((s) => s.rule === 'D4')).toMatchObject({ key: 'disciplineStudy', required: true });
    expect(t.form.sections.find((s) => s.rule === 'D4')!.hint).toContain('纪律处分条例');
  });

  it('D5: 1–2 per unit by size (tiers), the department screens then evaluates', () => {
    expect(t.quota).toMatchObject({ maxPerUnit: null, maxBySize: [{ minBranches: 0, max: 1 }, { minBranches: 15, max: 2 }], rule: 'D5' });
    expect(t.pipeline.screening).not.toBeNull();
    expect(t.pipeline.review).not.toBeNull();
    expect(t.pipeline.outcome!.levels.find((l) => l.admits)).toMatchObject({ key: 'admitted' });
  });

  it('D6: deadline 2024-05-06, stamped scan of the 申报表, cycle 2024-05..2025-04, progress check in late September', () => {
    expect(stage(D, 'submission').endsAt).toBe('2024-05-06T23:59:59+08:00');
    expect(t.form.stampedScan).toMatchObject({ required: true, rule: 'D6' });
    expect(stage(D, 'execution')).toMatchObject({ startsAt: '2024-05-01T00:00:00+08:00', endsAt: '2025-04-30T23:59:59+08:00' });
    const inspection = stage(D, 'inspection');
    expect(inspection.endsAt).toBe('2024-09-30T23:59:59+08:00');
    expect(inspection.startsAt.slice(0, 7)).toBe('2024-09');
    expect(t.pipeline.execution!.inspections).toEqual([expect.objectContaining({ by: 'department', rule: 'D6' })]);
  });

  // “9 月下旬”是 9 月 21 日至 30 日；模板的中期检查阶段从 9 月 16 日（中旬）开始
  it('D6: the inspection stage is 下旬 — it starts on 2024-09-21, not in 中旬', () => {
    expect(stage(D, 'inspection').startsAt).toBe('2024-09-21T00:00:00+08:00');
  });

  it('D7: the plan must state expected results, a schedule, 特色与创新点 and a plan to spread the experience', () => {
    expect(t.form.sections.find((s) => s.key === 'plan')).toMatchObject({ required: true, requiredParts: ['预期成果', '进度安排', '特色与创新点', '推广方案'], rule: 'D7' });
  });
});

describe('E. 基层党建工作创新活动 (建党 93 周年, 2014)', () => {
  const t = track(E);

  it('E1: exactly the five directions, nothing else', () => {
    expect(t.form.choices).toEqual([
      expect.objectContaining({ key: 'direction', options: ['组织设置', '学习型党组织', '服务型党组织', '党员队伍建设', '党内民主'], allowOther: false, required: true, rule: 'E1' }),
    ]);
  });

  it('E2: all 二级党组织, 党总支 and branches of every kind take part', () => {
    expect([...t.entrant.levels].sort()).toEqual(['branch', 'generalBranch', 'unit']);
    expect([...t.entrant.branchKinds].sort()).toEqual(['graduating', 'retired', 'staff', 'student']);
    expect(t.entrant.rule).toBe('E2');
  });

  it('E3: recommendations due 06-02, college ≥ 2 and others ≥ 1, screening then a live defence, awards at the end of June', () => {
    expect(stage(E, 'submission').endsAt).toBe('2014-06-02T23:59:59+08:00');
    expect(stage(E, 'unitReview').endsAt).toBe('2014-06-02T23:59:59+08:00');
    expect(stage(E, 'submission').startsAt).toBe('2014-04-01T00:00:00+08:00'); // 4 月初开展
    expect(t.quota).toMatchObject({ maxPerUnit: null, minPerUnit: 1, minByUnitKind: { college: 2 }, rule: 'E3' });
    expect(t.pipeline.review).toMatchObject({ mode: 'defence' });
    expect(stage(E, 'defence').endsAt).toBe('2014-06-20T23:59:59+08:00');
    expect(stage(E, 'decision').endsAt).toBe('2014-06-30T23:59:59+08:00');
    expect(t.pipeline.outcome!.levels.find((l) => l.isWin)!.label).toBe('基层党建工作创新项目奖');
  });

  it('E4: good cases are publicised (publishToGallery)', () => {
    expect(t.pipeline.publishToGallery).toBe(true);
    expect(stage(E, 'publication').note).toContain('E4');
  });
});
