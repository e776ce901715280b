import { withSystemFont } from '@/components/SystemFont';
import ListFooter from '../shared/ListFooter';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { BRANCH_KINDS, BRANCH_KIND_LABELS, ROLE_LABELS, UNIT_KIND_LABELS, type Branch, type GeneralBranch, type PersonView, type Unit } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { modelBadge } from '../shared/format';
import { personUrl, rememberPerson } from '../shared/people';
import { confirmAction, stopThen, toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

type V<T> = T & { version: number };
interface Tree {
  unit: V<Unit>;
  generalBranches: V<GeneralBranch>[];
  branches: V<Branch>[];
}

interface PeopleState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: PersonView[];
  nextCursor: string | null;
  loadingMore: boolean;
  error?: string;
  loadedKeyword: string;
}

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;
type Tab = 'branches' | 'people';

/** 一组支部：按党总支分组，未归党总支的为“直属支部”；已撤销的置灰在后 */
function groupBranches(tree: Tree): { key: string; title: string | null; branches: V<Branch>[] }[] {
  // 在用的在前；同为在用时按教职工、学生、毕业年级、离退休的顺序（同类内保持名称顺序）
  const rank = (b: V<Branch>) => (b.active ? 0 : 10) + BRANCH_KINDS.indexOf(b.kind);
  const byActive = (a: V<Branch>, b: V<Branch>) => rank(a) - rank(b);
  const groups: { key: string; title: string | null; branches: V<Branch>[] }[] = tree.generalBranches
    .map((g) => ({
      key: g._id,
      title: g.active ? g.name : `${g.name}（已撤销）`,
      branches: tree.branches.filter((b) => b.generalBranchId === g._id).sort(byActive),
    }))
    .filter((g) => g.branches.length > 0);
  const known = new Set(tree.generalBranches.map((g) => g._id));
  const direct = tree.branches.filter((b) => !b.generalBranchId || !known.has(b.generalBranchId)).sort(byActive);
  if (direct.length) groups.push({ key: 'direct', title: groups.length ? '直属支部' : null, branches: direct });
  return groups;
}

