import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, Video, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, formatCst, type Case } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { isHeading } from '@/pages/notice/paragraphs';
import { useTempLinkRefresh } from '@/services/temp-links';
import { withSystemFont } from '@/components/SystemFont';
import './index.scss';

/** 一节正文：按换行分段；“一、实施情况”这样的小标题加粗 */
function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * 案例全文（成果储备库 A7）：标题、评选、申报主体、等级，各节正文带小标题，照片带说明（点开大图），成果视频；
 * 可转发给聊天、分享到朋友圈（页面配置 enableShareTimeline）。
 */
function CasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [item, setItem] = useState<(Case & { linksExpireAt?: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) return setError('链接不完整，找不到这个案例');
    setError(null);
    try {
      const c = await callFunction('cases', 'get', { id });
      setItem(c);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);

  useEffect(() => {
    load();
  }, [load]);

  // 照片、视频的临时链接 1 小时有效：页面开着过了有效期、或加载失败时，悄悄重新读取换新链接（正文不闪）
  const { onLinkError } = useTempLinkRefresh(item?.linksExpireAt, async () => {
    const c = await callFunction('cases', 'get', { id });
    setItem(c);
  });

  const cover = item?.photos.find((p) => p.url)?.url;
  useShareAppMessage(() => ({
    title: item ? `${item.title}｜${item.entrantName}` : '获奖案例',
    path: `/pages/case/index?id=${encodeURIComponent(id)}`,
    ...(cover ? { imageUrl: cover } : {}),
  }));
  useShareTimeline(() => ({
    title: item ? `${item.title}｜${item.campaignTitle}` : '获奖案例',
    query: `id=${encodeURIComponent(id)}`,
    ...(cover ? { imageUrl: cover } : {}),
  }));

  if (error) return <StateView kind='error' message={error} onRetry={id ? load : undefined} />;
  if (!item) return <StateView kind='loading' />;

  const urls = item.photos.map((p) => p.url).filter(Boolean);
  const preview = (url: string) => {
    if (url) Taro.previewImage({ current: url, urls });
  };

  return (
    <View className='case-page'>
      <View className='case-page__tags'>
        <Text className='case-page__level' data-testid='case-level'>
          {item.levelLabel}
        </Text>
        {/* 等级名里已有评选类型（“基层党建工作创新奖”）时不再重复 */}
        {item.levelLabel.includes(CAMPAIGN_KIND_LABELS[item.kind]) ? null : <Text className='case-page__kind'>{CAMPAIGN_KIND_LABELS[item.kind]}</Text>}
      </View>
      <Text className='case-page__title' data-testid='case-title' userSelect>
        {item.title}
      </Text>
      <View className='case-page__meta' data-testid='case-meta'>
        <Text className='case-page__meta-line case-page__entrant'>{item.entrantName}</Text>
        <Text className='case-page__meta-line'>{item.unitName}</Text>
        <Text className='case-page__meta-line case-page__campaign'>
          {item.campaignTitle} · {formatCst(item.publishedAt, 'YYYY-MM-DD')} 公布
        </Text>
      </View>

      {item.sections.map((s, i) => (
        <View key={i} className='case-page__section' data-testid='case-section'>
          <Text className='case-page__heading' data-testid='case-section-title'>
            {s.title}
          </Text>
          {paragraphsOf(s.text).map((p, j) => (
            <Text key={j} className={`case-page__paragraph${isHeading(p) ? ' case-page__paragraph--heading' : ''}`} userSelect>
              {p}
            </Text>
          ))}
        </View>
      ))}

      {item.photos.length ? (
        <View className='case-page__section'>
          <Text className='case-page__heading'>照片（{item.photos.length}）</Text>
          {item.photos.map((p, i) => (
            <View key={p.fileID} className='case-page__photo' data-testid='case-photo' onClick={() => preview(p.url)}>
              {p.url ? (
                <Image className='case-page__image' src={p.url} mode='widthFix' lazyLoad onError={onLinkError} data-testid='case-image' />
              ) : (
                <View className='case-page__image-missing'>
                  <Text>图片暂时无法显示</Text>
                </View>
              )}
              <Text className='case-page__caption' data-testid='case-caption'>
                {`图 ${i + 1}　${p.caption}`}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {item.video ? (
        <View className='case-page__section' data-testid='case-video'>
          <Text className='case-page__heading'>成果展示视频（{duration(item.video.seconds)}）</Text>
          {item.video.url ? (
            <Video className='case-page__video' src={item.video.url} controls showFullscreenBtn objectFit='contain' onError={onLinkError} />
          ) : (
            <View className='case-page__image-missing'>
              <Text>视频暂时无法播放，请稍后再试</Text>
            </View>
          )}
        </View>
      ) : null}

      <View className='case-page__share'>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='case-page__share-button' openType='share'>
            转发给好友
          </Button>
        ) : null}
        <Text className='case-page__share-hint'>点右上角“···”可转发给好友或分享到朋友圈</Text>
      </View>
    </View>
  );
}

export default withSystemFont(CasePage);
