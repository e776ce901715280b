import { randomBytes } from 'node:crypto';

/**
 * 自动生成的 _id：32 位小写十六进制，与云端相同的长度与字符集；
 * 中间 8 位是秒级时间戳（云端的 _id 也含时间成分），其余随机。
 * 不要依赖它的顺序——云端不保证，本地也不保证。
 */
export function newDocumentId(now: Date): string {
  const seconds = (Math.floor(now.getTime() / 1000) >>> 0).toString(16).padStart(8, '0');
  return `${randomBytes(4).toString('hex')}${seconds}${randomBytes(8).toString('hex')}`;
}

export function newRequestId(): string {
  return randomBytes(12).toString('hex');
}
