import type { z } from 'zod';
import { campaignBodySchema, parseCst, toCstIso, type CampaignBody, type CampaignKind, type Criterion, type StageKey } from '../../types';

/**
 * 五份原始通知 = 五个内置模板。每条规则注明出处（DOMAIN.md 的编号）。
 * 通知没有规定而系统又必须有的数值（如 B 立项方案的字数上限、D5 “按规模”的分档线、评分权重）
 * 取合理默认值并在注释中标明“通知未规定”，组织部复制到新一年时可在表单里改。
 */

/** 模板的原始数据：按契约的输入类型写（编译期检查），取用时再由 campaignBodySchema 校验并补默认值 */
type TemplateInput = z.input<typeof campaignBodySchema>;

const at = (wall: string) => toCstIso(parseCst(wall));
function stage(key: StageKey, label: string, from: string, to: string, note = '', track: string | null = null) {
  return { key, label, startsAt: at(from), endsAt: at(to), note, track };
}

/**
 * 通知未规定各项分值：等分总分。分值取整数、余数从第一项起各加 1（六项 17、17、17、17、16、16），
 * 使各项之和正好是总分（四舍五入到 16.7 时六项合计 100.2），且每项满分都在 0.5 分一档上。
 */
const equalRubric = (labels: [string, string][], total = 100): Criterion[] => {
  const base = Math.floor(total / labels.length);
  const extra = total - base * labels.length;
  return labels.map(([label, description], i) => ({ key: `c${i + 1}`, label, description, maxScore: base + (i < extra ? 1 : 0) }));
};

const ALL_BRANCH_KINDS = ['staff', 'student', 'graduating', 'retired'] as const;

// ── A. 基层党建工作创新奖（东大组字〔2021〕53号）────────────────────────
const A = (): TemplateInput => ({
  kind: 'A',
  title: '2021 年度基层党建工作创新奖评选',
  year: 2021,
  noticeId: 'n-2021-53',
  docNumber: '东大组字〔2021〕53号',
  stages: [
    stage('submission', '申报与报送', '2021-10-26 00:00', '2021-11-30 23:59:59', '2021 年 11 月 30 日前报送（A4）'),
    stage('unitReview', '分党委审查推荐', '2021-10-26 00:00', '2021-11-30 23:59:59', '每个分党委（直属党总支）限报 1 项（A3）'),
    stage('screening', '组织部审核与补正', '2021-12-01 00:00', '2021-12-20 23:59:59', '不合规的限期补正（A8）'),
    stage('review', '评审', '2021-12-01 00:00', '2021-12-31 23:59:59'),
    stage('decision', '评定', '2022-01-01 00:00', '2022-01-31 23:59:59'),
    stage('publication', '公布与宣传', '2022-01-01 00:00', '2022-12-31 23:59:59', '获奖项目通过 We党微家 等平台宣传（A7）'),
  ],
  tracks: [
    {
      key: 'case',
      label: '创新奖申报',
      description: '分党委、直属党总支、党总支、党支部的创新工作成果，实施满一年以上（A1）',
      entrant: {
        levels: ['unit', 'generalBranch', 'branch'],
        branchKinds: [...ALL_BRANCH_KINDS],
        minMonthsRunning: 12, // A1 实施满一年以上
        excludePriorWinnersSameProject: true, // A1 往年已获奖项目原则上不再申报
        rule: 'A1',
      },
      quota: { maxPerUnit: 1, rule: 'A3' }, // A3 每个分党委（直属党总支）限报 1 项
      form: {
        titleLabel: '项目名称',
        titleMaxChars: 40,
        sections: [
          { key: 'summary', title: '案例简介', hint: '写明工作内容、创新要点和突出成效', required: true, maxChars: 300, requiredParts: ['工作内容', '创新要点', '突出成效'], rule: 'A5' },
          { key: 'body', title: '正文', hint: '包括实施情况、主要做法、工作成效、经验启示等部分，实事求是、简洁精炼、层次清晰', required: true, maxChars: 2000, requiredParts: ['实施情况', '主要做法', '工作成效', '经验启示'], rule: 'A5' },
        ],
        dates: [{ key: 'startedOn', label: '项目开始实施日期', required: true, startOfWork: true, hint: '须实施满一年以上（或满一个周期以上）', rule: 'A1' }],
        photoGroups: [{ key: 'main', label: '活动照片', min: 0, max: 10, suggested: 5, captionMaxChars: 20, rule: 'A5' }],
        documents: { max: 20, label: '支撑材料（文章、著作、视频、新闻报道等）', mergeIntoPdf: true, rule: 'A6' },
        stampedScan: { required: true, label: '加盖公章的文字材料扫描件', rule: 'A4' },
      },
      pipeline: {
        unitStep: 'recommend',
        unitChecklist: ['已审查材料的真实性、准确性、完整性'],
        screening: {
          correctionDays: 7, // 通知未规定补正天数，默认 7 天
          checklist: ['简介 300 字以内并写明三要点', '正文 2000 字以内并含四部分', '照片说明 20 字以内', '纸质材料加盖公章', '多项支撑材料已合成带目录的 PDF'],
        },
        review: {
          mode: 'correspondence',
          // A2 六项评选标准；通知未给权重，按等权
          rubric: equalRubric([
            ['把握政治方向', '以习近平新时代中国特色社会主义思想为指导，增强政治功能和提升组织力'],
            ['树立问题导向', '聚焦新形势新任务，对代表性、普遍性问题有针对性地提出解决方案'],
            ['坚持质量优先', '围绕一项工作或一个主题，突出特色和创新点，在深、细、实上下功夫'],
            ['注重成效启示', '发挥引领带动作用，具有借鉴意义，对推广和长期发展有深入思考'],
            ['突出党员作用', '体现党员的参与意识和热情，防止以业务工作、文体活动替代党建工作'],
            ['做好工作结合', '与年度基层党建重点工作相结合'],
          ]),
        },
        outcome: {
          kind: 'award',
          levels: [
            { key: 'award', label: '基层党建工作创新奖', isWin: true },
            { key: 'none', label: '未获奖', isWin: false },
          ],
        },
        execution: null,
        closing: null,
        publishToGallery: true, // A7 成果储备库
      },
    },
  ],
});

