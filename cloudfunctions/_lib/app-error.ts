import { ERROR_MESSAGES, type ErrorCode, type FieldIssue } from '../../types';

/** 处理函数中预期内的失败：带稳定错误码与中文说明，由 invoke 转成失败回复 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
