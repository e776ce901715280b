import { RegexValue } from './ejson';
import { invalidOperator, invalidParam, requestFailed, unsupported } from './errors';
import { lookupAll, parsePath } from './paths';
import { compareValues, isPlainObject, MIN_KEY, typeOrder, valuesEqual, type Doc } from './values';

/**
 * 查询条件 → 匹配函数，按 MongoDB 语义（云数据库即 MongoDB）。
 *
 * 先整体“编译”再执行：未知或未实现的操作符在编译时就报错，
 * 即使集合为空也会失败——绝不能因为没走到某个分支而悄悄“匹配全部”。
 */

export type Matcher = (doc: Doc) => boolean;
/** 对某路径取到的全部候选值做判断（见 lookupAll） */
type ValuesTest = (values: unknown[]) => boolean;

export function compileQuery(query: unknown): Matcher {
  if (query === undefined) return () => true;
  if (!isPlainObject(query)) throw invalidParam('query must be an object');
  const tests: Matcher[] = Object.entries(query).map(([key, cond]) =>
    key.startsWith('$') ? compileLogical(key, cond) : compileField(key, cond),
  );
  return (doc) => tests.every((t) => t(doc));
}

function compileLogical(op: string, arg: unknown): Matcher {
  switch (op) {
    case '$and':
    case '$or':
    case '$nor': {
      if (!Array.isArray(arg) || arg.length === 0) throw invalidParam(`${op} must be a nonempty array`);
      const subs = arg.map(compileQuery);
      if (op === '$and') return (doc) => subs.every((s) => s(doc));
      if (op === '$or') return (doc) => subs.some((s) => s(doc));
      return (doc) => !subs.some((s) => s(doc));
    }
    case '$expr':
    case '$where':
    case '$text':
    case '$jsonSchema':
    case '$comment':
      throw unsupported(`query operator ${op}`);
    default:
      throw invalidOperator(op);
  }
}

function compileField(path: string, cond: unknown): Matcher {
  const parts = parsePath(path);
  const test = compileCondition(cond);
  return (doc) => test(lookupAll(doc, parts));
}

/** 对象的第一个键以 $ 开头即为操作符对象；混用会被拒绝（MongoDB 同样报错） */
export function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys[0].startsWith('$')) return false;
  const plain = keys.find((k) => !k.startsWith('$'));
  if (plain) throw invalidOperator(plain);
  return true;
}

export function compileCondition(cond: unknown): ValuesTest {
  if (!isOperatorObject(cond)) return eqTest(cond);
  const ops = cond;
  const tests: ValuesTest[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    if (op === '$options') {
      if (!('$regex' in ops)) throw invalidParam('$options needs a $regex');
      continue;
    }
    tests.push(compileOperator(op, arg, ops));
  }
  return (values) => tests.every((t) => t(values));
}

function compileOperator(op: string, arg: unknown, siblings: Record<string, unknown>): ValuesTest {
  switch (op) {
    case '$eq':
      return eqTest(arg);
    case '$ne':
      return not(eqTest(arg));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return rangeTest(op, arg);
    case '$in':
      return inTest(arg, op);
    case '$nin':
      return not(inTest(arg, op));
    case '$exists': {
      const want = Boolean(arg);
      return (values) => values.some((v) => v !== undefined) === want;
    }
    case '$size': {
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 0) throw invalidParam('$size needs a non-negative integer');
      return (values) => values.some((v) => Array.isArray(v) && v.length === arg);
    }
    case '$all': {
      if (!Array.isArray(arg)) throw invalidParam('$all needs an array');
      if (arg.length === 0) return () => false;
      const tests = arg.map((a) => (isPlainObject(a) && '$elemMatch' in a ? compileOperator('$elemMatch', a.$elemMatch, a) : eqTest(a)));
      return (values) => tests.every((t) => t(values));
    }
    case '$elemMatch':
      return elemMatchTest(arg);
    case '$mod': {
      if (!Array.isArray(arg) || arg.length !== 2 || !arg.every((x) => typeof x === 'number')) {
        throw invalidParam('$mod needs [divisor, remainder]');
      }
      const [d, r] = arg.map(Math.trunc) as [number, number];
      if (d === 0) throw requestFailed('divisor cannot be 0');
      return anyScalar((x) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % d === r);
    }
    case '$regex': {
      const options = typeof siblings.$options === 'string' ? siblings.$options : '';
      if (arg instanceof RegexValue) return regexTest(new RegexValue(arg.pattern, options || arg.options));
      if (typeof arg !== 'string') throw invalidParam('$regex needs a string or a regular expression');
      return regexTest(new RegexValue(arg, options));
    }
    case '$not': {
      if (arg instanceof RegexValue) return not(regexTest(arg));
      if (isOperatorObject(arg)) return not(compileCondition(arg));
      throw invalidParam('$not needs a regex or an operator object');
    }
    case '$near':
    case '$nearSphere':
    case '$geoWithin':
    case '$geoIntersects':
      throw unsupported(`geo query ${op}`);
    case '$type':
    case '$bitsAllSet':
    case '$bitsAnySet':
    case '$bitsAllClear':
    case '$bitsAnyClear':
      throw unsupported(`query operator ${op}`);
    default:
      throw invalidOperator(op);
  }
}

