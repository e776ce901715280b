import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CampaignSummary } from '@contract/index';
import { callFunction } from '@/services/cloud';

/** 选定评选后：有函评的类别给出“评审管理”入口（指派、进度、排名、评定、公布） */
export default function ReviewLinks({ campaign }: { campaign: CampaignSummary | null }) {
  const [tracks, setTracks] = useState<{ key: string; label: string }[]>([]);
  useEffect(() => {
    let alive = true;
    setTracks([]);
    if (!campaign) return;
    callFunction('campaigns', 'get', { id: campaign._id })
      .then((c) => alive && setTracks(c.tracks.filter((t) => t.pipeline.review?.mode === 'correspondence').map((t) => ({ key: t.key, label: t.label }))))
      .catch(() => alive && setTracks([]));
    return () => {
      alive = false;
    };
  }, [campaign]);
  if (!campaign || !tracks.length) return null;
  return (
    <>
      {tracks.map((t) => (
        <View
          key={t.key}
          className='wb-summary-link'
          data-testid={`review-link-${t.key}`}
          onClick={() => Taro.navigateTo({ url: `/workbench/review/index?campaignId=${encodeURIComponent(campaign._id)}&trackKey=${encodeURIComponent(t.key)}` })}
        >
          <Text>评审管理：{t.label}（函评）</Text>
          <Text>›</Text>
        </View>
      ))}
    </>
  );
}
