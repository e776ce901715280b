import { withSystemFont } from '@/components/SystemFont';
import ListFooter from '../shared/ListFooter';
import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { caseStatusLabels } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction } from '@/services/cloud';
import { usePagedList, usePagedListPage } from '@/services/paged-list';
import { toast } from '../shared/ui';
import '../shared/admin.scss';

type Tab = 'draft' | 'hidden';
const PAGE_SIZE = 20;

/** 案例编辑（组织部，A7）：结果公布后生成的待发布案例与已撤下的案例，点开编辑后发布到储备库 */
function CaseDraftsPage() {
  const [tab, setTab] = useState<Tab>('draft');
  // 换标签页时先改这里再刷新：读取用的是刚点的那一页，不等重新渲染
  const shown = useRef<Tab>('draft');
  const list = usePagedList((cursor?: string) => callFunction('cases', 'drafts', { status: shown.current, pageSize: PAGE_SIZE, cursor }), { onLoadMoreError: toast });

  // 从编辑页返回时案例可能已发布：每次显示都重读第一页，并先清空（不先显示可能已发布、已撤下的旧卡片）
  usePagedListPage(list, { clear: true });

  const switchTo = (t: Tab) => {
    shown.current = t;
    setTab(t);
    list.refresh({ clear: true });
  };

  return (
    <View className='adm-page'>
      <View className='adm-tabs'>
        {(['draft', 'hidden'] as Tab[]).map((t) => (
          <View key={t} className={`adm-tabs__tab${tab === t ? ' adm-tabs__tab--active' : ''}`} data-testid={`tab-${t}`} onClick={() => switchTo(t)}>
            <Text>{caseStatusLabels[t]}</Text>
          </View>
        ))}
      </View>
      <View className='adm-banner adm-banner--info'>
        <Text>评选结果公布后，获奖案例先在这里待发布：核对题目、简介、正文与照片说明，发布后进入成果储备库（A7）。</Text>
      </View>
      {list.status === 'loading' ? <StateView kind='loading' /> : null}
      {list.status === 'error' ? <StateView kind='error' message={list.error} onRetry={() => list.refresh({ clear: true })} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <StateView kind='empty' message={tab === 'draft' ? '没有待发布的案例。公布评选结果后，获奖案例会出现在这里。' : '没有撤下的案例。'} />
      ) : null}
      {list.items.map((c) => (
        <View
          key={c._id}
          className='adm-card'
          data-testid='draft-card'
          data-id={c._id}
          onClick={() => Taro.navigateTo({ url: `/admin/case-edit/index?id=${encodeURIComponent(c._id)}` })}
        >
          <View className='adm-card__row'>
            <Text className='adm-card__title adm-card__body'>{c.title || '（无题目）'}</Text>
            <Text className='adm-card__chevron'>›</Text>
          </View>
          <View className='adm-card__meta'>
            <Text className={`adm-tag adm-tag--${c.status === 'draft' ? 'gold' : 'grey'}`}>{caseStatusLabels[c.status]}</Text>
            <Text className='adm-tag adm-tag--red'>{c.levelLabel}</Text>
            <Text>{c.year} 年度</Text>
          </View>
          <View className='adm-card__meta'>
            <Text>{c.unitName} · {c.entrantName} · {c.photoCount} 张照片</Text>
          </View>
        </View>
      ))}
      {list.status === 'ready' && list.items.length > 0 ? (
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} onLoadMore={list.loadMore} />
      ) : null}
    </View>
  );
}

export default withSystemFont(CaseDraftsPage);
