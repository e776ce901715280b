import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';

/** 一条字段级问题：path 指向出错的字段，message 为中文说明 */
export const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof issueSchema>;

export const failureSchema = z.object({
  ok: z.literal(false),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(issueSchema).optional(),
  requestId: z.string().optional(),
});
export type Failure = z.infer<typeof failureSchema>;

/** 所有云函数的统一回复：成功带 data，失败带稳定错误码与中文说明 */
export function replySchema<T extends z.ZodTypeAny>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), failureSchema]);
}
export type Reply<T> = { ok: true; data: T } | Failure;

export function success<T>(data: T): Reply<T> {
  return { ok: true, data };
}
export function failure(code: ErrorCode, message: string, issues?: FieldIssue[]): Failure {
  return issues && issues.length ? { ok: false, code, message, issues } : { ok: false, code, message };
}
