import type { LocalDatabase } from '../../cloudfunctions/_local/db';
import { openDb, rejection, seed } from './support/local-db';

/** 更新：合并语义、各更新操作符、统计数、多记录更新与删除 */

async function withDoc(doc: Record<string, unknown>): Promise<LocalDatabase> {
  const ldb = await openDb();
  await seed(ldb, 'c', [{ _id: 'r', ...doc }]);
  return ldb;
}

async function read(ldb: LocalDatabase): Promise<Record<string, unknown>> {
  return (await ldb.db.collection('c').doc('r').get()).data;
}

describe('update semantics', () => {
  it('a plain object merges nested fields instead of replacing the object', async () => {
    const ldb = await withDoc({ profile: { city: 'Beijing', age: 30 }, keep: 1 });
    const res = await ldb.db.collection('c').doc('r').update({ data: { profile: { city: 'Xian', district: { name: 'Y' } } } });
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await read(ldb)).toEqual({ _id: 'r', profile: { city: 'Xian', age: 30, district: { name: 'Y' } }, keep: 1 });
  });

  it('command.set replaces the whole field', async () => {
    const ldb = await withDoc({ profile: { city: 'Beijing', age: 30 } });
    await ldb.db.collection('c').doc('r').update({ data: { profile: ldb.db.command.set({ city: 'Xian' }) } });
    expect(await read(ldb)).toEqual({ _id: 'r', profile: { city: 'Xian' } });
  });

  it('dotted paths address nested fields and array elements', async () => {
    const ldb = await withDoc({ profile: { age: 30 }, tags: ['a', 'b'] });
    await ldb.db.collection('c').doc('r').update({ data: { 'profile.age': 31, 'tags.1': 'B', 'deep.new.path': true } });
    expect(await read(ldb)).toEqual({ _id: 'r', profile: { age: 31 }, tags: ['a', 'B'], deep: { new: { path: true } } });
  });

  it('reports updated: 0 when nothing changed, and for a missing record', async () => {
    const ldb = await withDoc({ a: 1 });
    expect((await ldb.db.collection('c').doc('r').update({ data: { a: 1 } })).stats.updated).toBe(0);
    expect((await ldb.db.collection('c').doc('nope').update({ data: { a: 1 } })).stats.updated).toBe(0);
  });

  it('rejects conflicting paths, _id changes and arithmetic on non-numbers', async () => {
    const ldb = await withDoc({ a: { b: 1 }, s: 'text' });
    const _ = ldb.db.command;
    const before = await ldb.digest();
    const conflict = await rejection(ldb.db.collection('c').doc('r').update({ data: { a: _.set({ x: 1 }), 'a.b': 2 } }));
    expect(conflict.message).toContain('would create a conflict');
    const inc = await rejection(ldb.db.collection('c').doc('r').update({ data: { s: _.inc(1) } }));
    expect(inc.message).toContain('Cannot apply $inc to a value of non-numeric type');
    const id = await rejection(ldb.db.collection('c').doc('r').update({ data: { _id: 'other' } }));
    expect(id.message).toContain('_id');
    expect(await ldb.digest()).toBe(before);
  });
});