// ── B. 基层党组织活动方案立项（东大组字〔2022〕5号）─────────────────────
const B_THEMES = [
  '学习宣传贯彻党的二十大精神',
  '加强理论武装',
  '贯彻落实《条例》',
  '提升政治功能和组织力',
  '样板支部培育创建',
  '党建引领育人',
  '党建与中心工作深度融合',
];
const B = (): TemplateInput => ({
  kind: 'B',
  title: '2022 年度基层党组织活动方案立项',
  year: 2022,
  noticeId: 'n-2022-5',
  docNumber: '东大组字〔2022〕5号',
  stages: [
    stage('submission', '支部申报', '2022-03-01 00:00', '2022-03-31 23:59:59', '3 月 1 日至 3 月 31 日（B2）'),
    stage('unitReview', '分党委评审立项', '2022-03-01 00:00', '2022-03-31 23:59:59', '分党委组织评审并定等级（B5）'),
    stage('submission', '分党委报送总结', '2022-03-01 00:00', '2022-04-01 17:00', '4 月 1 日 17:00 前（B3）', 'unitSummary'),
    stage('screening', '组织部查收', '2022-04-01 00:00', '2022-04-30 23:59:59', '', 'unitSummary'),
    stage('execution', '方案实施', '2022-04-01 00:00', '2022-12-31 23:59:59', '4 月 1 日至 12 月 31 日，分党委指导检查（B8）'),
    stage('closing', '验收评价', '2023-01-01 00:00', '2023-03-10 23:59:59', '次年 1 月 1 日至 3 月初（B2）'),
  ],
  tracks: [
    {
      key: 'project',
      label: '支部活动方案立项',
      description: '教职工、学生党支部立项全覆盖（B4）；毕业年级党支部不立项（B6）；先结项再立项（B2）',
      entrant: {
        levels: ['branch'],
        branchKinds: ['staff', 'student', 'retired'], // B6 毕业年级党支部不参与立项
        requirePreviousClosed: true, // B2 原则上应先结项再立项
        rule: 'B6',
      },
      quota: {},
      form: {
        titleLabel: '立项主题',
        titleMaxChars: 40,
        sections: [
          // 通知未规定方案字数，系统上限 3000 字
          { key: 'plan', title: '活动方案', hint: '活动目标、内容与步骤、预期成效', required: true, maxChars: 3000, rule: 'B1' },
          {
            key: 'budget',
            title: '经费预算（可选）',
            hint: '经费按党建活动经费使用管理的有关规定使用；分党委可对实施较好的项目统筹加强经费保障',
            required: false,
            maxChars: 300, // 通知未规定字数
            rule: 'B7',
          },
        ],
        choices: [{ key: 'theme', label: '立项主题方向', options: B_THEMES, allowOther: true, required: true, rule: 'B1' }],
        photoGroups: [],
      },
      pipeline: {
        unitStep: 'grade',
        screening: null,
        review: null,
        outcome: {
          kind: 'grade',
          levels: [
            { key: 'best', label: '最佳', capPercent: 30, isWin: true }, // B5 最佳方案比例控制在 30% 左右
            { key: 'good', label: '优秀', isWin: true },
            { key: 'nurture', label: '培育', isWin: false },
          ],
          modelExpectedLevel: 'best', // B9 样板支部原则上应达到最佳
        },
        execution: { inspections: [{ key: 'unitCheck', label: '分党委督促检查', by: 'unit', rule: 'B8' }] },
        closing: { by: 'unit', ratings: ['优秀', '合格', '不合格'], methods: ['党支部书记述职', '党支部工作例会', '党建工作研讨会'] },
        publishToGallery: false,
      },
    },
    {
      key: 'unitSummary',
      label: '分党委年度立项工作总结',
      description: '上一年度立项工作总结：基本情况与 1–2 个特色案例（B3）',
      entrant: { levels: ['unit'], branchKinds: [...ALL_BRANCH_KINDS], rule: 'B3' },
      quota: { maxPerUnit: 1, rule: 'B3' },
      form: {
        titleLabel: '总结标题',
        sections: [
          { key: 'overview', title: '基本情况', hint: '可突出工作成效、存在问题、经验做法', required: true, maxChars: 1000, rule: 'B3' },
          { key: 'case1', title: '特色案例一', hint: '立项主题、实施过程和内容、成效经验与启示', required: true, minChars: 300, maxChars: 500, rule: 'B3' },
          { key: 'case2', title: '特色案例二（可选）', hint: '立项主题、实施过程和内容、成效经验与启示', required: false, minChars: 300, maxChars: 500, rule: 'B3' },
        ],
        photoGroups: [
          { key: 'case1', label: '特色案例一照片', min: 2, max: 3, captionMaxChars: 20, withSection: 'case1', rule: 'B3' },
          { key: 'case2', label: '特色案例二照片', min: 2, max: 3, captionMaxChars: 20, withSection: 'case2', rule: 'B3' },
        ],
        // B3（2）本年度立项结果汇总表：系统可从本单位已立项的材料生成，定稿后连同盖章扫描件上传
        documents: { max: 4, required: true, label: '本年度立项结果汇总表（电子版与盖章扫描件）', rule: 'B3' },
        stampedScan: { required: true, label: '加盖公章的扫描件', rule: 'B3' },
      },
      pipeline: {
        unitStep: 'none',
        screening: { correctionDays: 5, checklist: ['基本情况 1000 字以内', '特色案例 1–2 个，每个 300–500 字', '每个案例 2–3 张配文字注释的照片', '加盖公章'] },
        review: null,
        outcome: null,
        execution: null,
        closing: null,
        publishToGallery: false,
      },
    },
  ],
});

