import { invalidParam, requestFailed, unsupported } from './errors';

/**
 * 查询构造器以 canonical EJSON 字符串发送查询、更新与记录，读结果时又用 bson 的 EJSON.parse
 * 解析我们返回的字符串。这里自己解码而不用 bson：bson 会在解析阶段就拒绝 JS 正则的 g/y 标志、
 * 把未知的 $tcb_server_date 原样留下，错误信息也不是云端的样子。
 *
 * 解码结果只含：string、number、boolean、null、Date、数组、普通对象，以及两个标记类
 * RegexValue（正则，只出现在查询里）与 ServerDateValue（db.serverDate()，写入时换成执行器时钟）。
 */

export class RegexValue {
  constructor(
    readonly pattern: string,
    readonly options: string,
  ) {}
}

export class ServerDateValue {
  constructor(readonly offset: number) {}
}

export function decodeEJSON(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidParam(`${what} is not valid EJSON`);
  }
  return decodeValue(raw);
}

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v === null || typeof v !== 'object') return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const special = decodeSpecial(keys[0], obj[keys[0]]);
    if (special !== NOT_SPECIAL) return special;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    // JSON.parse 会造出名为 __proto__ 的自有属性，再赋值到普通对象上就成了改原型
    if (k === '__proto__') throw invalidParam('field name "__proto__" is not allowed');
    out[k] = decodeValue(obj[k]);
  }
  return out;
}

const NOT_SPECIAL = Symbol('not special');

function decodeSpecial(key: string, arg: unknown): unknown {
  switch (key) {
    case '$numberInt':
    case '$numberDouble':
    case '$numberLong':
      return Number(arg);
    case '$date':
      return decodeDate(arg);
    case '$regularExpression': {
      const r = arg as { pattern?: unknown; options?: unknown } | null;
      if (!r || typeof r.pattern !== 'string') throw invalidParam('$regularExpression needs a string pattern');
      return new RegexValue(r.pattern, typeof r.options === 'string' ? r.options : '');
    }
    case '$tcb_server_date': {
      const offset = Number(decodeValue((arg as { offset?: unknown } | null)?.offset ?? 0));
      if (!Number.isFinite(offset)) throw invalidParam('serverDate offset must be a finite number');
      return new ServerDateValue(offset);
    }
    case '$oid':
      throw unsupported('ObjectId values');
    case '$numberDecimal':
    case '$binary':
    case '$uuid':
    case '$timestamp':
    case '$minKey':
    case '$maxKey':
    case '$symbol':
    case '$code':
    case '$dbPointer':
    case '$undefined':
      throw unsupported(`BSON type ${key}`);
    default:
      return NOT_SPECIAL; // 普通的操作符对象，如 { $gt: 1 }
  }
}

function decodeDate(arg: unknown): Date {
  let ms: number;
  if (typeof arg === 'number') ms = arg;
  else if (typeof arg === 'string') ms = Date.parse(arg);
  else if (arg && typeof arg === 'object' && '$numberLong' in arg) ms = Number((arg as { $numberLong: unknown }).$numberLong);
  else throw invalidParam('invalid $date');
  if (!Number.isFinite(ms)) throw invalidParam('invalid $date');
  return new Date(ms);
}

/** 把 db.serverDate() 标记换成写入（或查询）时刻的执行器时钟 */
export function resolveServerDates<T>(value: T, now: Date): T {
  return walk(value) as T;
  function walk(v: unknown): unknown {
    if (v instanceof ServerDateValue) return new Date(now.getTime() + v.offset);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegexValue)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  }
}

/** 编码为 canonical EJSON（bson 的 EJSON.parse 可读，数字与日期类型不丢） */
export function encodeEJSON(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0)) return { $numberInt: String(v) };
    return { $numberDouble: String(v) }; // 含 'NaN'、'Infinity'
  }
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } };
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : encodeValue(x)));
  if (v instanceof RegexValue) return { $regularExpression: { pattern: v.pattern, options: v.options } };
  if (v instanceof ServerDateValue) throw requestFailed('unresolved serverDate');
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
    return out;
  }
  return v;
}
