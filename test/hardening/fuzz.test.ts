import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { z, type ZodTypeAny } from 'zod';
import { cloudFunctions } from '../../cloudfunctions/registry';
import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import type { CloudFunction } from '../../cloudfunctions/_lib/define';
import { action as actionContract, defineContract, ERROR_CODES, failure, ROLES, success, type Reply, type Role } from '../../types';
import { engineFixture } from '../support/engine-fixture';
import { ACTOR_OPENID } from '../support/org-fixture';
import { applyMutation, mutationArb, MUTATION_KINDS, type MutationKind } from './mutations';
import { arbitraryFor, type StringPool } from './zod-arbitrary';
import { QueryShapes } from '../../bench/query-shapes';
import { indexDeclarations } from '../../cloudfunctions/registry';

/**
 * 模糊测试（issue 8 第 3 条）：自动枚举 registry 里每个云函数的每个操作（新增的操作无需改本文件），
 * 由契约的 zod schema 生成形状正确的入参，再做一处变异（mutations.ts），以各种身份调用。每次调用都检查：
 *
 * 1. 回复是统一信封：成功 { ok: true, data }，或失败 { ok: false, code ∈ types/errors.ts, 中文 message }；
 *    失败码不得是 INTERNAL（那是未处理的异常——坏输入必须得到稳定的业务错误码）。
 * 2. 被拒绝的调用不改动任何记录：调用前后对数据库做摘要比较（唯一的例外见 WRITES_ON_REFUSAL）。
 * 3. 成功只属于合法调用：事件必须通过契约（严格模式，多余字段即拒绝），且调用者的角色在守卫表的 allow 里。
 *    事件不合契约时，回复必须是 BAD_INPUT（action 不对时 UNKNOWN_ACTION）。
 *
 * 夹具在每个操作开始时重建（engineFixture：两单位、各状态的材料、测试评选）；同一操作内的调用共享状态，
 * 所以合法调用的成功会让后续变异落在新的状态上。种子固定，npm test 每个操作 FUZZ_RUNS（默认 16）次；
 * 更重的运行：FUZZ_RUNS=500 npx jest test/hardening/fuzz.test.ts --selectProjects node。
 * 可复现：失败信息里带 seed 与 path，FUZZ_SEED=… 重放。
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/**
 * 被拒绝时仍允许写入的集合及原因（白名单，逐条说明）：
 * - bindAttempts：邀请码兑换失败要记一次失败，用于每小时 10 次的限流——这是拒绝本身的一部分。
 */
const WRITES_ON_REFUSAL: Record<string, string> = {
  bindAttempts: 'failed invite redemptions are counted for the hourly rate limit',
};

type Caller = Role | 'none' | 'platformless';
const CALLERS: Caller[] = ['none', 'platformless', ...ROLES];
const openidOf = (c: Caller) => (c === 'platformless' ? '' : ACTOR_OPENID[c]);

const actions: [string, string][] = Object.entries(cloudFunctions).flatMap(([fn, def]) => Object.keys(def.contract.actions).map((a) => [fn, a] as [string, string]));

interface Tally {
  events: number;
  refused: number;
  accepted: number;
  schemaValid: number;
  byKind: Record<MutationKind, number>;
  byCode: Record<string, number>;
}
const newTally = (): Tally => ({
  events: 0,
  refused: 0,
  accepted: 0,
  schemaValid: 0,
  byKind: Object.fromEntries(MUTATION_KINDS.map((k) => [k, 0])) as Record<MutationKind, number>,
  byCode: {},
});
const tally = newTally();

async function stateDigest(cloud: LocalCloud): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await cloud.database.collectionNames()).sort()) {
    if (name in WRITES_ON_REFUSAL) continue;
    hash.update(`${name}\n${JSON.stringify(await cloud.database.dump(name))}\n`);
  }
  return hash.digest('hex');
}

/**
 * 夹具里真实存在的字符串：记录 _id、评选的类别与等级键、文件；按字段名挑选（id → 本函数同名集合，
 * unitId → units，personId → people，code → invites …），使变异前的调用能走到处理函数深处。
 */