// ── C. 特色支部创建成果验收（东大组字〔2021〕8号）───────────────────────
const C = (): TemplateInput => ({
  kind: 'C',
  title: '2020 年度特色支部创建工作成果验收',
  year: 2021,
  noticeId: 'n-2021-8',
  docNumber: '东大组字〔2021〕8号',
  stages: [
    stage('submission', '验收材料报送', '2021-03-15 00:00', '2021-04-14 17:00', '4 月 14 日下班前（C4）'),
    stage('unitReview', '分党委审核把关', '2021-03-15 00:00', '2021-04-14 17:00', '分党委审核真实性和准确性（C3）'),
    stage('review', '函评验收', '2021-04-15 00:00', '2021-05-15 23:59:59', '党务干部、师生党支部书记代表评审（C1）'),
    stage('decision', '验收评定', '2021-05-16 00:00', '2021-05-31 23:59:59'),
    stage('publication', '宣传推广与成果文集', '2021-06-01 00:00', '2021-12-31 23:59:59', '优秀案例编入案例汇编（C1）'),
  ],
  tracks: [
    {
      key: 'acceptance',
      label: '特色支部创建成果验收',
      description: '“六个一”：创建工作方案、成果展示视频、线上宣传推广、现场分享交流、函评验收、成果文集（C1）',
      entrant: {
        levels: ['branch'],
        branchKinds: [...ALL_BRANCH_KINDS],
        invitedBranchIds: [], // 参与创建的支部名单由组织部在定义里列出（演示数据见 demo/campaigns.ts）
        rule: 'C1',
      },
      quota: {},
      form: {
        titleLabel: '特色支部创建项目名称',
        sections: [
          {
            key: 'plan',
            title: '创建工作方案',
            hint: '工作内容（含党员认知、参与、评价和作用发挥）、建设成果、特色做法、宣传推广情况；连续两年参与的还应写长效机制（C2）',
            required: true,
            maxChars: 1500,
            requiredParts: ['工作内容', '建设成果', '特色做法', '宣传推广'],
            rule: 'C1',
          },
        ],
        dates: [{ key: 'meetingOn', label: '支部大会或支委会总结日期', required: true, rule: 'C3' }],
        photoGroups: [{ key: 'main', label: '照片', min: 0, max: 9, captionMaxChars: 20, rule: 'C1' }],
        video: { required: true, maxSeconds: 480, minWidth: 1024, minHeight: 768, format: 'mp4', label: '成果展示视频', rule: 'C1' },
        documents: { max: 20, label: '影像资料、新闻报道等支撑材料', mergeIntoPdf: true, rule: 'C1' },
        declarations: [
          { key: 'meeting', text: '已通过支部大会或支委会对创建工作进行全面梳理和系统总结', rule: 'C3' },
          { key: 'noRoutine', text: '材料未罗列日常工作和行政事务', rule: 'C3' },
        ],
      },
      pipeline: {
        unitStep: 'recommend',
        unitChecklist: ['已核实验收材料的真实性和准确性', '已组织现场分享交流并填写《特色支部创建工作评价表》'],
        screening: null,
        review: {
          mode: 'correspondence',
          // C2 验收内容四项；通知未给权重，按等权
          rubric: equalRubric([
            ['工作内容', '精、深、实、新；党员认知、参与、评价和作用发挥'],
            ['建设成果', '创建目标完成情况，为师生解决实际问题的标志性成果'],
            ['特色做法', '问题导向，创造性解决问题的典型经验做法'],
            ['宣传推广', '易学易懂、便于推广的经验；连续两年参与的注重长效机制'],
          ]),
        },
        outcome: {
          kind: 'admission',
          levels: [
            { key: 'excellent', label: '优秀（编入案例汇编）', isWin: true },
            { key: 'passed', label: '通过验收', isWin: false },
            { key: 'failed', label: '未通过验收', isWin: false },
          ],
        },
        execution: null,
        closing: null,
        publishToGallery: true, // C1.6 成果文集
      },
    },
  ],
});

