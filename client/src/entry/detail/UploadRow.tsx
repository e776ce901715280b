import { Image, Text, View } from '@tarojs/components';
import { formatBytes } from '@/services/attachments';
import type { UploadJob } from './uploads';

export interface UploadRowProps {
  job: UploadJob;
  /** 照片的本机预览 */
  preview?: string;
  onRetry: (jobId: string) => void;
  onDiscard: (jobId: string) => void;
}

/** 一个正在上传的文件：名称、大小、进度条；失败时写明原因，可重试或移除 */
export default function UploadRow({ job, preview, onRetry, onDiscard }: UploadRowProps) {
  const failed = !!job.error;
  return (
    <View className={`entry-upload${failed ? ' entry-upload--failed' : ''}`} data-testid='upload-job' data-state={failed ? 'failed' : 'uploading'}>
      {preview ? <Image className='entry-upload__thumb' src={preview} mode='aspectFill' /> : null}
      <View className='entry-upload__body'>
        <View className='entry-upload__head'>
          <Text className='entry-upload__name'>{job.file.name}</Text>
          <Text className='entry-upload__size'>{formatBytes(job.file.size)}</Text>
        </View>
        {failed ? (
          <>
            <Text className='entry-upload__error' data-testid='upload-error'>
              {job.error}
            </Text>
            <View className='entry-upload__actions'>
              <Text className='entry-photo__action' data-testid='upload-retry' onClick={() => onRetry(job.id)}>
                重试
              </Text>
              <Text className='entry-photo__action entry-photo__action--danger' data-testid='upload-discard' onClick={() => onDiscard(job.id)}>
                移除
              </Text>
            </View>
          </>
        ) : (
          <View className='entry-upload__progress' data-testid='upload-progress' data-progress={job.progress}>
            <View className='entry-upload__track'>
              <View className='entry-upload__bar' style={{ width: `${job.progress}%` }} />
            </View>
            <Text className='entry-upload__percent'>上传中 {job.progress}%</Text>
          </View>
        )}
      </View>
    </View>
  );
}
