/**
 * 稳定的错误码：客户端按 code 分支，message 给人看（中文）。
 * 新增错误码只追加，不改名——旧版本小程序仍在用户手机上运行。
 */
export const ERROR_MESSAGES = {
  BAD_INPUT: '提交的内容不符合要求',
  UNKNOWN_ACTION: '不支持的操作',
  UNKNOWN_FUNCTION: '不存在的云函数',
  UNAUTHENTICATED: '请先绑定身份后再操作',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '内容已被他人修改，请刷新后重试',
  QUOTA_EXCEEDED: '已超出名额限制',
  DEADLINE_PASSED: '已超过截止时间',
  NOT_OPEN: '尚未开始',
  CONTENT_RISKY: '内容未通过安全检测，请修改后重试',
  FILE_REJECTED: '文件不符合要求',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
  /** 同一事项已提交过一次（如答辩评分每位评委每个项目一份，E3）；同一请求的重试不算重复 */
  DUPLICATE: '已提交过，不能重复提交',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];
