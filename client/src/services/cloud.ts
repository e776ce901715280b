import {
  contracts,
  ERROR_MESSAGES,
  replySchema,
  toFieldIssues,
  type Contracts,
  type ErrorCode,
  type FieldIssue,
  type FunctionName,
  type InputOf,
  type OutputOf,
} from '@contract/index';
import { send } from './transport';

/** 云函数调用失败：code 稳定，message 为可直接展示的中文 */
export class CloudError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

/**
 * 调用云函数的唯一入口：发送前按共享契约校验（省一次往返，也给出同样的中文提示），
 * 回复按契约解析；失败回复变成 CloudError。
 */
export async function callFunction<F extends FunctionName, A extends keyof Contracts[F]['actions'] & string>(
  fn: F,
  action: A,
  input: InputOf<Contracts[F], A>,
): Promise<OutputOf<Contracts[F], A>> {
  const contract = contracts[fn];
  const event = { ...(input as object), action };
  const checked = contract.eventSchema.safeParse(event);
  if (!checked.success) {
    const issues = toFieldIssues(checked.error);
    throw new CloudError('BAD_INPUT', `${ERROR_MESSAGES.BAD_INPUT}：${issues[0].path} ${issues[0].message}`, issues);
  }
  const raw = await send(fn, checked.data);
  const output = (contract.actions as Record<string, { output: Parameters<typeof replySchema>[0] }>)[action].output;
  const reply = replySchema(output).safeParse(raw);
  if (!reply.success) throw new CloudError('INTERNAL', '服务返回了无法识别的内容，请稍后再试');
  if (!reply.data.ok) throw new CloudError(reply.data.code, reply.data.message, reply.data.issues);
  return reply.data.data as OutputOf<Contracts[F], A>;
}

/** 把任意错误变成可展示的中文 */
export function messageOf(err: unknown): string {
  if (err instanceof CloudError) return err.message;
  return ERROR_MESSAGES.INTERNAL;
}
