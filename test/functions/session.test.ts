import { meSchema } from '../../types';
import { seededCloud, type SeededCloud } from '../support/local-cloud';

describe('session.whoami', () => {
  let s: SeededCloud;
  beforeAll(async () => {
    s = await seededCloud();
  });
  afterAll(() => s.cloud.close());

  it('tells an unbound caller they are not bound, in local mode', async () => {
    expect(await s.ok('session', { action: 'whoami' }, 'someone-new')).toEqual({ bound: false, person: null, localMode: true });
  });

  it('names a bound branch secretary with unit, branch and roles', async () => {
    const editor = s.demo.people.find((p) => p.roles.some((r) => r.role === 'branchEditor'))!;
    const me = meSchema.parse(await s.ok('session', { action: 'whoami' }, s.openidOf(editor._id)));
    const branch = s.demo.branches.find((b) => b._id === editor.branchId)!;
    const unit = s.demo.units.find((u) => u._id === editor.unitId)!;
    expect(me.person).toMatchObject({ _id: editor._id, name: editor.name, unitName: unit.name, branchName: branch.name });
    expect(me.person?.roles).toEqual(editor.roles);
  });
});
