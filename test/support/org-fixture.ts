import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../cloudfunctions/_local/runtime';
import type { Role } from '../../types';
import { buildOrgWorkbook } from '../../cloudfunctions/_lib/org-sheet';
import { BINDING_KEY, bindingKeyOf } from '../../cloudfunctions/_lib/actor';

/**
 * 一个最小的两单位组织，供授权矩阵与组织类测试使用：
 * 本单位 u-own（支部 b-own、b-own2，党总支 g-own），外单位 u-far（b-far、b-far2、g-far），空单位 u-empty；
 * 每种角色一名已绑定的操作者（都在 u-own / b-own）；已绑定的被操作人员 t-own、t-far；
 * 未绑定的 n-own、n-far，各有一张有效邀请码。
 */
export const ACTOR_OPENID: Record<Role | 'none', string> = {
  none: 'o-unbound',
  member: 'o-member',
  branchEditor: 'o-editor',
  unitAdmin: 'o-unit-admin',
  deptAdmin: 'o-dept-admin',
  judge: 'o-judge',
};
export const INVITE_OWN = 'ABCDEFGH';
export const INVITE_FAR = 'HGFEDCBA';

const T0 = new Date('2026-11-21T01:00:00Z');

/** 夹具里已上传的一本小工作簿（本单位新增一个支部），供导入操作使用 */
export const IMPORT_PATH = 'imports/org.xlsx';
let importWorkbook: Promise<Buffer> | null = null;
function smallWorkbook(): Promise<Buffer> {
  importWorkbook ??= buildOrgWorkbook({
    units: [{ _id: 'u-own', name: '本单位党委', kind: 'college', active: true }],
    generalBranches: [],
    branches: [{ _id: 'b-imported', unitId: 'u-own', generalBranchId: null, name: '导入的支部', kind: 'student', memberCount: 9, model: null, active: true }],
    people: [],
  });
  return importWorkbook;
}

/** options：其余运行时选项（如压测的数据库往返观察者 onDbRequest） */
export async function orgFixture(now = T0, options: Omit<LocalCloudOptions, 'clock'> = {}): Promise<LocalCloud> {
  const cloud = await startLocalCloud({ ...options, clock: { now: () => now } });
  const db = cloud.database.db;
  const put = async (c: string, rows: { _id: string }[]) => {
    for (const { _id, ...rest } of rows) await db.collection(c).doc(_id).set({ data: rest });
  };
  await put('units', [
    { _id: 'u-own', name: '本单位党委', kind: 'college', active: true, version: 1 },
    { _id: 'u-far', name: '外单位党委', kind: 'college', active: true, version: 1 },
    { _id: 'u-empty', name: '空单位', kind: 'committee', active: true, version: 1 },
  ] as never);
  await put('generalBranches', [
    { _id: 'g-own', unitId: 'u-own', name: '本单位党总支', active: true, version: 1 },
    { _id: 'g-far', unitId: 'u-far', name: '外单位党总支', active: true, version: 1 },
  ] as never);
  const branch = (id: string, unitId: string, name: string) => ({ _id: id, unitId, generalBranchId: null, name, kind: 'staff', memberCount: 10, model: null, active: true, version: 1 });
  await put('branches', [
    branch('b-own', 'u-own', '本单位第一支部'),
    branch('b-own2', 'u-own', '本单位第二支部'),
    branch('b-far', 'u-far', '外单位第一支部'),
    branch('b-far2', 'u-far', '外单位第二支部'),
  ] as never);
  const person = (id: string, name: string, unitId: string, branchId: string, roles: object[]) => ({
    _id: id, name, personNo: id.toUpperCase(), phone: '13900000000', unitId, branchId, roles, version: 1,
  });
  await put('people', [
    person('a-member', '党员甲', 'u-own', 'b-own', [{ role: 'member', unitId: 'u-own', branchId: 'b-own' }]),
    person('a-editor', '书记乙', 'u-own', 'b-own', [{ role: 'branchEditor', unitId: 'u-own', branchId: 'b-own' }]),
    person('a-unit-admin', '管理员丙', 'u-own', 'b-own', [{ role: 'unitAdmin', unitId: 'u-own' }]),
    person('a-dept-admin', '组织部丁', 'u-own', 'b-own', [{ role: 'deptAdmin' }]),
    person('a-judge', '评委戊', 'u-own', 'b-own', [{ role: 'judge', unitId: 'u-own' }]),
    person('t-own', '本单位党员', 'u-own', 'b-own2', [{ role: 'member', unitId: 'u-own', branchId: 'b-own2' }]),
    person('t-far', '外单位党员', 'u-far', 'b-far2', [{ role: 'member', unitId: 'u-far', branchId: 'b-far2' }]),
    person('n-own', '本单位新党员', 'u-own', 'b-own2', [{ role: 'member', unitId: 'u-own', branchId: 'b-own2' }]),
    person('n-far', '外单位新党员', 'u-far', 'b-far2', [{ role: 'member', unitId: 'u-far', branchId: 'b-far2' }]),
  ] as never);
  const binding = (openid: string, personId: string) => ({ _id: openid, personId, boundAt: now, boundBy: 'fixture' });
  await put('bindings', [
    binding(ACTOR_OPENID.member, 'a-member'),
    binding(ACTOR_OPENID.branchEditor, 'a-editor'),
    binding(ACTOR_OPENID.unitAdmin, 'a-unit-admin'),
    binding(ACTOR_OPENID.deptAdmin, 'a-dept-admin'),
    binding(ACTOR_OPENID.judge, 'a-judge'),
    binding('o-t-own', 't-own'),
    binding('o-t-far', 't-far'),
  ] as never);
  // 已绑定的人员记录带绑定键（与 invites.redeem 写的一致，见 cloudfunctions/_lib/actor.ts），未绑定的记为 null
  const keys = new Map((await db.collection('bindings').limit(100).get()).data.map((b) => [String(b.personId), bindingKeyOf(String(b._id))]));
  for (const p of (await db.collection('people').limit(100).get()).data) {
    await db.collection('people').doc(String(p._id)).update({ data: { [BINDING_KEY]: keys.get(String(p._id)) ?? null } });
  }
  const invite = (code: string, personId: string, personName: string, unitId: string) => ({
    _id: code, personId, personName, unitId, createdBy: 'a-dept-admin', createdAt: now,
    expiresAt: new Date(now.getTime() + 72 * 3600_000), usedAt: null, usedBy: null, revokedAt: null,
  });
  await put('invites', [invite(INVITE_OWN, 'n-own', '本单位新党员', 'u-own'), invite(INVITE_FAR, 'n-far', '外单位新党员', 'u-far')] as never);
  await put('notices', [
    { _id: 'n-1', title: '测试通知', docNumber: '', issuer: '组织部', issuedOn: '2026-11-01', publishedAt: now, kind: 'A', summary: '摘要', body: '正文', attachments: [], status: 'published' },
  ] as never);
  await cloud.files.upload(IMPORT_PATH, await smallWorkbook());
  return cloud;
}
