import { invalidParam, unsupported } from './errors';
import { parsePath } from './paths';
import { elementMatcher } from './query';
import { deepClone, hasOwn, isPlainObject, type Doc } from './values';

/**
 * field() 投影（MongoDB find 的投影语义）：
 * - 包含式 {a: 1, 'b.c': 1}：只留这些字段与 _id（除非 _id: 0）；穿过数组时对每个子文档生效；
 * - 排除式 {a: 0}：去掉这些字段；
 * - 两者混用（_id 除外）报错，与云端一致；
 * - {arr: {$slice: n | [skip, n]}} 截取数组；{arr: {$elemMatch: 条件}} 只留第一个匹配元素。
 */
export function compileProjection(spec: unknown): (doc: Doc) => Doc {
  if (spec === undefined) return (doc) => doc; // 结果只会被编码成字符串，不会被修改
  if (!isPlainObject(spec)) throw invalidParam('projection must be an object');

  type Tree = { [key: string]: Tree | true };
  const include: Tree = {};
  const exclude: string[][] = [];
  const slices: { parts: string[]; skip: number; count: number | undefined }[] = [];
  const elemMatches: { key: string; test: (el: unknown) => boolean }[] = [];
  let idMode: boolean | undefined;

  for (const [path, value] of Object.entries(spec)) {
    const parts = parsePath(path);
    if (isPlainObject(value)) {
      const [op] = Object.keys(value);
      if (op === '$slice') slices.push({ parts, ...parseSlice(value.$slice) });
      else if (op === '$elemMatch') {
        if (parts.length !== 1) throw invalidParam('$elemMatch projection works on top-level fields only');
        if (!isPlainObject(value.$elemMatch)) throw invalidParam('$elemMatch needs an object');
        elemMatches.push({ key: parts[0], test: elementMatcher(value.$elemMatch) });
      } else throw unsupported(`projection operator ${op ?? '{}'}`);
      continue;
    }
    const on = value === true || value === 1;
    if (!on && value !== false && value !== 0) throw invalidParam(`invalid projection value for "${path}"`);
    if (path === '_id') {
      idMode = on;
      continue;
    }
    if (on) addToTree(include, parts);
    else exclude.push(parts);
  }
  const inclusive = Object.keys(include).length > 0 || elemMatches.length > 0;
  if (inclusive && exclude.length) throw invalidParam('Projection cannot have a mix of inclusion and exclusion.');

  return (source) => {
    let out: Doc;
    if (inclusive) {
      out = {};
      if (idMode !== false && hasOwn(source, '_id')) out._id = source._id;
      for (const [k, v] of Object.entries(source)) {
        if (k === '_id' || !hasOwn(include, k)) continue;
        const picked = pick(v, include[k]);
        if (picked !== undefined) out[k] = picked;
      }
      for (const { key, test } of elemMatches) {
        const arr = source[key];
        const hit = Array.isArray(arr) ? arr.find(test) : undefined;
        if (hit !== undefined) out[key] = [deepClone(hit)];
      }
      // $slice 的字段在包含式投影里也算“包含”
      for (const s of slices) if (!hasOwn(out, s.parts[0]) && hasOwn(source, s.parts[0])) out[s.parts[0]] = deepClone(source[s.parts[0]]);
    } else {
      out = deepClone(source);
      if (idMode === false) delete out._id;
      for (const parts of exclude) removePath(out, parts);
    }
    for (const s of slices) applySlice(out, s.parts, s.skip, s.count);
    return out;
  };

  function addToTree(tree: Tree, parts: string[]): void {
    let node = tree;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const cur = node[parts[i]];
      if (cur === true) return; // 已包含整个上级字段
      if (last) node[parts[i]] = true;
      else node = (node[parts[i]] = cur ?? {}) as Tree;
    }
  }

  function pick(value: unknown, node: Tree | true): unknown {
    if (node === true) return deepClone(value);
    if (Array.isArray(value)) return value.filter(isPlainObject).map((el) => pick(el, node));
    if (!isPlainObject(value)) return undefined;
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) {
      if (!hasOwn(node, k)) continue;
      const picked = pick(v, node[k]);
      if (picked !== undefined) out[k] = picked;
    }
    return out;
  }
}

function removePath(value: unknown, parts: string[]): void {
  if (Array.isArray(value)) {
    for (const el of value) removePath(el, parts);
    return;
  }
  if (!isPlainObject(value)) return;
  const [head, ...rest] = parts;
  if (!hasOwn(value, head)) return;
  if (rest.length === 0) delete value[head];
  else removePath(value[head], rest);
}

function parseSlice(arg: unknown): { skip: number; count: number | undefined } {
  if (typeof arg === 'number' && Number.isInteger(arg)) return arg >= 0 ? { skip: 0, count: arg } : { skip: arg, count: undefined };
  if (Array.isArray(arg) && arg.length === 2 && arg.every(Number.isInteger) && (arg[1] as number) > 0) {
    return { skip: arg[0] as number, count: arg[1] as number };
  }
  throw invalidParam('$slice needs an integer or [skip, limit]');
}

function applySlice(doc: Doc, parts: string[], skip: number, count: number | undefined): void {
  let parent: unknown = doc;
  for (const key of parts.slice(0, -1)) parent = isPlainObject(parent) && hasOwn(parent, key) ? parent[key] : undefined;
  const last = parts[parts.length - 1];
  if (!isPlainObject(parent) || !Array.isArray(parent[last])) return;
  const arr = parent[last] as unknown[];
  const start = skip < 0 ? Math.max(arr.length + skip, 0) : Math.min(skip, arr.length);
  parent[last] = count === undefined ? arr.slice(start) : arr.slice(start, start + count);
}
