import type { LocalCloud } from '../cloudfunctions/_local/runtime';
import { caseFromEntry } from '../cloudfunctions/_lib/engine/cases';
import type { Campaign, EntryStatus } from '../types';
import { entryRecord, FIXTURE_STATES, T0, TEST_CAMPAIGN_BODY } from '../test/support/engine-fixture';

/**
 * 压测数据集（issue 8）：一个这种规模的组织部一年的量，按固定种子生成，可复现。
 * - 组织：40 个二级党组织、各 2 个党总支、共 1,200 个支部、25,000 名党员（每支部约 21 人；
 *   每支部 1 名支部书记、每单位 1 名分党委管理员）。
 * - 一年的量（1×）：1,500 份申报材料（分布在各状态与两类申报里）、其中已公布的获奖材料进入案例库、
 *   30 份通知、每份材料 2 条审计记录；进入函评及以后的获奖类材料每份 7 位评委的评分表（评审组 + 指派，
 *   评委来自 60 人的评委库，另有测试夹具的两位评委按回避规则参与一部分，使“我的评审”有量）。
 *   10×、100× 只放大“一年的量”，组织规模不变。
 * 生成走快速的批量写入（db.add 一次 500 条，仍经本地执行器、唯一索引与持久化层）；测量一律经真实云函数。
 * 记录形状与测试夹具一致（engine-fixture 的 entryRecord 等），所以云函数能正常读取。
 */

export const BENCH_SEED = 20261201;

export const ORG = { units: 40, generalBranchesPerUnit: 2, branchesPerUnit: 30, people: 25_000 };
export const YEAR = { entries: 1_500, notices: 30, auditPerEntry: 2, reviewersPerEntry: 7 };
export const JUDGES = 60;
/** 已进入函评的获奖类状态：这些材料有评审组与评分表 */
const REVIEWED: ReadonlySet<EntryStatus> = new Set(['underReview', 'scored', 'decided', 'published', 'inProgress']);
const COMMENTS = ['创新点清楚，成效有数据支撑。', '做法可复制，建议补充长效机制。', '特色鲜明，材料翔实，佐证充分。', '思路较好，成效描述偏概括。'];

/** mulberry32：小而确定的伪随机数 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const TEXT = '支部坚持党建引领，围绕中心工作开展主题党日、结对共建与志愿服务，组织生活规范有序，党员先锋模范作用充分发挥，形成了可复制可推广的经验做法。';

async function bulkAdd(cloud: LocalCloud, collection: string, docs: object[]): Promise<void> {
  const c = cloud.database.db.collection(collection);
  for (let i = 0; i < docs.length; i += 500) await c.add({ data: docs.slice(i, i + 500) });
}

export interface OrgIndex {
  branches: { _id: string; unitId: string; unitName: string; name: string }[];
}

/** 40 个单位、1,200 个支部、25,000 人（写在测试夹具的 u-own / u-far 之外） */
export async function generateOrg(cloud: LocalCloud, rng: () => number): Promise<OrgIndex> {
  const units = [];
  const generalBranches = [];
  const branches: (OrgIndex['branches'][number] & Record<string, unknown>)[] = [];
  const people = [];
  for (let u = 1; u <= ORG.units; u++) {
    const unitId = `u-b${pad(u, 3)}`;
    const unitName = `第${u}学院党委`;
    units.push({ _id: unitId, name: unitName, kind: u % 8 === 0 ? 'committee' : 'college', active: true, version: 1 });
    for (let g = 1; g <= ORG.generalBranchesPerUnit; g++) generalBranches.push({ _id: `g-b${pad(u, 3)}-${g}`, unitId, name: `${unitName}第${g}党总支`, active: true, version: 1 });
    for (let b = 1; b <= ORG.branchesPerUnit; b++) {
      const kind = rng() < 0.55 ? 'student' : rng() < 0.85 ? 'staff' : 'retired';
      branches.push({
        _id: `b-b${pad(u, 3)}-${pad(b, 2)}`, unitId, unitName, name: `${unitName}第${b}支部`,
        generalBranchId: b % 3 === 0 ? `g-b${pad(u, 3)}-${1 + (b % 2)}` : null, kind, memberCount: 21, model: null, active: true, version: 1,
      });
    }
  }
  for (let i = 0; i < ORG.people; i++) {
    const br = branches[i % branches.length];
    const firstInBranch = i < branches.length;
    const firstInUnit = i < ORG.units * ORG.branchesPerUnit && i % ORG.branchesPerUnit === 0;
    const roles: object[] = [{ role: 'member', unitId: br.unitId, branchId: br._id }];
    if (firstInBranch) roles.push({ role: 'branchEditor', unitId: br.unitId, branchId: br._id });
    if (firstInUnit) roles.push({ role: 'unitAdmin', unitId: br.unitId });
    people.push({
      _id: `p-${pad(i + 1, 6)}`, name: `党员${i + 1}`, personNo: `B${pad(i + 1, 8)}`, phone: `139${pad(Math.floor(rng() * 1e8), 8)}`,
      // 生成的人员都未绑定微信：绑定键记为 null（与 savePerson 新建的人员一致，见 _lib/actor.ts）
      unitId: br.unitId, branchId: br._id, roles, bindingKey: null, version: 1,
    });
  }
  await bulkAdd(cloud, 'units', units);
  await bulkAdd(cloud, 'generalBranches', generalBranches);
  await bulkAdd(cloud, 'branches', branches);
  for (let j = 1; j <= JUDGES; j++) {
    // 评委库：校内外专家，不属任何单位（无回避）
    people.push({ _id: `p-judge-${pad(j, 2)}`, name: `评委${j}`, personNo: `J${pad(j, 6)}`, phone: null, unitId: null, branchId: null, roles: [{ role: 'judge' }], bindingKey: null, version: 1 });
  }
  await bulkAdd(cloud, 'people', people);
  return { branches };
}

