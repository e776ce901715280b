import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, type CampaignSummary, type Notice } from '@contract/index';
import StateView from '@/components/StateView';
import { formatBytes, openAttachment } from '@/services/attachments';
import { submissionDeadline } from '@/services/campaigns';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { isHeading, toParagraphs } from './paragraphs';
import './index.scss';

/**
 * 按这份通知正在进行的评选（已发布、noticeId 为本通知）。只是一个入口：
 * 取不到（未绑定、网络）时不显示，不影响阅读通知
 */
async function openCampaignsOf(notice: Notice): Promise<CampaignSummary[]> {
  if (!notice.kind) return [];
  try {
    const res = await callFunction('campaigns', 'list', { status: 'open', kind: notice.kind, pageSize: 50 });
    return res.items.filter((c) => c.noticeId === notice._id && c.status === 'open');
  } catch {
    return [];
  }
}

/** 通知详情：标题、文号与发文信息、全文（保留段落）、附件、转发给聊天；有进行中的评选时可“参加评选” */
function NoticePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [campaigns, setCampaigns] = useState<CampaignSummary[]>([]);

  const load = useCallback(async () => {
    // 分享链接被截断时给出人话，而不是“编号格式不正确”
    if (!id) return setError('链接不完整，找不到这条通知');
    setError(null);
    try {
      const n = await callFunction('notices', 'get', { id });
      setNotice(n);
      setCampaigns(await openCampaignsOf(n));
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);

  useEffect(() => {
    load();
  }, [load]);

  useShareAppMessage(() => ({
    title: notice?.title ?? '通知',
    path: `/pages/notice/index?id=${encodeURIComponent(id)}`,
  }));

  if (error) return <StateView kind='error' message={error} onRetry={id ? load : undefined} />;
  if (!notice) return <StateView kind='loading' />;

  return (
    <View className='notice-page'>
      {notice.kind ? <Text className='notice-page__kind'>{CAMPAIGN_KIND_LABELS[notice.kind]}</Text> : null}
      <Text className='notice-page__title'>{notice.title}</Text>
      <View className='notice-page__meta' data-testid='notice-meta'>
        {notice.docNumber ? <Text className='notice-page__meta-item notice-page__doc'>{notice.docNumber}</Text> : null}
        <Text className='notice-page__meta-item'>{notice.issuer}</Text>
        <Text className='notice-page__meta-item'>{notice.issuedOn}</Text>
      </View>
      {campaigns.map((c) => {
        const deadline = submissionDeadline(c);
        return (
          <View key={c._id} className='notice-page__campaign' data-testid='join-campaign'>
            <View className='notice-page__campaign-body'>
              <Text className='notice-page__campaign-title'>{c.title}</Text>
              {deadline ? <Text className='notice-page__campaign-meta'>申报截止 {deadline}（北京时间）</Text> : null}
            </View>
            <View className='notice-page__join' onClick={() => Taro.navigateTo({ url: `/entry/start/index?campaignId=${encodeURIComponent(c._id)}` })}>
              <Text>参加评选</Text>
            </View>
          </View>
        );
      })}
      <View className='notice-page__body'>
        {toParagraphs(notice.body).map((p, i) => (
          <Text
            key={i}
            className={`notice-page__paragraph${isHeading(p) ? ' notice-page__paragraph--heading' : ''}`}
            data-testid='notice-paragraph'
            userSelect
          >
            {p}
          </Text>
        ))}
      </View>
      {notice.attachments.length ? (
        <View className='notice-page__attachments'>
          <Text className='notice-page__section'>附件（{notice.attachments.length}）</Text>
          {notice.attachments.map((a) => (
            <View key={a.fileID} className='notice-page__attachment' data-testid='attachment' onClick={() => openAttachment(a)}>
              <Text className='notice-page__file-name'>{a.name}</Text>
              <Text className='notice-page__size'>{formatBytes(a.size)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default withSystemFont(NoticePage);
