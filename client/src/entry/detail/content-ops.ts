import { checkTrackContent, type EntryContent, type RuleResult, type Track } from '@contract/index';
import type { PickedImage, PickedVideo } from '@/services/upload';
import { shortName, type Picked, type UploadTarget } from './uploads';

/** 把上传好的文件写进材料内容：照片追加到组末尾，视频与扫描件替换，支撑材料追加 */
export function withUploadedFile(content: EntryContent, target: UploadTarget, file: Picked, fileID: string): EntryContent {
  switch (target.kind) {
    case 'photo': {
      const img = file as PickedImage;
      const list = content.photos[target.group] ?? [];
      if (list.some((p) => p.fileID === fileID)) return content;
      const photo = { fileID, caption: '', width: img.width > 0 ? Math.round(img.width) : null, height: img.height > 0 ? Math.round(img.height) : null, size: file.size };
      return { ...content, photos: { ...content.photos, [target.group]: [...list, photo] } };
    }
    case 'video': {
      const v = file as PickedVideo;
      return { ...content, video: { fileID, seconds: Math.round(v.seconds * 100) / 100, width: Math.round(v.width), height: Math.round(v.height), format: v.format.toLowerCase(), size: v.size } };
    }
    case 'document':
      if (content.documents.some((d) => d.fileID === fileID)) return content;
      return { ...content, documents: [...content.documents, { fileID, name: shortName(file.name), size: file.size }] };
    case 'scan':
      return { ...content, stampedScan: { fileID, name: shortName(file.name), size: file.size } };
  }
}

/** 内容里某个路径（如 dates.startedOn、title）的值，用于判断云端的检查结果是否还适用 */
function valueAt(content: EntryContent, path: string): unknown {
  const [head, key] = path.split('.');
  const v = (content as unknown as Record<string, unknown>)[head];
  return key && v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : v;
}

/**
 * 云端的检查里有些不是表单检查（checkTrackContent）给出的，如 A1 开始日期满一年、往年获奖项目：
 * 取出这些“额外”的结果；它们对应的内容在本机改过之后就不再适用（提交前会重新向云端取一次）。
 */
export function serverOnlyResults(track: Track, serverContent: EntryContent, serverResults: RuleResult[], working: EntryContent): RuleResult[] {
  const local = new Set(checkTrackContent(track, serverContent).map((r) => `${r.path}|${r.message}`));
  return serverResults.filter((r) => !local.has(`${r.path}|${r.message}`) && (!r.path || JSON.stringify(valueAt(serverContent, r.path)) === JSON.stringify(valueAt(working, r.path))));
}
