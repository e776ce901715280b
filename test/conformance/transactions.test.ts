import { isDuplicateKeyError, isTransactionConflict } from '../../cloudfunctions/_lib/db';
import type { LocalDatabase } from '../../cloudfunctions/_local/db';
import { openDb, rejection, seed, testClock } from './support/local-db';

/**
 * 事务：db.runTransaction / db.startTransaction。
 * 事务内读到自己的写，提交前外界看不到；异常或 rollback 什么都不留下；
 * 并发事务互相隔离；事务与普通写竞争时普通写永不被悄悄覆盖。
 */

async function account(n = 0, opts = {}): Promise<LocalDatabase> {
  const ldb = await openDb(opts);
  await seed(ldb, 'acc', [{ _id: 'c', n }]);
  return ldb;
}

const readN = async (ldb: LocalDatabase) => (await ldb.db.collection('acc').doc('c').get()).data.n;

describe('transactions', () => {
  it('see their own writes, and nothing is visible outside before commit', async () => {
    const ldb = await account(1);
    const { db } = ldb;
    const tx = await db.startTransaction();
    await tx.collection('acc').doc('c').update({ data: { n: db.command.inc(1) } });
    expect((await tx.collection('acc').doc('c').get()).data.n).toBe(2);
    const added = await tx.collection('acc').add({ data: { _id: 'new', v: 1 } });
    expect(added._id).toBe('new');
    expect((await tx.collection('acc').doc('new').get()).data).toEqual({ _id: 'new', v: 1 });
    await tx.collection('other').doc('o').set({ data: { v: 2 } });

    expect(await readN(ldb)).toBe(1);
    await rejection(db.collection('acc').doc('new').get());
    expect(await ldb.collectionNames()).toEqual(['acc']);

    await tx.commit();
    expect(await readN(ldb)).toBe(2);
    expect((await db.collection('acc').doc('new').get()).data.v).toBe(1);
    expect((await db.collection('other').doc('o').get()).data.v).toBe(2);
  });

  it('removes inside a transaction hide the record from later reads in the same transaction', async () => {
    const ldb = await account(1);
    const tx = await ldb.db.startTransaction();
    expect((await tx.collection('acc').doc('c').remove()).stats.removed).toBe(1);
    expect((await rejection(tx.collection('acc').doc('c').get())).message).toContain('does not exist');
    expect(await readN(ldb)).toBe(1);
    await tx.commit();
    expect(await ldb.dump('acc')).toEqual([]);
  });

  it('runTransaction returns the callback result and commits', async () => {
    const ldb = await account(1);
    const result = await ldb.db.runTransaction(async (tx) => {
      const { data } = await tx.collection('acc').doc('c').get();
      await tx.collection('acc').doc('c').update({ data: { n: data.n * 10 } });
      return `was ${data.n}`;
    });
    expect(result).toBe('was 1');
    expect(await readN(ldb)).toBe(10);
  });

  it('an exception in the callback leaves nothing written and propagates', async () => {
    const ldb = await account(1);
    const before = await ldb.digest();
    const boom = new Error('boom');
    const err = await rejection(
      ldb.db.runTransaction(async (tx) => {
        await tx.collection('acc').doc('c').update({ data: { n: 2 } });
        await tx.collection('acc').add({ data: { _id: 'x' } });
        throw boom;
      }),
    );
    expect(err).toBe(boom);
    expect(await ldb.digest()).toBe(before);
  });

  it('tx.rollback(reason) inside runTransaction rejects with the reason and leaves nothing written', async () => {
    const ldb = await account(1);
    const before = await ldb.digest();
    const outcome = ldb.db.runTransaction(async (tx) => {
      await tx.collection('acc').doc('c').update({ data: { n: 2 } });
      await tx.rollback('insufficient funds');
    });
    await expect(outcome).rejects.toBe('insufficient funds');
    expect(await ldb.digest()).toBe(before);
  });

  it('startTransaction + rollback leaves nothing written', async () => {
    const ldb = await account(1);
    const before = await ldb.digest();
    const tx = await ldb.db.startTransaction();
    await tx.collection('acc').doc('c').set({ data: { n: 5 } });
    await tx.rollback();
    expect(await ldb.digest()).toBe(before);
  });

  it('isolates concurrent transactions: 50 x (read counter, write counter + 1) = 50', async () => {
    const ldb = await account(0);
    await Promise.all(
      Array.from({ length: 50 }, () =>
        ldb.db.runTransaction(async (tx) => {
          const { data } = await tx.collection('acc').doc('c').get();
          await tx.collection('acc').doc('c').update({ data: { n: data.n + 1 } });
        }),
      ),
    );
    expect(await readN(ldb)).toBe(50);
  });

  it('reads are repeatable: a plain write after the first read is not seen inside the transaction', async () => {
    const ldb = await account(1);
    const tx = await ldb.db.startTransaction();
    expect((await tx.collection('acc').doc('c').get()).data.n).toBe(1);
    await ldb.db.collection('acc').doc('c').update({ data: { n: 5 } });
    expect((await tx.collection('acc').doc('c').get()).data.n).toBe(1);
    await tx.commit(); // 只读的事务没有写冲突
    expect(await readN(ldb)).toBe(5);
  });

  describe('racing a plain write on the same record', () => {
    it('runTransaction re-runs the callback after the conflict; the plain write survives', async () => {
      const ldb = await account(0);
      const _ = ldb.db.command;
      let attempts = 0;
      const seen = await ldb.db.runTransaction(async (tx) => {
        attempts++;
        const { data } = await tx.collection('acc').doc('c').get();
        if (attempts === 1) await ldb.db.collection('acc').doc('c').update({ data: { n: _.inc(100) } });
        await tx.collection('acc').doc('c').update({ data: { n: data.n + 1 } });
        return data.n;
      });
      expect(attempts).toBe(2);
      expect(seen).toBe(100);
      expect(await readN(ldb)).toBe(101);
    });

    it('commit() of a started transaction fails with a transaction conflict; nothing of it is applied', async () => {
      const ldb = await account(0);
      const tx = await ldb.db.startTransaction();
      await tx.collection('acc').doc('c').update({ data: { n: 1 } }); // 盲写，未先读
      await tx.collection('acc').add({ data: { _id: 'side-effect' } });
      await ldb.db.collection('acc').doc('c').update({ data: { n: ldb.db.command.inc(100) } });
      const err = await rejection(tx.commit());
      expect(isTransactionConflict(err)).toBe(true);
      expect(await readN(ldb)).toBe(100);
      expect((await ldb.dump('acc')).map((d) => d._id)).toEqual(['c']);
    });
  });

  describe('unique constraints', () => {
    it('a duplicate _id is rejected at add() time inside the transaction', async () => {
      const ldb = await account(0);
      const err = await rejection(ldb.db.runTransaction(async (tx) => void (await tx.collection('acc').add({ data: { _id: 'c' } }))));
      expect(isDuplicateKeyError(err)).toBe(true);
    });

    it('a unique index violated by a plain write that landed first fails the commit', async () => {
      const ldb = await openDb();
      await ldb.ensureIndexes([{ collection: 'users', name: 'email_unique', keys: { email: 1 }, unique: true }]);
      const tx = await ldb.db.startTransaction();
      await tx.collection('users').add({ data: { _id: 'u1', email: 'a@x.cn' } });
      await ldb.db.collection('users').add({ data: { _id: 'u2', email: 'a@x.cn' } });
      const err = await rejection(tx.commit());
      expect(isDuplicateKeyError(err)).toBe(true);
      expect((await ldb.dump('users')).map((d) => d._id)).toEqual(['u2']);
    });
  });

  describe('limits', () => {
    it('only single-record operations are allowed inside a transaction (no where() reads)', async () => {
      const ldb = await account(0);
      const tx = await ldb.db.startTransaction();
      const err = await rejection((tx.collection('acc') as unknown as { where(q: object): { get(): Promise<unknown> } }).where({ n: 0 }).get());
      expect(err.message).toContain('not supported');
      await tx.rollback();
    });

    it('are not available to the mini-program client', async () => {
      const ldb = await account(0);
      const err = await rejection(ldb.clientDb('openid-x').runTransaction(async () => 1));
      expect(err.message).toContain('only available in cloud functions');
    });

    it('an abandoned transaction expires, releasing the others', async () => {
      const ldb = await account(0, { transactionTimeoutMs: 100 });
      const abandoned = await ldb.db.startTransaction();
      await abandoned.collection('acc').doc('c').update({ data: { n: 99 } });
      await ldb.db.runTransaction(async (tx) => void (await tx.collection('acc').doc('c').update({ data: { n: 1 } })));
      expect(await readN(ldb)).toBe(1);
      expect((await rejection(abandoned.collection('acc').doc('c').get())).message).toContain('expired');
    });

    it('expiry also follows the database clock', async () => {
      const clock = testClock('2026-01-01T00:00:00Z');
      const ldb = await account(0, { clock: clock.now });
      const tx = await ldb.db.startTransaction();
      await tx.collection('acc').doc('c').get();
      clock.advance(10_001);
      expect((await rejection(tx.collection('acc').doc('c').update({ data: { n: 1 } }))).message).toContain('expired');
      await ldb.db.runTransaction(async (t) => void (await t.collection('acc').doc('c').update({ data: { n: 2 } })));
      expect(await readN(ldb)).toBe(2);
    });
  });
});
