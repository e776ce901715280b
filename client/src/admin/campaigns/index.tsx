import { withSystemFont } from '@/components/SystemFont';
import ListFooter from '../shared/ListFooter';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_STATUS_LABELS, type CampaignSummary } from '@contract/index';
import StateView from '@/components/StateView';
import { CAMPAIGN_STATUS_TONES, submissionDeadline } from '@/services/campaigns';
import { callFunction } from '@/services/cloud';
import { usePagedList, usePagedListPage } from '@/services/paged-list';
import { toast } from '../shared/ui';
import '../shared/admin.scss';

const PAGE_SIZE = 20;

/** 评选管理（组织部）：全部评选（草稿、已发布、已结束），新建评选从模板或往年复制 */
function CampaignsPage() {
  const list = usePagedList((cursor?: string) => callFunction('campaigns', 'list', { status: 'all', pageSize: PAGE_SIZE, cursor }), { onLoadMoreError: toast });

  // 从编辑页返回时状态可能已变（发布、结束）：每次显示都重新读第一页
  usePagedListPage(list);

  const open = (c: CampaignSummary) => Taro.navigateTo({ url: `/admin/campaign-edit/index?id=${encodeURIComponent(c._id)}` });

  return (
    <View className='adm-page'>
      <View className='adm-toolbar'>
        <Text className='adm-toolbar__title'>{list.status === 'ready' ? `评选 ${list.items.length}${list.hasMore ? '+' : ''} 项` : '评选'}</Text>
        <View className='adm-btn' data-testid='new-campaign' onClick={() => Taro.navigateTo({ url: '/admin/campaign-copy/index' })}>
          <Text>＋ 新建评选</Text>
        </View>
      </View>
      {list.status === 'loading' ? <StateView kind='loading' /> : null}
      {list.status === 'error' ? <StateView kind='error' message={list.error} onRetry={() => list.refresh()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? <StateView kind='empty' message='还没有评选。点“新建评选”从往年的通知复制一份。' /> : null}
      {list.items.map((c) => {
        const deadline = submissionDeadline(c);
        return (
          <View key={c._id} className='adm-card' data-testid='campaign-card' data-id={c._id} data-status={c.status} onClick={() => open(c)}>
            <View className='adm-card__row'>
              <Text className='adm-card__title adm-card__body'>{c.title}</Text>
              <Text className='adm-card__chevron'>›</Text>
            </View>
            <View className='adm-card__meta'>
              <Text className={`adm-tag adm-tag--${CAMPAIGN_STATUS_TONES[c.status]}`} data-testid='campaign-status'>
                {CAMPAIGN_STATUS_LABELS[c.status]}
              </Text>
              <Text className='adm-tag adm-tag--red'>{CAMPAIGN_KIND_LABELS[c.kind]}</Text>
              <Text>{c.year} 年度</Text>
              {c.docNumber ? <Text>{c.docNumber}</Text> : null}
            </View>
            <View className='adm-card__meta'>
              <Text data-testid='campaign-deadline'>{deadline ? `申报截止 ${deadline}（北京时间）` : '未设申报阶段'}</Text>
            </View>
          </View>
        );
      })}
      {list.status === 'ready' && list.items.length > 0 ? (
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} onLoadMore={list.loadMore} />
      ) : null}
    </View>
  );
}

export default withSystemFont(CampaignsPage);
