import type { PersonView } from '@contract/index';
import { callFunction, CloudError } from '@/services/cloud';

/**
 * 列表 → 详情的人员交接：点开时先显示列表里的那一份（不白屏），
 * 详情页再按工号/学号重新取一次最新的（带 version，编辑要用）。
 */
const recent = new Map<string, PersonView>();

export function rememberPerson(p: PersonView): void {
  recent.set(p._id, p);
}

export function recallPerson(id: string): PersonView | undefined {
  return recent.get(id);
}

/** 人员详情页地址：带上单位与工号/学号，页面可凭它们重新查到此人 */
export function personUrl(p: Pick<PersonView, '_id' | 'personNo' | 'unitId'>, unitId: string): string {
  const q = [`id=${encodeURIComponent(p._id)}`, `unitId=${encodeURIComponent(p.unitId ?? unitId)}`, `no=${encodeURIComponent(p.personNo)}`];
  return `/admin/person/index?${q.join('&')}`;
}

/**
 * 按工号/学号重新取一名人员（契约里没有按 id 取单人的操作：用名单搜索，再按 _id 精确匹配）。
 * 工号/学号以列表交接时记下的为准（编辑后可能已改），其次用页面地址里的。
 */
export async function fetchPerson(unitId: string, id: string, personNoHint: string): Promise<PersonView> {
  const no = recallPerson(id)?.personNo ?? personNoHint;
  if (!no) throw new CloudError('NOT_FOUND', '缺少人员信息，请从人员名单重新进入');
  const res = await callFunction('org', 'listPeople', { unitId, keyword: no, pageSize: 50 });
  const found = res.items.find((p) => p._id === id);
  if (!found) throw new CloudError('NOT_FOUND', '人员不存在或已调出本单位');
  rememberPerson(found);
  return found;
}
