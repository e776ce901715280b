import { emptyContent, parseCst, toCstIso, type Branch, type Entry, type EntryContent, type EntryStatus, type HistoryItem, type Unit } from '../../../types';
import { ledgerId, type Ledger } from '../../_lib/engine/load';

/**
 * 演示申报材料（确定性生成，不用随机数）：
 * - 2021 创新奖（已结束）：已公布的获奖案例，供“案例”与往届获奖判断（A1）使用；
 * - 2026 创新奖（申报中）：已提交、已推荐（占名额，A3）、草稿；
 * - 2026 支部立项（实施中）：计算机学院各支部已定级（最佳 2 个，B5）并实施，研究生第二党支部尚未立项（B4 覆盖缺口），
 *   毕业年级支部不立项（B6）；计算机学院党委的年度总结（B3）已报送。
 * 名额台账（quotaLedgers）与材料一致。
 */

interface Spec {
  id: string;
  campaignId: string;
  trackKey: string;
  kind: Entry['kind'];
  year: number;
  branchId?: string;
  unitId?: string;
  title: string;
  status: EntryStatus;
  level?: string;
  /** 状态经过的步骤（从草稿起），时间依次后推 */
  steps: [HistoryItem['action'], EntryStatus][];
  startedAt: string;
  /** 各步骤的北京时间（与 steps 对应）；省略时从 startedAt 起每步约隔一天 */
  stepAt?: string[];
  content?: Partial<EntryContent>;
}

function innovationCase(title: string, who: string): Partial<EntryContent> {
  return {
    sections: {
      summary:
        `工作内容：${who}围绕学校中心工作开展${/^[“"]/.test(title) ? title : `“${title}”`}，把党建工作融入教学科研和师生服务全过程。` +
        `创新要点：以党支部为核心，建立“党员领衔、项目攻关、成果共享”的工作机制，做到党建与业务同谋划、同推进。` +
        `突出成效：两年来党员示范作用明显，形成了可复制、可推广的经验做法，得到师生广泛认可。`,
      body:
        `一、实施情况\n项目自启动以来，${who}按照“年初谋划、季度推进、年终总结”的节奏组织实施，全体党员全程参与。\n` +
        `二、主要做法\n一是建强组织体系，支部委员分工负责；二是搭建活动载体，定期开展主题党日和专题研讨；三是完善制度机制，形成工作台账。\n` +
        `三、工作成效\n党员先锋模范作用充分发挥，支部凝聚力和组织力显著增强，相关做法被校内多个单位借鉴。\n` +
        `四、经验启示\n党建工作必须紧扣中心任务，坚持问题导向，注重长效机制建设，才能真正把组织优势转化为发展优势。`,
    },
    dates: { startedOn: '2020-03-01' },
  };
}

function projectPlan(title: string, who: string): Partial<EntryContent> {
  return {
    sections: { plan: `${who}以“${title}”为主题开展立项活动：一是每月组织一次专题学习；二是围绕中心工作设立党员责任区；三是年底形成总结报告和典型案例。` },
    choices: { theme: '党建与中心工作深度融合' },
  };
}

const SPECS: Spec[] = [
  // ── 2021 创新奖：已公布 ──
  ...([
    ['b-cs-staff1', '“红色算力”党建与科研协同育人工程', 'award'],
    ['b-me-staff1', '“工匠先锋”党员示范岗建设', 'award'],
    ['b-info-stu1', '“信”火相传朋辈导学计划', 'award'],
    ['b-bus-stu1', '“商”学党课进社区', 'none'],
  ] as const).map(([branchId, title, level]): Spec => ({
    id: `e-2021-a-${branchId.slice(2)}`,
    campaignId: 'c-2021-a', trackKey: 'case', kind: 'A', year: 2021, branchId, title, status: 'published', level,
    steps: [['submit', 'submitted'], ['recommend', 'recommended'], ['pass', 'screened'], ['startReview', 'underReview'], ['finishReview', 'scored'], ['decide', 'decided'], ['publish', 'published']],
    startedAt: '2021-11-10 09:00',
    // 按 2021 年通知的日程：11 月底前报送，12 月审核与评审，次年 1 月评定并公布
    stepAt: ['2021-11-22 16:00', '2021-11-26 10:00', '2021-12-06 15:00', '2021-12-10 09:00', '2021-12-28 17:00', '2022-01-12 10:00', '2022-01-18 09:00'],
  })),
  // ── 2026 创新奖：申报中 ──
  { id: 'e-2026-a-cs-staff1', campaignId: 'c-2026-a', trackKey: 'case', kind: 'A', year: 2026, branchId: 'b-cs-staff1', title: '“智算先锋”党员攻坚队', status: 'submitted', steps: [['submit', 'submitted']], startedAt: '2026-11-05 10:00' },
  { id: 'e-2026-a-me-staff2', campaignId: 'c-2026-a', trackKey: 'case', kind: 'A', year: 2026, branchId: 'b-me-staff2', title: '“双带头人”引领课程思政', status: 'recommended', steps: [['submit', 'submitted'], ['recommend', 'recommended']], startedAt: '2026-11-03 15:00' },
  { id: 'e-2026-a-info-stu1', campaignId: 'c-2026-a', trackKey: 'case', kind: 'A', year: 2026, branchId: 'b-info-stu1', title: '“网格化”学生党员服务站', status: 'draft', steps: [], startedAt: '2026-11-18 20:00' },
  { id: 'e-2026-a-mat', campaignId: 'c-2026-a', trackKey: 'case', kind: 'A', year: 2026, unitId: 'u-mat', title: '“材”智融合党建工作法', status: 'draft', steps: [], startedAt: '2026-11-12 09:30' },
  // ── 2026 支部立项：实施中 ──
  ...([
    ['b-cs-staff1', '党建引领有组织科研', 'best'],
    ['b-cs-pg1', '研究生党员“揭榜挂帅”', 'best'],
    ['b-cs-staff2', '“课程思政”集体备课', 'good'],
    ['b-cs-stu1', '学习二十大精神宣讲团', 'good'],
    ['b-cs-stu2', '党员“一帮一”学业帮扶', 'good'],
    ['b-cs-staff3', '实验室安全党员责任区', 'nurture'],
    ['b-cs-stu3', '“红色经典”读书会', 'nurture'],
  ] as const).map(([branchId, title, level]): Spec => ({
    id: `e-2026-b-${branchId.slice(2)}`,
    campaignId: 'c-2026-b', trackKey: 'project', kind: 'B', year: 2026, branchId, title, status: 'inProgress', level,
    steps: [['submit', 'submitted'], ['grade', 'approved'], ['begin', 'inProgress']],
    startedAt: '2026-03-10 10:00',
  })),
];

