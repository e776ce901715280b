import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro';
import type { CaseSummary } from '@contract/index';
import CaseCard from '@/components/CaseCard';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { useTempLinkRefresh } from '@/services/temp-links';
import {
  campaignOptions,
  hasFilters,
  kindOptions,
  levelOptions,
  noteLevels,
  yearOptions,
  type CaseCampaign,
  type CaseFilters,
  type FilterOption,
  type LevelBook,
} from './filters';
import './index.scss';

const PAGE_SIZE = 10;

interface ListState {
  items: CaseSummary[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error?: string;
  /** 当前结果对应的筛选（翻页沿用它） */
  loaded: CaseFilters;
  /** 封面临时链接的到期时刻（最早读到的那一页的） */
  linksExpireAt?: string;
}

interface FilterPickerProps<V> {
  testId: string;
  /** 未选（“全部”）时胶囊上显示的筛选名：年份、类型… */
  name: string;
  options: FilterOption<V>[];
  value: V | undefined;
  onChange: (value: V | undefined) => void;
}

/** 一个筛选“下拉”：胶囊按钮（未选时显示筛选名，选了显示所选并高亮），点开为小程序原生选择器 */
function FilterPicker<V>({ testId, name, options, value, onChange }: FilterPickerProps<V>) {
  const index = Math.max(0, options.findIndex((o) => o.value === value));
  const active = value !== undefined;
  return (
    <Picker
      mode='selector'
      range={options.map((o) => o.label)}
      value={index}
      onChange={(e) => onChange(options[Number(e.detail.value)]?.value)}
      data-testid={testId}
    >
      <View className={`cases-page__filter${active ? ' cases-page__filter--active' : ''}`} data-testid={`${testId}-label`}>
        <Text className='cases-page__filter-text'>{active ? (options[index]?.label ?? name) : name}</Text>
        <Text className='cases-page__filter-arrow'>▾</Text>
      </View>
    </Picker>
  );
}

/**
 * 案例：成果储备库（A7）里已公布的获奖案例，最新公布的在前；按年份、评选类型、某次评选、单位、等级筛选；
 * 游标分页（触底加载更多）、下拉刷新。单位列表要求已绑定：未绑定的访客不显示单位筛选。
 */
function CasesPage() {
  const [filters, setFilters] = useState<CaseFilters>({});
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: 'loading', loadingMore: false, loaded: {} });
  const [units, setUnits] = useState<FilterOption<string>[] | null>(null);
  const [levels, setLevels] = useState<LevelBook>({});
  const [campaigns, setCampaigns] = useState<CaseCampaign[]>([]);
  const [seenYears, setSeenYears] = useState<number[]>([]);
  const requestSeq = useRef(0);
  const loadingMoreRef = useRef(false);

  const remember = useCallback((items: CaseSummary[]) => {
    setLevels((book) => noteLevels(book, items));
    setSeenYears((ys) => (items.some((c) => !ys.includes(c.year)) ? [...new Set([...ys, ...items.map((c) => c.year)])] : ys));
  }, []);

  /** 读第一页；下拉刷新时 keepVisible，列表留在屏幕上直到新数据到达 */
  const loadFirstPage = useCallback(
    async (f: CaseFilters, keepVisible = false) => {
      const seq = ++requestSeq.current;
      if (!keepVisible) setState((s) => ({ ...s, status: 'loading', error: undefined }));
      try {
        const page = await callFunction('cases', 'list', { pageSize: PAGE_SIZE, ...f });
        if (seq !== requestSeq.current) return; // 筛选已经又变了
        remember(page.items);
        setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', loadingMore: false, loaded: f, linksExpireAt: page.linksExpireAt });
      } catch (err) {
        if (seq !== requestSeq.current) return;
        const message = messageOf(err);
        if (keepVisible) Taro.showToast({ title: message, icon: 'none' });
        setState((s) =>
          keepVisible && s.status === 'ready' && s.items.length ? s : { items: [], nextCursor: null, status: 'error', loadingMore: false, error: message, loaded: f },
        );
      }
    },
    [remember],
  );

  useEffect(() => {
    loadFirstPage(filters);
  }, [filters, loadFirstPage]);

  /** 单位列表：未绑定（或读不到）时不显示单位筛选；每次显示本页时补读（可能刚绑定） */
  const loadUnits = useCallback(async () => {
    try {
      const res = await callFunction('org', 'listUnits', {});
      setUnits([{ value: undefined, label: '全部单位' }, ...res.units.map((u) => ({ value: u._id, label: u.name }))]);
    } catch {
      setUnits(null);
    }
  }, []);
  useDidShow(() => {
    if (!units) loadUnits();
  });

  /** 有案例的评选（评选筛选项）：读不到时不显示评选筛选，其余照常 */
  const loadCampaigns = useCallback(async () => {
    try {
      setCampaigns((await callFunction('cases', 'campaigns', {})).campaigns);
    } catch {
      setCampaigns([]);
    }
  }, []);
  useEffect(() => {
    loadCampaigns();
  }, [loadCampaigns]);

  /**
   * 封面的临时链接 1 小时有效：页面开着过了有效期（或封面加载失败）时，为已列出的案例换新链接，
   * 列表与已加载的页都不动（每次至多 100 个，按已加载的顺序分批）
   */
  const { onLinkError } = useTempLinkRefresh(state.status === 'ready' ? state.linksExpireAt : null, async () => {
    const ids = state.items.map((c) => c._id);
    const fresh: Record<string, string | null> = {};
    let expireAt: string | undefined;
    for (let i = 0; i < ids.length; i += 100) {
      const res = await callFunction('cases', 'covers', { ids: ids.slice(i, i + 100) });
      Object.assign(fresh, res.covers);
      expireAt = expireAt ?? res.linksExpireAt;
    }
    setState((s) => ({
      ...s,
      items: s.items.map((c) => (c._id in fresh ? { ...c, coverUrl: fresh[c._id] ?? null } : c)),
      linksExpireAt: expireAt ?? s.linksExpireAt,
    }));
  });

  const loadMore = useCallback(async () => {
    // 触底事件可能在重渲染前连发两次：用 ref 挡住同一游标的重复请求
    if (state.status !== 'ready' || loadingMoreRef.current || !state.nextCursor) return;
    loadingMoreRef.current = true;
    const seq = requestSeq.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await callFunction('cases', 'list', { pageSize: PAGE_SIZE, ...state.loaded, cursor: state.nextCursor });
      if (seq !== requestSeq.current) return;
      remember(page.items);
      setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      setState((s) => ({ ...s, loadingMore: false }));
      Taro.showToast({ title: messageOf(err), icon: 'none' });
    } finally {
      loadingMoreRef.current = false;
    }
  }, [state, remember]);

  useReachBottom(() => {
    loadMore();
  });
  usePullDownRefresh(async () => {
    await Promise.all([loadFirstPage(filters, true), units ? Promise.resolve() : loadUnits(), loadCampaigns()]);
    Taro.stopPullDownRefresh();
  });

  useShareAppMessage(() => ({ title: '基层党建成果储备库 · 获奖案例', path: '/pages/cases/index' }));

  const years = useMemo(() => yearOptions(new Date(), seenYears), [seenYears]);
  const kinds = useMemo(() => kindOptions(), []);
  const levelChoices = useMemo(() => levelOptions(levels, filters.kind), [levels, filters.kind]);
  const campaignChoices = useMemo(() => campaignOptions(campaigns, filters.year, filters.kind), [campaigns, filters.year, filters.kind]);

  const update = (patch: Partial<CaseFilters>) => {
    setFilters((f) => {
      const next = { ...f, ...patch };
      for (const k of Object.keys(next) as (keyof CaseFilters)[]) if (next[k] === undefined) delete next[k];
      // 换了类型而所选等级不属于它：等级回到“全部”
      if ('kind' in patch && next.levelKey && !levelOptions(levels, next.kind).some((o) => o.value === next.levelKey)) delete next.levelKey;
      // 换了年份或类型而所选评选不属于它：评选回到“全部”
      if (('kind' in patch || 'year' in patch) && next.campaignId && !campaignOptions(campaigns, next.year, next.kind).some((o) => o.value === next.campaignId)) delete next.campaignId;
      return next;
    });
  };
  const clear = () => setFilters({});
  const open = (id: string) => Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(id)}` });
  const filtered = hasFilters(state.loaded);

  return (
    <View className='cases-page'>
      <View className='cases-page__filters' data-testid='case-filters'>
        <FilterPicker testId='filter-year' name='年份' options={years} value={filters.year} onChange={(year) => update({ year })} />
        <FilterPicker testId='filter-kind' name='类型' options={kinds} value={filters.kind} onChange={(kind) => update({ kind })} />
        {campaigns.length ? (
          <FilterPicker testId='filter-campaign' name='评选' options={campaignChoices} value={filters.campaignId} onChange={(campaignId) => update({ campaignId })} />
        ) : null}
        {units ? <FilterPicker testId='filter-unit' name='单位' options={units} value={filters.unitId} onChange={(unitId) => update({ unitId })} /> : null}
        <FilterPicker testId='filter-level' name='等级' options={levelChoices} value={filters.levelKey} onChange={(levelKey) => update({ levelKey })} />
        {hasFilters(filters) ? (
          <Text className='cases-page__clear' data-testid='clear-filters' onClick={clear}>
            清除筛选
          </Text>
        ) : null}
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={() => loadFirstPage(filters)} /> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <View className='cases-page__empty'>
          <StateView kind='empty' message={filtered ? '没有符合筛选条件的案例' : '成果储备库里还没有案例'} />
          <Text className='cases-page__empty-hint'>{filtered ? '换个条件试试' : '评选结果公布后，获奖案例会收录在这里'}</Text>
          {filtered ? (
            <View className='cases-page__empty-clear' onClick={clear}>
              <Text>清除筛选</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <View className='cases-page__list'>
          {state.items.map((c) => (
            <CaseCard key={c._id} item={c} onOpen={open} onCoverError={onLinkError} />
          ))}
          <View className='cases-page__footer' data-testid='list-footer'>
            {state.loadingMore ? (
              <Text>正在加载…</Text>
            ) : state.nextCursor ? (
              <Text className='cases-page__more' onClick={loadMore}>
                加载更多
              </Text>
            ) : (
              <Text className='cases-page__end'>已经到底了 · 共 {state.items.length} 个案例</Text>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default withSystemFont(CasesPage);
