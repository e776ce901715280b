import { RegexValue } from './ejson';
import { invalidOperator, invalidParam, requestFailed, unsupported } from './errors';
import { crossesArray, getAt, parsePath, setAt, unsetAt } from './paths';
import { elementMatcher, toJsRegExp } from './query';
import { compareValues, deepClone, isPlainObject, typeName, valuesEqual, type Doc } from './values';

/**
 * 更新文档（查询构造器发来的 {$set: {'a.b': 1}, $inc: {...}, ...}）→ 作用函数。
 *
 * 构造器已把 update({data: {a: {b: 1}}}) 展平成 $set 'a.b'（云端“按字段合并”的语义），
 * _.set() 则是整体替换 $set 'a'，_.remove() 是 $unset。这里按 MongoDB 语义逐个执行，
 * 编译时检查操作符与路径（同一路径或前缀重叠的两个操作会冲突，MongoDB 同样拒绝）。
 */

type FieldOp = (doc: Doc) => void;

export function compileUpdate(update: unknown): (doc: Doc) => Doc {
  if (!isPlainObject(update)) throw invalidParam('update data must be an object');
  const ops: FieldOp[] = [];
  const touched: string[][] = [];

  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$')) throw invalidParam(`update data must only contain update operators, got field "${op}"`);
    const make = OPERATORS[op];
    if (!make) {
      if (['$currentDate', '$setOnInsert'].includes(op)) throw unsupported(`update operator ${op}`);
      throw invalidOperator(op);
    }
    if (!isPlainObject(fields)) throw invalidParam(`${op} needs an object of field paths`);
    for (const [path, arg] of Object.entries(fields)) {
      const parts = parsePath(path);
      claim(parts);
      if (op === '$rename') {
        if (typeof arg !== 'string') throw invalidParam('$rename target must be a string');
        claim(parsePath(arg));
      }
      ops.push(make(parts, arg));
    }
  }

  return (doc) => {
    const next = deepClone(doc);
    for (const apply of ops) apply(next);
    return next;
  };

  function claim(parts: string[]): void {
    if (parts[0] === '_id') throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    for (const other of touched) {
      const n = Math.min(other.length, parts.length);
      if (other.slice(0, n).join('.') === parts.slice(0, n).join('.')) {
        throw requestFailed(`Updating the path '${parts.join('.')}' would create a conflict at '${parts.slice(0, n).join('.')}'`);
      }
    }
    touched.push(parts);
  }
}

