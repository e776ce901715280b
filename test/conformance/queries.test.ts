import type { LocalDatabase } from '../../cloudfunctions/_local/db';
import { ids, openDb, rejection, seed } from './support/local-db';

/** where / orderBy / skip / limit / field 与查询操作符（MongoDB 语义） */

const PEOPLE = [
  { _id: 'p1', name: 'Ann', age: 30, tags: ['a', 'b'], profile: { city: 'Beijing', zip: '100' }, items: [{ sku: 'x', qty: 1 }], score: 7 },
  { _id: 'p2', name: 'bob', age: 25, tags: ['b'], profile: { city: 'Shanghai' }, items: [{ sku: 'y', qty: 5 }, { sku: 'x', qty: 2 }] },
  { _id: 'p3', name: 'Cid', age: 35, tags: [], profile: { city: 'Beijing' }, score: null },
  { _id: 'p4', name: 'dee', age: '40', tags: ['c', 'a', 'd'], profile: { city: 'Shenzhen' }, score: 3 },
  { _id: 'p5', name: 'Eve', age: 25, tags: ['a'], items: [] },
];

async function people(): Promise<LocalDatabase> {
  const ldb = await openDb();
  await seed(ldb, 'people', PEOPLE);
  return ldb;
}

describe('where', () => {
  it('matches on several fields (AND) and on nested paths, written dotted or as nested objects', async () => {
    const { db } = await people();
    expect(ids((await db.collection('people').where({ age: 25, name: 'bob' }).get()).data)).toEqual(['p2']);
    expect(ids((await db.collection('people').where({ 'profile.city': 'Beijing' }).get()).data)).toEqual(['p1', 'p3']);
    expect(ids((await db.collection('people').where({ profile: { city: 'Beijing' } }).get()).data)).toEqual(['p1', 'p3']);
  });

  it('matches array fields by element value and arrays of sub-documents by path', async () => {
    const { db } = await people();
    const _ = db.command;
    expect(ids((await db.collection('people').where({ tags: 'a' }).get()).data)).toEqual(['p1', 'p4', 'p5']);
    expect(ids((await db.collection('people').where({ 'items.sku': 'x' }).get()).data)).toEqual(['p1', 'p2']);
    expect(ids((await db.collection('people').where({ 'items.qty': _.gt(4) }).get()).data)).toEqual(['p2']);
    // 整个数组相等（含顺序）
    expect(ids((await db.collection('people').where({ tags: _.eq(['b']) }).get()).data)).toEqual(['p2']);
  });

  it('compares only values of the same type (no string/number coercion)', async () => {
    const { db } = await people();
    const _ = db.command;
    expect(ids((await db.collection('people').where({ age: _.gte(30) }).get()).data)).toEqual(['p1', 'p3']);
    expect(ids((await db.collection('people').where({ age: '40' }).get()).data)).toEqual(['p4']);
  });

  it('null matches both null and missing fields; neq matches missing fields', async () => {
    const { db } = await people();
    const _ = db.command;
    expect(ids((await db.collection('people').where({ score: null }).get()).data)).toEqual(['p2', 'p3', 'p5']);
    expect(ids((await db.collection('people').where({ score: _.neq(7) }).get()).data)).toEqual(['p2', 'p3', 'p4', 'p5']);
  });
});

