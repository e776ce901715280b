import { useState } from 'react';
import { Text, Video, View } from '@tarojs/components';
import { formatDuration, type EntryForm, type Video as VideoValue, type VideoRule } from '@contract/index';
import { formatBytes } from '@/services/attachments';
import { messageOf } from '@/services/cloud';
import { chooseVideo, type PickedVideo } from '@/services/upload';
import { confirmAction } from '../../admin/shared/ui';
import UploadRow from './UploadRow';
import { videoPrecheck, type UploadJob } from './uploads';

export interface VideoFieldProps {
  form: EntryForm;
  rule: VideoRule;
  video: VideoValue | null;
  job: UploadJob | null;
  urls: Record<string, string>;
  onPicked: (video: PickedVideo) => void;
  onRemove: () => void;
  onRetry: (jobId: string) => void;
  onDiscard: (jobId: string) => void;
}

/** 视频的要求（C1）：MP4，时长上限，分辨率下限 */
export function videoRequirement(rule: VideoRule): string {
  const minutes = Math.floor(rule.maxSeconds / 60);
  const seconds = rule.maxSeconds % 60;
  return `MP4 格式，不超过 ${minutes} 分钟${seconds ? ` ${seconds} 秒` : ''}，分辨率不小于 ${rule.minWidth}×${rule.minHeight}`;
}

/**
 * 成果展示视频（C1）：选好后先在本机检查格式、时长与分辨率，不合格的不上传并写明规则；
 * 合格的上传并显示进度。云端提交时按记下的数值再核对一次。
 */
export default function VideoField({ form, rule, video, job, urls, onPicked, onRemove, onRetry, onDiscard }: VideoFieldProps) {
  const [issues, setIssues] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const cite = rule.rule ? `（${rule.rule}）` : '';

  const pick = async () => {
    if (picking || (job && !job.error)) return;
    setPicking(true);
    setIssues([]);
    try {
      const v = await chooseVideo();
      if (!v) return;
      const problems = videoPrecheck(form, rule, v);
      if (problems.length) return setIssues(problems);
      if (job) onDiscard(job.id);
      onPicked(v);
    } catch (err) {
      setIssues([messageOf(err)]);
    } finally {
      setPicking(false);
    }
  };

  const remove = async () => {
    if (await confirmAction('删除视频', '删除已上传的视频吗？', '删除')) onRemove();
  };

  const url = video ? urls[video.fileID] : undefined;
  return (
    <View className='entry-media' data-testid='video-field'>
      <View className='entry-media__head'>
        <Text className='entry-media__title'>
          {rule.label}
          {rule.required ? <Text className='zi-field__required'> *</Text> : null}
        </Text>
        {rule.rule ? (
          <Text className='entry-media__rule' data-testid='rule-id'>
            {rule.rule}
          </Text>
        ) : null}
      </View>
      <Text className='entry-media__hint' data-testid='video-rule'>
        {videoRequirement(rule)}
        {cite}
      </Text>

      {video ? (
        <View className='entry-video' data-testid='video'>
          {url ? <Video className='entry-video__player' src={url} controls objectFit='contain' /> : null}
          <Text className='entry-video__meta' data-testid='video-meta'>
            时长 {formatDuration(video.seconds)} · {video.width}×{video.height} · {video.format.toUpperCase()} · {formatBytes(video.size)}
          </Text>
          <View className='entry-photo__actions'>
            <Text className='entry-photo__action entry-photo__action--danger' data-testid='video-delete' onClick={remove}>
              删除
            </Text>
          </View>
        </View>
      ) : null}

      {job ? <UploadRow job={job} onRetry={onRetry} onDiscard={onDiscard} /> : null}

      {issues.length ? (
        <View className='entry-media__error' data-testid='video-error'>
          <Text className='entry-media__error-title'>所选视频不符合要求，未上传：</Text>
          {issues.map((m) => (
            <Text key={m} className='entry-media__error-line'>
              · {m}
            </Text>
          ))}
        </View>
      ) : null}

      <View className={`adm-btn adm-btn--ghost adm-btn--block entry-media__add${picking || (job && !job.error) ? ' adm-btn--disabled' : ''}`} data-testid='pick-video' onClick={pick}>
        <Text>{picking ? '正在读取视频…' : video ? '更换视频' : '＋ 选择视频'}</Text>
      </View>
    </View>
  );
}