export interface VolumeCounts {
  entries: number;
  cases: number;
  notices: number;
  audit: number;
  /** 评分表（reviewAssignments），每位评委对每份材料一张 */
  scores: number;
}

/** 一份进入函评的材料的评审组与评分表（形状同 reviews 函数写入的记录，见 engine-fixture 的函评夹具） */
function reviewRecords(rng: () => number, entry: { _id: string; unitId: string; trackKey: string; campaignId: string; status: EntryStatus }, atMs: number) {
  const reviewerIds = new Set<string>();
  const names = new Map<string, string>();
  // 夹具评委：评委己（无单位）常参与；评委戊属本单位，只评外单位的（C1.5 回避）
  if (rng() < 0.3) names.set('a-judge2', '评委己');
  if (entry.unitId !== 'u-own' && rng() < 0.2) names.set('a-judge', '评委戊');
  for (const [id] of names) reviewerIds.add(id);
  while (reviewerIds.size < YEAR.reviewersPerEntry) {
    const j = 1 + Math.floor(rng() * JUDGES);
    const id = `p-judge-${pad(j, 2)}`;
    reviewerIds.add(id);
    names.set(id, `评委${j}`);
  }
  const at = new Date(atMs).toISOString();
  const assignments = [...reviewerIds].map((reviewerId) => {
    const submitted = entry.status !== 'underReview' || rng() < 0.6;
    const score = submitted ? 5 + Math.floor(rng() * 11) / 2 : 0;
    return {
      _id: `${entry._id}_${reviewerId}`, campaignId: entry.campaignId, trackKey: entry.trackKey, entryId: entry._id, reviewerId, reviewerName: names.get(reviewerId),
      status: submitted ? 'submitted' : 'assigned', scores: submitted ? { c1: score } : {}, comment: submitted ? COMMENTS[Math.floor(rng() * COMMENTS.length)] : '', total: score,
      assignedAt: at, assignedByName: '组织部', assignedHow: 'auto', submittedAt: submitted ? at : null, updatedAt: at, updatedAtMs: atMs, version: 1,
    };
  });
  // 评审组带席位（每位评委的状态与已提交总分），与 reviews 函数在事务里维护的一致
  const seats = assignments.map((a) => ({ reviewerId: a.reviewerId, reviewerName: a.reviewerName, status: a.status, total: a.status === 'submitted' ? a.total : 0 }));
  return { panel: { _id: entry._id, campaignId: entry.campaignId, trackKey: entry.trackKey, reviewerIds: [...reviewerIds], seats }, assignments };
}

/**
 * 追加 `years` 年的量（编号从 `fromYear` 接着往下），材料属于测试评选 c-test：
 * 5% 在本单位第一支部 b-own、5% 在本单位 b-own2、5% 在外单位 b-far，其余在 40 个生成单位的支部里。
 */
