import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, type Notice } from '@contract/index';
import StateView from '@/components/StateView';
import { formatBytes, openAttachment } from '@/services/attachments';
import { callFunction, messageOf } from '@/services/cloud';
import './index.scss';

/** 通知详情：全文（保留段落）、附件、转发给聊天 */
export default function NoticePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const n = await callFunction('notices', 'get', { id });
      setNotice(n);
      Taro.setNavigationBarTitle({ title: n.kind ? CAMPAIGN_KIND_LABELS[n.kind] : '通知详情' });
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

  if (error) return <StateView kind='error' message={error} onRetry={load} />;
  if (!notice) return <StateView kind='loading' />;

  const paragraphs = notice.body.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return (
    <View className='notice-page'>
      <Text className='notice-page__title'>{notice.title}</Text>
      <View className='notice-page__meta'>
        <Text>{notice.issuer}</Text>
        {notice.docNumber ? <Text className='notice-page__doc'>{notice.docNumber}</Text> : null}
        <Text>{notice.issuedOn}</Text>
      </View>
      <View className='notice-page__body'>
        {paragraphs.map((p, i) => (
          <Text key={i} className='notice-page__paragraph' userSelect>
            {p}
          </Text>
        ))}
      </View>
      {notice.attachments.length ? (
        <View className='notice-page__attachments'>
          <Text className='notice-page__section'>附件</Text>
          {notice.attachments.map((a) => (
            <View key={a.fileID} className='notice-page__attachment' onClick={() => openAttachment(a.fileID)}>
              <Text>{a.name}</Text>
              <Text className='notice-page__size'>{formatBytes(a.size)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
