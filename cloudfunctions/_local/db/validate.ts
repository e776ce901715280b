import type { DocumentId } from '../../_lib/db';
import { RegexValue, ServerDateValue } from './ejson';
import { invalidParam, unsupported } from './errors';
import { isPlainObject, type Doc } from './values';

/**
 * 写入前的校验。集合名也是数据文件名，所以规则比云端略严（不允许 '.'、'/' 等）。
 * 字段名不得以 '$' 开头、不得含 '.'：否则用户输入里的 {$gt: ''} 之类会变成“操作符注入”，
 * 而且 MongoDB/云端同样不接受这样的字段名。
 */
export const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(`invalid collection name ${JSON.stringify(name)}: must match ${COLLECTION_NAME}`);
  }
  return name;
}

export function checkDocumentId(id: unknown): DocumentId {
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id) && id !== 0) return id;
  // 0 与 '' 在 nedb 的数据文件里会被当作“没有 _id”而在重启后丢失，所以本地拒绝
  throw invalidParam(`invalid _id ${JSON.stringify(id)}: must be a non-empty string or a non-zero number`);
}

/** 可存储的值：JSON 值与 Date。NaN/Infinity 会在数据文件里变成 null，所以拒绝而不是悄悄改写 */
export function checkStorable(doc: Doc): void {
  checkDocumentId(doc._id);
  walk(doc, '');

  function walk(v: unknown, path: string): void {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw invalidParam(`field "${path}": ${v} cannot be stored`);
      return;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw invalidParam(`field "${path}": invalid date`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}.${i}`));
      return;
    }
    if (v instanceof RegexValue) throw unsupported(`storing regular expressions (field "${path}")`);
    if (v instanceof ServerDateValue) throw invalidParam(`field "${path}": unresolved serverDate`);
    if (v === undefined) throw invalidParam(`field "${path}": undefined cannot be stored`);
    if (!isPlainObject(v)) throw invalidParam(`field "${path}": unsupported value`);
    for (const [k, x] of Object.entries(v)) {
      const here = path ? `${path}.${k}` : k;
      if (k.startsWith('$')) throw invalidParam(`field name "${here}" must not start with '$'`);
      if (k.includes('.')) throw invalidParam(`field name "${here}" must not contain '.'`);
      if (k === '') throw invalidParam(`empty field name under "${path}"`);
      walk(x, here);
    }
  }
}
