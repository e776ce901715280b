import { isDuplicateKeyError } from '../../cloudfunctions/_lib/db';
import { openDb, rejection, testClock } from './support/local-db';

/** 记录的增删改查、_id、_openid、集合的存在性、命名规则、serverDate 与日期 */

describe('documents', () => {
  it('generates a 32-char hex _id when absent and keeps a given one (string or number)', async () => {
    const { db } = await openDb();
    const generated = await db.collection('c').add({ data: { a: 1 } });
    expect(generated._id).toMatch(/^[0-9a-f]{32}$/);
    expect(generated.errMsg).toBe('collection.add:ok');
    const given = await db.collection('c').add({ data: { _id: 'mine', a: 2 } });
    expect(given._id).toBe('mine');
    await db.collection('c').add({ data: { _id: 7, a: 3 } });
    expect((await db.collection('c').doc(7).get()).data).toEqual({ _id: 7, a: 3 });
    // 数字 7 与字符串 '7' 是不同的记录
    await db.collection('c').add({ data: { _id: '7', a: 4 } });
    expect((await db.collection('c').doc('7').get()).data.a).toBe(4);
  });

  it('rejects a duplicate _id like a unique index (E11000, errCode -502001) and writes nothing', async () => {
    const ldb = await openDb({ env: 'env-x' });
    await ldb.db.collection('c').add({ data: { _id: 'dup', a: 1 } });
    const before = await ldb.digest();
    const err = await rejection(ldb.db.collection('c').add({ data: { _id: 'dup', a: 2 } }));
    expect(isDuplicateKeyError(err)).toBe(true);
    expect(err.errCode).toBe(-502001);
    expect(err.message).toContain('E11000 duplicate key error collection: env-x.c index: _id_');
    expect(await ldb.digest()).toBe(before);
  });

  it('adds several records at once and returns their ids in order', async () => {
    const { db } = await openDb();
    const res = await db.collection('c').add({ data: [{ _id: 'x', n: 1 }, { n: 2 }] });
    expect(res._ids).toHaveLength(2);
    expect(res._ids[0]).toBe('x');
    expect((await db.collection('c').count()).total).toBe(2);
  });

  it('stamps _openid on records created through clientDb(openid), never through db', async () => {
    const ldb = await openDb();
    const client = ldb.clientDb('openid-alice');
    const a = await client.collection('posts').add({ data: { title: 'from client', _openid: 'forged' } });
    const b = await ldb.db.collection('posts').add({ data: { title: 'from server' } });
    await client.collection('posts').doc('set-by-client').set({ data: { title: 'set' } });
    expect((await ldb.db.collection('posts').doc(a._id).get()).data._openid).toBe('openid-alice');
    expect((await ldb.db.collection('posts').doc(b._id).get()).data).not.toHaveProperty('_openid');
    expect((await ldb.db.collection('posts').doc('set-by-client').get()).data._openid).toBe('openid-alice');
  });

  it('doc().get() of a missing record rejects (wx-server-sdk throwOnNotFound)', async () => {
    const { db } = await openDb();
    await db.collection('c').add({ data: { _id: 'here' } });
    const err = await rejection(db.collection('c').doc('missing').get());
    expect(err.message).toContain('document with _id missing does not exist');
  });

  it('doc().set() replaces the whole record keeping _id, and creates it when missing', async () => {
    const { db } = await openDb();
    await db.collection('c').add({ data: { _id: 'r', a: 1, nested: { x: 1, y: 2 } } });
    const replaced = await db.collection('c').doc('r').set({ data: { nested: { x: 9 } } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection('c').doc('r').get()).data).toEqual({ _id: 'r', nested: { x: 9 } });
    const created = await db.collection('c').doc('new').set({ data: { b: 2 } });
    expect(created).toMatchObject({ _id: 'new', stats: { updated: 0, created: 1 } });
    expect((await db.collection('c').doc('new').get()).data).toEqual({ _id: 'new', b: 2 });
  });

  it('doc().remove() reports stats.removed', async () => {
    const { db } = await openDb();
    await db.collection('c').add({ data: { _id: 'r' } });
    expect((await db.collection('c').doc('r').remove()).stats.removed).toBe(1);
    expect((await db.collection('c').doc('r').remove()).stats.removed).toBe(0);
    expect((await db.collection('c').count()).total).toBe(0);
  });

  it('count() returns total, ignoring limit/skip', async () => {
    const { db } = await openDb();
    await db.collection('c').add({ data: [1, 2, 3, 4, 5].map((n) => ({ n })) });
    expect(await db.collection('c').where({ n: db.command.gt(2) }).count()).toMatchObject({ total: 3, errMsg: 'collection.count:ok' });
  });

  describe('collections', () => {
    // 云端读不存在的集合报 DATABASE_COLLECTION_NOT_EXIST（-502005）；本地相同。
    // 写入（add、doc().set()）按约定隐式创建集合（云端要求先建集合，见 executor.ts）。
    it('reading, counting, updating or removing in an unknown collection fails with -502005', async () => {
      const { db } = await openDb();
      const ops = [
        db.collection('ghost').get(),
        db.collection('ghost').count(),
        db.collection('ghost').doc('x').get(),
        db.collection('ghost').doc('x').update({ data: { a: 1 } }),
        db.collection('ghost').where({ a: 1 }).remove(),
      ];
      for (const op of ops) {
        const err = await rejection(op);
        expect(err.errCode).toBe(-502005);
        expect(err.message).toContain('Db or Table not exist: ghost');
      }
    });

    it('is created by the first write, by createCollection, or by ensureIndexes', async () => {
      const ldb = await openDb();
      await ldb.db.collection('byAdd').add({ data: { a: 1 } });
      await ldb.db.collection('bySet').doc('x').set({ data: { a: 1 } });
      await ldb.db.createCollection('byCreate');
      await ldb.ensureIndexes([{ collection: 'byIndex', name: 'a', keys: { a: 1 } }]);
      expect(await ldb.collectionNames()).toEqual(['byAdd', 'byCreate', 'byIndex', 'bySet']);
      expect((await ldb.db.collection('byCreate').get()).data).toEqual([]);
      const err = await rejection(ldb.db.createCollection('byCreate'));
      expect(err.message).toContain('Table exist');
    });

    it('rejects invalid collection names with a clear error', async () => {
      const { db } = await openDb();
      for (const name of ['has space', '1starts-with-digit', 'dot.ted', 'a'.repeat(65), '../escape']) {
        const err = await rejection(db.collection(name).add({ data: { a: 1 } }));
        expect(err.message).toContain('invalid collection name');
      }
    });
  });

  describe('field names', () => {
    it("rejects field names starting with '$' (operator injection) in add, set and update", async () => {
      const ldb = await openDb();
      const { db } = ldb;
      await db.collection('c').add({ data: { _id: 'r', profile: { name: 'a' } } });
      const before = await ldb.digest();
      const attempts = [
        db.collection('c').add({ data: { q: { $where: 'sleep(1000)' } } }),
        db.collection('c').doc('r').set({ data: { profile: { $gt: '' } } }),
        db.collection('c').doc('r').update({ data: { profile: { $set: { admin: true } } } }),
      ];
      for (const attempt of attempts) expect((await rejection(attempt)).message).toMatch(/must not start with '\$'|update operator/);
      expect(await ldb.digest()).toBe(before);
    });

    it("rejects stored field names containing '.' (use nested objects or update paths instead)", async () => {
      const { db } = await openDb();
      expect((await rejection(db.collection('c').add({ data: { 'a.b': 1 } }))).message).toContain("must not contain '.'");
    });
  });

  describe('dates', () => {
    it('db.serverDate() resolves to the executor clock at write time, with offset', async () => {
      const clock = testClock('2026-03-01T08:00:00.000Z');
      const { db } = await openDb({ clock: clock.now });
      const { _id } = await db.collection('c').add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
      clock.advance(5_000);
      await db.collection('c').doc(_id).update({ data: { touched: db.serverDate() } });
      const { data } = await db.collection('c').doc(_id).get();
      expect(data.at).toEqual(new Date('2026-03-01T08:00:00.000Z'));
      expect(data.later).toEqual(new Date('2026-03-01T08:01:00.000Z'));
      expect(data.touched).toEqual(new Date('2026-03-01T08:00:05.000Z'));
      // 查询里的 serverDate 同样取执行器时钟
      expect((await db.collection('c').where({ at: db.command.lt(db.serverDate()) }).count()).total).toBe(1);
    });

    it('dates round-trip as Date objects and compare as dates', async () => {
      const { db } = await openDb();
      const _ = db.command;
      await db.collection('c').add({
        data: [
          { _id: 'old', at: new Date('2020-01-01T00:00:00Z'), list: [new Date(0)] },
          { _id: 'new', at: new Date('2025-01-01T00:00:00Z') },
          { _id: 'str', at: '2030-01-01' },
        ],
      });
      const { data } = await db.collection('c').doc('old').get();
      expect(data.at).toBeInstanceOf(Date);
      expect(data.list[0]).toBeInstanceOf(Date);
      const res = await db.collection('c').where({ at: _.gt(new Date('2021-01-01T00:00:00Z')) }).get();
      // 比较只在同类型之间：字符串 '2030-01-01' 不大于任何日期
      expect(res.data.map((d) => d._id)).toEqual(['new']);
    });
  });

  it('keeps independent databases in one process apart', async () => {
    const one = await openDb();
    const two = await openDb();
    await one.db.collection('c').add({ data: { _id: 'only-in-one' } });
    expect(await two.collectionNames()).toEqual([]);
    expect(await one.dump('c')).toEqual([{ _id: 'only-in-one' }]);
  });

  it('dump() is sorted by _id and digest() changes only when content changes', async () => {
    const ldb = await openDb();
    await ldb.db.collection('c').add({ data: [{ _id: 'b', n: 1 }, { _id: 'a', n: 2 }] });
    expect((await ldb.dump('c')).map((d) => d._id)).toEqual(['a', 'b']);
    expect(await ldb.dump('nothing-here')).toEqual([]);
    const d1 = await ldb.digest();
    await ldb.db.collection('c').get();
    await ldb.db.collection('c').doc('a').update({ data: { n: 2 } }); // 值未变
    expect(await ldb.digest()).toBe(d1);
    await ldb.db.collection('c').doc('a').update({ data: { n: 3 } });
    expect(await ldb.digest()).not.toBe(d1);
  });
});