async function fixturePool(cloud: LocalCloud, fn: string): Promise<StringPool> {
  const byCollection = new Map<string, string[]>();
  const all = new Set<string>(['award', 'project', 'best', 'good', 'win', 'none', 'sept', 'check', 'branch', 'unit', 'A', 'B', '优秀']);
  for (const name of await cloud.database.collectionNames()) {
    const ids = (await cloud.database.dump(name)).map((d) => d._id).filter((id): id is string => typeof id === 'string');
    byCollection.set(name, ids);
    ids.forEach((id) => all.add(id));
  }
  const files = [`${cloud.files.prefix}imports/org.xlsx`, `${cloud.files.prefix}entries/e-own-award-draft/1.jpg`];
  files.forEach((f) => all.add(f));
  const collectionFor = (stem: string) => {
    const s = stem.toLowerCase();
    const irregular: Record<string, string> = { person: 'people', entry: 'entries', code: 'invites' };
    if (irregular[s]) return byCollection.get(irregular[s]);
    const hit = [...byCollection.keys()].find((c) => c.toLowerCase() === `${s}s` || c.toLowerCase() === s || c.toLowerCase().startsWith(s));
    return hit ? byCollection.get(hit) : undefined;
  };
  return {
    all: [...all],
    forField(key) {
      if (/^file(id|s)?$/i.test(key)) return files;
      const ids = key === 'id' ? collectionFor(fn) : key === 'code' ? collectionFor('code') : /Id$/.test(key) ? collectionFor(key.slice(0, -2)) : undefined;
      return ids?.length ? ids : undefined;
    },
  };
}

function seedFor(fn: string, action: string): number {
  return (SEED + createHash('sha256').update(`${fn}.${action}`).digest().readUInt32BE(0)) | 0;
}

const HAS_CJK = /[\u4e00-\u9fa5]/;

/** 模糊调用顺带记下每个查询的形状，最后核对都有声明的索引（issue 8 第 2 条） */
const shapes = new QueryShapes();
let source = '(fixture)';
const onDbRequest = (action: string, params: Readonly<Record<string, unknown>>) => shapes.record(action, params, source);

/** 一次调用与它必须满足的性质（见文件头 1–3）；违反时抛出带完整上下文的错误 */
async function checkCall(cloud: LocalCloud, fn: string, event: Record<string, unknown>, caller: Caller, note: string, kind: MutationKind, t: Tally = tally): Promise<void> {
  const def = cloudFunctions[fn];
  const action = typeof event.action === 'string' ? event.action : '';
  const guard = Object.prototype.hasOwnProperty.call(def.guards, action) ? def.guards[action] : undefined;
  const valid = def.contract.eventSchema.safeParse(event).success;
  const before = await stateDigest(cloud);
  source = `${fn}.${action || '?'}`;
  const reply = (await cloud.call(fn, event, openidOf(caller))) as Reply<unknown>;
  source = '(checker)';
  const context = `${fn}.${action} as ${caller}, ${note}, event ${JSON.stringify(event).slice(0, 400)} → ${JSON.stringify(reply).slice(0, 300)}`;
  t.events++;
  t.byKind[kind]++;
  if (valid) t.schemaValid++;

  if (reply.ok !== true && reply.ok !== false) throw new Error(`not an envelope: ${context}`);
  if (!reply.ok) {
    t.refused++;
    t.byCode[reply.code] = (t.byCode[reply.code] ?? 0) + 1;
    if (!(ERROR_CODES as readonly string[]).includes(reply.code)) throw new Error(`unknown error code: ${context}`);
    if (reply.code === 'INTERNAL') throw new Error(`unhandled exception (INTERNAL): ${context}`);
    if (typeof reply.message !== 'string' || !HAS_CJK.test(reply.message)) throw new Error(`message is not Chinese: ${context}`);
    if (!valid && reply.code !== 'BAD_INPUT' && reply.code !== 'UNKNOWN_ACTION') throw new Error(`input outside the contract got ${reply.code}, expected BAD_INPUT: ${context}`);
    if ((await stateDigest(cloud)) !== before) throw new Error(`a refused call changed records: ${context}`);
    return;
  }
  t.accepted++;
  if (!valid) throw new Error(`input outside the contract was accepted: ${context}`);
  if (guard && guard.allow !== 'anyone') {
    if (caller === 'none' || caller === 'platformless') throw new Error(`an unbound caller succeeded: ${context}`);
    if (guard.allow !== 'bound' && !guard.allow.includes(caller)) throw new Error(`role ${caller} is not in the guard's allow list but succeeded: ${context}`);
  }
}

afterAll(async () => {
  const codes = Object.entries(tally.byCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ');
  const line = `fuzz: ${tally.events} events over ${actions.length} actions × ${CALLERS.length} callers (seed ${SEED}, ${RUNS} runs/action): ${tally.refused} refused with a structured error and no record changed, ${tally.accepted} valid calls accepted; ${tally.schemaValid} events passed the contract`;
  // CI 日志里可见：事件总数与分布
  console.log(`${line}\n  mutations: ${MUTATION_KINDS.map((k) => `${k} ${tally.byKind[k]}`).join(', ')}\n  codes: ${codes}`);
  const out = path.resolve(__dirname, '../../test-output');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'fuzz-count.txt'), `${line}\n`);
});