export async function generateVolume(cloud: LocalCloud, rng: () => number, org: OrgIndex, fromYear: number, years: number): Promise<VolumeCounts> {
  const campaign = { ...TEST_CAMPAIGN_BODY, _id: 'c-test', status: 'open', version: 1 } as unknown as Campaign;
  const counts: VolumeCounts = { entries: 0, cases: 0, notices: 0, audit: 0, scores: 0 };
  for (let y = fromYear; y < fromYear + years; y++) {
    const entries = [];
    const cases = [];
    const audit = [];
    const notices = [];
    const panels = [];
    const assignments = [];
    for (let i = 0; i < YEAR.entries; i++) {
      const [track, status, extra] = FIXTURE_STATES[Math.floor(rng() * FIXTURE_STATES.length)] as ['award' | 'project', EntryStatus, object?];
      const r = rng();
      const side = r < 0.1 ? 'own' : 'far';
      const base = entryRecord(side, track, status, extra);
      const id = `e-y${pad(y, 3)}-${pad(i + 1, 4)}`;
      const updatedAtMs = T0.getTime() - Math.floor(rng() * 300 * 86_400_000);
      let place: { unitId: string; unitName: string; branchId: string; name: string };
      if (r < 0.05) place = { unitId: 'u-own', unitName: '本单位党委', branchId: 'b-own', name: '本单位第一支部' };
      else if (r < 0.1) place = { unitId: 'u-own', unitName: '本单位党委', branchId: 'b-own2', name: '本单位第二支部' };
      else if (r < 0.15) place = { unitId: 'u-far', unitName: '外单位党委', branchId: 'b-far', name: '外单位第一支部' };
      else {
        const b = org.branches[Math.floor(rng() * org.branches.length)];
        place = { unitId: b.unitId, unitName: b.unitName, branchId: b._id, name: b.name };
      }
      const text = TEXT.repeat(4 + Math.floor(rng() * 6));
      const entry = {
        ...base,
        _id: id,
        unitId: place.unitId,
        unitName: place.unitName,
        branchId: place.branchId,
        entrantName: place.name,
        entrantKey: `branch:${place.branchId}#${id}`,
        content: { ...base.content, title: `${place.name}党建创新案例 ${y}-${i + 1}`, sections: { body: text, plan: text } },
        updatedAtMs,
        updatedAt: new Date(updatedAtMs).toISOString(),
      };
      entries.push(entry);
      if (track === 'award' && REVIEWED.has(status)) {
        const review = reviewRecords(rng, { _id: id, unitId: place.unitId, trackKey: entry.trackKey, campaignId: entry.campaignId, status }, updatedAtMs);
        panels.push(review.panel);
        assignments.push(...review.assignments);
      }
      if (status === 'published') {
        const c = caseFromEntry(entry as never, campaign, new Date(updatedAtMs), 'published');
        if (c) cases.push(c);
      }
      for (let k = 0; k < YEAR.auditPerEntry; k++) {
        audit.push({
          action: k === 0 ? 'entries.create' : 'entries.submit', targetCollection: 'entries', targetId: id, unitId: place.unitId,
          summary: `${place.name}${k === 0 ? '开始申报' : '提交材料'}`, before: null, after: null, at: new Date(updatedAtMs - (1 - k) * 3_600_000),
          actorPersonId: null, actorName: '压测', actorOpenid: null, requestId: `bench-${id}-${k}`,
        });
      }
    }
    for (let n = 0; n < YEAR.notices; n++) {
      const at = new Date(T0.getTime() - Math.floor(rng() * 365 * 86_400_000));
      notices.push({
        _id: `n-y${pad(y, 3)}-${pad(n + 1, 3)}`, title: `关于开展第${y}批基层党建工作的通知（${n + 1}）`, docNumber: `党组发〔${2026 - y}〕${n + 1}号`, issuer: '党委组织部',
        issuedOn: at.toISOString().slice(0, 10), publishedAt: at, kind: 'ABCDE'[n % 5], summary: TEXT.slice(0, 60), body: TEXT.repeat(20), attachments: [], status: 'published',
      });
    }
    await bulkAdd(cloud, 'entries', entries);
    await bulkAdd(cloud, 'cases', cases);
    await bulkAdd(cloud, 'audit', audit);
    await bulkAdd(cloud, 'notices', notices);
    await bulkAdd(cloud, 'reviewPanels', panels);
    await bulkAdd(cloud, 'reviewAssignments', assignments);
    counts.entries += entries.length;
    counts.cases += cases.length;
    counts.notices += notices.length;
    counts.audit += audit.length;
    counts.scores += assignments.length;
  }
  return counts;
}
