import {
  BRANCH_KIND_LABELS,
  ENTRANT_LEVEL_LABELS,
  findStage,
  formatCst,
  cstWall,
  stageOpen,
  SUBMITTED_STATUSES,
  type Branch,
  type Campaign,
  type EntrantLevel,
  type EntryContent,
  type EntryStatus,
  type Quota,
  type RuleResult,
  type Track,
  type Unit,
  type UnitKind,
} from '../../../types';

/**
 * 评选规则的纯函数部分：资格（A1、B2、B6、C1、D1、E2）、名额（A3、D5、E3、D1 豁免）、
 * 等级比例（B5）、实施满一年（A1）。不碰数据库，便于逐条单元测试；读数据在 ./load.ts。
 */

const cite = (rule: string) => (rule ? `（${rule}）` : '');

/** 申报主体的事实：由 load.ts 从组织树读出 */
export interface EntrantFacts {
  level: EntrantLevel;
  id: string;
  key: string;
  name: string;
  unit: Unit;
  branch: Branch | null;
  active: boolean;
}

/** 该主体往届的申报（同类评选），用于 A1、B2、D1 */
export interface PriorEntry {
  _id: string;
  campaignId: string;
  year: number;
  status: EntryStatus;
  title: string;
  levelLabel: string | null;
  levelIsWin: boolean;
  levelAdmits: boolean;
  quotaExempt: boolean;
}

export function entrantKeyOf(level: EntrantLevel, id: string): string {
  return `${level}:${id}`;
}

