import fc from 'fast-check';
import { jsonValue } from './zod-arbitrary';

/**
 * 对一份形状正确的事件做一处恶意或粗心的改动（issue 8 第 3 条）：
 * 错类型、缺字段、多字段、超长字符串、查询操作符注入（{"$gt": ""}、{"_openid": …}）、
 * 外来或畸形的 fileID、名称里的路径穿越。none = 原样发送（用来走到合法路径，检验“成功只属于合法调用”）。
 */

export const MUTATION_KINDS = ['none', 'wrongType', 'missing', 'extra', 'oversize', 'injection', 'fileId', 'traversal'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** 在候选位置里取第几个（取模） */
  at: number;
  /** 变异用的值；fileId 的值是相对本地云前缀的模板，'{prefix}' 会被替换 */
  value: unknown;
  key: string;
}

const WRONG_TYPES: unknown[] = [0, -1, 1.5, 1e21, true, false, null, [], {}, '', 'x', [1, 2], { a: 1 }, '2026-13-45', 9007199254740993];

export const INJECTIONS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $in: ['e-own-award-draft', 'e-far-award-draft'] },
  { $where: 'sleep(1000)' },
  { _openid: 'o-dept-admin' },
  { $exists: true },
  ['$gt', ''],
  '{"$gt": ""}',
  "' || '1'=='1",
];

/** 夹具外的 / 坏掉的 fileID；{prefix} = 本次本地云的 cloud://env.bucket/ */
export const BAD_FILE_IDS = [
  'cloud://other-env.other-bucket/entries/e-own-award-draft/1.jpg',
  'cloud://',
  'cloud:///etc/passwd',
  'https://evil.example.com/x.jpg',
  'file:///etc/passwd',
  '{prefix}../../../etc/passwd',
  '{prefix}/etc/passwd',
  '{prefix}entries/e-far-award-draft/1.jpg',
  '{prefix}entries/e-own-award-draft/../../imports/org.xlsx',
  '{prefix}entries/e-own-award-draft/%2e%2e/%2e%2e/x.jpg',
  '{prefix}imports/org.xlsx\u0000.jpg',
  '',
];

export const TRAVERSALS = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'entries/../../secret', 'a/./../../b', '%2e%2e%2f%2e%2e%2f', 'x\u0000y', '....//....//etc'];

/** 多出来的字段名：平台身份、记录主键、原型链、操作符 */
const EXTRA_KEYS = ['_openid', 'openid', '_id', 'caller', 'role', 'unitId', '__proto__', 'constructor', '$where', 'userInfo.openId', 'x'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant<MutationKind>('none'), at: fc.constant(0), value: fc.constant(null), key: fc.constant('') }) },
  ...(['wrongType', 'missing', 'extra', 'oversize', 'injection', 'fileId', 'traversal'] as const).map((kind) => ({
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant<MutationKind>(kind),
      at: fc.nat(1000),
      value:
        kind === 'wrongType'
          ? fc.oneof(fc.constantFrom(...WRONG_TYPES), jsonValue)
          : kind === 'injection'
            ? fc.constantFrom(...INJECTIONS)
            : kind === 'fileId'
              ? fc.constantFrom(...BAD_FILE_IDS)
              : kind === 'traversal'
                ? fc.constantFrom(...TRAVERSALS)
                : kind === 'oversize'
                  ? fc.constantFrom(100_001, 1_000_000)
                  : kind === 'extra'
                    ? fc.oneof(fc.constantFrom<unknown>('o-dept-admin', { $gt: '' }, 'deptAdmin', 'u-far'), jsonValue)
                    : fc.constant(null),
      key: kind === 'extra' ? fc.constantFrom(...EXTRA_KEYS) : fc.constant(''),
    }),
  })),
);

type Path = (string | number)[];

function paths(value: unknown, at: Path = [], out: { path: Path; value: unknown }[] = []) {
  out.push({ path: at, value });
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function parentOf(root: unknown, path: Path): unknown {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  return cur;
}

/** 与 JSON.parse 一样把 __proto__ 等设为自有属性，而不是改原型 */
function setOwn(obj: object, key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface Mutated {
  event: Record<string, unknown>;
  /** 实际改动的位置（a.b.0），none 时为空 */
  where: string;
}

/** 在 event 的副本上施加变异；event 含 action 字段，action 本身也是可被变异的位置 */
export function applyMutation(event: Record<string, unknown>, m: Mutation, filePrefix: string): Mutated {
  const copy = structuredClone(event);
  if (m.kind === 'none') return { event: copy, where: '' };
  // action 字段只在没有别的字段可变时才变（否则大半调用都只测到 UNKNOWN_ACTION）
  const everything = paths(copy);
  const withoutAction = everything.filter((p) => p.path[0] !== 'action');
  const all = withoutAction.length > 1 ? withoutAction : everything;
  const nonRoot = all.filter((p) => p.path.length > 0);
  const strings = nonRoot.filter((p) => typeof p.value === 'string');
  const objects = all.filter((p) => p.value && typeof p.value === 'object' && !Array.isArray(p.value) && !(p.value instanceof Date));
  const pick = <T>(list: T[]) => list[m.at % list.length];
  const replace = (target: { path: Path }, value: unknown) => setOwn(parentOf(copy, target.path) as object, target.path[target.path.length - 1], value);

  switch (m.kind) {
    case 'wrongType': {
      const t = pick(nonRoot.length ? nonRoot : all);
      if (!t.path.length) return { event: { action: copy.action, ...(m.value as object) }, where: '(root)' };
      replace(t, m.value);
      return { event: copy, where: t.path.join('.') };
    }
    case 'missing': {
      const t = pick(nonRoot);
      const parent = parentOf(copy, t.path);
      const key = t.path[t.path.length - 1];
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key as string];
      return { event: copy, where: t.path.join('.') };
    }
    case 'extra': {
      const t = pick(objects);
      const obj = t.value as Record<string, unknown>;
      setOwn(obj, Object.prototype.hasOwnProperty.call(obj, m.key) ? `${m.key}_extra` : m.key, m.value);
      return { event: copy, where: `${t.path.join('.') || '(root)'}+${m.key}` };
    }
    case 'oversize': {
      const t = pick(strings.length ? strings : nonRoot);
      replace(t, '党'.repeat(Number(m.value)));
      return { event: copy, where: t.path.join('.') };
    }
    case 'injection': {
      const t = pick(nonRoot);
      replace(t, structuredClone(m.value));
      return { event: copy, where: t.path.join('.') };
    }
    case 'fileId':
    case 'traversal': {
      const preferred = strings.filter((p) => /file|path|name|url|id/i.test(String(p.path[p.path.length - 1])));
      const t = pick(preferred.length ? preferred : strings.length ? strings : nonRoot);
      replace(t, String(m.value).replace('{prefix}', filePrefix));
      return { event: copy, where: t.path.join('.') };
    }
  }
}
