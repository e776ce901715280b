import { z } from 'zod';

/** 文档 _id：云数据库生成的 32 位十六进制，或演示数据里可读的短 id；只允许安全字符 */
export const docIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/** 云存储文件 ID：cloud://<env>.<bucket>/<path>，路径不得含 .. */
export const fileIdSchema = z
  .string()
  .max(512)
  .regex(/^cloud:\/\/[A-Za-z0-9-]+\.[A-Za-z0-9-]+\/(?!.*\.\.)[A-Za-z0-9_\-./\u4e00-\u9fa5]+$/, '文件编号格式不正确');

/** ISO 8601 时刻（带时区），如 2021-11-30T23:59:59+08:00 */
export const instantSchema = z.string().datetime({ offset: true });