const not =
  (t: ValuesTest): ValuesTest =>
  (values) =>
    !t(values);

/** 对每个候选值及（若是数组）其元素求“任一满足”——MongoDB 对数组字段的默认语义 */
function anyScalar(pred: (x: unknown) => boolean): ValuesTest {
  return (values) => values.some((v) => pred(v) || (Array.isArray(v) && v.some(pred)));
}

/** 相等：整体相等，或数组中某元素相等；null 也匹配缺失的字段 */
function eqTest(target: unknown): ValuesTest {
  if (target instanceof RegexValue) return regexTest(target);
  return anyScalar((x) => valuesEqual(x, target));
}

function inTest(arg: unknown, op: string): ValuesTest {
  if (!Array.isArray(arg)) throw invalidParam(`${op} needs an array`);
  const tests = arg.map(eqTest);
  return (values) => tests.some((t) => t(values));
}

/** 大小比较只在同类型之间进行（数字只与数字比，日期只与日期比……） */
function rangeTest(op: string, target: unknown): ValuesTest {
  const order = typeOrder(target);
  const ok = (c: number) => (op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0);
  return anyScalar((x) => typeOrder(x) === order && ok(compareValues(x, target)));
}

function elemMatchTest(arg: unknown): ValuesTest {
  if (!isPlainObject(arg)) throw invalidParam('$elemMatch needs an object');
  const test = elementMatcher(arg);
  return (values) => values.some((v) => Array.isArray(v) && v.some(test));
}

/**
 * 作用于数组单个元素的条件（$elemMatch、$elemMatch 投影、$pull 共用）：
 * {$gt: 1} 这样的操作符对象作用于元素本身；{x: 1} 这样的普通对象把元素当作文档来匹配。
 */
export function elementMatcher(cond: Record<string, unknown>): (el: unknown) => boolean {
  if (isOperatorObject(cond)) {
    const test = compileCondition(cond);
    return (el) => test([el]);
  }
  const match = compileQuery(cond);
  return (el) => isPlainObject(el) && match(el);
}

export function toJsRegExp(r: RegexValue): RegExp {
  let flags = '';
  for (const ch of r.options) {
    if (ch === 'i' || ch === 'm' || ch === 's') flags += flags.includes(ch) ? '' : ch;
    else if (ch === 'u' || ch === 'l') continue; // MongoDB 的正则本就按 UTF-8 处理；l 为区域设置，忽略
    else if (ch === 'x') throw unsupported("regex option 'x'");
    else throw requestFailed(`invalid flag in regex options: ${ch}`);
  }
  try {
    return new RegExp(r.pattern, flags);
  } catch (e) {
    throw requestFailed(`invalid regular expression /${r.pattern}/: ${(e as Error).message}`);
  }
}

function regexTest(r: RegexValue): ValuesTest {
  const re = toJsRegExp(r);
  return anyScalar((x) => typeof x === 'string' && re.test(x));
}

/** 排序：多键，依次比较；数组字段升序取最小元素、降序取最大元素（MongoDB 规则） */
export function compileSort(order: unknown): (docs: Doc[]) => Doc[] {
  if (order === undefined) return (docs) => docs;
  if (!isPlainObject(order)) throw invalidParam('order must be an object');
  const keys = Object.entries(order).map(([path, dir]) => {
    if (dir !== 1 && dir !== -1) throw invalidParam('order value must be 1 or -1');
    return { parts: parsePath(path), dir };
  });
  if (keys.length === 0) return (docs) => docs;
  return (docs) => {
    const decorated = docs.map((doc) => ({ doc, keys: keys.map((k) => sortKey(doc, k.parts, k.dir)) }));
    // Array.prototype.sort 是稳定的：键相同的记录保持原有（_id）顺序
    decorated.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i]);
        if (c) return c * keys[i].dir;
      }
      return 0;
    });
    return decorated.map((d) => d.doc);
  };
}

function sortKey(doc: Doc, parts: string[], dir: number): unknown {
  const candidates = lookupAll(doc, parts).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [MIN_KEY]) : [v]));
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (compareValues(c, best) * dir < 0) best = c;
  return best;
}
