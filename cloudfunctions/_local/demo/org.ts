import type { Branch, GeneralBranch, ModelListing, Person, RoleGrant, Unit } from '../../../types';

/**
 * 虚构的“北辰大学”组织树：11 个二级党组织、5 个党总支、61 个党支部、约 350 名人员。
 * 全部由下面的表格按下标确定性生成（不用随机数、不读时钟），每次调用结果相同。
 * 姓名、工号学号、手机号都是虚构的；手机号一律为 1390000xxxx，便于以后测试打码显示。
 */

type BranchKind = Branch['kind'];

interface BranchSpec {
  /** 支部 id 的后缀：b-<单位>-<后缀> */
  key: string;
  name: string;
  kind: BranchKind;
  generalBranch?: string;
  model?: ModelListing;
}

interface UnitSpec {
  key: string;
  name: string;
  /** 支部名称用的简称，如“计算机学院” */
  short: string;
  kind: Unit['kind'];
  generalBranches?: { key: string; name: string }[];
  branches: BranchSpec[];
}

const national4: ModelListing = { level: 'national', batch: 4, cycleStart: '2024-01', cycleEnd: '2025-12' };
const national3: ModelListing = { level: 'national', batch: 3, cycleStart: '2022-01', cycleEnd: '2023-12' };
const provincial: ModelListing = { level: 'provincial', batch: null, cycleStart: '2024-01', cycleEnd: '2025-12' };
const school2024: ModelListing = { level: 'school', batch: null, cycleStart: '2024-01', cycleEnd: '2025-12' };
const school2025: ModelListing = { level: 'school', batch: null, cycleStart: '2025-01', cycleEnd: '2026-12' };