describe('fuzzing every action of every registered function (issue 8)', () => {
  it('enumerates the registry: every function has actions and a contract schema per action', () => {
    expect(actions.length).toBeGreaterThan(50);
    for (const [fn, action] of actions) expect(cloudFunctions[fn].contract.actions[action].input).toBeDefined();
  });

  it('the checker itself fails on a refused call that wrote a record, on INTERNAL, and on successes it must not allow', async () => {
    const contract = defineContract('__fuzzSelfTest', {
      writeThenRefuse: actionContract(z.object({ id: z.string() }).strict(), z.null()),
      crash: actionContract(z.object({}).strict(), z.null()),
      alwaysOk: actionContract(z.object({ id: z.string() }).strict(), z.null()),
    });
    const broken: CloudFunction = {
      name: contract.name,
      contract,
      guards: { writeThenRefuse: { allow: 'anyone' }, crash: { allow: 'anyone' }, alwaysOk: { allow: ['deptAdmin'] } },
      async invoke(event, ctx) {
        const act = (event as { action: string }).action;
        if (act === 'writeThenRefuse') {
          await ctx.db.collection('notices').doc('n-1').update({ data: { title: '被改了' } });
          return failure('CONFLICT', '内容已被他人修改');
        }
        if (act === 'crash') return failure('INTERNAL', '系统繁忙，请稍后再试');
        return success(null);
      },
    };
    cloudFunctions[contract.name] = broken;
    const cloud = await engineFixture();
    const check = (event: Record<string, unknown>, caller: Caller) => checkCall(cloud, contract.name, event, caller, 'self-test', 'none', newTally());
    try {
      await expect(check({ action: 'writeThenRefuse', id: 'n-1' }, 'deptAdmin')).rejects.toThrow('a refused call changed records');
      await expect(check({ action: 'crash' }, 'deptAdmin')).rejects.toThrow('unhandled exception (INTERNAL)');
      await expect(check({ action: 'alwaysOk', id: 'x', _openid: 'o-dept-admin' }, 'deptAdmin')).rejects.toThrow('input outside the contract was accepted');
      await expect(check({ action: 'alwaysOk', id: 'x' }, 'member')).rejects.toThrow("not in the guard's allow list");
      await expect(check({ action: 'alwaysOk', id: 'x' }, 'none')).rejects.toThrow('an unbound caller succeeded');
      await expect(check({ action: 'alwaysOk', id: 'x' }, 'deptAdmin')).resolves.toBeUndefined();
    } finally {
      delete cloudFunctions[contract.name];
      await cloud.close();
    }
  });

  it.each(actions)('%s.%s: bad input is refused with a structured error and changes nothing; only valid calls succeed', async (fn, action) => {
    const def = cloudFunctions[fn];
    const schema = def.contract.actions[action].input as ZodTypeAny;
    const guard = def.guards[action];
    const cloud = await engineFixture(undefined, { onDbRequest });
    try {
      const pool = await fixturePool(cloud, fn);
      // 多数调用用守卫允许的角色（才能走到处理函数），其余各种身份都有
      const allowed = guard.allow === 'anyone' || guard.allow === 'bound' ? CALLERS : CALLERS.filter((c) => (guard.allow as readonly string[]).includes(c));
      const caller = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...CALLERS) });
      const arb = fc.record({ input: arbitraryFor(schema, pool), mutation: mutationArb, caller });
      await fc.assert(
        fc.asyncProperty(arb, async ({ input, mutation, caller }) => {
          const { event, where } = applyMutation({ action, ...(input as object) }, mutation, cloud.files.prefix);
          await checkCall(cloud, fn, event, caller, `mutation ${mutation.kind} at ${where || '-'}`, mutation.kind);
        }),
        { numRuns: RUNS, seed: seedFor(fn, action), endOnFailure: true },
      );
    } finally {
      await cloud.close();
    }
  }, 120_000);

  it('every query the fuzzed calls issued can use a declared index (registry indexDeclarations) or the _id key', () => {
    const report = shapes.report(indexDeclarations).filter((q) => !q.collection.startsWith('_'));
    const uncovered = report.filter((q) => !q.index);
    console.log(`index coverage: ${report.length} query shapes seen, ${report.length - uncovered.length} covered by a declared index or _id`);
    expect(uncovered.map((q) => `${q.collection} where ${q.fields.join(',') || '-'} order ${q.order.join(',') || '-'} (from ${q.actions.join(', ')})`)).toEqual([]);
  });
});
