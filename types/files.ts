/**
 * 上传文件的类别与限制。扩展名决定类别，服务端还按文件头（魔数）复核，
 * 防止把可执行文件改名为 .jpg 上传。
 */
export const FILE_RULES = {
  image: { label: '图片', extensions: ['jpg', 'jpeg', 'png', 'webp'], maxBytes: 10 * 1024 * 1024 },
  video: { label: '视频', extensions: ['mp4'], maxBytes: 200 * 1024 * 1024 }, // C1(2) 成果展示视频：MP4
  document: {
    label: '文档',
    extensions: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx'],
    maxBytes: 50 * 1024 * 1024,
  },
} as const;
export type FileKind = keyof typeof FILE_RULES;

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

export function fileKindOf(name: string): FileKind | null {
  const ext = extensionOf(name);
  for (const kind of Object.keys(FILE_RULES) as FileKind[]) {
    if ((FILE_RULES[kind].extensions as readonly string[]).includes(ext)) return kind;
  }
  return null;
}

/** 按名称与大小给出中文拒绝理由；可接受时返回 null */
export function rejectFile(name: string, size: number): string | null {
  const kind = fileKindOf(name);
  if (!kind) return `不支持的文件类型：${extensionOf(name) || '无扩展名'}`;
  const rule = FILE_RULES[kind];
  if (size <= 0) return '文件为空';
  if (size > rule.maxBytes) return `${rule.label}不能超过 ${Math.round(rule.maxBytes / 1024 / 1024)} MB`;
  return null;
}

/** 云存储路径：相对路径，只含安全字符，不得含 .. 或以 / 开头 */
export const CLOUD_PATH_PATTERN = /^(?!\/)(?!.*\.\.)[A-Za-z0-9_\-./\u4e00-\u9fa5]{1,200}$/;
