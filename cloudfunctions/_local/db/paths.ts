import { invalidParam, requestFailed, unsupported } from './errors';
import { hasOwn, isPlainObject, typeName } from './values';

/** 字段路径 'a.b.0.c'：查询、排序、投影与更新共用 */
export function parsePath(path: string): string[] {
  const parts = path.split('.');
  if (!path || parts.some((p) => p === '')) throw invalidParam(`invalid field path "${path}"`);
  for (const p of parts) {
    if (p === '$' || p.startsWith('$[')) throw unsupported(`positional update operator in "${path}"`);
    if (p.startsWith('$')) throw invalidParam(`field path "${path}" must not contain a part starting with '$'`);
  }
  return parts;
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * 查询语义的取值（MongoDB）：路径上遇到数组就展开到每个子文档，所以
 * {a:[{b:1},{b:2}]} 在 'a.b' 上得到 [1, 2]；缺失记为 undefined（与 null 同等对待）。
 * 末端若是数组，不在这里展开：由各操作符决定是比较整个数组还是其中的元素。
 */
export function lookupAll(doc: unknown, parts: string[]): unknown[] {
  const out: unknown[] = [];
  walk(doc, 0);
  if (out.length === 0) out.push(undefined);
  return out;

  function walk(value: unknown, i: number): void {
    if (i === parts.length) {
      out.push(value);
      return;
    }
    const key = parts[i];
    if (Array.isArray(value)) {
      if (ARRAY_INDEX.test(key)) {
        walk(value[Number(key)], i + 1);
        return;
      }
      for (const el of value) if (isPlainObject(el)) walk(hasOwn(el, key) ? el[key] : undefined, i + 1);
      return;
    }
    if (isPlainObject(value)) {
      walk(hasOwn(value, key) ? value[key] : undefined, i + 1);
      return;
    }
    out.push(undefined);
  }
}

/** 更新语义的取值：不展开数组，数字段是数组下标 */
export function getAt(doc: unknown, parts: string[]): unknown {
  let cur: unknown = doc;
  for (const key of parts) {
    if (Array.isArray(cur)) {
      if (!ARRAY_INDEX.test(key)) return undefined;
      cur = cur[Number(key)];
    } else if (isPlainObject(cur)) {
      cur = hasOwn(cur, key) ? cur[key] : undefined;
    } else {
      return undefined;
    }
  }
  return cur;
}

/** 写入路径，按需创建中间对象；穿过数组时只接受数字下标（不足处补 null），与 MongoDB 一致 */
export function setAt(doc: Record<string, unknown>, parts: string[], value: unknown): void {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i];
    const last = i === parts.length - 1;
    if (Array.isArray(cur)) {
      if (!ARRAY_INDEX.test(key)) throw cannotCreate(parts, i, cur);
      const idx = Number(key);
      while (cur.length < idx) cur.push(null);
      if (last) cur[idx] = value;
      else {
        if (cur[idx] === undefined || cur[idx] === null) cur[idx] = {};
        cur = cur[idx];
      }
    } else if (isPlainObject(cur)) {
      if (last) cur[key] = value;
      else {
        if (!hasOwn(cur, key) || cur[key] === undefined) cur[key] = {};
        cur = cur[key];
      }
    } else {
      throw cannotCreate(parts, i, cur);
    }
  }
}

/** 删除路径；数组元素被置为 null 而不是移走（MongoDB 的 $unset 语义） */
export function unsetAt(doc: Record<string, unknown>, parts: string[]): void {
  const parent = getAt(doc, parts.slice(0, -1));
  const key = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    if (ARRAY_INDEX.test(key) && Number(key) < parent.length) parent[Number(key)] = null;
  } else if (isPlainObject(parent)) {
    delete parent[key];
  }
}

/** 路径上是否经过数组（$rename 不允许） */
export function crossesArray(doc: unknown, parts: string[]): boolean {
  let cur: unknown = doc;
  for (const key of parts) {
    if (Array.isArray(cur)) return true;
    if (!isPlainObject(cur) || !hasOwn(cur, key)) return false;
    cur = cur[key];
  }
  return false;
}

function cannotCreate(parts: string[], i: number, at: unknown) {
  return requestFailed(
    `Cannot create field '${parts[i]}' in element {${parts.slice(0, i).join('.') || '(root)'}: ${typeName(at)}} (path '${parts.join('.')}')`,
  );
}