describe('update operators', () => {
  it('inc, mul, min, max, rename, remove', async () => {
    const ldb = await withDoc({ n: 5, m: 3, lo: 10, hi: 10, old: 'x', gone: 1 });
    const _ = ldb.db.command;
    await ldb.db.collection('c').doc('r').update({
      data: { n: _.inc(-2), m: _.mul(4), lo: _.min(7), hi: _.max(7), old: _.rename('renamed'), gone: _.remove(), fresh: _.inc(1) },
    });
    expect(await read(ldb)).toEqual({ _id: 'r', n: 3, m: 12, lo: 7, hi: 10, renamed: 'x', fresh: 1 });
  });

  it('push: one value, several values, and {each, position, slice, sort}', async () => {
    const ldb = await withDoc({ a: [1], b: [1], c: [5, 1] });
    const _ = ldb.db.command;
    await ldb.db.collection('c').doc('r').update({
      data: { a: _.push(2), b: _.push([2, 3]), c: _.push({ each: [3, 4], sort: -1, slice: 3 }), d: _.push({ each: ['x', 'y'], position: 0 }) },
    });
    expect(await read(ldb)).toMatchObject({ a: [1, 2], b: [1, 2, 3], c: [5, 4, 3], d: ['x', 'y'] });
    await ldb.db.collection('c').doc('r').update({ data: { d: _.push({ each: ['first'], position: 0 }) } });
    expect((await read(ldb)).d).toEqual(['first', 'x', 'y']);
  });

  it('pop, shift, unshift', async () => {
    const ldb = await withDoc({ a: [1, 2, 3], b: [1, 2, 3], c: [3] });
    const _ = ldb.db.command;
    await ldb.db.collection('c').doc('r').update({ data: { a: _.pop(), b: _.shift(), c: _.unshift(1, 2) } });
    expect(await read(ldb)).toMatchObject({ a: [1, 2], b: [2, 3], c: [1, 2, 3] });
  });

  it('pull (value, condition, sub-document), pullAll', async () => {
    const ldb = await withDoc({ a: [1, 2, 1, 3], b: [1, 5, 9], c: [{ k: 1, v: 'x' }, { k: 2, v: 'y' }], d: ['x', 'y', 'z'] });
    const _ = ldb.db.command;
    await ldb.db.collection('c').doc('r').update({ data: { a: _.pull(1), b: _.pull(_.gte(5)), c: _.pull({ k: 2 }), d: _.pullAll(['x', 'z']) } });
    expect(await read(ldb)).toMatchObject({ a: [2, 3], b: [1], c: [{ k: 1, v: 'x' }], d: ['y'] });
  });

  it('addToSet adds only missing values (single and {each})', async () => {
    const ldb = await withDoc({ a: ['x'], b: ['x'] });
    const _ = ldb.db.command;
    await ldb.db.collection('c').doc('r').update({ data: { a: _.addToSet('x'), b: _.addToSet({ each: ['x', 'y', 'y'] }) } });
    expect(await read(ldb)).toMatchObject({ a: ['x'], b: ['x', 'y'] });
  });

  it('positional updates (arr.$) fail loudly instead of doing something else', async () => {
    const ldb = await withDoc({ items: [{ sku: 'x', qty: 1 }] });
    const before = await ldb.digest();
    const err = await rejection(ldb.db.collection('c').where({ 'items.sku': 'x' }).update({ data: { 'items.$.qty': 2 } }));
    expect(err.message).toContain('not supported by the local database executor');
    expect(await ldb.digest()).toBe(before);
  });

  it('atomic operators do not lose concurrent updates', async () => {
    const ldb = await withDoc({ n: 0 });
    const _ = ldb.db.command;
    await Promise.all(Array.from({ length: 50 }, () => ldb.db.collection('c').doc('r').update({ data: { n: _.inc(1) } })));
    expect((await read(ldb)).n).toBe(50);
  });
});

describe('multi-record update and remove', () => {
  async function rows(): Promise<LocalDatabase> {
    const ldb = await openDb();
    await seed(ldb, 'c', [
      { _id: 'a', group: 1, n: 0 },
      { _id: 'b', group: 1, n: 0 },
      { _id: 'c', group: 2, n: 0 },
    ]);
    return ldb;
  }

  it('where().update() updates every match and returns the count', async () => {
    const ldb = await rows();
    const res = await ldb.db.collection('c').where({ group: 1 }).update({ data: { n: ldb.db.command.inc(1) } });
    expect(res).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    expect((await ldb.dump('c')).map((d) => d.n)).toEqual([1, 1, 0]);
  });

  it('where().update({multi: false}) updates one record', async () => {
    const ldb = await rows();
    const res = await ldb.db.collection('c').where({ group: 1 }).update({ data: { n: 9 }, multi: false });
    expect(res.stats.updated).toBe(1);
    expect((await ldb.dump('c')).filter((d) => d.n === 9)).toHaveLength(1);
  });

  it('where().remove() removes every match and returns stats.removed', async () => {
    const ldb = await rows();
    expect(await ldb.db.collection('c').where({ group: 1 }).remove()).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' });
    expect((await ldb.dump('c')).map((d) => d._id)).toEqual(['c']);
  });

  it('refuses update()/remove() without a where() condition (local guard against wiping a collection)', async () => {
    const ldb = await rows();
    const before = await ldb.digest();
    expect((await rejection(ldb.db.collection('c').remove())).message).toContain('needs a where() condition');
    expect((await rejection(ldb.db.collection('c').where({}).update({ data: { n: 1 } }))).message).toContain('needs a where() condition');
    expect(await ldb.digest()).toBe(before);
  });
});