describe('command operators', () => {
  it('eq, neq, gt, gte, lt, lte', async () => {
    const { db } = await people();
    const _ = db.command;
    const q = async (cond: object) => ids((await db.collection('people').where({ age: cond }).get()).data);
    expect(await q(_.eq(25))).toEqual(['p2', 'p5']);
    expect(await q(_.neq(25))).toEqual(['p1', 'p3', 'p4']);
    expect(await q(_.gt(30))).toEqual(['p3']);
    expect(await q(_.gte(30))).toEqual(['p1', 'p3']);
    expect(await q(_.lt(30))).toEqual(['p2', 'p5']);
    expect(await q(_.lte(30))).toEqual(['p1', 'p2', 'p5']);
    expect(await q(_.gt(20).and(_.lt(30)))).toEqual(['p2', 'p5']);
  });

  it('in and nin (nin also matches records where the array has none of the values)', async () => {
    const { db } = await people();
    const _ = db.command;
    expect(ids((await db.collection('people').where({ name: _.in(['Ann', 'Eve', 'nobody']) }).get()).data)).toEqual(['p1', 'p5']);
    expect(ids((await db.collection('people').where({ tags: _.in(['c', 'zz']) }).get()).data)).toEqual(['p4']);
    expect(ids((await db.collection('people').where({ tags: _.nin(['a']) }).get()).data)).toEqual(['p2', 'p3']);
  });

  it('and / or across fields, and or() on a single field', async () => {
    const { db } = await people();
    const _ = db.command;
    const across = await db.collection('people').where(_.or([{ age: 35 }, { 'profile.city': 'Shanghai' }])).get();
    expect(ids(across.data)).toEqual(['p2', 'p3']);
    const oneField = await db.collection('people').where({ age: _.lt(26).or(_.gt(34)) }).get();
    expect(ids(oneField.data)).toEqual(['p2', 'p3', 'p5']);
    const both = await db.collection('people').where(_.and([{ tags: 'a' }, _.or([{ age: 25 }, { age: 30 }])])).get();
    expect(ids(both.data)).toEqual(['p1', 'p5']);
    const nor = await db.collection('people').where(_.nor([{ tags: 'a' }, { age: 25 }])).get();
    expect(ids(nor.data)).toEqual(['p3']);
  });

  it('exists', async () => {
    const { db } = await people();
    const _ = db.command;
    expect(ids((await db.collection('people').where({ items: _.exists(true) }).get()).data)).toEqual(['p1', 'p2', 'p5']);
    expect(ids((await db.collection('people').where({ 'profile.zip': _.exists(false) }).get()).data)).toEqual(['p2', 'p3', 'p4', 'p5']);
  });

  it('regex through db.RegExp (with options) and through a JS RegExp', async () => {
    const { db } = await people();
    expect(ids((await db.collection('people').where({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) }).get()).data)).toEqual([
      'p1',
      'p2',
      'p3',
    ]);
    expect(ids((await db.collection('people').where({ name: /^[a-c]/ }).get()).data)).toEqual(['p2']);
    expect(ids((await db.collection('people').where({ tags: /^d/ }).get()).data)).toEqual(['p4']);
  });

  it('not, elemMatch, size, all, mod', async () => {
    const { db } = await people();
    const _ = db.command;
    const q = async (cond: object) => ids((await db.collection('people').where(cond).get()).data);
    expect(await q({ age: _.not(_.eq(25)) })).toEqual(['p1', 'p3', 'p4']);
    expect(await q({ items: _.elemMatch({ sku: 'x', qty: _.gte(2) }) })).toEqual(['p2']);
    expect(await q({ tags: _.elemMatch(_.gt('b')) })).toEqual(['p4']);
    expect(await q({ tags: _.size(1) })).toEqual(['p2', 'p5']);
    expect(await q({ tags: _.all(['a', 'd']) })).toEqual(['p4']);
    expect(await q({ age: _.mod(10, 5) })).toEqual(['p2', 'p3', 'p5']);
  });

  it('fails loudly on operators the local executor does not implement, even on an empty collection', async () => {
    const { db } = await openDb();
    await db.createCollection('empty');
    // 地理查询不在 CloudDb 类型里（本地不支持），这里绕过类型直接用 SDK
    const sdk = db as unknown as { command: { geoNear(o: object): object }; Geo: { Point: new (lng: number, lat: number) => object } };
    const geo = await rejection(db.collection('empty').where({ loc: sdk.command.geoNear({ geometry: new sdk.Geo.Point(1, 2) }) }).get());
    expect(geo.message).toContain('not supported by the local database executor');
    const aggregate = (db.collection('empty') as unknown as { aggregate(): { match(q: object): { end(): Promise<unknown> } } }).aggregate();
    expect((await rejection(aggregate.match({}).end())).message).toContain('not supported');
    const unknown = await rejection(db.collection('empty').where({ a: { $bogus: 1 } }).get());
    expect(unknown.errCode).toBe(-502002);
    // MongoDB 不接受 JS 的 g 标志
    expect((await rejection(db.collection('empty').where({ a: /x/g }).get())).message).toContain('invalid flag in regex options: g');
  });
});