// ── D. 特色支部创建申报（东大组字〔2024〕64号）──────────────────────────
const D = (): TemplateInput => ({
  kind: 'D',
  title: '2024 年特色支部创建申报',
  year: 2024,
  noticeId: 'n-2024-64',
  docNumber: '东大组字〔2024〕64号',
  stages: [
    stage('submission', '支部申报', '2024-04-22 00:00', '2024-05-06 23:59:59', '5 月 6 日前报送申报表（D6）'),
    stage('unitReview', '分党委推荐', '2024-04-22 00:00', '2024-05-06 23:59:59', '根据支部规模推荐 1–2 个（D5）'),
    stage('screening', '组织部初审', '2024-05-07 00:00', '2024-05-15 23:59:59'),
    stage('review', '评审', '2024-05-07 00:00', '2024-05-20 23:59:59'),
    stage('decision', '确定创建支部', '2024-05-21 00:00', '2024-05-31 23:59:59'),
    stage('execution', '创建周期', '2024-05-01 00:00', '2025-04-30 23:59:59', '2024 年 5 月至 2025 年 4 月（D6）'),
    stage('inspection', '中期检查', '2024-09-21 00:00', '2024-09-30 23:59:59', '9 月下旬（D6）'),
  ],
  tracks: [
    {
      key: 'application',
      label: '特色支部创建申报',
      description: '上一年度参与创建的支部原则上不参加；不支持联合申报；第四批全国样板支部可不占名额（D1）',
      entrant: {
        levels: ['branch'],
        branchKinds: [...ALL_BRANCH_KINDS],
        excludeLastYearParticipants: true, // D1
        allowJointEntries: false, // D1
        rule: 'D1',
      },
      quota: {
        // D5 根据支部规模推荐 1–2 个；通知未给分档线，默认所辖支部 15 个及以上的可推荐 2 个
        maxBySize: [
          { minBranches: 0, max: 1 },
          { minBranches: 15, max: 2 },
        ],
        exemptModelBatch: { level: 'national', batch: 4 }, // D1 第四批全国党建工作样板支部不占名额
        rule: 'D5',
      },
      form: {
        titleLabel: '创建项目名称',
        sections: [
          {
            key: 'plan',
            title: '创建方案',
            hint: '围绕“一融双高”与“七个有力”（D2），写明预期成果、进度安排、特色与创新点、交流推广方案（D7）',
            required: true,
            maxChars: 3000, // 通知未规定字数，系统上限
            requiredParts: ['预期成果', '进度安排', '特色与创新点', '推广方案'],
            rule: 'D7',
          },
          { key: 'disciplineStudy', title: '《条例》专题学习活动安排', hint: '围绕《中国共产党纪律处分条例》组织 1 次特色鲜明的学习活动', required: true, maxChars: 800, rule: 'D4' },
        ],
        choices: [
          { key: 'direction', label: '创建方向', options: ['人才培养', '教学科研', '学科建设', '人才队伍建设', '服务社会或师生'], allowOther: true, required: true, rule: 'D3' },
        ],
        stampedScan: { required: true, label: '申报表（加盖公章扫描件）', rule: 'D6' },
      },
      pipeline: {
        unitStep: 'recommend',
        unitChecklist: ['已对申报材料的真实性、准确性和可行性进行论证把关'],
        screening: { correctionDays: 3, checklist: ['申报条件（D1）', '方向与七项要求（D3）', '《条例》学习活动（D4）', '申报表加盖公章（D6）'] },
        review: {
          mode: 'correspondence',
          // D3 七项要求；通知未给权重，按等权
          rubric: equalRubric([
            ['聚焦主题', '围绕选定方向设计活动，避免大而全'],
            ['凝炼特色', '标志性、代表性、创新性、实效性的理念和做法'],
            ['提升质量', '切中要害、精准发力，避免贪大求多'],
            ['突出成效', '形成标志性成果'],
            ['注重过程', '全面把握创建进度，加强过程化指导'],
            ['推广经验', '总结、宣传和推广创建成果'],
            ['放眼长远', '品牌意识，制度固化建设成果'],
          ]),
        },
        outcome: {
          kind: 'admission',
          levels: [
            { key: 'admitted', label: '入选创建', admits: true, isWin: true },
            { key: 'notAdmitted', label: '未入选', isWin: false },
          ],
        },
        execution: { inspections: [{ key: 'september', label: '九月中期检查', by: 'department', rule: 'D6' }] },
        closing: null, // 创建成果在次年的成果验收（C 类评选）中验收
        publishToGallery: false,
      },
    },
  ],
});

