import type { MessageSender, SubscribeMessage } from '../_lib/ports';
import type { CloudDb } from '../_lib/db';

export const OUTBOX = 'outbox';

/** 订阅消息的本地对应：不发送，原样记入 outbox 集合（本地页面 /local/outbox 可查看） */
export class OutboxMessageSender implements MessageSender {
  constructor(
    private readonly db: CloudDb,
    private readonly now: () => Date,
  ) {}

  async sendSubscribe(message: SubscribeMessage): Promise<void> {
    await this.db.collection(OUTBOX).add({
      data: {
        kind: 'subscribeMessage',
        touser: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        miniprogramState: message.miniprogramState ?? 'formal',
        createdAt: this.now(),
      },
    });
  }
}
