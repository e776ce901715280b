import type { Branch, Campaign, Case, Entry, GeneralBranch, Notice, Person, Unit } from '../../../types';
import { caseFromEntry } from '../../_lib/engine/cases';
import { buildDemoCampaigns } from './campaigns';
import { buildDemoEntries } from './entries';
import type { Ledger } from '../../_lib/engine/load';
import { buildNotices } from './notices';
import {
  buildOrg,
  committeeMemberIdOf,
  DEPT_ADMIN_IDS,
  JUDGE_UNIT_ADMIN_UNIT_ID,
  PARTY_CADRE_JUDGE_ID,
  SECRETARY_JUDGE_BRANCH_ID,
  secretaryIdOf,
  unitAdminIdOf,
} from './org';

export { branchIdOf, committeeMemberIdOf, secretaryIdOf, unitAdminIdOf, unitIdOf } from './org';

/**
 * 本地演示数据：虚构的“北辰大学”组织树与人员，加上五份原始通知（A–E，正文为原文）。
 * 只在本地运行时（npm start、测试）写入，微信正式环境不使用。
 */
export interface DemoData {
  units: Unit[];
  generalBranches: GeneralBranch[];
  branches: Branch[];
  people: Person[];
  notices: Notice[];
  campaigns: Campaign[];
  entries: (Entry & { updatedAtMs: number })[];
  quotaLedgers: Ledger[];
  cases: Case[];
}

/**
 * 演示人员的 openid 前缀。数据里的人员不带任何微信身份（Person 没有 openid 字段；
 * 微信身份与人员的绑定存于 bindings 集合）。本地运行时自己把人员 p 绑定为
 * `local-${p._id}`（见 ../seed.ts 写入 bindings、../server.ts 的本地登录页），
 * 这种 openid 只在本地模式出现，微信环境里不存在。
 */
export const DEMO_OPENID_PREFIX = 'local-';

let cache: string | null = null;

/**
 * 纯函数且确定：不用随机数、不读时钟，每次返回内容相同的新对象（调用方改动返回值不影响下一次）。
 * 通知正文读自本目录 notices/*.txt，首次调用后缓存。
 */
export function buildDemoData(): DemoData {
  if (cache === null) {
    const org = buildOrg();
    const people = new Map(org.people.map((p) => [p._id, p.name]));
    // 时间线上的执行者：支部书记填报与提交，分党委管理员推荐与定级，组织部其余
    const actorName = (where: { unitId: string; branchId: string | null }, action: string) => {
      const id = ['recommend', 'grade'].includes(action) || !where.branchId
        ? unitAdminIdOf(where.unitId)
        : ['create', 'submit', 'begin'].includes(action) ? secretaryIdOf(where.branchId) : DEPT_ADMIN_IDS[0];
      return people.get(id) ?? '';
    };
    const campaigns = buildDemoCampaigns();
    const { entries, ledgers } = buildDemoEntries(Object.fromEntries(campaigns.map((c) => [c._id, c.title])), org.units, org.branches, actorName);
    // 已公布的获奖材料进入成果储备库：公布时刻取其时间线最后一步
    const cases = entries
      .filter((e) => e.status === 'published')
      .map((e) => caseFromEntry(e, campaigns.find((c) => c._id === e.campaignId)!, new Date(e.updatedAtMs), 'published'))
      .filter((c): c is Case & { publishedAtMs: number } => !!c);
    const data: DemoData = { ...org, notices: buildNotices(), campaigns, entries, quotaLedgers: ledgers, cases };
    cache = JSON.stringify(data);
  }
  return JSON.parse(cache) as DemoData;
}

/** 本地登录页上的一个演示身份 */
export interface DemoPersona {
  personId: string;
  label: string;
  description: string;
}

/**
 * 本地登录页列出的演示身份：每种角色一到两名，中文标签形如“组织部管理员 · 王老师”。
 * 数据里找不到的人员（调用方传入了改过的数据）跳过。
 */
export function demoPersonas(data: DemoData): DemoPersona[] {
  const people = new Map(data.people.map((p) => [p._id, p]));
  const units = new Map(data.units.map((u) => [u._id, u]));
  const branches = new Map(data.branches.map((b) => [b._id, b]));
  const unitName = (p: Person) => (p.unitId ? (units.get(p.unitId)?.name ?? '') : '');
  const branchName = (p: Person) => (p.branchId ? (branches.get(p.branchId)?.name ?? '') : '');
  // 学生支部里除支部书记（多由辅导员担任）外都是学生
  const isStudent = (p: Person) => {
    const kind = p.branchId ? branches.get(p.branchId)?.kind : undefined;
    return (kind === 'student' || kind === 'graduating') && p._id !== secretaryIdOf(p.branchId ?? '');
  };
  const modelNote = (p: Person) => {
    const m = p.branchId ? branches.get(p.branchId)?.model : null;
    if (!m) return '';
    const level = { national: '全国', provincial: '省级', school: '校级' }[m.level];
    const batch = m.batch ? `第${'〇一二三四五六七八九'[m.batch] ?? m.batch}批` : '';
    return `（${batch}${level}样板党支部）`;
  };
  const call = (p: Person) => `${p.name.slice(0, 1)}${isStudent(p) ? '同学' : '老师'}`;

  const picks: { id: string; role: string; describe: (p: Person) => string }[] = [
    {
      id: DEPT_ADMIN_IDS[0],
      role: '组织部管理员',
      describe: () => '党委组织部：发布通知、设置评选、审核与公布结果（全校范围）',
    },
    {
      id: unitAdminIdOf('u-cs'),
      role: '分党委管理员',
      describe: (p) => `${unitName(p)}：审核推荐本单位支部材料、撰写单位总结`,
    },
    {
      id: unitAdminIdOf(JUDGE_UNIT_ADMIN_UNIT_ID),
      role: '分党委管理员兼评委',
      describe: (p) => `${unitName(p)}管理员，同时担任评委`,
    },
    {
      id: secretaryIdOf('b-cs-stu1'),
      role: '支部书记',
      describe: (p) => `${branchName(p)}：编写并提交本支部材料，同时是本支部党员`,
    },
    {
      id: committeeMemberIdOf('b-cs-staff1'),
      role: '支委',
      describe: (p) => `${branchName(p)}${modelNote(p)}：协助书记编写本支部材料`,
    },
    {
      id: PARTY_CADRE_JUDGE_ID,
      role: '评委（党务干部）',
      describe: (p) => `${unitName(p)}党务干部：函评、答辩打分`,
    },
    {
      id: secretaryIdOf(SECRETARY_JUDGE_BRANCH_ID),
      role: '评委（支部书记代表）',
      describe: (p) => `${branchName(p)}书记，兼任评委`,
    },
    {
      id: 'p-cs-stu1-1',
      role: '党员',
      describe: (p) => `${branchName(p)}学生党员：阅读通知与公开的优秀案例`,
    },
    {
      id: 'p-ret-1-1',
      role: '党员',
      describe: (p) => `${branchName(p)}离退休党员：阅读通知与公开的优秀案例`,
    },
  ];

  const out: DemoPersona[] = [];
  for (const pick of picks) {
    const p = people.get(pick.id);
    if (!p) continue;
    out.push({ personId: p._id, label: `${pick.role} · ${call(p)}`, description: pick.describe(p) });
  }
  return out;
}
