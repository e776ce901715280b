import { z } from 'zod';
import type { FieldIssue } from './envelope';

/** zod 校验问题转为中文说明；客户端提交前与云函数收到后用同一套文字 */
export function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? '必填' : `类型应为 ${typeName(issue.expected)}`;
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_literal':
    case 'invalid_enum_value':
    case 'invalid_union_discriminator':
      return '取值不在允许范围内';
    case 'too_small':
      if (issue.type === 'string') return `至少 ${issue.minimum} 个字符`;
      if (issue.type === 'array') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.type === 'string') return `最多 ${issue.maximum} 个字符`;
      if (issue.type === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_string':
      return '格式不正确';
    default:
      return issue.message && !/^[\x00-\x7f]*$/.test(issue.message) ? issue.message : '取值不正确';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: '文本', number: '数字', integer: '整数', boolean: '是/否', object: '对象', array: '列表', date: '日期',
  };
  return names[t] ?? t;
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: describeIssue(i) }));
}