describe('orderBy / skip / limit', () => {
  it('sorts by several keys, asc and desc, on nested paths', async () => {
    const { db } = await people();
    const res = await db.collection('people').where({ age: db.command.neq('40') }).orderBy('age', 'desc').orderBy('name', 'asc').get();
    // age 相同（25）时按 name 升序：'Eve' < 'bob'（码点序，大写在前）
    expect(ids(res.data)).toEqual(['p3', 'p1', 'p5', 'p2']);
    const nested = await db.collection('people').orderBy('profile.city', 'asc').orderBy('_id', 'desc').get();
    // 缺失的字段排在最前（视同 null）
    expect(ids(nested.data)).toEqual(['p5', 'p3', 'p1', 'p2', 'p4']);
  });

  it('orders mixed types by type (numbers before strings) and strings by code point', async () => {
    const { db } = await people();
    expect(ids((await db.collection('people').orderBy('age', 'asc').orderBy('_id', 'asc').get()).data)).toEqual(['p2', 'p5', 'p1', 'p3', 'p4']);
    // 大写字母的码点小于小写字母
    expect(ids((await db.collection('people').orderBy('name', 'asc').get()).data)).toEqual(['p1', 'p3', 'p5', 'p2', 'p4']);
  });

  it('skip and limit page through a stable order', async () => {
    const { db } = await people();
    const page = (n: number) => db.collection('people').orderBy('_id', 'asc').skip(n * 2).limit(2).get();
    expect(ids((await page(0)).data)).toEqual(['p1', 'p2']);
    expect(ids((await page(1)).data)).toEqual(['p3', 'p4']);
    expect(ids((await page(2)).data)).toEqual(['p5']);
  });

  it('returns 100 records by default and at most 1000 per read on the server SDK', async () => {
    const ldb = await openDb();
    await seed(
      ldb,
      'many',
      Array.from({ length: 1100 }, (_, i) => ({ i })),
    );
    expect((await ldb.db.collection('many').get()).data).toHaveLength(100);
    expect((await ldb.db.collection('many').limit(2000).get()).data).toHaveLength(1000);
    expect((await ldb.db.collection('many').count()).total).toBe(1100);
  });

  it('returns at most 20 records per read on the mini-program client SDK', async () => {
    const ldb = await openDb();
    await seed(
      ldb,
      'many',
      Array.from({ length: 30 }, (_, i) => ({ i })),
    );
    const client = ldb.clientDb('openid-x');
    expect((await client.collection('many').get()).data).toHaveLength(20);
    expect((await client.collection('many').limit(50).get()).data).toHaveLength(20);
    expect((await client.collection('many').limit(5).get()).data).toHaveLength(5);
  });
});

describe('field projection', () => {
  it('includes listed fields (and _id unless excluded), including nested paths', async () => {
    const { db } = await people();
    const res = await db.collection('people').where({ _id: 'p2' }).field({ name: true, 'profile.city': true, 'items.sku': true }).get();
    expect(res.data).toEqual([{ _id: 'p2', name: 'bob', profile: { city: 'Shanghai' }, items: [{ sku: 'y' }, { sku: 'x' }] }]);
    const noId = await db.collection('people').doc('p1').field({ _id: false, age: true }).get();
    expect(noId.data).toEqual({ age: 30 });
  });

  it('excludes listed fields', async () => {
    const { db } = await people();
    const res = await db.collection('people').doc('p1').field({ items: false, 'profile.zip': false, tags: 0 }).get();
    expect(res.data).toEqual({ _id: 'p1', name: 'Ann', age: 30, profile: { city: 'Beijing' }, score: 7 });
  });

  it('slices arrays with command.project.slice', async () => {
    const { db } = await people();
    const res = await db.collection('people').doc('p4').field({ tags: db.command.project.slice(2) }).get();
    expect(res.data.tags).toEqual(['c', 'a']);
    expect(res.data.name).toBe('dee');
  });

  it('rejects mixing inclusion and exclusion', async () => {
    const { db } = await people();
    const err = await rejection(db.collection('people').field({ name: true, age: false }).get());
    expect(err.message).toContain('Projection cannot have a mix of inclusion and exclusion');
  });
});

it('runs the keyset-pagination query used by the notice list (dates, and/or, _id tie-break)', async () => {
  const ldb = await openDb();
  const at = (d: number) => new Date(Date.UTC(2026, 0, d));
  await seed(ldb, 'notices', [
    { _id: 'n1', status: 'published', publishedAt: at(1), title: '通知一' },
    { _id: 'n2', status: 'published', publishedAt: at(2), title: '关于 A 的通知' },
    { _id: 'n3', status: 'published', publishedAt: at(2), title: '通知三' },
    { _id: 'n4', status: 'draft', publishedAt: at(3), title: '草稿' },
    { _id: 'n5', status: 'published', publishedAt: at(4), title: '关于 a 的说明' },
  ]);
  const { db } = ldb;
  const _ = db.command;
  const page = await db
    .collection('notices')
    .where(_.and([{ status: 'published' }, _.or([{ publishedAt: _.lt(at(2)) }, { publishedAt: at(2), _id: _.lt('n3') }])]))
    .orderBy('publishedAt', 'desc')
    .orderBy('_id', 'desc')
    .field({ title: true, publishedAt: true })
    .limit(10)
    .get();
  expect(page.data).toEqual([
    { _id: 'n2', title: '关于 A 的通知', publishedAt: at(2) },
    { _id: 'n1', title: '通知一', publishedAt: at(1) },
  ]);
  const search = await db.collection('notices').where({ title: db.RegExp({ regexp: '关于 a', options: 'i' }) }).get();
  expect(ids(search.data)).toEqual(['n2', 'n5']);
});