const byId = <T extends { _id: string }>(rows: T[]) => new Map(rows.map((r) => [r._id, r]));

export function buildDemoEntries(campaignTitles: Record<string, string>, units: Unit[], branches: Branch[], actorName: (e: { unitId: string; branchId: string | null }, action: string) => string): { entries: (Entry & { updatedAtMs: number })[]; ledgers: Ledger[] } {
  const unitMap = byId(units);
  const branchMap = byId(branches);
  const entries = SPECS.map((s) => {
    const branch = s.branchId ? branchMap.get(s.branchId)! : null;
    const unit = unitMap.get(branch ? branch.unitId : s.unitId!)!;
    const who = branch?.name ?? unit.name;
    const base = parseCst(s.startedAt).getTime();
    const at = (i: number) => (i > 0 && s.stepAt ? toCstIso(parseCst(s.stepAt[i - 1])) : toCstIso(new Date(base + i * 26 * 3600_000))); // 默认每一步约隔一天
    const where = { unitId: unit._id, branchId: branch?._id ?? null };
    const history: HistoryItem[] = [
      { at: at(0), action: 'create', from: null, to: 'draft', actorPersonId: null, actorName: actorName(where, 'create'), note: '' },
      ...s.steps.map(([action, to], i): HistoryItem => ({ at: at(i + 1), action, from: i === 0 ? 'draft' : s.steps[i - 1][1], to, actorPersonId: null, actorName: actorName(where, action), note: '' })),
    ];
    const last = history[history.length - 1].at;
    const content: EntryContent = { ...emptyContent(), title: s.title, ...(s.kind === 'A' ? innovationCase(s.title, who) : projectPlan(s.title, who)), ...s.content };
    const entry: Entry & { updatedAtMs: number } = {
      _id: s.id, campaignId: s.campaignId, campaignTitle: campaignTitles[s.campaignId] ?? '', trackKey: s.trackKey, kind: s.kind, year: s.year,
      entrantLevel: branch ? 'branch' : 'unit', entrantKey: branch ? `branch:${branch._id}` : `unit:${unit._id}`, entrantName: who,
      unitId: unit._id, unitName: unit.name, generalBranchId: branch?.generalBranchId ?? null, branchId: branch?._id ?? null,
      content, status: s.status, level: s.level ?? null, rating: null, quotaExempt: false, correction: null, unitComment: '',
      progress: [], inspections: [], closingReport: '', history,
      createdAt: history[0].at, updatedAt: last, updatedAtMs: Date.parse(last),
      submittedAt: s.steps.length ? history[1].at : null, version: history.length,
    };
    return entry;
  });
  // 台账：推荐占名额的（A3）、各等级已评的（B5）
  const ledgers = new Map<string, Ledger>();
  const ledgerOf = (e: Entry) => {
    const id = ledgerId(e.campaignId, e.trackKey, e.unitId);
    if (!ledgers.has(id)) ledgers.set(id, { _id: id, campaignId: e.campaignId, trackKey: e.trackKey, unitId: e.unitId, recommended: [], exempt: [], grades: {} });
    return ledgers.get(id)!;
  };
  for (const e of entries) {
    if (e.history.some((h) => h.action === 'recommend')) ledgerOf(e).recommended.push(e._id);
    if (e.history.some((h) => h.action === 'grade') && e.level) {
      const l = ledgerOf(e);
      (l.grades[e.level] ??= []).push(e._id);
    }
  }
  return { entries, ledgers: [...ledgers.values()] };
}
