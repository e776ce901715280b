/**
 * 云函数能触达的外部能力，一律经窄接口（端口）访问：
 * 生产环境由 wx-server-sdk 实现（wechat.ts），本地运行时有真实的对应实现（../_local）。
 */

/** 调用者：只来自平台（cloud.getWXContext()），绝不取自事件 */
export interface Caller {
  openid: string; // 空字符串：非小程序端调用（定时触发器、控制台）
  appid: string | null;
  unionid: string | null;
}

export interface TempUrl {
  fileID: string;
  tempFileURL: string;
  /** 0 为成功，其余为平台错误码 */
  status: number;
}

/** 云存储：fileID 形如 cloud://<env>.<bucket>/<path> */
export interface FileStore {
  upload(cloudPath: string, bytes: Buffer): Promise<{ fileID: string }>;
  download(fileID: string): Promise<Buffer>;
  tempUrls(fileIDs: string[], maxAgeSeconds?: number): Promise<TempUrl[]>;
  remove(fileIDs: string[]): Promise<void>;
  /**
   * 读文件的一段（从 start 起至多 length 字节，到文件尾则少于 length）：
   * 核对大文件（如 200 MB 的视频）的头部信息时不必整个下载进 256 MB 内存的云函数。
   */
  readRange(fileID: string, start: number, length: number): Promise<Buffer>;
}

/** 订阅消息（一次性）：字段值按模板类型有长度限制，由调用方裁剪 */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface MessageSender {
  sendSubscribe(message: SubscribeMessage): Promise<void>;
}

/** 内容安全：生产调用 security.msgSecCheck（v2），本地为关键词表，回复形状一致 */
export interface TextCheck {
  suggest: 'pass' | 'review' | 'risky';
  label: number; // 100 正常；20001 时政；20002 色情；20006 违法犯罪；21000 其他
}
export interface ContentSecurity {
  checkText(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<TextCheck>;
  /**
   * 图片/音频的异步检测（mediaCheckAsync v2）：立即返回 traceId，结论稍后由微信推送；
   * 调用方保存 traceId，收到结论前内容不公开。
   */
  submitMediaCheck(input: { mediaUrl: string; mediaType: 1 | 2; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
