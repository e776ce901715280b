import type { CloudDb } from './db';
import type { Caller, Clock, ContentSecurity, FileStore, MessageSender } from './ports';

/** 一次调用的上下文：main() 构造，处理函数只用它触达外部世界 */
export interface FunctionContext {
  caller: Caller;
  db: CloudDb;
  files: FileStore;
  messages: MessageSender;
  security: ContentSecurity;
  clock: Clock;
  requestId: string;
  /** 是否为本地运行时（界面需明显标注） */
  localMode: boolean;
}
