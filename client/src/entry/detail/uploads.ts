import { useCallback, useRef, useState } from 'react';
import {
  checkContent,
  emptyContent,
  extensionOf,
  FILE_RULES,
  fileKindOf,
  rejectFile,
  type EntryForm,
  type VideoRule,
} from '@contract/index';
import { callFunction, messageOf } from '@/services/cloud';
import { entryFileCloudPath, uploadFile, type PickedFile, type PickedImage, type PickedVideo } from '@/services/upload';

/** 上传的去处：某组照片、视频、支撑材料、盖章扫描件 */
export type UploadTarget = { kind: 'photo'; group: string } | { kind: 'video' } | { kind: 'document' } | { kind: 'scan' };

export type Picked = PickedFile | PickedImage | PickedVideo;

/** 一项正在上传（或上传失败待重试）的文件 */
export interface UploadJob {
  id: string;
  target: UploadTarget;
  file: Picked;
  /** 0–100 */
  progress: number;
  error: string | null;
}

const CLOUD_KIND = { photo: 'photo', video: 'video', document: 'doc', scan: 'scan' } as const;

export const sameTarget = (a: UploadTarget, b: UploadTarget) => a.kind === b.kind && (a.kind !== 'photo' || (b.kind === 'photo' && a.group === b.group));

/**
 * 上传队列：每个文件一条，带进度；一次选的几个按顺序逐个上传并登记（entries.registerUpload）；失败的留在原处显示原因，可重试或移除。
 * 上传成功后交给 onUploaded（页面把它写进材料内容），队列里就去掉它。
 */
export function useUploads(entryId: string, onUploaded: (target: UploadTarget, file: Picked, fileID: string) => void) {
  const [jobs, setJobs] = useState<UploadJob[]>([]);
  const seq = useRef(0);
  const done = useRef(onUploaded);
  done.current = onUploaded;

  const patch = (id: string, p: Partial<UploadJob>) => setJobs((list) => list.map((j) => (j.id === id ? { ...j, ...p } : j)));

  const run = useCallback(
    async (job: UploadJob) => {
      patch(job.id, { progress: 0, error: null });
      const ext = extensionOf(job.file.name) || (job.target.kind === 'photo' ? 'jpg' : '');
      try {
        const fileID = await uploadFile(entryFileCloudPath(entryId, CLOUD_KIND[job.target.kind], ext), job.file.source, (progress) => patch(job.id, { progress }));
        // 登记这次上传：服务端只接受能编辑这份材料的人登记过的文件（云存储规则核对不了单位与支部）
        await callFunction('entries', 'registerUpload', { id: entryId, fileID });
        done.current(job.target, job.file, fileID);
        setJobs((list) => list.filter((j) => j.id !== job.id));
      } catch (err) {
        patch(job.id, { error: `上传失败：${messageOf(err)}` });
      }
    },
    [entryId],
  );

  const start = useCallback(
    (target: UploadTarget, files: Picked[]) => {
      const added = files.map((file) => ({ id: `u${++seq.current}`, target, file, progress: 0, error: null }));
      setJobs((list) => [...list, ...added]);
      // 一批里逐个上传：按选择的顺序进入材料（手机网络上也不互相抢带宽）
      void (async () => {
        for (const job of added) await run(job);
      })();
    },
    [run],
  );

  const retry = useCallback(
    (id: string) => {
      const job = jobs.find((j) => j.id === id);
      if (job) void run(job);
    },
    [jobs, run],
  );

  const remove = useCallback((id: string) => setJobs((list) => list.filter((j) => j.id !== id)), []);

  return { jobs, start, retry, remove, busy: jobs.some((j) => !j.error) };
}

/**
 * 上传前检查视频（C1）：格式 MP4、大小、时长不超过上限、长边/短边不小于规定的分辨率。
 * 用与云端提交时同一个内容检查函数（checkContent）给出带规则编号的中文说明；合格返回空数组。
 */
export function videoPrecheck(form: EntryForm, rule: VideoRule, v: PickedVideo): string[] {
  const cite = rule.rule ? `（${rule.rule}）` : '';
  const format = (v.format || extensionOf(v.name)).toLowerCase();
  if (format !== rule.format) return [`${rule.label}须为 MP4 格式${cite}，所选文件为 ${format ? format.toUpperCase() : '未知格式'}`];
  const tooBig = rejectFile(`video.${format}`, v.size);
  if (tooBig) return [`${tooBig}${cite}`];
  if (!(v.seconds > 0) || !(v.width > 0) || !(v.height > 0)) return [`无法读取视频的时长和分辨率，请确认是 MP4（H.264）视频${cite}`];
  const content = { ...emptyContent(), video: { fileID: 'cloud://precheck/video.mp4', seconds: v.seconds, width: v.width, height: v.height, format, size: v.size } };
  return checkContent({ ...form, video: rule }, content)
    .filter((r) => r.path === 'video' && !r.ok)
    .map((r) => r.message);
}

/** 支撑材料可收的扩展名（FILE_RULES.document） */
export const DOCUMENT_EXTENSIONS: readonly string[] = FILE_RULES.document.extensions;
/** 盖章扫描件：文档或图片 */
export const SCAN_EXTENSIONS: readonly string[] = [...FILE_RULES.document.extensions, ...FILE_RULES.image.extensions];

/** 上传前检查一个文件：类型在允许的扩展名内、大小不超限；合格返回 null */
export function fileIssue(file: PickedFile, allowed: readonly string[]): string | null {
  const ext = extensionOf(file.name);
  if (!allowed.includes(ext)) return `“${file.name}”的类型不在可上传之列（可上传：${allowed.join('、')}）`;
  const reason = rejectFile(file.name, file.size);
  if (reason) return `“${file.name}”：${reason}`;
  return fileKindOf(file.name) ? null : `“${file.name}”的类型不支持`;
}

/** 文件名过长时截短（保留扩展名），符合契约的 100 字符上限 */
export function shortName(name: string, max = 100): string {
  const trimmed = name.trim() || '未命名文件';
  if (trimmed.length <= max) return trimmed;
  const ext = extensionOf(trimmed);
  const keep = max - (ext ? ext.length + 2 : 1);
  return `${trimmed.slice(0, keep)}…${ext ? `.${ext}` : ''}`;
}