/** 一个二级党组织的支部（按党总支分组）与人员（搜索、分页）；分党委管理员的主要工作页 */
function UnitPage() {
  const { params } = useRouter();
  const unitId = params.id ?? '';
  const [tab, setTab] = useState<Tab>(params.tab === 'people' ? 'people' : 'branches');
  const [tree, setTree] = useState<Tree | null>(null);
  const [treeError, setTreeError] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [people, setPeople] = useState<PeopleState>({ status: 'idle', items: [], nextCursor: null, loadingMore: false, loadedKeyword: '' });
  const peopleSeq = useRef(0);

  const loadTree = useCallback(async () => {
    setTreeError(null);
    try {
      const t = await callFunction('org', 'unitTree', { unitId });
      setTree(t);
      Taro.setNavigationBarTitle({ title: t.unit.name });
    } catch (err) {
      setTreeError(messageOf(err));
    }
  }, [unitId]);

  const loadPeople = useCallback(
    async (kw: string) => {
      const seq = ++peopleSeq.current;
      setPeople((s) => ({ ...s, status: s.status === 'ready' && s.loadedKeyword === kw ? 'ready' : 'loading', error: undefined }));
      try {
        const page = await callFunction('org', 'listPeople', { unitId, pageSize: PAGE_SIZE, ...(kw ? { keyword: kw } : {}) });
        if (seq !== peopleSeq.current) return;
        setPeople({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false, loadedKeyword: kw });
      } catch (err) {
        if (seq !== peopleSeq.current) return;
        setPeople({ status: 'error', items: [], nextCursor: null, loadingMore: false, error: messageOf(err), loadedKeyword: kw });
      }
    },
    [unitId],
  );

  const loadMorePeople = useCallback(async () => {
    if (people.status !== 'ready' || people.loadingMore || !people.nextCursor) return;
    const seq = peopleSeq.current;
    const kw = people.loadedKeyword;
    setPeople((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await callFunction('org', 'listPeople', { unitId, pageSize: PAGE_SIZE, cursor: people.nextCursor, ...(kw ? { keyword: kw } : {}) });
      if (seq !== peopleSeq.current) return;
      setPeople((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      setPeople((s) => ({ ...s, loadingMore: false }));
      toast(messageOf(err));
    }
  }, [people, unitId]);

  // 返回本页时（编辑支部、人员之后）刷新；人员页签首次打开才加载名单
  useDidShow(() => {
    loadTree();
    if (tab === 'people' && people.status !== 'idle') loadPeople(keyword.trim());
  });

  useEffect(() => {
    if (tab !== 'people') return;
    const kw = keyword.trim();
    if (people.status !== 'idle' && people.loadedKeyword === kw) return;
    const timer = setTimeout(() => loadPeople(kw), people.status === 'idle' ? 0 : SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // 只在切换页签、搜索词变化时触发
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, keyword, loadPeople]);

  usePullDownRefresh(async () => {
    await Promise.all([loadTree(), tab === 'people' ? loadPeople(keyword.trim()) : Promise.resolve()]);
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => {
    if (tab === 'people') loadMorePeople();
  });

  const retireBranch = async (b: V<Branch>) => {
    const ok = await confirmAction('撤销支部', `确定撤销“${b.name}”吗？撤销后不能再提交材料；已提交的材料仍保留。如需把人员转入其他支部，请先合并。`, '撤销');
    if (!ok) return;
    try {
      await callFunction('org', 'retireBranch', { branchId: b._id });
      toast('已撤销');
      loadTree();
    } catch (err) {
      toast(messageOf(err));
    }
  };

  const editBranch = (id?: string) =>
    Taro.navigateTo({ url: `/admin/branch-edit/index?unitId=${encodeURIComponent(unitId)}${id ? `&id=${encodeURIComponent(id)}` : ''}` });
  const openPerson = (p: PersonView) => {
    rememberPerson(p);
    Taro.navigateTo({ url: personUrl(p, unitId) });
  };

  if (treeError && !tree) return <StateView kind='error' message={treeError} onRetry={loadTree} />;
  if (!tree) return <StateView kind='loading' />;

  const branchName = new Map(tree.branches.map((b) => [b._id, b.name]));
  const activeBranches = tree.branches.filter((b) => b.active);
  const memberTotal = activeBranches.reduce((n, b) => n + b.memberCount, 0);
  const groups = groupBranches(tree);

  return (
    <View className='adm-page unit-page'>
      <View className='adm-header'>
        <Text className='adm-header__title'>{tree.unit.name}</Text>
        <View className='adm-header__meta'>
          <Text className='adm-tag adm-tag--red'>{UNIT_KIND_LABELS[tree.unit.kind]}</Text>
          {tree.unit.active ? null : <Text className='adm-tag adm-tag--grey'>已撤销</Text>}
          <Text>
            支部 {activeBranches.length} 个 · 党员 {memberTotal} 人
          </Text>
          <Text className='adm-link unit-page__audit' onClick={() => Taro.navigateTo({ url: `/admin/audit/index?unitId=${encodeURIComponent(unitId)}` })}>
            审计日志 ›
          </Text>
        </View>
      </View>

      <View className='adm-tabs'>
        {(
          [
            ['branches', '支部'],
            ['people', '人员'],
          ] as const
        ).map(([key, label]) => (
          <View key={key} className={`adm-tabs__tab${tab === key ? ' adm-tabs__tab--active' : ''}`} data-testid={`tab-${key}`} onClick={() => setTab(key)}>
            <Text>{label}</Text>
          </View>
        ))}
      </View>

      {tab === 'branches' ? (
        <View data-testid='branches'>
          <View className='adm-toolbar'>
            <Text className='adm-toolbar__title'>共 {tree.branches.length} 个支部（含已撤销）</Text>
            <View className='adm-btn' data-testid='add-branch' onClick={() => editBranch()}>
              <Text>＋ 新增支部</Text>
            </View>
          </View>
          {groups.length === 0 ? <StateView kind='empty' message='还没有支部' /> : null}
          {groups.map((g) => (
            <View key={g.key} className='unit-page__group'>
              {g.title ? (
                <View className='unit-page__group-head'>
                  <Text className='unit-page__group-title'>{g.title}</Text>
                  <Text className='unit-page__group-count'>{g.branches.length} 个支部</Text>
                </View>
              ) : null}
              {g.branches.map((b) => (
                <View
                  key={b._id}
                  className={`adm-card${b.active ? '' : ' adm-card--retired'}`}
                  data-testid='branch-card'
                  onClick={() => (b.active ? editBranch(b._id) : undefined)}
                >
                  <Text className='adm-card__title'>{b.name}</Text>
                  <View className='adm-card__meta'>
                    <Text className={`adm-tag${b.active ? ' adm-tag--blue' : ' adm-tag--grey'}`}>{BRANCH_KIND_LABELS[b.kind]}</Text>
                    {b.model ? <Text className={`adm-tag${b.active ? ' adm-tag--gold' : ' adm-tag--grey'}`}>{modelBadge(b.model)}</Text> : null}
                    {b.active ? null : <Text className='adm-tag adm-tag--grey'>已撤销</Text>}
                    <Text>党员 {b.memberCount} 人</Text>
                    {b.active ? (
                      <View className='adm-card__inline-actions'>
                        <Text className='adm-link adm-link--muted' onClick={stopThen(() => editBranch(b._id))}>
                          编辑
                        </Text>
                        <Text className='adm-link' onClick={stopThen(() => retireBranch(b))}>
                          撤销
                        </Text>
                      </View>
                    ) : null}
                  </View>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : (
        <View data-testid='people'>
          <Input
            className='adm-search'
            placeholder='搜索姓名或工号/学号'
            value={keyword}
            maxlength={30}
            confirmType='search'
            onInput={(e) => setKeyword(e.detail.value)}
          />
          <View className='adm-toolbar'>
            <Text className='adm-toolbar__title'>{people.status === 'ready' ? (people.loadedKeyword ? `“${people.loadedKeyword}”的搜索结果` : '本单位人员') : ''}</Text>
            <View
              className='adm-btn'
              data-testid='add-person'
              onClick={() => Taro.navigateTo({ url: `/admin/person-edit/index?unitId=${encodeURIComponent(unitId)}` })}
            >
              <Text>＋ 新增人员</Text>
            </View>
          </View>
          {people.status === 'loading' || people.status === 'idle' ? <StateView kind='loading' /> : null}
          {people.status === 'error' ? <StateView kind='error' message={people.error} onRetry={() => loadPeople(keyword.trim())} /> : null}
          {people.status === 'ready' && people.items.length === 0 ? (
            <StateView kind='empty' message={people.loadedKeyword ? '没有找到相关人员' : '本单位还没有人员'} />
          ) : null}
          {people.status === 'ready' && people.items.length > 0 ? (
            <View>
              {people.items.map((p) => (
                <View key={p._id} className='adm-card unit-page__person' data-testid='person-row' onClick={() => openPerson(p)}>
                  <View className='adm-card__row'>
                    <View className='adm-card__body'>
                      <View className='unit-page__person-head'>
                        <Text className='unit-page__person-name'>{p.name}</Text>
                        <Text className='unit-page__person-no'>{p.personNo}</Text>
                        <Text className={`adm-tag ${p.bound ? 'adm-tag--green' : 'adm-tag--grey'}`}>{p.bound ? '已绑定' : '未绑定'}</Text>
                      </View>
                      <View className='adm-card__meta'>
                        {p.branchId ? <Text>{branchName.get(p.branchId) ?? ''}</Text> : <Text>未分配支部</Text>}
                        {p.phoneMasked ? <Text className='unit-page__phone'>{p.phoneMasked}</Text> : null}
                      </View>
                      <View className='unit-page__roles'>
                        {p.roles.map((r, i) => (
                          <Text key={`${r.role}-${i}`} className='adm-tag adm-tag--red'>
                            {ROLE_LABELS[r.role]}
                          </Text>
                        ))}
                      </View>
                    </View>
                    <Text className='adm-card__chevron'>›</Text>
                  </View>
                </View>
              ))}
              <ListFooter loadingMore={people.loadingMore} hasMore={!!people.nextCursor} onLoadMore={loadMorePeople} />
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}

export default withSystemFont(UnitPage);