// ── E. 基层党建工作创新活动（建党 93 周年，2014）──────────────────────────
const E = (): TemplateInput => ({
  kind: 'E',
  title: '2014 年基层党建工作创新活动',
  year: 2014,
  noticeId: 'n-2014-e',
  docNumber: '',
  stages: [
    stage('submission', '活动开展与推荐材料', '2014-04-01 00:00', '2014-06-02 23:59:59', '6 月 2 日前报送推荐材料（E3）'),
    stage('unitReview', '二级党组织推荐', '2014-04-01 00:00', '2014-06-02 23:59:59', '学院党委不少于 2 项，其他不少于 1 项（E3）'),
    stage('screening', '初步审核', '2014-06-03 00:00', '2014-06-10 23:59:59', '确定参加终审答辩的活动（E3）'),
    stage('defence', '终审答辩', '2014-06-11 00:00', '2014-06-20 23:59:59', '6 月上旬—6 月 20 日（E3）'),
    stage('decision', '评定', '2014-06-21 00:00', '2014-06-30 23:59:59'),
    stage('publication', '表彰与宣传', '2014-06-21 00:00', '2014-12-31 23:59:59', '6 月底表彰，好的案例宣传推广（E4）'),
  ],
  tracks: [
    {
      key: 'activity',
      label: '创新活动',
      description: '各二级党组织及所属党支部均应结合实际开展创新活动（E2）',
      entrant: { levels: ['unit', 'generalBranch', 'branch'], branchKinds: [...ALL_BRANCH_KINDS], rule: 'E2' },
      quota: { minPerUnit: 1, minByUnitKind: { college: 2 }, rule: 'E3' }, // E3 学院党委不少于 2 项，其他二级党组织不少于 1 项
      form: {
        titleLabel: '创新活动名称',
        sections: [{ key: 'summary', title: '创新活动总结材料', hint: '活动方案、实施过程与效果', required: true, maxChars: 3000, rule: 'E3' }],
        choices: [{ key: 'direction', label: '创新方向', options: ['组织设置', '学习型党组织', '服务型党组织', '党员队伍建设', '党内民主'], required: true, rule: 'E1' }],
        photoGroups: [{ key: 'main', label: '活动照片', min: 0, max: 9, captionMaxChars: 20 }],
      },
      pipeline: {
        unitStep: 'recommend',
        screening: { correctionDays: 3, checklist: ['方向属于五个方面之一（E1）'] },
        review: {
          mode: 'defence',
          // 通知未列评分项，默认四项等权
          rubric: equalRubric([
            ['创新性', '思路、载体、方法的创新'],
            ['实效性', '活动实施效果'],
            ['示范性', '可推广、可借鉴'],
            ['现场展示', '负责人现场展示活动实施效果'],
          ]),
        },
        outcome: {
          kind: 'award',
          levels: [
            { key: 'award', label: '基层党建工作创新项目奖', isWin: true },
            { key: 'none', label: '未获奖', isWin: false },
            { key: 'notFinalist', label: '未入围答辩', isWin: false },
          ],
        },
        execution: null,
        closing: null,
        publishToGallery: true, // E4
      },
    },
  ],
});

/**
 * 内置模板（按评选类型）。第一次取用时才排出并校验（issue 8：campaigns、entries 冷启动不为五份模板付解析与
 * 北京时间换算的代价），之后缓存；缓存只读，取用时深拷贝。
 */
const TEMPLATES: Record<CampaignKind, () => TemplateInput> = { A, B, C, D, E };
const parsed = new Map<CampaignKind, CampaignBody>();

export function builtInTemplate(kind: CampaignKind): CampaignBody {
  let body = parsed.get(kind);
  if (!body) {
    body = campaignBodySchema.parse(TEMPLATES[kind]());
    parsed.set(kind, body);
  }
  return structuredClone(body);
}

export function builtInTemplates(): CampaignBody[] {
  return (Object.keys(TEMPLATES) as CampaignKind[]).map(builtInTemplate);
}
