import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatBytes, openAttachment } from '@/services/attachments';
import { messageOf } from '@/services/cloud';
import { chooseFiles, type PickedFile } from '@/services/upload';
import { confirmAction } from '../../admin/shared/ui';
import UploadRow from './UploadRow';
import { fileIssue, type UploadJob } from './uploads';

export interface StoredFile {
  fileID: string;
  name: string;
  size: number;
}

export interface FilesFieldProps {
  /** 用于 data-testid：documents / scan */
  testId: string;
  label: string;
  rule: string;
  required: boolean;
  /** 最多几份（扫描件为 1：再选即替换） */
  max: number;
  extensions: readonly string[];
  files: StoredFile[];
  jobs: UploadJob[];
  urls: Record<string, string>;
  /** 要求的补充说明，如“将合成一个带目录的 PDF” */
  note?: string;
  onAdd: (files: PickedFile[]) => void;
  onRemove: (index: number) => void;
  onRetry: (jobId: string) => void;
  onDiscard: (jobId: string) => void;
}

/**
 * 文件清单（支撑材料 A6、盖章扫描件 A4/B3/D6）：小程序从聊天记录里选，H5 用文件框；
 * 上传前按类型与大小检查（FILE_RULES），逐个显示名称、大小与进度，可删除。
 */
export default function FilesField({ testId, label, rule, required, max, extensions, files, jobs, urls, note, onAdd, onRemove, onRetry, onDiscard }: FilesFieldProps) {
  const [errors, setErrors] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const single = max === 1;
  const room = single ? 1 : max - files.length - jobs.length;

  const add = async () => {
    if (picking || room <= 0 || (single && jobs.some((j) => !j.error))) return;
    setPicking(true);
    setErrors([]);
    try {
      const picked = await chooseFiles(extensions, room, `${testId}-input`);
      const problems = picked.map((f) => fileIssue(f, extensions)).filter((m): m is string => !!m);
      const ok = picked.filter((f) => !fileIssue(f, extensions));
      setErrors(problems);
      if (ok.length) {
        if (single) for (const j of jobs) onDiscard(j.id);
        onAdd(ok.slice(0, room));
      }
    } catch (err) {
      setErrors([messageOf(err)]);
    } finally {
      setPicking(false);
    }
  };

  const remove = async (i: number) => {
    if (await confirmAction('删除文件', `删除“${files[i].name}”吗？`, '删除')) onRemove(i);
  };

  return (
    <View className='entry-media' data-testid={`${testId}-field`}>
      <View className='entry-media__head'>
        <Text className='entry-media__title'>
          {label}
          {required ? <Text className='zi-field__required'> *</Text> : null}
        </Text>
        {rule ? (
          <Text className='entry-media__rule' data-testid='rule-id'>
            {rule}
          </Text>
        ) : null}
        {!single ? (
          <Text className='entry-media__count' data-testid={`${testId}-count`}>
            {files.length}/{max} 份
          </Text>
        ) : null}
      </View>
      <Text className='entry-media__hint'>
        可上传 {extensions.join('、')}
        {process.env.TARO_ENV === 'weapp' ? '（从微信聊天记录中选择）' : ''}
      </Text>
      {note ? (
        <Text className='entry-media__note' data-testid={`${testId}-note`}>
          {note}
        </Text>
      ) : null}

      {files.map((f, i) => (
        <View key={f.fileID} className='entry-file' data-testid={`${testId}-item`}>
          <View className='entry-file__body' onClick={() => openAttachment({ name: f.name, fileID: f.fileID, url: urls[f.fileID] })}>
            <Text className='entry-file__name'>{f.name}</Text>
            <Text className='entry-file__size'>{formatBytes(f.size)}</Text>
          </View>
          <Text className='entry-photo__action entry-photo__action--danger' data-testid={`${testId}-delete`} onClick={() => remove(i)}>
            删除
          </Text>
        </View>
      ))}
      {jobs.map((j) => (
        <UploadRow key={j.id} job={j} onRetry={onRetry} onDiscard={onDiscard} />
      ))}
      {errors.length ? (
        <View className='entry-media__error' data-testid={`${testId}-error`}>
          {errors.map((m) => (
            <Text key={m} className='entry-media__error-line'>
              {m}
            </Text>
          ))}
        </View>
      ) : null}
      <View className={`adm-btn adm-btn--ghost adm-btn--block entry-media__add${room <= 0 || picking ? ' adm-btn--disabled' : ''}`} data-testid={`add-${testId}`} onClick={add}>
        <Text>{room <= 0 ? `已达 ${max} 份上限` : single && files.length ? '重新上传' : '＋ 上传文件'}</Text>
      </View>
    </View>
  );
}
