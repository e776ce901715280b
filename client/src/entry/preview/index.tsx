import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ENTRY_STATUS_LABELS, formatCst, type Entry, type EntryForm } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import EntryView from '../shared/EntryView';
import '../../admin/shared/admin.scss';
import './index.scss';

interface PreviewState {
  entry: Entry;
  campaignTitle: string;
  form: EntryForm | null;
  fileUrls: Record<string, string>;
}

/**
 * 预览：以评审看到的样子只读显示云端保存的材料（名称、申报主体、各段、照片与说明、视频、文件清单）。
 * 从编辑页进入前已先保存，所以这里就是提交后评审将读到的内容。
 */
function EntryPreviewPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<PreviewState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这份申报');
      const res = await callFunction('entries', 'get', { id });
      let form: EntryForm | null = null;
      try {
        const c = await callFunction('campaigns', 'get', { id: res.entry.campaignId });
        form = c.tracks.find((t) => t.key === res.entry.trackKey)?.form ?? null;
      } catch {
        form = null; // 取不到表单时按内容显示，标题用字段名
      }
      setState({ entry: res.entry, campaignTitle: res.campaign.title, form, fileUrls: res.fileUrls });
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);

  useDidShow(() => {
    load();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  if (error && !state) return <StateView kind='error' message={error} onRetry={id ? load : undefined} />;
  if (!state) return <StateView kind='loading' />;
  const { entry } = state;
  return (
    <View className='adm-page entry-preview' data-testid='entry-preview'>
      <Text className='adm-banner adm-banner--info' data-testid='preview-note'>
        这是评审将看到的样子（{ENTRY_STATUS_LABELS[entry.status]}，保存于 {formatCst(entry.updatedAt)}）。要修改请返回编辑页。
      </Text>
      <EntryView content={entry.content} form={state.form} entrantName={entry.entrantName} unitName={entry.unitName} campaignTitle={state.campaignTitle} urls={state.fileUrls} />
      <View className='adm-btn adm-btn--block adm-btn--plain entry-preview__back' data-testid='preview-back' onClick={() => Taro.navigateBack()}>
        <Text>返回编辑</Text>
      </View>
    </View>
  );
}

export default withSystemFont(EntryPreviewPage);
