import { workbenchLinks } from './workbench-links';

describe('workbench links on 我的', () => {
  it('gives a department admin the department workbench, and a unit admin one per unit', () => {
    expect(workbenchLinks('deptAdmin', [{ role: 'deptAdmin' }]).map((l) => l.url)).toEqual(['/workbench/dept/index']);
    expect(workbenchLinks('unitAdmin', [{ role: 'unitAdmin', unitId: 'u-cs' }])).toEqual([expect.objectContaining({ key: 'unit', title: '分党委工作台', url: '/workbench/unit/index?unitId=u-cs' })]);
    const two = workbenchLinks('unitAdmin', [{ role: 'unitAdmin', unitId: 'u-cs' }, { role: 'unitAdmin', unitId: 'u-me' }]);
    expect(two.map((l) => l.key)).toEqual(['unit-1', 'unit-2']);
  });

  it('gives other roles no workbench', () => {
    for (const role of ['member', 'branchEditor', 'judge', null] as const) expect(workbenchLinks(role, [{ role: 'unitAdmin', unitId: 'u-cs' }])).toEqual([]);
  });
});