const UNIT_SPECS: UnitSpec[] = [
  {
    key: 'cs',
    name: '计算机科学与工程学院党委',
    short: '计算机学院',
    kind: 'college',
    generalBranches: [{ key: 'stu', name: '计算机学院学生党总支' }],
    branches: [
      { key: 'staff1', name: '计算机学院教工第一党支部', kind: 'staff', model: national4 }, // D1：第四批全国样板支部
      { key: 'staff2', name: '计算机学院教工第二党支部', kind: 'staff' },
      { key: 'staff3', name: '计算机学院实验中心教工党支部', kind: 'staff' },
      { key: 'stu1', name: '计算机学院本科生第一党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'stu2', name: '计算机学院本科生第二党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'stu3', name: '计算机学院本科生第三党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'pg1', name: '计算机学院研究生第一党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'pg2', name: '计算机学院研究生第二党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'g2022', name: '计算机学院2022级毕业生党支部', kind: 'graduating', generalBranch: 'stu' },
    ],
  },
  {
    key: 'me',
    name: '机械工程与自动化学院党委',
    short: '机械学院',
    kind: 'college',
    generalBranches: [
      { key: 'staff', name: '机械学院教工党总支' },
      { key: 'stu', name: '机械学院学生党总支' },
    ],
    branches: [
      { key: 'staff1', name: '机械学院教工第一党支部', kind: 'staff', generalBranch: 'staff' },
      { key: 'staff2', name: '机械学院教工第二党支部', kind: 'staff', generalBranch: 'staff' },
      { key: 'stu1', name: '机械学院本科生第一党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'stu2', name: '机械学院本科生第二党支部', kind: 'student', generalBranch: 'stu' },
      { key: 'pg1', name: '机械学院研究生党支部', kind: 'student', generalBranch: 'stu', model: school2024 },
      { key: 'g2022', name: '机械学院2022级毕业生党支部', kind: 'graduating', generalBranch: 'stu' },
      { key: 'ret1', name: '机械学院离退休教工党支部', kind: 'retired' },
    ],
  },
  {
    key: 'mat',
    name: '材料科学与工程学院党委',
    short: '材料学院',
    kind: 'college',
    branches: [
      { key: 'staff1', name: '材料学院教工第一党支部', kind: 'staff', model: national3 }, // 第三批，周期已结束
      { key: 'staff2', name: '材料学院教工第二党支部', kind: 'staff' },
      { key: 'stu1', name: '材料学院本科生党支部', kind: 'student' },
      { key: 'pg1', name: '材料学院研究生第一党支部', kind: 'student' },
      { key: 'pg2', name: '材料学院研究生第二党支部', kind: 'student' },
      { key: 'g2022', name: '材料学院2022级毕业生党支部', kind: 'graduating' },
    ],
  },
  {
    key: 'info',
    name: '信息科学与工程学院党委',
    short: '信息学院',
    kind: 'college',
    branches: [
      { key: 'staff1', name: '信息学院教工第一党支部', kind: 'staff' },
      { key: 'staff2', name: '信息学院教工第二党支部', kind: 'staff' },
      { key: 'staff3', name: '信息学院教工第三党支部', kind: 'staff' },
      { key: 'stu1', name: '信息学院本科生第一党支部', kind: 'student', model: provincial },
      { key: 'stu2', name: '信息学院本科生第二党支部', kind: 'student' },
      { key: 'pg1', name: '信息学院研究生第一党支部', kind: 'student' },
      { key: 'pg2', name: '信息学院研究生第二党支部', kind: 'student' },
      { key: 'g2022', name: '信息学院2022级毕业生党支部', kind: 'graduating' },
    ],
  },
  {
    key: 'bus',
    name: '工商管理学院党委',
    short: '工商管理学院',
    kind: 'college',
    branches: [
      { key: 'staff1', name: '工商管理学院教工第一党支部', kind: 'staff' },
      { key: 'staff2', name: '工商管理学院教工第二党支部', kind: 'staff' },
      { key: 'stu1', name: '工商管理学院本科生党支部', kind: 'student', model: school2025 },
      { key: 'pg1', name: '工商管理学院研究生党支部', kind: 'student' },
      { key: 'mba', name: '工商管理学院MBA党支部', kind: 'student' },
      { key: 'g2023', name: '工商管理学院2023级硕士毕业生党支部', kind: 'graduating' },
    ],
  },
  {
    key: 'fl',
    name: '外国语学院党委',
    short: '外国语学院',
    kind: 'college',
    branches: [
      { key: 'staff1', name: '外国语学院教工党支部', kind: 'staff' },
      { key: 'stu1', name: '外国语学院本科生党支部', kind: 'student' },
      { key: 'pg1', name: '外国语学院研究生党支部', kind: 'student' },
      { key: 'g2022', name: '外国语学院2022级毕业生党支部', kind: 'graduating' },
    ],
  },
  {
    key: 'admin',
    name: '机关分党委',
    short: '机关',
    kind: 'committee',
    branches: [
      { key: 'office', name: '党委办公室校长办公室党支部', kind: 'staff' },
      { key: 'org', name: '党委组织部党委宣传部联合党支部', kind: 'staff' },
      { key: 'stu', name: '党委学生工作部党支部', kind: 'staff' },
      { key: 'acad', name: '教务处党支部', kind: 'staff', model: school2024 },
      { key: 'res', name: '科学技术研究院党支部', kind: 'staff' },
      { key: 'hr', name: '人事处党支部', kind: 'staff' },
      { key: 'fin', name: '财务处党支部', kind: 'staff' },
    ],
  },
  {
    key: 'logi',
    name: '后勤分党委',
    short: '后勤',
    kind: 'committee',
    branches: [
      { key: 'mgmt', name: '后勤管理处党支部', kind: 'staff' },
      { key: 'food', name: '饮食服务中心党支部', kind: 'staff' },
      { key: 'prop', name: '物业服务中心党支部', kind: 'staff' },
      { key: 'build', name: '基建处党支部', kind: 'staff' },
    ],
  },
  {
    key: 'ret',
    name: '离退休分党委',
    short: '离退休',
    kind: 'committee',
    generalBranches: [
      { key: 'east', name: '离退休第一党总支' },
      { key: 'west', name: '离退休第二党总支' },
    ],
    branches: [
      { key: '1', name: '离退休第一党支部', kind: 'retired', generalBranch: 'east', model: school2024 },
      { key: '2', name: '离退休第二党支部', kind: 'retired', generalBranch: 'east' },
      { key: '3', name: '离退休第三党支部', kind: 'retired', generalBranch: 'east' },
      { key: '4', name: '离退休第四党支部', kind: 'retired', generalBranch: 'west' },
      { key: '5', name: '离退休第五党支部', kind: 'retired', generalBranch: 'west' },
      { key: '6', name: '离退休第六党支部', kind: 'retired', generalBranch: 'west' },
    ],
  },
  {
    key: 'lib',
    name: '图书馆直属党总支',
    short: '图书馆',
    kind: 'directGeneralBranch',
    branches: [
      { key: '1', name: '图书馆第一党支部', kind: 'staff' },
      { key: '2', name: '图书馆第二党支部', kind: 'staff' },
    ],
  },
  {
    key: 'hosp',
    name: '校医院直属党总支',
    short: '校医院',
    kind: 'directGeneralBranch',
    branches: [
      { key: '1', name: '校医院医疗党支部', kind: 'staff' },
      { key: '2', name: '校医院行政后勤党支部', kind: 'staff' },
    ],
  },
];

// ---- 姓名：31 个姓 × 40 个名，个数互质，下标 i < 1240 时姓名两两不同 ----
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林',
  '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程',
];
const GIVEN_NAMES = [
  '建国', '晓东', '丽华', '志强', '秀英', '海涛', '雪梅', '立新', '宏伟', '静', '子轩', '雨桐',
  '浩然', '欣怡', '思远', '梓涵', '文博', '佳琪', '一鸣', '若溪', '振华', '春燕', '国庆', '玉兰',
  '明轩', '诗涵', '俊杰', '晨曦', '嘉懿', '博文', '芳', '伟', '敏', '磊', '婷', '勇', '颖', '军', '霞', '鹏',
];
function nameAt(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN_NAMES[i % GIVEN_NAMES.length];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const unitIdOf = (unitKey: string) => `u-${unitKey}`;
export const branchIdOf = (unitKey: string, branchKey: string) => `b-${unitKey}-${branchKey}`;
/** 每个支部的支部书记：p-sec-<单位>-<支部后缀> */
export const secretaryIdOf = (branchId: string) => `p-sec-${branchId.slice(2)}`;
/** 部分支部的支委：p-cm-<单位>-<支部后缀> */
export const committeeMemberIdOf = (branchId: string) => `p-cm-${branchId.slice(2)}`;
/** 每个二级党组织的管理员：p-ua-<单位> */
export const unitAdminIdOf = (unitId: string) => `p-ua-${unitId.slice(2)}`;

/** 组织部管理员、专职评委等不按支部生成的人员 */
export const DEPT_ADMIN_IDS = ['p-dept-wang', 'p-dept-li'] as const;
export const PARTY_CADRE_JUDGE_ID = 'p-judge-zhao';
/** 支部书记代表（评委）与“兼任评委的分党委管理员” */
export const SECRETARY_JUDGE_BRANCH_ID = 'b-me-staff1';
export const JUDGE_UNIT_ADMIN_UNIT_ID = 'u-mat';

export interface OrgData {
  units: Unit[];
  generalBranches: GeneralBranch[];
  branches: Branch[];
  people: Person[];
}

/** 党员人数 5–60：按支部类型给区间，用下标在区间内确定性地取值 */
function memberCountOf(kind: BranchKind, i: number): number {
  const [min, max] = { staff: [5, 40], student: [15, 52], graduating: [12, 45], retired: [20, 60] }[kind];
  return min + ((i * 37 + 11) % (max - min + 1));
}

export function buildOrg(): OrgData {
  const units: Unit[] = [];
  const generalBranches: GeneralBranch[] = [];
  const branches: Branch[] = [];
  const people: Person[] = [];

  let seq = 0; // 全局人员序号：决定姓名、工号学号与手机号
  const addPerson = (
    _id: string,
    opts: { unitId: string | null; branchId: string | null; roles: RoleGrant[]; student?: string | false; name?: string },
  ): Person => {
    const i = seq++;
    const person: Person = {
      _id,
      name: opts.name ?? nameAt(i),
      personNo: opts.student ? `${opts.student}${pad(i, 4)}` : `${1990 + (i % 30)}${pad(i, 4)}`, // 学号：入学年份；工号：入职年份
      phone: `1390000${pad(i, 4)}`,
      unitId: opts.unitId,
      branchId: opts.branchId,
      roles: opts.roles,
    };
    people.push(person);
    return person;
  };
  const member = (unitId: string, branchId: string): RoleGrant => ({ role: 'member', unitId, branchId });
  const editor = (unitId: string, branchId: string): RoleGrant => ({ role: 'branchEditor', unitId, branchId });

  // 组织部管理员：不限单位；本人组织关系在机关“组织部宣传部联合党支部”
  addPerson(DEPT_ADMIN_IDS[0], {
    name: '王晓东',
    unitId: 'u-admin',
    branchId: 'b-admin-org',
    roles: [{ role: 'deptAdmin' }, member('u-admin', 'b-admin-org')],
  });
  addPerson(DEPT_ADMIN_IDS[1], {
    name: '李雪梅',
    unitId: 'u-admin',
    branchId: 'b-admin-org',
    roles: [{ role: 'deptAdmin' }, member('u-admin', 'b-admin-org')],
  });
  // 评委（党务干部）：学生工作部的党务干部
  addPerson(PARTY_CADRE_JUDGE_ID, {
    name: '赵振华',
    unitId: 'u-admin',
    branchId: 'b-admin-stu',
    roles: [{ role: 'judge' }, member('u-admin', 'b-admin-stu')],
  });

  let branchIndex = 0;
  for (const u of UNIT_SPECS) {
    const unitId = unitIdOf(u.key);
    units.push({ _id: unitId, name: u.name, kind: u.kind, active: true });
    for (const g of u.generalBranches ?? []) {
      generalBranches.push({ _id: `g-${u.key}-${g.key}`, unitId, name: g.name, active: true });
    }

    // 分党委管理员：组织关系在本单位第一个教工党支部（离退休分党委没有教工支部，只挂单位）
    const adminBranch = u.branches.find((b) => b.kind === 'staff');
    const adminBranchId = adminBranch ? branchIdOf(u.key, adminBranch.key) : null;
    addPerson(unitAdminIdOf(unitId), {
      unitId,
      branchId: adminBranchId,
      roles: [
        { role: 'unitAdmin', unitId },
        ...(unitId === JUDGE_UNIT_ADMIN_UNIT_ID ? [{ role: 'judge' as const }] : []),
        ...(adminBranchId ? [member(unitId, adminBranchId)] : []),
      ],
    });

    for (const b of u.branches) {
      const i = branchIndex++;
      const branchId = branchIdOf(u.key, b.key);
      branches.push({
        _id: branchId,
        unitId,
        generalBranchId: b.generalBranch ? `g-${u.key}-${b.generalBranch}` : null,
        name: b.name,
        kind: b.kind,
        memberCount: memberCountOf(b.kind, i),
        model: b.model ?? null,
        active: true,
      });

      const isStudent = b.kind === 'student' || b.kind === 'graduating';
      const grade = b.kind === 'graduating' ? /(\d{4})级/.exec(b.name)?.[1] ?? '2022' : b.key.startsWith('pg') || b.key === 'mba' ? '2024' : '2023';
      // 支部书记：学生支部的书记多由辅导员（教工）担任，因此书记一律按教工生成
      addPerson(secretaryIdOf(branchId), {
        unitId,
        branchId,
        roles: [
          editor(unitId, branchId),
          ...(branchId === SECRETARY_JUDGE_BRANCH_ID ? [{ role: 'judge' as const }] : []),
          member(unitId, branchId),
        ],
      });
      // 支委：每隔一个支部设一名（学生支部的支委是学生）
      if (i % 2 === 0) {
        addPerson(committeeMemberIdOf(branchId), {
          unitId,
          branchId,
          student: isStudent ? grade : false,
          roles: [editor(unitId, branchId), member(unitId, branchId)],
        });
      }
      // 普通党员 3–5 名：p-<单位>-<支部后缀>-<n>
      const plain = 3 + (i % 3);
      for (let n = 1; n <= plain; n++) {
        addPerson(`p-${u.key}-${b.key}-${n}`, {
          unitId,
          branchId,
          student: isStudent ? grade : false,
          roles: [member(unitId, branchId)],
        });
      }
    }
  }

  return { units, generalBranches, branches, people };
}
