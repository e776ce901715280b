import { ROLE_LABELS, type ModelListing, type RoleGrant } from '@contract/index';

/** 邀请码四位一组，便于口头转述与核对：K7M2Q9XP → “K7M2 Q9XP” */
export function formatInviteCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

export const MODEL_LEVEL_LABELS: Record<ModelListing['level'], string> = {
  national: '全国',
  provincial: '省级',
  school: '校级',
};

const CN_DIGITS = '〇一二三四五六七八九十';

/** 样板支部徽标文字（B9、D1）：全国样板·第四批 / 省级样板 / 校级样板 */
export function modelBadge(model: ModelListing): string {
  const level = `${MODEL_LEVEL_LABELS[model.level]}样板`;
  if (!model.batch) return level;
  const batch = model.batch <= 10 ? CN_DIGITS[model.batch] : String(model.batch);
  return `${level}·第${batch}批`;
}

/** 一项角色授权的完整说法：支部书记/支委 · 某某支部 */
export function grantLabel(grant: RoleGrant, branchName: (id: string) => string | undefined): string {
  const label = ROLE_LABELS[grant.role];
  if (grant.role === 'branchEditor' && grant.branchId) return `${label} · ${branchName(grant.branchId) ?? grant.branchId}`;
  return label;
}

/**
 * 新建单位、支部的文档编号（契约要求客户端给出 _id）：前缀 + 时间 + 随机，
 * 只含安全字符；万一撞号，服务端答 CONFLICT“编号已存在”，重试即可。
 */
export function newDocId(prefix: 'u' | 'b'): string {
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}${rand}`;
}
