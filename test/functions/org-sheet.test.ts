import { buildOrgWorkbook, parseOrgWorkbook } from '../../cloudfunctions/_lib/org-sheet';
import { demoImport } from '../support/demo-import';
import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { ACTOR_OPENID, orgFixture } from '../support/org-fixture';

const DEPT = ACTOR_OPENID.deptAdmin;
const UNIT = ACTOR_OPENID.unitAdmin;
const NO_EXISTING = { unitIds: new Set<string>(), generalBranchIds: new Map(), branchIds: new Map() };


describe('orgSheet: bulk import and export of the tree and people (.xlsx)', () => {
  let cloud: LocalCloud;
  beforeEach(async () => {
    cloud = await orgFixture();
  });
  afterEach(() => cloud.close());

  async function upload(name: string, bytes: Buffer) {
    return (await cloud.files.upload(`imports/${name}.xlsx`, bytes)).fileID;
  }

  it('hands out the template as a downloadable file that parses to an empty import', async () => {
    const reply = await cloud.call('orgSheet', { action: 'template' }, UNIT);
    if (!reply.ok) throw new Error(reply.message);
    const file = reply.data as { fileID: string; url: string; fileName: string };
    expect(file.fileName).toMatch(/^组织与人员导入模板-\d{8}-\d{6}\.xlsx$/);
    expect(file.url).toMatch(/^http:\/\/localhost:8080\/files\/exports\/org\//);
    const parsed = await parseOrgWorkbook(await cloud.files.download(file.fileID), NO_EXISTING);
    expect(parsed).toEqual({ ok: true, data: { units: [], generalBranches: [], branches: [], people: [] } });
  });

  it('a 60-branch sheet with one bad row writes nothing and names the row', async () => {
    const data = demoImport();
    const bad = data.branches[37];
    const bytes = await buildOrgWorkbook({ ...data, branches: data.branches.map((b) => (b === bad ? { ...b, memberCount: -3 } : b)) });
    const before = await cloud.database.digest();
    const reply = await cloud.call('orgSheet', { action: 'import', fileID: await upload('bad', bytes) }, DEPT);
    expect(reply).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '导入未执行：发现 1 处问题，请修改后重新导入' });
    if (reply.ok) return;
    expect(reply.issues).toHaveLength(1);
    expect(reply.issues![0].path).toBe('支部');
    expect(reply.issues![0].message).toMatch(/^第 \d+ 行「党员人数」/);
    expect(await cloud.database.digest()).toBe(before);
  });

  it('imports the whole demo university, and a re-import only updates', async () => {
    const bytes = await buildOrgWorkbook(demoImport());
    const fileID = await upload('demo', bytes);
    const first = await cloud.call('orgSheet', { action: 'import', fileID }, DEPT);
    expect(first).toMatchObject({ ok: true, data: { units: { created: 11, updated: 0 }, branches: { created: 61, updated: 0 }, people: { created: 349, updated: 0 } } });
    const counts = async () => Object.fromEntries(await Promise.all(['units', 'branches', 'people'].map(async (c) => [c, (await cloud.database.dump(c)).length])));
    const after1 = await counts();
    const second = await cloud.call('orgSheet', { action: 'import', fileID }, DEPT);
    expect(second).toMatchObject({ ok: true, data: { units: { created: 0, updated: 11 }, branches: { created: 0, updated: 61 }, people: { created: 0, updated: 349 } } });
    expect(await counts()).toEqual(after1);
    const audit = (await cloud.database.dump('audit')).filter((a) => a.action === 'orgSheet.import');
    expect(audit).toHaveLength(2);
  });

  it('keeps grants that only invites can give (judge, department admin) when re-importing a person', async () => {
    const bytes = await buildOrgWorkbook({
      units: [],
      generalBranches: [],
      branches: [],
      people: [{ name: '评委戊', personNo: 'A-JUDGE', phone: null, unitId: 'u-own', branchId: 'b-own', roles: [{ role: 'member', unitId: 'u-own', branchId: 'b-own' }] }],
    });
    const reply = await cloud.call('orgSheet', { action: 'import', fileID: await upload('judge', bytes) }, DEPT);
    expect(reply).toMatchObject({ ok: true, data: { people: { created: 0, updated: 1 } } });
    const judge = (await cloud.database.dump('people')).find((p) => p._id === 'a-judge')!;
    expect(judge.roles).toEqual([
      { role: 'member', unitId: 'u-own', branchId: 'b-own' },
      { role: 'judge', unitId: 'u-own' },
    ]);
  });

  it('a unit admin exports exactly their own unit, in the import format', async () => {
    const reply = await cloud.call('orgSheet', { action: 'export', unitId: 'u-own' }, UNIT);
    if (!reply.ok) throw new Error(reply.message);
    const parsed = await parseOrgWorkbook(await cloud.files.download((reply.data as { fileID: string }).fileID), NO_EXISTING);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.data.units.map((u) => u._id)).toEqual(['u-own']);
    expect(parsed.data.branches.map((b) => b._id).sort()).toEqual(['b-own', 'b-own2']);
    expect(parsed.data.people.every((p) => p.unitId === 'u-own')).toBe(true);
    expect(JSON.stringify(parsed.data)).not.toContain('u-far');
  });

  it('refuses a file from outside this environment', async () => {
    const reply = await cloud.call('orgSheet', { action: 'import', fileID: 'cloud://other-env.bucket/imports/x.xlsx' }, DEPT);
    expect(reply).toMatchObject({ ok: false, code: 'FILE_REJECTED' });
  });
});
