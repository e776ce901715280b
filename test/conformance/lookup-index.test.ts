import fc from 'fast-check';
import type { CloudDb } from '../../cloudfunctions/_lib/db';
import { equalityConstraints, LookupIndexes } from '../../cloudfunctions/_local/db/lookup';
import { OrderedIndexes } from '../../cloudfunctions/_local/db/ordered';
import { compileQuery, compileSort } from '../../cloudfunctions/_local/db/query';
import type { Doc } from '../../cloudfunctions/_local/db/values';
import { openDb } from './support/local-db';

/**
 * 本地二级索引（issue 8 第 2 点：声明的索引本地也使用）只缩小候选范围，结果必须与全表扫描完全相同。
 * 两个库写入同样的记录、做同样的更新与删除：一个声明了索引，一个没有；每个查询的结果、计数逐一比较。
 */

const STATUSES = ['draft', 'submitted', 'recommended', 'published'];
const UNITS = ['u1', 'u2', 'u3'];

const scalar = fc.oneof(fc.constantFrom(...STATUSES, ...UNITS), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null));
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const record = fc.record({
  status: fieldValue,
  unitId: fieldValue,
  roles: fc.array(fc.record({ unitId: fieldValue, role: fc.constantFrom('member', 'unitAdmin') }), { maxLength: 3 }),
  n: fc.integer({ min: 0, max: 5 }),
  owner: fc.constantFrom(...UNITS),
});

function condition(_: CloudDb['command']) {
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));
  const field = fc.constantFrom('status', 'unitId', 'roles.unitId', '_id');
  const single = fc.tuple(field, fc.constantFrom('plain', 'eq', 'in', 'neq', 'gt'), value, fc.array(scalar, { minLength: 1, maxLength: 3 })).map(([f, op, v, list]) => {
    if (op === 'plain') return { [f]: v };
    if (op === 'eq') return { [f]: _.eq(v) };
    if (op === 'in') return { [f]: _.in(list) };
    if (op === 'neq') return { [f]: _.neq(v) };
    return { [f]: _.gt(0) };
  });
  return fc.oneof(
    single,
    fc.tuple(single, single).map(([a, b]) => ({ ...a, ...b })),
    fc.tuple(single, single).map(([a, b]) => _.and(a, b)),
    fc.tuple(single, single).map(([a, b]) => _.or(a, b)),
  );
}

async function twoDatabases() {
  const plain = await openDb();
  const indexed = await openDb();
  await plain.db.createCollection('things');
  await indexed.ensureIndexes([
    { collection: 'things', name: 'status_unit', keys: { status: 1, unitId: 1 } },
    { collection: 'things', name: 'unit', keys: { unitId: 1 } },
    { collection: 'things', name: 'roles_unit', keys: { 'roles.unitId': 1 } },
    { collection: 'things', name: 'n_id', keys: { n: 1, _id: 1 } },
    { collection: 'things', name: 'n_desc', keys: { n: -1 } },
  ]);
  return [plain.db, indexed.db] as const;
}

const strip = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o, (_k, v) => (v === undefined ? undefined : v)));

