import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, type CampaignSummary, type RoleGrant } from '@contract/index';
import { campaignBadge, type CampaignBadgeKind } from '@/services/campaign-badge';
import { CloudError, callFunction, messageOf } from '@/services/cloud';
import { getActiveRole } from '@/services/role';
import './OpenCampaigns.scss';

/** 标签每分钟重算一次（倒计时） */
const TICK_MS = 60_000;

type State =
  | { status: 'loading' }
  /** 未绑定（评选列表要求已绑定）或没有进行中的评选：整块不显示 */
  | { status: 'hidden' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: CampaignSummary[]; grants: RoleGrant[] };

/** 排序：快截止的在最前，其次正在报名、未开始，已截止与已公布的在后；同类保持服务端顺序（年度新的在前） */
const BADGE_ORDER: Record<CampaignBadgeKind | 'none', number> = { closing: 0, open: 1, upcoming: 2, inProgress: 3, closed: 4, published: 5, none: 6 };

/** 支部书记/支委与分党委管理员点评选进入“参加评选”；其他身份看通知全文 */
function targetOf(c: CampaignSummary, grants: RoleGrant[]): string | null {
  const role = getActiveRole(grants);
  if (role === 'branchEditor' || role === 'unitAdmin') return `/entry/start/index?campaignId=${encodeURIComponent(c._id)}`;
  return c.noticeId ? `/pages/notice/index?id=${encodeURIComponent(c.noticeId)}` : null;
}

export interface OpenCampaignsProps {
  /** 变化时重新读取（页面显示、下拉刷新） */
  reloadKey: number;
}

/**
 * 通知列表上方“正在进行的评选”：已发布的评选，带按北京时间计算的状态（报名中、即将截止还剩…、已截止、未开始、结果已公布）。
 * 评选列表只给已绑定的人：未绑定的访客不显示这一块，也不提示。
 */
export default function OpenCampaigns({ reloadKey }: OpenCampaignsProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [now, setNow] = useState(() => new Date());
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const [list, me] = await Promise.all([
        callFunction('campaigns', 'list', { status: 'open', pageSize: 20 }),
        // 身份只用来决定点进去去哪：取不到时按普通党员处理
        callFunction('session', 'whoami', {}).catch(() => null),
      ]);
      if (mine !== seq.current) return;
      setNow(new Date());
      const items = list.items.filter((c) => c.status === 'open');
      setState(items.length ? { status: 'ready', items, grants: me?.person?.roles ?? [] } : { status: 'hidden' });
    } catch (err) {
      if (mine !== seq.current) return;
      const quiet = err instanceof CloudError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN');
      setState(quiet ? { status: 'hidden' } : { status: 'error', message: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  if (state.status === 'loading' || state.status === 'hidden') return null;
  if (state.status === 'error') {
    return (
      <View className='open-campaigns__error' data-testid='campaigns-error' onClick={load}>
        <Text>评选加载失败：{state.message}</Text>
        <Text className='open-campaigns__retry'>重试</Text>
      </View>
    );
  }

  const cards = state.items
    .map((c) => ({ c, badge: campaignBadge(c, now) }))
    .sort((a, b) => BADGE_ORDER[a.badge?.kind ?? 'none'] - BADGE_ORDER[b.badge?.kind ?? 'none']);

  return (
    <View className='open-campaigns' data-testid='open-campaigns'>
      <Text className='open-campaigns__heading'>正在进行的评选</Text>
      {cards.map(({ c, badge }) => {
        const url = targetOf(c, state.grants);
        const kindLabel = CAMPAIGN_KIND_LABELS[c.kind];
        return (
          <View
            key={c._id}
            className='open-campaigns__card'
            data-testid='campaign-card'
            data-id={c._id}
            onClick={() => {
              if (url) Taro.navigateTo({ url });
            }}
          >
            <View className='open-campaigns__body'>
              {/* 标题里已有评选类型（“2026 年度基层党组织活动方案立项”）时不再重复 */}
              {c.title.includes(kindLabel) ? null : <Text className='open-campaigns__kind'>{kindLabel}</Text>}
              <Text className='open-campaigns__title'>{c.title}</Text>
              {badge ? (
                <View className='open-campaigns__status'>
                  <Text className={`open-campaigns__badge open-campaigns__badge--${badge.kind}`} data-testid='campaign-badge'>
                    {badge.label}
                  </Text>
                  {badge.detail ? (
                    <Text className='open-campaigns__detail' data-testid='campaign-badge-detail'>
                      {badge.detail}
                    </Text>
                  ) : null}
                </View>
              ) : null}
            </View>
            {url ? <Text className='open-campaigns__chevron'>›</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
