import fc from 'fast-check';
import type { ZodTypeAny } from 'zod';

/**
 * zod schema → fast-check 生成器：生成“形状正确”的入参（字段齐全、类型对、长度与取值大致在范围内），
 * 供模糊测试在此基础上变异。不追求 100% 通过 refine/regex——通过与否由测试再用 schema 判定，
 * 所以这里宁可简单：字符串优先取自 `pool`（夹具里真实存在的 id、编码等），这样变异前的调用能走到处理函数深处。
 *
 * 只读 zod 3 的公开 _def 结构；遇到不认识的类型生成任意 JSON 值（只会让该次调用多半成为 BAD_INPUT）。
 */

interface Def {
  typeName: string;
  [k: string]: unknown;
}
const defOf = (s: ZodTypeAny) => s._def as Def;

const TEXT_UNIT = fc.constantFrom(...'党建引领支部活动创新案例成效明显组织生活abcXYZ019 ，。、-_'.split(''));

export const jsonValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** 字符串候选：所有已知字符串，外加按字段名挑选的（如 branchId → 支部的 _id） */
export interface StringPool {
  all: readonly string[];
  forField(key: string): readonly string[] | undefined;
}

export function arbitraryFor(schema: ZodTypeAny, pools: StringPool, depth = 0, key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const pool = pools.all;
  switch (def.typeName) {
    case 'ZodString':
      return stringArb(def, pools.forField(key) ?? pool);
    case 'ZodNumber':
      return numberArb(def);
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodDate':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as object));
    case 'ZodNull':
      return fc.constant(null);
    case 'ZodUndefined':
      return fc.constant(undefined);
    case 'ZodOptional':
      return fc.option(arbitraryFor(def.innerType as ZodTypeAny, pools, depth, key), { nil: undefined, freq: 4 });
    case 'ZodNullable':
      return fc.option(arbitraryFor(def.innerType as ZodTypeAny, pools, depth, key), { nil: null, freq: 4 });
    case 'ZodDefault':
    case 'ZodCatch':
    case 'ZodReadonly':
      return fc.option(arbitraryFor(def.innerType as ZodTypeAny, pools, depth, key), { nil: undefined, freq: 3 });
    case 'ZodBranded':
      return arbitraryFor(def.type as ZodTypeAny, pools, depth, key);
    case 'ZodEffects':
      return arbitraryFor(def.schema as ZodTypeAny, pools, depth, key);
    case 'ZodPipeline':
      return arbitraryFor(def.in as ZodTypeAny, pools, depth, key);
    case 'ZodLazy':
      return depth > 4 ? fc.constant(null) : arbitraryFor((def.getter as () => ZodTypeAny)(), pools, depth + 1, key);
    case 'ZodArray': {
      const exact = (def.exactLength as { value: number } | null)?.value;
      const min = exact ?? (def.minLength as { value: number } | null)?.value ?? 0;
      const max = exact ?? Math.min((def.maxLength as { value: number } | null)?.value ?? min + 3, min + 3);
      return fc.array(arbitraryFor(def.type as ZodTypeAny, pools, depth + 1, key), { minLength: min, maxLength: max });
    }
    case 'ZodTuple':
      return fc.tuple(...(def.items as ZodTypeAny[]).map((i) => arbitraryFor(i, pools, depth + 1)));
    case 'ZodRecord': {
      const keys = fc.oneof(fc.constantFrom(...pool.slice(0, 20), 'main', 'body', 'plan', 'c1', 'result'), fc.string({ unit: TEXT_UNIT, minLength: 1, maxLength: 8 }));
      return fc.dictionary(keys as fc.Arbitrary<string>, arbitraryFor(def.valueType as ZodTypeAny, pools, depth + 1), { maxKeys: 3 });
    }
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const entries = Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v, pools, depth + 1, k)] as const);
      return fc.record(Object.fromEntries(entries)).map(dropUndefined);
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>;
      const list = Array.isArray(options) ? options : [...options.values()];
      return fc.oneof(...list.map((o) => arbitraryFor(o, pools, depth + 1, key)));
    }
    case 'ZodIntersection':
      return fc
        .tuple(arbitraryFor(def.left as ZodTypeAny, pools, depth + 1, key), arbitraryFor(def.right as ZodTypeAny, pools, depth + 1, key))
        .map(([a, b]) => (isObject(a) && isObject(b) ? { ...a, ...b } : a));
    default:
      return jsonValue;
  }
}

function stringArb(def: Def, pool: readonly string[]): fc.Arbitrary<string> {
  const checks = (def.checks as { kind: string; value?: number; regex?: RegExp }[]) ?? [];
  let min = 0;
  let max = 60;
  let regex: RegExp | undefined;
  for (const c of checks) {
    if (c.kind === 'min') min = c.value!;
    if (c.kind === 'max') max = c.value!;
    if (c.kind === 'length') min = max = c.value!;
    if (c.kind === 'regex') regex = c.regex;
  }
  const fitting = pool.filter((s) => s.length >= min && s.length <= max && (!regex || regex.test(s)));
  let fresh: fc.Arbitrary<string>;
  if (regex) {
    try {
      fresh = fc.stringMatching(regex).filter((s) => s.length >= min && s.length <= max);
    } catch {
      fresh = fc.string({ unit: TEXT_UNIT, minLength: min, maxLength: Math.min(max, min + 40) });
    }
  } else {
    fresh = fc.string({ unit: TEXT_UNIT, minLength: min, maxLength: Math.min(max, min + 40) });
  }
  return fitting.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fitting) }, { weight: 2, arbitrary: fresh }) : fresh;
}

function numberArb(def: Def): fc.Arbitrary<number> {
  const checks = (def.checks as { kind: string; value?: number; inclusive?: boolean }[]) ?? [];
  let min = -10;
  let max = 3000;
  let int = false;
  for (const c of checks) {
    if (c.kind === 'int') int = true;
    if (c.kind === 'min') min = c.inclusive === false ? c.value! + (int ? 1 : 1e-6) : c.value!;
    if (c.kind === 'max') max = c.inclusive === false ? c.value! - (int ? 1 : 1e-6) : c.value!;
  }
  if (max < min) max = min;
  if (int || checks.some((c) => c.kind === 'int')) {
    const lo = Math.ceil(Math.max(min, -1e6));
    const hi = Math.floor(Math.min(max, lo + 1e6));
    return fc.oneof(fc.integer({ min: lo, max: Math.min(hi, lo + 10) }), fc.integer({ min: lo, max: hi }));
  }
  return fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true, noDefaultInfinity: true });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