test('indexed and unindexed databases answer every query, count, update and remove identically', async () => {
  const probe = (await openDb()).db.command;
  await fc.assert(
    fc.asyncProperty(
      fc.array(record, { minLength: 0, maxLength: 25 }),
      fc.array(condition(probe), { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(condition(probe), fc.constantFrom('update', 'remove'), fc.constantFrom(...STATUSES)), { maxLength: 3 }),
      async (docs, queries, writes) => {
        const dbs = await twoDatabases();
        for (const db of dbs) {
          for (const [i, d] of docs.entries()) await db.collection('things').add({ data: { _id: `t${String(i).padStart(2, '0')}`, ...strip(d) } });
        }
        const answers = async (db: CloudDb) => {
          const out: unknown[] = [];
          for (const q of queries) {
            out.push((await db.collection('things').where(q).get()).data);
            out.push((await db.collection('things').where(q).count()).total);
            out.push((await db.collection('things').where(q).orderBy('n', 'desc').skip(1).limit(3).get()).data);
            // 无等值条件可用时走有序索引（n_id 正向、逆向；n_desc 单键）
            out.push((await db.collection('things').where(q).orderBy('n', 'asc').orderBy('_id', 'asc').limit(4).get()).data);
            out.push((await db.collection('things').where(q).orderBy('n', 'desc').orderBy('_id', 'desc').skip(2).limit(2).get()).data);
            out.push((await db.collection('things').where({ n: db.command.gte(1) }).orderBy('n', 'asc').limit(5).get()).data);
            out.push((await db.collection('things').where(db.command.and([q, { n: db.command.lt(3) }])).orderBy('n', 'desc').limit(3).get()).data);
            out.push((await db.collection('things').where({ n: db.command.gt(1), _id: db.command.gt('t03') }).orderBy('n', 'asc').orderBy('_id', 'asc').limit(4).get()).data);
          }
          for (const [q, kind, status] of writes) {
            if (kind === 'update') out.push((await db.collection('things').where(q).update({ data: { status, n: db.command.inc(1) } })).stats);
            else out.push((await db.collection('things').where(q).remove()).stats);
            // 写入之后索引必须跟着变：再问一遍
            for (const again of queries) out.push((await db.collection('things').where(again).get()).data);
          }
          return out;
        };
        const [a, b] = [await answers(dbs[0]), await answers(dbs[1])];
        expect(b).toEqual(a);
      },
    ),
    { numRuns: 60, seed: 20261201 },
  );
}, 120_000);

test('an ordered walk over an equality prefix returns exactly what a full sort returns (ties included)', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.array(fc.record({ owner: fc.constantFrom(...UNITS), n: fc.integer({ min: 0, max: 4 }), odd: fc.boolean() }), { maxLength: 40 }),
        fc.array(fc.record({ owner: fc.constantFrom(...UNITS), n: fc.integer({ min: 0, max: 4 }), odd: fc.boolean() }), { minLength: 100, maxLength: 150 }),
      ),
      fc.constantFrom(...UNITS),
      fc.constantFrom(1, -1),
      fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })),
      fc.integer({ min: 1, max: 5 }),
      fc.oneof(
        fc.array(fc.tuple(fc.nat(149), fc.integer({ min: 0, max: 4 })), { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(149), fc.integer({ min: 0, max: 4 })), { minLength: 120, maxLength: 200 }),
      ),
      fc.boolean(),
      fc.option(fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.integer({ min: -1, max: 5 })), { nil: undefined }),
      (raw, owner, dir, offset, limit, edits, builtFromDocs, range) => {
        let docs: Doc[] = raw.map((d, i) => ({ _id: `d${String(i).padStart(3, '0')}`, ...d }));
        const ordered = new OrderedIndexes();
        // 两种建法：声明时据现有记录建；或先空着，再一次插入全部（> 64 条走排序归并，否则逐条二分插入）
        if (builtFromDocs) ordered.declare({ collection: 'c', name: 'owner_n', keys: { owner: 1, n: -1 } }, docs);
        else {
          ordered.declare({ collection: 'c', name: 'owner_n', keys: { owner: 1, n: -1 } }, []);
          ordered.apply('c', docs.map((d) => ({ id: d._id as string, before: null, after: d })));
        }
        // 再改一批（同样可能大可能小）
        const changes: { id: string; before: Doc; after: Doc }[] = [];
        for (const [i, n] of edits) {
          const before = docs[i];
          if (!before || changes.some((c) => c.id === before._id)) continue;
          const after = { ...before, n };
          docs = docs.map((d) => (d === before ? after : d));
          changes.push({ id: before._id as string, before, after });
        }
        ordered.apply('c', changes);
        // 排序键上的范围条件（按 _id、时间分页的形状）：走索引时据此跳过前段
        const query = range ? { owner, n: { [range[0]]: range[1] } } : { owner };
        const match = compileQuery({ ...query, odd: true });
        const map = new Map(docs.map((d) => [d._id, d]));
        const got = ordered.firstSorted('c', query, { n: dir }, offset + limit, match, (id) => map.get(id));
        expect(got).toBeDefined();
        // 每条记录只出现一次：旧的索引项必须随改动删掉
        expect(new Set(got?.map((d) => d._id)).size).toBe(got?.length);
        const sort = compileSort({ n: dir });
        const expected = sort(docs.filter(match)).slice(offset, offset + limit);
        expect(sort(got as Doc[]).slice(offset, offset + limit)).toEqual(expected);
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});

test('equality constraints are taken from plain values, $eq, $in and $and only', () => {
  expect(equalityConstraints({ a: 'x', b: { $in: ['y', 1] }, c: { $eq: true } })).toEqual([
    { path: 'a', values: ['x'] },
    { path: 'b', values: ['y', 1] },
    { path: 'c', values: [true] },
  ]);
  expect(equalityConstraints({ $and: [{ a: 'x' }, { b: { $gt: 1 } }] })).toEqual([{ path: 'a', values: ['x'] }]);
  // null 也匹配缺失字段、对象按整体比较、$or 不能缩小范围：都不取
  expect(equalityConstraints({ a: null, b: { x: 1 }, $or: [{ c: 'z' }], d: { $in: ['y', null] }, e: { $ne: 'q' } })).toEqual([]);
});

test('the lookup table narrows a query to the matching records and follows inserts, updates and removes', () => {
  const lookups = new LookupIndexes();
  const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: `b${String(i).padStart(5, '0')}`, unitId: `u${i % 300}`, tags: [`t${i % 7}`, 'all'] }));
  lookups.ensure('big', 'unitId', docs);
  lookups.ensure('big', 'tags', docs);
  expect(lookups.candidates('big', { unitId: 'u7' })?.sort()).toEqual(docs.filter((d) => d.unitId === 'u7').map((d) => d._id));
  // 多个可用条件取候选最少的一个；$in 取并集；未建索引的字段不可用
  expect(lookups.candidates('big', { tags: 'all', unitId: { $in: ['u1', 'u2'] } })).toHaveLength(20);
  expect(lookups.candidates('big', { other: 'x' })).toBeUndefined();
  expect(lookups.candidates('big', { _id: { $in: ['b00001', 'zz'] } })).toEqual(['b00001', 'zz']);
  const moved = { ...docs[7], unitId: 'u299' };
  lookups.apply('big', [
    { id: moved._id, before: docs[7], after: moved },
    { id: docs[307]._id, before: docs[307], after: null },
    { id: 'new', before: null, after: { _id: 'new', unitId: 'u7', tags: [] } },
  ]);
  expect(lookups.candidates('big', { unitId: 'u7' })?.sort()).toEqual(
    [...docs.filter((d) => d.unitId === 'u7' && d._id !== docs[7]._id && d._id !== docs[307]._id).map((d) => d._id), 'new'].sort(),
  );
  expect(lookups.candidates('big', { unitId: 'u299' })).toContain(docs[7]._id);
});
