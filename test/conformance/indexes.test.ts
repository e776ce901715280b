import { isDuplicateKeyError, type IndexDeclaration } from '../../cloudfunctions/_lib/db';
import { openDb, rejection, seed } from './support/local-db';

/**
 * 唯一索引（ensureIndexes 声明）：插入、更新、替换都受约束，错误形状同云端（E11000，-502001）。
 * 非稀疏：缺少该字段的记录按 null 计，两条都缺少时冲突。
 */

const EMAIL: IndexDeclaration = { collection: 'users', name: 'email_unique', keys: { email: 1 }, unique: true };

describe('unique indexes', () => {
  it('reject a duplicate on add, naming the index and key', async () => {
    const ldb = await openDb({ env: 'prod-like' });
    await ldb.ensureIndexes([EMAIL]);
    await ldb.db.collection('users').add({ data: { email: 'a@x.cn' } });
    const err = await rejection(ldb.db.collection('users').add({ data: { email: 'a@x.cn' } }));
    expect(isDuplicateKeyError(err)).toBe(true);
    expect(err.errCode).toBe(-502001);
    expect(err.message).toContain('E11000 duplicate key error collection: prod-like.users index: email_unique dup key: { email: "a@x.cn" }');
    expect((await ldb.db.collection('users').count()).total).toBe(1);
  });

  it('reject updates and replacements that would collide, leaving the record unchanged', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([EMAIL]);
    await seed(ldb, 'users', [
      { _id: 'a', email: 'a@x.cn' },
      { _id: 'b', email: 'b@x.cn' },
    ]);
    const before = await ldb.digest();
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').doc('b').update({ data: { email: 'a@x.cn' } })))).toBe(true);
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').doc('b').set({ data: { email: 'a@x.cn' } })))).toBe(true);
    // 一次多记录更新若会造成冲突，整体不生效
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').where({ email: /x\.cn$/ }).update({ data: { email: 'same' } })))).toBe(
      true,
    );
    expect(await ldb.digest()).toBe(before);
    // 更新成自己原来的值、或换成未被占用的值都可以
    await ldb.db.collection('users').doc('b').update({ data: { email: 'b@x.cn', n: 1 } });
    await ldb.db.collection('users').doc('b').update({ data: { email: 'c@x.cn' } });
    await ldb.db.collection('users').add({ data: { email: 'b@x.cn' } });
  });

  it('free a key when its record is removed or changed', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([EMAIL]);
    await seed(ldb, 'users', [{ _id: 'a', email: 'a@x.cn' }]);
    await ldb.db.collection('users').doc('a').remove();
    await ldb.db.collection('users').add({ data: { _id: 'b', email: 'a@x.cn' } });
    await ldb.db.collection('users').doc('b').update({ data: { email: 'z@x.cn' } });
    await ldb.db.collection('users').add({ data: { email: 'a@x.cn' } });
    expect((await ldb.db.collection('users').count()).total).toBe(2);
  });

  it('compound keys collide only on the full combination', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([{ collection: 'members', name: 'branch_person', keys: { branchId: 1, personId: 1 }, unique: true }]);
    await ldb.db.collection('members').add({ data: { branchId: 'b1', personId: 'p1' } });
    await ldb.db.collection('members').add({ data: { branchId: 'b1', personId: 'p2' } });
    await ldb.db.collection('members').add({ data: { branchId: 'b2', personId: 'p1' } });
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('members').add({ data: { branchId: 'b1', personId: 'p2' } })))).toBe(true);
  });

  it('are not sparse: a missing field counts as null, so two records without it collide', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([EMAIL]);
    await ldb.db.collection('users').add({ data: { name: 'no email' } });
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').add({ data: { name: 'also none' } })))).toBe(true);
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').add({ data: { email: null } })))).toBe(true);
  });

  it('index every element of an array field', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([{ collection: 'users', name: 'aliases', keys: { aliases: 1 }, unique: true }]);
    await ldb.db.collection('users').add({ data: { aliases: ['x', 'y'] } });
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').add({ data: { aliases: ['z', 'y'] } })))).toBe(true);
  });

  it('cannot be declared over existing duplicates; declaring is idempotent; a changed declaration replaces the old one', async () => {
    const ldb = await openDb();
    await seed(ldb, 'users', [
      { _id: 'a', email: 'same', code: 1 },
      { _id: 'b', email: 'same', code: 2 },
    ]);
    expect(isDuplicateKeyError(await rejection(ldb.ensureIndexes([EMAIL])))).toBe(true);
    const byCode: IndexDeclaration = { collection: 'users', name: 'code', keys: { code: 1 }, unique: true };
    await ldb.ensureIndexes([byCode]);
    await ldb.ensureIndexes([byCode]);
    expect(isDuplicateKeyError(await rejection(ldb.db.collection('users').add({ data: { code: 1 } })))).toBe(true);
    await ldb.ensureIndexes([{ ...byCode, unique: false }]);
    await ldb.db.collection('users').add({ data: { code: 1 } });
  });

  it('non-unique declarations are accepted and constrain nothing', async () => {
    const ldb = await openDb();
    await ldb.ensureIndexes([{ collection: 'notices', name: 'publishedAt_desc_id_desc', keys: { publishedAt: -1, _id: -1 } }]);
    await ldb.db.collection('notices').add({ data: [{ publishedAt: new Date(0) }, { publishedAt: new Date(0) }] });
    expect((await ldb.db.collection('notices').count()).total).toBe(2);
  });
});
