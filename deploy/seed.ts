import type { CloudDb } from '../cloudfunctions/_lib/db';
import { campaignSchema, personSchema, type Campaign, type Person } from '../types';
import { builtInTemplates } from '../cloudfunctions/campaigns/templates';
import { newInviteCode } from '../cloudfunctions/invites/invites.handler';
import { buildNotices } from '../cloudfunctions/_local/demo/notices';

/**
 * 首次部署写入的数据（插入式：同 _id 已存在则跳过，绝不覆盖线上修改过的记录）：
 * 0. 五份原始通知全文（评选模板的 noticeId 指向它们）；
 * 1. 评选模板：五份原始通知各成一次已结束的历史评选（与内置模板同一份数据，规则逐条带编号），
 *    组织部在“评选管理 → 复制到新一年”里可直接选用往年评选；
 * 2. 首位组织部管理员（仅 --bootstrap-admin）：一条人员记录与一张 72 小时内有效的一次性邀请码，
 *    管理员凭码在小程序里绑定微信，此后的单位、人员、邀请都在小程序里管理。
 */

export interface SeedSet {
  collection: string;
  docs: Array<{ _id: string } & Record<string, unknown>>;
  why: string;
}

export const FIRST_ADMIN_ID = 'p-first-admin';
export const FIRST_ADMIN_INVITE_HOURS = 72;

/** 历史评选的 _id：c-<年份>-<类型>，与本地演示数据一致 */
export function templateCampaigns(): Campaign[] {
  return builtInTemplates().map((t) => campaignSchema.parse({ ...t, _id: `c-${t.year}-${t.kind.toLowerCase()}`, status: 'closed', version: 1 }));
}

export function campaignSeed(): SeedSet {
  return { collection: 'campaigns', docs: templateCampaigns() as SeedSet['docs'], why: '五份通知的评选模板（已结束的历史评选，可复制到新一年）' };
}

/** 五份原始通知全文（模板的 noticeId 指向它们；“通知”页与评选的“查看通知”由此可读），与本地运行时同一份 */
export function noticeSeed(): SeedSet {
  const docs = buildNotices().map((n) => ({ ...n, publishedAt: new Date(n.publishedAt), status: 'published' }));
  return { collection: 'notices', docs, why: '五份原始通知全文（评选模板的出处）' };
}

/** 每次部署都写入（插入式）的初始数据，按顺序：先通知，再引用它们的评选模板 */
export function baseSeeds(): SeedSet[] {
  return [noticeSeed(), campaignSeed()];
}

export interface BootstrapAdmin {
  name: string;
  personNo: string;
}

export interface BootstrapSeed {
  sets: SeedSet[];
  inviteCode: string;
  expiresAt: Date;
}

/** 首位组织部管理员：人员、邀请码与一条审计（操作者记为“部署”） */
export function bootstrapSeed(admin: BootstrapAdmin, schoolName: string, now: Date, code: string = newInviteCode()): BootstrapSeed {
  const person: Person & { version: number } = {
    ...personSchema.parse({ _id: FIRST_ADMIN_ID, name: admin.name, personNo: admin.personNo, phone: null, unitId: null, branchId: null, roles: [{ role: 'deptAdmin' }] }),
    version: 1,
  };
  const expiresAt = new Date(now.getTime() + FIRST_ADMIN_INVITE_HOURS * 3600_000);
  const invite = { _id: code, personId: person._id, personName: person.name, unitId: null, createdBy: null, createdAt: now, expiresAt, usedAt: null, usedBy: null, revokedAt: null };
  const audit = {
    _id: `deploy-bootstrap-${code}`,
    action: 'deploy.bootstrapAdmin',
    targetCollection: 'people',
    targetId: person._id,
    unitId: null,
    summary: `部署时写入${schoolName}首位组织部管理员 ${person.name}（${person.personNo}）并发放绑定邀请码（${FIRST_ADMIN_INVITE_HOURS} 小时内有效）`,
    before: null,
    after: { personId: person._id, roles: person.roles, inviteExpiresAt: expiresAt },
    at: now,
    actorPersonId: null,
    actorName: '部署',
    actorOpenid: null,
    requestId: 'deploy',
  };
  return {
    sets: [
      { collection: 'people', docs: [person], why: '首位组织部管理员' },
      { collection: 'invites', docs: [invite], why: '首位管理员的一次性绑定邀请码' },
      { collection: 'audit', docs: [audit], why: '审计：部署写入首位管理员' },
    ],
    inviteCode: code,
    expiresAt,
  };
}

/**
 * 插入式写入（与生产导入的 ConflictMode insert 相同语义）：同 _id 已存在的记录跳过、不覆盖。
 * 本地运行时与测试用它写入同一份初始数据。
 */
export async function insertMissing(db: CloudDb, set: SeedSet): Promise<{ inserted: string[]; skipped: string[] }> {
  const inserted: string[] = [];
  const skipped: string[] = [];
  for (const { _id, ...rest } of set.docs) {
    const existing = await db.collection(set.collection).where({ _id }).limit(1).get();
    if (existing.data.length) {
      skipped.push(_id);
      continue;
    }
    await db.collection(set.collection).doc(_id).set({ data: rest });
    inserted.push(_id);
  }
  return { inserted, skipped };
}
