import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BRANCH_KINDS,
  branchSchema,
  docIdSchema,
  generalBranchSchema,
  noticeSchema,
  personSchema,
  ROLES,
  UNIT_KINDS,
  unitSchema,
} from '../../types';
import { buildDemoData, DEMO_OPENID_PREFIX, demoPersonas, secretaryIdOf } from '../../cloudfunctions/_local/demo';
import { parseNoticeText, summarize, tidySpacing } from '../../cloudfunctions/_local/demo/notices';

const data = buildDemoData();
const NOTICE_DIR = path.join(__dirname, '../../cloudfunctions/_local/demo/notices');
const SEED_FILES: Record<string, string> = {
  A: '000_e8f6fe71a25d61a2.txt',
  B: '001_790835e522af9ef0.txt',
  C: '002_901603d69f384f58.txt',
  D: '003_76d091431b20714f.txt',
  E: '004_6d5033645c6035c6.txt',
};
const nonWhitespace = (s: string) => s.replace(/[\s\u3000]/g, '').length;

describe('demo data: the fictional 北辰大学', () => {
  it('validates every record against the shared schemas', () => {
    for (const u of data.units) unitSchema.parse(u);
    for (const g of data.generalBranches) generalBranchSchema.parse(g);
    for (const b of data.branches) branchSchema.parse(b);
    for (const p of data.people) personSchema.parse(p);
    for (const n of data.notices) noticeSchema.parse(n);
  });

  it('uses unique, safe, readable ids', () => {
    const all = [...data.units, ...data.generalBranches, ...data.branches, ...data.people, ...data.notices].map((r) => r._id);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(docIdSchema.safeParse(id).success).toBe(true);
    expect(data.units.every((u) => u._id.startsWith('u-'))).toBe(true);
    expect(data.branches.every((b) => b._id.startsWith('b-'))).toBe(true);
    expect(data.people.every((p) => p._id.startsWith('p-'))).toBe(true);
    expect(data.units.map((u) => u._id)).toContain('u-cs');
    expect(data.branches.map((b) => b._id)).toContain('b-cs-stu1');
    // 本地登录的 openid 由前缀 + 人员 id 组成，仍须是安全字符
    for (const p of data.people) expect(`${DEMO_OPENID_PREFIX}${p._id}`).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('keeps the real university out of the fictional organisation', () => {
    const names = [...data.units, ...data.generalBranches, ...data.branches, ...data.people].map((r) => r.name);
    for (const n of names) expect(n).not.toMatch(/东北大学|东大/);
  });

  it('has every unit kind and at least 10 units (4+ 学院党委, 3+ 分党委, 2 直属党总支)', () => {
    expect(data.units.length).toBeGreaterThanOrEqual(10);
    for (const kind of UNIT_KINDS) expect(data.units.some((u) => u.kind === kind)).toBe(true);
    expect(data.units.filter((u) => u.kind === 'college').length).toBeGreaterThanOrEqual(4);
    expect(data.units.filter((u) => u.kind === 'committee').length).toBeGreaterThanOrEqual(3);
    expect(data.units.filter((u) => u.kind === 'directGeneralBranch').length).toBe(2);
  });

  it('has every branch kind, at least 55 branches, all under existing units and 党总支', () => {
    expect(data.branches.length).toBeGreaterThanOrEqual(55);
    for (const kind of BRANCH_KINDS) expect(data.branches.some((b) => b.kind === kind)).toBe(true);
    expect(data.branches.filter((b) => b.kind === 'graduating').length).toBeGreaterThanOrEqual(3);
    const unitIds = new Set(data.units.map((u) => u._id));
    const generalBranches = new Map(data.generalBranches.map((g) => [g._id, g]));
    for (const b of data.branches) {
      expect(unitIds.has(b.unitId)).toBe(true);
      if (b.generalBranchId) expect(generalBranches.get(b.generalBranchId)?.unitId).toBe(b.unitId);
      expect(b.memberCount).toBeGreaterThanOrEqual(5);
      expect(b.memberCount).toBeLessThanOrEqual(60);
    }
    for (const g of data.generalBranches) expect(unitIds.has(g.unitId)).toBe(true);
    expect(data.branches.some((b) => b.generalBranchId)).toBe(true);
    expect(data.branches.some((b) => !b.generalBranchId)).toBe(true);
    for (const u of data.units) expect(data.branches.some((b) => b.unitId === u._id)).toBe(true);
  });

  it('lists 样板党支部 including a national batch-4 branch (D1) and other levels', () => {
    const models = data.branches.filter((b) => b.model).map((b) => b.model!);
    expect(models.some((m) => m.level === 'national' && m.batch === 4)).toBe(true);
    expect(models.some((m) => m.level === 'national' && m.batch !== 4)).toBe(true);
    expect(models.some((m) => m.level === 'provincial')).toBe(true);
    expect(models.some((m) => m.level === 'school')).toBe(true);
    for (const m of models) {
      expect(m.cycleStart).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(m.cycleEnd).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(m.cycleStart < m.cycleEnd).toBe(true);
    }
  });

  it('has every role, with scopes that point at real units and branches', () => {
    const roles = new Set(data.people.flatMap((p) => p.roles.map((r) => r.role)));
    for (const role of ROLES) expect(roles.has(role)).toBe(true);
    const units = new Set(data.units.map((u) => u._id));
    const branches = new Map(data.branches.map((b) => [b._id, b]));
    for (const p of data.people) {
      if (p.unitId) expect(units.has(p.unitId)).toBe(true);
      if (p.branchId) expect(branches.get(p.branchId)?.unitId).toBe(p.unitId);
      for (const r of p.roles) {
        if (r.role === 'unitAdmin') expect(units.has(r.unitId!)).toBe(true);
        if (r.role === 'branchEditor' || r.role === 'member') {
          expect(branches.get(r.branchId!)?.unitId).toBe(r.unitId);
          expect(r.branchId).toBe(p.branchId); // 只编辑、只属于本人所在支部
        }
      }
    }
    expect(data.people.some((p) => p.roles.length === 1 && p.roles[0].role === 'member')).toBe(true);
  });

  it('gives every unit an admin and every branch a 支部书记 who is also a member there', () => {
    for (const u of data.units) {
      expect(data.people.some((p) => p.roles.some((r) => r.role === 'unitAdmin' && r.unitId === u._id))).toBe(true);
    }
    const people = new Map(data.people.map((p) => [p._id, p]));
    for (const b of data.branches) {
      const secretary = people.get(secretaryIdOf(b._id));
      expect(secretary).toBeDefined();
      expect(secretary!.roles).toEqual(
        expect.arrayContaining([
          { role: 'branchEditor', unitId: b.unitId, branchId: b._id },
          { role: 'member', unitId: b.unitId, branchId: b._id },
        ]),
      );
      // 3–6 名左右的党员（含书记、支委）
      expect(data.people.filter((p) => p.roles.some((r) => r.role === 'member' && r.branchId === b._id)).length).toBeGreaterThanOrEqual(4);
    }
    // 支委：同支部有不止一名编辑者的支部
    const editorsPerBranch = new Map<string, number>();
    for (const p of data.people) for (const r of p.roles) if (r.role === 'branchEditor') editorsPerBranch.set(r.branchId!, (editorsPerBranch.get(r.branchId!) ?? 0) + 1);
    expect([...editorsPerBranch.values()].filter((n) => n > 1).length).toBeGreaterThan(10);
  });

  it('has a 组织部管理员 without unit scope, and judges from different units incl. a unit admin who judges', () => {
    const deptAdmins = data.people.filter((p) => p.roles.some((r) => r.role === 'deptAdmin'));
    expect(deptAdmins.length).toBeGreaterThanOrEqual(1);
    for (const p of deptAdmins) expect(p.roles.find((r) => r.role === 'deptAdmin')).toEqual({ role: 'deptAdmin' });
    const judges = data.people.filter((p) => p.roles.some((r) => r.role === 'judge'));
    expect(new Set(judges.map((j) => j.unitId)).size).toBeGreaterThanOrEqual(2);
    expect(judges.some((j) => j.roles.some((r) => r.role === 'branchEditor'))).toBe(true); // 支部书记代表
    expect(judges.some((j) => j.roles.some((r) => r.role === 'unitAdmin'))).toBe(true);
    expect(judges.some((j) => j.roles.every((r) => r.role === 'judge' || r.role === 'member'))).toBe(true); // 党务干部
  });

  it('uses distinct fictional names, person numbers and 1390000 phone numbers', () => {
    expect(new Set(data.people.map((p) => p.name)).size).toBe(data.people.length);
    expect(new Set(data.people.map((p) => p.personNo)).size).toBe(data.people.length);
    for (const p of data.people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.phone).toMatch(/^1390000\d{4}$/);
    }
    expect(new Set(data.people.map((p) => p.phone)).size).toBe(data.people.length);
  });

  it('is deterministic and hands out fresh copies', () => {
    const again = buildDemoData();
    expect(again).toEqual(data);
    again.units[0].name = 'changed';
    again.notices[0].body = '';
    expect(buildDemoData()).toEqual(data);
  });
});

describe('demo data: the five notices', () => {
  const byKind = (k: string) => data.notices.find((n) => n.kind === k)!;

  it('has one notice per campaign kind, issued by the department', () => {
    expect(data.notices.map((n) => n.kind).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    for (const n of data.notices) {
      expect(n.issuer).toBe('中共东北大学委员会组织部');
      expect(n.attachments).toEqual([]);
      expect(n.publishedAt).toBe(`${n.issuedOn}T09:00:00+08:00`);
    }
  });

  it.each([
    ['A', '创新奖', '东大组字〔2021〕53号', '2021-10-26'],
    ['B', '立项', '东大组字〔2022〕5号', '2022-03-01'],
    ['C', '验收', '东大组字〔2021〕8号', '2021-03-15'],
    ['D', '特色支部创建', '东大组字〔2024〕64号', '2024-04-22'],
    ['E', '创新活动', '', '2014-04-01'], // E 原文无文号、无日期：建党 93 周年 → 2014
  ])('parses notice %s: title contains %s, docNumber %s, issued %s', (kind, word, docNumber, issuedOn) => {
    const n = byKind(kind);
    expect(n.title).toContain(word);
    expect(n.title).toMatch(/^关于.*通知$/);
    expect(n.docNumber).toBe(docNumber);
    expect(n.issuedOn).toBe(issuedOn);
  });

  it('cleans the stray PDF spaces in titles but keeps spaces around digits', () => {
    expect(byKind('A').title).toBe('关于开展东北大学 2021 年度基层党建工作创新奖评选活动的通知');
    expect(byKind('B').title).toBe('关于开展 2022 年基层党组织活动方案立项工作的通知');
    expect(byKind('C').title).toBe('关于对 2020 年度特色支部创建工作成果进行验收的通知');
    expect(byKind('D').title).toBe('关于开展 2024 年特色支部创建工作通知');
    expect(byKind('E').title).toBe('关于开展基层党建工作创新活动的通知');
    expect(tidySpacing('工作 创新奖 2021 年')).toBe('工作创新奖 2021 年');
  });

  it('D is the featured-branch application (申报) notice even though its title does not say 申报', () => {
    const d = byKind('D');
    expect(d.body).toContain('一、申报条件');
    expect(d.body).toContain('附件：东北大学 2024 年特色支部申报表');
  });

  it.each(Object.entries(SEED_FILES))('keeps the full text of notice %s (%s)', (kind, file) => {
    const raw = readFileSync(path.join(NOTICE_DIR, file), 'utf8');
    // 开发机上 seeds 在仓库外（/work/shared/seeds）；在的话副本必须与之逐字节相同
    const seedPath = path.join(__dirname, '../../../shared/seeds', file);
    if (existsSync(seedPath)) expect(raw).toBe(readFileSync(seedPath, 'utf8'));
    const n = byKind(kind);
    expect(nonWhitespace(n.body)).toBeGreaterThanOrEqual(0.9 * nonWhitespace(raw));
    // 正文 + 版头 + 文号 + 标题 = 原文全部非空白字符（只去掉了 Markdown 的 ** 记号）
    const head = n.docNumber ? `中共东北大学委员会组织部文件${n.docNumber}` : '';
    expect((head + n.title + n.body).replace(/[\s\u3000]/g, '')).toBe(raw.replace(/[\s\u3000]/g, '').replace(/\*\*/g, ''));
    const paragraphs = n.body.split('\n\n');
    expect(paragraphs.every((p) => p.length > 0 && p === p.trim())).toBe(true);
    expect(n.body).not.toMatch(/\n{3,}|\*\*|\u3000/);
    expect(paragraphs[0]).toMatch(/^各.*：$/); // 主送单位
  });

  it('rejoins paragraphs split by a PDF page break and keeps attachments and signature', () => {
    expect(byKind('A').body).toContain('创造性解决问题');
    expect(byKind('A').body).toContain('学校将加强向全国高校思想政治工作网');
    expect(byKind('B').body).toContain('发送至党委组织部专用邮箱(neuzzb@163.com):');
    expect(byKind('C').body).toContain('请于4月14日下班前将创新案例及支撑材料');
    expect(byKind('D').body).toContain('科学化、标准化、规范化、制度化水平');
    expect(byKind('B').body).toContain('附件：2022年基层党组织活动方案立项结果汇总表\n\n中共东北大学委员会组织部\n\n2022年3月1日');
    expect(byKind('E').body).toContain('（一）着眼于科学合理，创新基层党组织设置\n\n按照有利于');
  });

  it('summarises with the first sentence, at most 80 characters', () => {
    for (const n of data.notices) {
      expect(n.summary.length).toBeGreaterThan(10);
      expect(n.summary.length).toBeLessThanOrEqual(80);
      expect(n.body).toContain(n.summary.replace(/…$/, ''));
    }
    expect(summarize(['各二级党组织：', '短句。后文。'])).toBe('短句。');
  });

  it('refuses a notice whose header it does not understand', () => {
    expect(() => parseNoticeText('某某文件\n关于测试的通知\n各单位：\n正文。')).toThrow('版头');
    expect(() => parseNoticeText('没有标题')).toThrow('标题');
  });
});

describe('demo personas for the local sign-in page', () => {
  const personas = demoPersonas(data);

  it('offers one or two people per role, with Chinese labels, all existing', () => {
    const people = new Map(data.people.map((p) => [p._id, p]));
    expect(new Set(personas.map((p) => p.personId)).size).toBe(personas.length);
    for (const persona of personas) {
      expect(people.has(persona.personId)).toBe(true);
      expect(persona.label).toMatch(/^[\u4e00-\u9fff（）]+ · [\u4e00-\u9fff]+(老师|同学)$/);
      expect(persona.description.length).toBeGreaterThan(0);
    }
    for (const role of ROLES) {
      const holders = personas.filter((p) => people.get(p.personId)!.roles.some((r) => r.role === role));
      expect(holders.length).toBeGreaterThanOrEqual(1);
    }
    expect(personas[0].label).toBe('组织部管理员 · 王老师');
  });

  it('skips personas missing from the data it is given', () => {
    expect(demoPersonas({ ...data, people: [] })).toEqual([]);
  });
});
