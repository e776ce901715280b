import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../cloudfunctions/_local/runtime';
import { seedDemoDataOnce } from '../../cloudfunctions/_local/seed';
import { COLLECTION_NAMES } from '../../cloudfunctions/registry';
import { exportLocal, importLocal, wipeLocal } from '../../deploy/backup';
import { fromJsonLines } from '../../deploy/jsonl';
import { baseSeeds, bootstrapSeed, campaignSeed, FIRST_ADMIN_ID, insertMissing } from '../../deploy/seed';

/** 备份与恢复（每个集合一个 JSON Lines 文件）以及首次部署写入的初始数据，都在本地运行时上实际执行 */

describe('database backup and restore on the local runtime', () => {
  it('export → wipe → import gives back the same database (digest), dates stay dates', async () => {
    const cloud = await startLocalCloud();
    try {
      await seedDemoDataOnce(cloud.database.db, new Date('2026-11-20T02:00:00Z'));
      const before = await cloud.database.digest();
      const dir = await mkdtemp(path.join(os.tmpdir(), 'backup-'));
      const manifest = await exportLocal(cloud.database, dir, new Date('2026-11-21T00:00:00Z'));
      // 每个声明的集合都有文件，条数与库里一致
      expect(manifest.collections.map((c) => c.collection)).toEqual(expect.arrayContaining([...COLLECTION_NAMES]));
      for (const c of manifest.collections) expect(c.count).toBe((await cloud.database.dump(c.collection)).length);
      expect(manifest.collections.find((c) => c.collection === 'people')!.count).toBeGreaterThan(50);
      const notices = fromJsonLines(await readFile(path.join(dir, 'notices.json'), 'utf8'));
      expect(notices[0].publishedAt).toBeInstanceOf(Date);
      expect((await readFile(path.join(dir, 'notices.json'), 'utf8')).split('\n')[0]).toMatch(/"publishedAt":\{"\$date":"\d{4}-/);

      await wipeLocal(cloud.database);
      expect(await cloud.database.digest()).not.toBe(before);
      expect(await cloud.database.dump('people')).toEqual([]);

      const restored = await importLocal(cloud.database, dir);
      expect(restored.reduce((n, c) => n + c.count, 0)).toBe(manifest.collections.reduce((n, c) => n + c.count, 0));
      expect(await cloud.database.digest()).toBe(before);
      // 恢复后的数据照常可用：演示管理员仍能读到单位列表
      const reply = await cloud.call('session', { action: 'whoami' }, 'local-p-dept-wang');
      expect(reply).toMatchObject({ ok: true, data: { bound: true, person: { _id: 'p-dept-wang' } } });
    } finally {
      await cloud.close();
    }
  }, 120_000);

  it('refuses a backup whose file was changed after export', async () => {
    const cloud = await startLocalCloud();
    try {
      await seedDemoDataOnce(cloud.database.db, new Date('2026-11-20T02:00:00Z'));
      const dir = await mkdtemp(path.join(os.tmpdir(), 'backup-'));
      await exportLocal(cloud.database, dir);
      const file = path.join(dir, 'units.json');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.split('\n').slice(1).join('\n'));
      const before = await cloud.database.digest();
      await expect(importLocal(cloud.database, dir)).rejects.toThrow(/units\.json 与 manifest 不符/);
      expect(await cloud.database.digest()).toBe(before); // 核对在清空之前：什么都没动
    } finally {
      await cloud.close();
    }
  }, 120_000);
});

describe('first-deployment seed data', () => {
  it('writes the five notice templates as closed campaigns and never overwrites an existing one', async () => {
    const cloud = await startLocalCloud();
    try {
      const seed = campaignSeed();
      expect(await insertMissing(cloud.database.db, seed)).toEqual({ inserted: ['c-2021-a', 'c-2022-b', 'c-2021-c', 'c-2024-d', 'c-2014-e'], skipped: [] });
      await cloud.database.db.collection('campaigns').doc('c-2021-a').update({ data: { title: '线上改过的标题' } });
      expect(await insertMissing(cloud.database.db, seed)).toEqual({ inserted: [], skipped: ['c-2021-a', 'c-2022-b', 'c-2021-c', 'c-2024-d', 'c-2014-e'] });
      expect((await cloud.database.db.collection('campaigns').doc('c-2021-a').get()).data.title).toBe('线上改过的标题');
    } finally {
      await cloud.close();
    }
  });

  it('the first department admin binds with the printed code and can then run campaigns (copy from a seeded template)', async () => {
    const cloud = await startLocalCloud();
    try {
      const now = cloud.clock.now();
      const boot = bootstrapSeed({ name: '王老师', personNo: 'T0001' }, '北辰大学', now);
      for (const set of [...baseSeeds(), ...boot.sets]) await insertMissing(cloud.database.db, set);
      const redeem = await cloud.call('invites', { action: 'redeem', code: boot.inviteCode }, 'o-it-admin');
      expect(redeem).toEqual({ ok: true, data: { personId: FIRST_ADMIN_ID, name: '王老师' } });
      expect(await cloud.call('session', { action: 'whoami' }, 'o-it-admin')).toMatchObject({ ok: true, data: { bound: true, person: { roles: [{ role: 'deptAdmin' }] } } });
      const list = await cloud.call('campaigns', { action: 'list', status: 'all' }, 'o-it-admin');
      expect(list.ok && (list.data as { items: { _id: string }[] }).items.map((c) => c._id).sort()).toEqual(['c-2014-e', 'c-2021-a', 'c-2021-c', 'c-2022-b', 'c-2024-d']);
      // 每个模板的 noticeId 都指向写入的通知全文，人人可读
      for (const c of campaignSeed().docs) {
        const notice = await cloud.call('notices', { action: 'get', id: String(c.noticeId) }, 'o-it-admin');
        expect(notice).toMatchObject({ ok: true, data: { _id: c.noticeId } });
      }
      // 第一份评选（README“部署”的最后一步）：从写入的往年评选复制到新一年，再发布
      const copy = await cloud.call('campaigns', { action: 'copy', from: { campaignId: 'c-2021-a' }, year: 2027 }, 'o-it-admin');
      expect(copy).toMatchObject({ ok: true });
      const draft = (copy as { data: { _id: string; version: number } }).data;
      expect(await cloud.call('campaigns', { action: 'publish', id: draft._id, expectedVersion: draft.version }, 'o-it-admin')).toMatchObject({ ok: true });
      const open = await cloud.call('campaigns', { action: 'list', status: 'open' }, 'o-it-admin');
      expect(open).toMatchObject({ ok: true, data: { items: [expect.objectContaining({ _id: draft._id, year: 2027, status: 'open' })] } });
      // 同一码不能再用；审计里有部署写入的记录
      expect(await cloud.call('invites', { action: 'redeem', code: boot.inviteCode }, 'o-someone-else')).toMatchObject({ ok: false, code: 'CONFLICT' });
      const audit = await cloud.database.dump('audit');
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['deploy.bootstrapAdmin', 'invites.redeem']));
    } finally {
      await cloud.close();
    }
  });
});