const OPERATORS: Record<string, (parts: string[], arg: unknown) => FieldOp> = {
  $set: (parts, arg) => (doc) => setAt(doc, parts, deepClone(arg)),

  $unset: (parts) => (doc) => unsetAt(doc, parts),

  $inc: (parts, arg) => {
    const by = number(arg, '$inc');
    return (doc) => {
      const cur = getAt(doc, parts);
      setAt(doc, parts, cur === undefined ? by : numericField(cur, parts, '$inc') + by);
    };
  },

  $mul: (parts, arg) => {
    const by = number(arg, '$mul');
    return (doc) => {
      const cur = getAt(doc, parts);
      setAt(doc, parts, cur === undefined ? 0 : numericField(cur, parts, '$mul') * by);
    };
  },

  $min: (parts, arg) => (doc) => {
    const cur = getAt(doc, parts);
    if (cur === undefined || compareValues(arg, cur) < 0) setAt(doc, parts, deepClone(arg));
  },

  $max: (parts, arg) => (doc) => {
    const cur = getAt(doc, parts);
    if (cur === undefined || compareValues(arg, cur) > 0) setAt(doc, parts, deepClone(arg));
  },

  $rename: (parts, arg) => {
    const to = parsePath(arg as string);
    return (doc) => {
      if (crossesArray(doc, parts) || crossesArray(doc, to)) throw requestFailed(`$rename cannot work through arrays ('${parts.join('.')}')`);
      const cur = getAt(doc, parts);
      if (cur === undefined) return;
      unsetAt(doc, parts);
      setAt(doc, to, cur);
    };
  },

  $push: (parts, arg) => {
    const m = isPlainObject(arg) && '$each' in arg ? arg : { $each: [arg] };
    for (const k of Object.keys(m)) if (!['$each', '$position', '$slice', '$sort'].includes(k)) throw invalidParam(`unknown $push modifier ${k}`);
    if (!Array.isArray(m.$each)) throw invalidParam('$each needs an array');
    const each = m.$each;
    const position = m.$position === undefined ? undefined : integer(m.$position, '$position');
    const slice = m.$slice === undefined ? undefined : integer(m.$slice, '$slice');
    const sort = m.$sort === undefined ? undefined : sorter(m.$sort);
    return (doc) => {
      const arr = arrayField(doc, parts, '$push');
      const items = each.map((x) => deepClone(x));
      const at = position === undefined ? arr.length : position < 0 ? Math.max(arr.length + position, 0) : Math.min(position, arr.length);
      arr.splice(at, 0, ...items);
      if (sort) arr.sort(sort);
      if (slice !== undefined) {
        const kept = slice >= 0 ? arr.slice(0, slice) : arr.slice(Math.max(arr.length + slice, 0));
        arr.splice(0, arr.length, ...kept);
      }
    };
  },

  $pop: (parts, arg) => {
    if (arg !== 1 && arg !== -1) throw invalidParam('$pop needs 1 or -1');
    return (doc) => {
      const cur = getAt(doc, parts);
      if (cur === undefined) return;
      if (!Array.isArray(cur)) throw notArray(parts, cur, '$pop');
      if (arg === 1) cur.pop();
      else cur.shift();
    };
  },

  $pull: (parts, arg) => {
    const matches = pullMatcher(arg);
    return (doc) => {
      const cur = getAt(doc, parts);
      if (cur === undefined) return;
      if (!Array.isArray(cur)) throw notArray(parts, cur, '$pull');
      setAt(doc, parts, cur.filter((el) => !matches(el)));
    };
  },

  $pullAll: (parts, arg) => {
    if (!Array.isArray(arg)) throw invalidParam('$pullAll needs an array');
    return (doc) => {
      const cur = getAt(doc, parts);
      if (cur === undefined) return;
      if (!Array.isArray(cur)) throw notArray(parts, cur, '$pullAll');
      setAt(doc, parts, cur.filter((el) => !arg.some((v) => valuesEqual(el, v))));
    };
  },

  $addToSet: (parts, arg) => {
    // _.addToSet({ each: [...] }) 由构造器原样发出 {each: [...]}，云端按“逐个加入”处理
    const each = isPlainObject(arg) && Object.keys(arg).length === 1 && ('$each' in arg || 'each' in arg) ? (arg.$each ?? arg.each) : [arg];
    if (!Array.isArray(each)) throw invalidParam('addToSet each needs an array');
    return (doc) => {
      const arr = arrayField(doc, parts, '$addToSet');
      for (const v of each) if (!arr.some((x) => valuesEqual(x, v))) arr.push(deepClone(v));
    };
  },

  $bit: (parts, arg) => {
    if (!isPlainObject(arg) || Object.keys(arg).length !== 1) throw invalidParam('$bit needs {and|or|xor: integer}');
    const [[kind, operand]] = Object.entries(arg);
    const v = integer(operand, '$bit');
    if (!['and', 'or', 'xor'].includes(kind)) throw invalidParam(`unknown $bit operation ${kind}`);
    return (doc) => {
      const cur = getAt(doc, parts);
      const x = cur === undefined ? 0 : numericField(cur, parts, '$bit');
      setAt(doc, parts, kind === 'and' ? x & v : kind === 'or' ? x | v : x ^ v);
    };
  },
};

function number(v: unknown, op: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidParam(`${op} needs a finite number`);
  return v;
}

function integer(v: unknown, op: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidParam(`${op} needs an integer`);
  return v;
}

function numericField(cur: unknown, parts: string[], op: string): number {
  if (typeof cur !== 'number') {
    throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. Field '${parts.join('.')}' is of type ${typeName(cur)}`);
  }
  return cur;
}

function notArray(parts: string[], cur: unknown, op: string) {
  return requestFailed(`${op}: the field '${parts.join('.')}' must be an array but is of type ${typeName(cur)}`);
}

/** 取数组字段，不存在则创建空数组 */
function arrayField(doc: Doc, parts: string[], op: string): unknown[] {
  const cur = getAt(doc, parts);
  if (cur === undefined) {
    const arr: unknown[] = [];
    setAt(doc, parts, arr);
    return arr;
  }
  if (!Array.isArray(cur)) throw notArray(parts, cur, op);
  return cur;
}

function sorter(spec: unknown): (a: unknown, b: unknown) => number {
  if (spec === 1 || spec === -1) return (a, b) => compareValues(a, b) * spec;
  if (isPlainObject(spec)) {
    const keys = Object.entries(spec).map(([path, dir]) => {
      if (dir !== 1 && dir !== -1) throw invalidParam('$sort values must be 1 or -1');
      return { parts: parsePath(path), dir };
    });
    return (a, b) => {
      for (const k of keys) {
        const c = compareValues(getAt(a, k.parts), getAt(b, k.parts));
        if (c) return c * k.dir;
      }
      return 0;
    };
  }
  throw invalidParam('$sort needs 1, -1 or an object');
}

/** $pull 的条件：对象按 $elemMatch 的规则作用于每个元素，正则匹配字符串元素，其余按相等 */
function pullMatcher(cond: unknown): (el: unknown) => boolean {
  if (cond instanceof RegexValue) {
    const re = toJsRegExp(cond);
    return (el) => typeof el === 'string' && re.test(el);
  }
  if (isPlainObject(cond)) return elementMatcher(cond);
  return (el) => valuesEqual(el, cond);
}
