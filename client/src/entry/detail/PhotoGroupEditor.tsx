import { useState } from 'react';
import { Image, Input, Text, View } from '@tarojs/components';
import { countZi, type Photo, type PhotoGroup } from '@contract/index';
import { messageOf } from '@/services/cloud';
import { choosePhotos, type PickedImage } from '@/services/upload';
import { confirmAction, toast } from '../../admin/shared/ui';
import UploadRow from './UploadRow';
import type { UploadJob } from './uploads';

export interface PhotoGroupEditorProps {
  group: PhotoGroup;
  photos: Photo[];
  /** 这组正在上传或上传失败的照片 */
  jobs: UploadJob[];
  /** fileID → 可显示的链接（云端临时链接或本机预览） */
  urls: Record<string, string>;
  onChange: (photos: Photo[]) => void;
  onAdd: (files: PickedImage[]) => void;
  onRetry: (jobId: string) => void;
  onDiscard: (jobId: string) => void;
  /** 随附的段落是否已填写（withSection：填了才要求至少 min 张） */
  sectionFilled: boolean;
  sectionTitle?: string;
}

/** 这组照片的要求：张数上下限、建议张数、说明字数、出处 */
export function photoRequirement(group: PhotoGroup, sectionTitle?: string): string {
  const parts: string[] = [];
  if (group.min > 0) parts.push(group.withSection && sectionTitle ? `填写“${sectionTitle}”后至少 ${group.min} 张` : `至少 ${group.min} 张`);
  parts.push(`最多 ${group.max} 张`);
  if (group.suggested) parts.push(`建议 ${group.suggested} 张左右`);
  parts.push(`每张配文字说明，不超过 ${group.captionMaxChars} 字`);
  return parts.join(' · ');
}

/**
 * 一组照片（A5 活动照片、B3 案例照片）：选图（压缩后）上传、每张的进度条；
 * 每张一条文字说明，实时字数（超过上限变红）；上移、下移、删除。
 */
export default function PhotoGroupEditor({ group, photos, jobs, urls, onChange, onAdd, onRetry, onDiscard, sectionFilled, sectionTitle }: PhotoGroupEditorProps) {
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const room = group.max - photos.length - jobs.length;
  const needed = sectionFilled ? group.min : 0;

  const add = async () => {
    if (picking) return;
    if (room <= 0) return toast(`“${group.label}”最多 ${group.max} 张${group.rule ? `（${group.rule}）` : ''}`);
    setError(null);
    setPicking(true);
    try {
      const files = await choosePhotos(room);
      if (files.length) onAdd(files.slice(0, room));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setPicking(false);
    }
  };

  const setCaption = (i: number, caption: string) => onChange(photos.map((p, j) => (j === i ? { ...p, caption } : p)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= photos.length) return;
    const next = [...photos];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const remove = async (i: number) => {
    if (!(await confirmAction('删除照片', `删除第 ${i + 1} 张照片及其说明吗？`, '删除'))) return;
    onChange(photos.filter((_, j) => j !== i));
  };

  const countState = photos.length > group.max ? 'over' : photos.length < needed ? 'under' : 'ok';
  return (
    <View className='entry-media' data-testid={`photos-${group.key}`}>
      <View className='entry-media__head'>
        <Text className='entry-media__title'>
          {group.label}
          {needed > 0 ? <Text className='zi-field__required'> *</Text> : null}
        </Text>
        {group.rule ? (
          <Text className='entry-media__rule' data-testid='rule-id'>
            {group.rule}
          </Text>
        ) : null}
        <Text className={`entry-media__count entry-media__count--${countState}`} data-testid={`photos-${group.key}-count`}>
          {photos.length}/{group.max} 张
        </Text>
      </View>
      <Text className='entry-media__hint' data-testid={`photos-${group.key}-rule`}>
        {photoRequirement(group, sectionTitle)}
      </Text>

      {photos.map((p, i) => {
        const n = countZi(p.caption);
        const state = n > group.captionMaxChars ? 'over' : n === 0 ? 'empty' : 'ok';
        return (
          <View key={p.fileID} className={`entry-photo entry-photo--${state}`} data-testid='photo' data-file={p.fileID}>
            {urls[p.fileID] ? <Image className='entry-photo__thumb' src={urls[p.fileID]} mode='aspectFill' /> : <View className='entry-photo__thumb entry-photo__thumb--empty' />}
            <View className='entry-photo__body'>
              <View className='entry-photo__head'>
                <Text className='entry-photo__index'>第 {i + 1} 张</Text>
                <Text className='entry-photo__counter' data-testid='caption-counter' data-state={state}>
                  {n}/{group.captionMaxChars} 字
                </Text>
              </View>
              <Input
                className='entry-photo__caption'
                value={p.caption}
                maxlength={200}
                placeholder={`文字说明，不超过 ${group.captionMaxChars} 字`}
                data-testid='caption'
                onInput={(e) => setCaption(i, e.detail.value)}
              />
              {state === 'over' ? <Text className='entry-photo__warn'>说明超出 {n - group.captionMaxChars} 字</Text> : null}
              <View className='entry-photo__actions'>
                <Text className={`entry-photo__action${i === 0 ? ' entry-photo__action--disabled' : ''}`} data-testid='photo-up' onClick={() => move(i, -1)}>
                  上移
                </Text>
                <Text className={`entry-photo__action${i === photos.length - 1 ? ' entry-photo__action--disabled' : ''}`} data-testid='photo-down' onClick={() => move(i, 1)}>
                  下移
                </Text>
                <Text className='entry-photo__action entry-photo__action--danger' data-testid='photo-delete' onClick={() => remove(i)}>
                  删除
                </Text>
              </View>
            </View>
          </View>
        );
      })}

      {jobs.map((j) => (
        <UploadRow key={j.id} job={j} preview={'previewUrl' in j.file ? j.file.previewUrl : undefined} onRetry={onRetry} onDiscard={onDiscard} />
      ))}

      {error ? (
        <Text className='entry-media__error' data-testid='photos-error'>
          {error}
        </Text>
      ) : null}
      <View className={`adm-btn adm-btn--ghost adm-btn--block entry-media__add${room <= 0 || picking ? ' adm-btn--disabled' : ''}`} data-testid={`add-photos-${group.key}`} onClick={add}>
        <Text>{room <= 0 ? `已达 ${group.max} 张上限` : picking ? '正在处理照片…' : '＋ 添加照片'}</Text>
      </View>
    </View>
  );
}