/** 标题规范化：去空白与标点，比较“同一项目”（A1） */
export function normalizeTitle(title: string): string {
  return title.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

export interface EligibilityInput {
  campaign: Pick<Campaign, 'status' | 'year' | 'stages' | 'kind'>;
  track: Track;
  entrant: EntrantFacts;
  priors: PriorEntry[];
  now: Date;
}

/** 开始申报前的资格检查：全部规则结果（含已满足的），block 项不满足时不能申报 */
export function eligibilityResults({ campaign, track, entrant, priors, now }: EligibilityInput): RuleResult[] {
  const out: RuleResult[] = [];
  const add = (ok: boolean, rule: string, message: string, severity: RuleResult['severity'] = 'block') =>
    out.push({ ok, rule, message, severity: ok ? 'info' : severity, path: '' });
  const e = track.entrant;

  if (campaign.status !== 'open') add(false, '', campaign.status === 'draft' ? '该评选尚未发布' : '该评选已结束');

  const stage = findStage(campaign, 'submission', track.key);
  if (stage) {
    const open = stageOpen(stage, now);
    const when = `${formatCst(stage.startsAt)} 至 ${formatCst(stage.endsAt)}（北京时间）`;
    if (open) add(true, '', `申报时间：${when}${stage.note ? `，${stage.note}` : ''}`);
    else if (now.getTime() < Date.parse(stage.startsAt)) add(false, '', `申报尚未开始：${when}`);
    else add(false, '', `申报已于 ${formatCst(stage.endsAt)}（北京时间）截止${stage.note ? `：${stage.note}` : ''}`);
  }

  add(entrant.active, '', entrant.active ? `${entrant.name}` : `${entrant.name}已撤销，不能申报`);

  const levelOk = e.levels.includes(entrant.level);
  add(levelOk, e.rule, levelOk ? `申报主体：${ENTRANT_LEVEL_LABELS[entrant.level]}` : `本类申报只接受${e.levels.map((l) => ENTRANT_LEVEL_LABELS[l]).join('、')}${cite(e.rule)}`);

  if (entrant.branch) {
    const kind = entrant.branch.kind;
    const kindOk = e.branchKinds.includes(kind);
    if (kindOk) add(true, e.rule, `支部类型：${BRANCH_KIND_LABELS[kind]}`);
    else if (kind === 'graduating') add(false, 'B6', '毕业年级党支部不参与立项，以“主题党日”形式开展活动，由分党委统一组织验收（B6）');
    else add(false, e.rule, `${BRANCH_KIND_LABELS[kind]}不在本次申报范围内${cite(e.rule)}`);
    if (e.invitedBranchIds) {
      const invited = e.invitedBranchIds.includes(entrant.branch._id);
      add(invited, e.rule, invited ? '在参与创建的特色支部名单内' : `只限参与创建的特色支部，${entrant.name}不在名单内${cite(e.rule)}`);
    }
  }

  if (e.excludeLastYearParticipants) {
    const last = priors.filter((p) => p.year === campaign.year - 1 && (p.levelAdmits || ['inProgress', 'closingSubmitted', 'accepted'].includes(p.status)));
    add(!last.length, 'D1', last.length ? `上一年度参与创建工作的党支部原则上不参加本年度的创建工作（D1）：${last.map((p) => `《${p.title}》`).join('、')}` : '上一年度未参与创建（D1）');
  }

  if (e.requirePreviousClosed) {
    const open = priors.filter((p) => p.year < campaign.year && ['approved', 'inProgress', 'closingSubmitted'].includes(p.status));
    add(!open.length, 'B2', open.length ? `${open.map((p) => `${p.year} 年立项《${p.title}》`).join('、')}尚未结项，请先结项再立项（B2）` : '往年立项均已结项（B2）');
  }

  if (e.excludePriorWinnersSameProject) {
    const wins = priors.filter((p) => p.year < campaign.year && p.levelIsWin && p.status === 'published');
    // 只提醒：是否“同一项目”在提交时按项目名称核对（A1）
    if (wins.length) add(false, 'A1', `往年已获奖的项目原则上不再申报（A1）：${wins.map((p) => `${p.year} 年《${p.title}》`).join('、')}，请申报新的项目`, 'warn');
  }

  if (e.minMonthsRunning > 0) add(true, e.rule || 'A1', `项目须实施满 ${e.minMonthsRunning / 12 >= 1 && e.minMonthsRunning % 12 === 0 ? `${e.minMonthsRunning / 12} 年` : `${e.minMonthsRunning} 个月`}以上（或满一个周期以上）${cite(e.rule || 'A1')}`);

  return out;
}

/** 提交时按内容再核对的资格规则：实施满一年（A1）、往届获奖的同一项目（A1） */
export function submissionRuleResults(input: { track: Track; content: EntryContent; priors: PriorEntry[]; campaignYear: number; submissionEndsAt: string | null }): RuleResult[] {
  const out: RuleResult[] = [];
  const e = input.track.entrant;
  const add = (ok: boolean, rule: string, path: string, message: string) => out.push({ ok, rule, path, message, severity: ok ? 'info' : 'block' });
  if (e.minMonthsRunning > 0) {
    const field = input.track.form.dates.find((d) => d.startOfWork);
    const started = field ? input.content.dates[field.key] : undefined;
    if (field && started && input.submissionEndsAt) {
      // 以申报截止日为准，开始日期加满 N 个月不晚于截止日（北京时间日期）
      const due = formatCst(input.submissionEndsAt, 'YYYY-MM-DD');
      const enough = cstWall(`${started}T00:00:00+08:00`).add(e.minMonthsRunning, 'month').format('YYYY-MM-DD') <= due;
      add(enough, 'A1', `dates.${field.key}`, enough ? `实施已满 ${e.minMonthsRunning} 个月` : `项目须实施满一年以上（A1）：${started} 开始，到申报截止日 ${due} 未满 ${e.minMonthsRunning} 个月`);
    }
  }
  if (e.excludePriorWinnersSameProject) {
    const title = normalizeTitle(input.content.title);
    const same = input.priors.find((p) => p.year < input.campaignYear && p.levelIsWin && p.status === 'published' && normalizeTitle(p.title) === title);
    add(!same, 'A1', 'title', same ? `往年已获奖的项目原则上不再申报（A1）：《${same.title}》已于 ${same.year} 年获${same.levelLabel ?? '奖'}` : '非往年获奖项目');
  }
  return out;
}

// ── 名额 ────────────────────────────────────────────────────────────────

/** 单位推荐上限：按规模分档（D5）取满足条件的最大一档，否则 maxPerUnit；null 为不限 */
export function maxFor(quota: Quota, unitBranchCount: number): number | null {
  if (quota.maxBySize?.length) {
    const tiers = quota.maxBySize.filter((t) => unitBranchCount >= t.minBranches).sort((a, b) => b.minBranches - a.minBranches);
    return tiers[0]?.max ?? 0;
  }
  return quota.maxPerUnit;
}

/** 单位推荐下限（E3：学院党委 2，其他 1） */
export function minFor(quota: Quota, unitKind: UnitKind): number {
  return quota.minByUnitKind[unitKind] ?? quota.minPerUnit;
}

/** 评选所在的月份（申报开始的北京时间年月，YYYY-MM）：与样板支部创建周期（按月）比较 */
export function campaignMonth(campaign: Pick<Campaign, 'stages' | 'year'>): string {
  const s = findStage(campaign, 'submission');
  return s ? formatCst(s.startsAt, 'YYYY-MM') : `${campaign.year}-01`;
}

/** 某月是否在样板支部的创建周期内（周期按月，含首尾） */
export function inModelCycle(model: { cycleStart: string; cycleEnd: string }, month: string): boolean {
  return month >= model.cycleStart && month <= model.cycleEnd;
}

/**
 * 是否不占单位名额（D1）：支部在指定的样板名单（如第四批全国），本次评选（按申报开始的年月）在其创建周期内，
 * 且周期内尚未用过这一豁免（“参与一次”）。
 */
export function quotaExemption(quota: Quota, branch: Branch | null, month: string, priors: PriorEntry[]): boolean {
  const rule = quota.exemptModelBatch;
  const m = branch?.model;
  if (!rule || !m) return false;
  if (m.level !== rule.level || (rule.batch !== null && m.batch !== rule.batch)) return false;
  if (!inModelCycle(m, month)) return false;
  const startYear = Number(m.cycleStart.slice(0, 4));
  const endYear = Number(m.cycleEnd.slice(0, 4));
  return !priors.some((p) => p.quotaExempt && p.year >= startYear && p.year <= endYear && SUBMITTED_STATUSES.includes(p.status));
}

/** 名额规定的中文说明，如“每个分党委（直属党总支）限报 1 项（A3）” */
export function quotaRuleText(quota: Quota, max: number | null, min: number, unitBranchCount: number): string {
  const parts: string[] = [];
  if (quota.maxBySize?.length) parts.push(`根据支部规模推荐 ${quota.maxBySize.map((t) => t.max).join('—')} 个，本单位 ${unitBranchCount} 个支部，可推荐 ${max ?? '不限'} 个`);
  else if (max !== null) parts.push(`每个分党委（直属党总支）限报 ${max} 项`);
  if (min > 0) parts.push(`至少推荐 ${min} 项`);
  if (quota.exemptModelBatch) parts.push('入围第四批全国党建工作样板支部的可不占名额（D1）');
  if (!parts.length) return '不限名额';
  return `${parts.join('；')}${cite(quota.rule)}`;
}

// ── 等级比例 ────────────────────────────────────────────────────────────

/**
 * 等级比例上限（B5：“最佳方案”比例控制在 30% 左右）：上限 = 四舍五入(基数 × 比例)，至少 1。
 * 基数为本单位本类别已提交的项目数。“左右”取四舍五入，小单位（1–2 个项目）也可有 1 个最佳。
 */
export function gradeCap(capPercent: number | null, base: number): number | null {
  if (capPercent === null) return null;
  return Math.max(1, Math.round((base * capPercent) / 100));
}
