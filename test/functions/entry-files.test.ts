import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { ENTRY_FILES, entryFileRecordId, ORPHAN_GRACE_MS } from '../../cloudfunctions/entries/entry-files';
import type { Entry, EntryContent } from '../../types';
import { engineFixture, filledContent, T0 } from '../support/engine-fixture';

/**
 * issue 5：换掉、删掉的照片视频文件在保存后清理——但只在不再被引用满 7 天后（本机副本与冲突时“保留我的”还可能引用它），
 * 清理后再引用它的保存被拒而不是存进打不开的链接。
 */
let cloud: LocalCloud;
afterEach(async () => {
  await cloud?.close();
});

const EDITOR = 'o-editor';
const ID = 'e-own-award-draft';
const DAY = 24 * 3600 * 1000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

async function setup() {
  const clock = new Date(T0.getTime());
  cloud = await engineFixture(clock);
  const [a, b] = await Promise.all(['a.jpg', 'b.jpg'].map(async (n) => (await cloud.files.upload(`entries/${ID}/${n}`, JPEG)).fileID));
  // 手机端上传后立刻登记
  for (const f of [a, b]) expect(await register(f)).toMatchObject({ ok: true });
  return { clock, a, b };
}

const register = (fileID: string, openid = EDITOR, id = ID) => cloud.call('entries', { action: 'registerUpload', id, fileID }, openid);

const withPhoto = (fileID: string): EntryContent => ({ ...filledContent(), photos: { main: [{ fileID, caption: '活动现场', width: null, height: null, size: 12 }] } });

async function save(content: EntryContent, openid = EDITOR) {
  const e = (await cloud.database.db.collection('entries').doc(ID).get()).data as unknown as Entry;
  return cloud.call('entries', { action: 'save', id: ID, expectedVersion: e.version, content }, openid);
}

async function exists(fileID: string): Promise<boolean> {
  const [u] = await cloud.files.tempUrls([fileID]);
  if (u?.status !== 0) return false;
  try {
    await cloud.files.download(fileID);
    return true;
  } catch {
    return false;
  }
}

describe('entry files: replaced or removed files are cleaned after a grace period (issue 5)', () => {
  it('keeps a replaced photo for 7 days, then deletes it on the next save, with an audit entry; the current photo stays', async () => {
    const { clock, a, b } = await setup();
    expect(await save(withPhoto(a))).toMatchObject({ ok: true });
    expect(await save(withPhoto(b))).toMatchObject({ ok: true }); // 换成 b：a 不再被引用
    const rec = (await cloud.database.db.collection(ENTRY_FILES).doc(entryFileRecordId(a)).get()).data as unknown as { unreferencedSinceMs: number; deletedAtMs: null };
    expect(rec).toMatchObject({ entryId: ID, fileID: a, unreferencedSinceMs: T0.getTime(), deletedAtMs: null, uploaderOpenid: EDITOR });

    clock.setTime(T0.getTime() + 6 * DAY); // 宽限期内：保存不删
    expect(await save({ ...withPhoto(b), title: '六天后' })).toMatchObject({ ok: true });
    expect(await exists(a)).toBe(true);

    clock.setTime(T0.getTime() + ORPHAN_GRACE_MS + 1000);
    expect(await save({ ...withPhoto(b), title: '八天后' })).toMatchObject({ ok: true });
    expect(await exists(a)).toBe(false);
    expect(await exists(b)).toBe(true);
    const after = (await cloud.database.db.collection(ENTRY_FILES).doc(entryFileRecordId(a)).get()).data as unknown as { deletedAtMs: number };
    expect(after.deletedAtMs).toBe(clock.getTime());
    const audit = await cloud.database.db.collection('audit').where({ action: 'entries.sweepFiles', targetId: ID }).get();
    expect(audit.data).toHaveLength(1);
    expect(audit.data[0]).toMatchObject({ before: { files: [a] } });
  });

  it('a removed photo put back within the grace period (a local copy, or “keep mine” in a conflict) is never deleted', async () => {
    const { clock, a } = await setup();
    expect(await save(withPhoto(a))).toMatchObject({ ok: true });
    expect(await save(filledContent())).toMatchObject({ ok: true }); // 另一位编辑删了它
    clock.setTime(T0.getTime() + 3 * DAY);
    expect(await save(withPhoto(a))).toMatchObject({ ok: true }); // 本机副本把它存回来
    const rec = (await cloud.database.db.collection(ENTRY_FILES).doc(entryFileRecordId(a)).get()).data as unknown as { unreferencedSinceMs: number | null };
    expect(rec.unreferencedSinceMs).toBeNull();
    clock.setTime(T0.getTime() + 30 * DAY);
    expect(await save({ ...withPhoto(a), title: '一个月后' })).toMatchObject({ ok: true });
    expect(await exists(a)).toBe(true);
  });

  it('refuses to save a stale copy that still points at a cleaned file, naming it, and changes nothing', async () => {
    const { clock, a, b } = await setup();
    expect(await save(withPhoto(a))).toMatchObject({ ok: true });
    expect(await save(withPhoto(b))).toMatchObject({ ok: true });
    clock.setTime(T0.getTime() + ORPHAN_GRACE_MS + DAY);
    expect(await save({ ...withPhoto(b), title: '清理' })).toMatchObject({ ok: true });
    const before = (await cloud.database.db.collection('entries').doc(ID).get()).data as unknown as Entry;
    const refused = await save(withPhoto(a));
    expect(refused).toMatchObject({ ok: false, code: 'FILE_REJECTED' });
    expect((refused as { message: string }).message).toContain('a.jpg');
    const now = (await cloud.database.db.collection('entries').doc(ID).get()).data as unknown as Entry;
    expect(now.version).toBe(before.version);
    expect(now.content.photos.main?.[0]?.fileID).toBe(b);
  });

  it('never deletes a file the current content references, even if its record says otherwise', async () => {
    const { clock, a } = await setup();
    expect(await save(withPhoto(a))).toMatchObject({ ok: true });
    // 一条与事实不符的记录（如被手工改过）：清理前在事务里核对当前内容
    await cloud.database.db.collection(ENTRY_FILES).doc(entryFileRecordId(a)).set({ data: { entryId: ID, fileID: a, unreferencedSinceMs: 0, deletedAtMs: null } });
    clock.setTime(T0.getTime() + ORPHAN_GRACE_MS * 2);
    expect(await save({ ...withPhoto(a), title: '很久以后' })).toMatchObject({ ok: true });
    expect(await exists(a)).toBe(true);
  });

  it('an upload that was registered but never saved (the app was killed) is cleaned too after the grace period', async () => {
    const { clock, a, b } = await setup();
    expect(await save(withPhoto(a))).toMatchObject({ ok: true }); // b 登记了却没存进材料
    clock.setTime(T0.getTime() + ORPHAN_GRACE_MS + 1000);
    expect(await save({ ...withPhoto(a), title: '八天后' })).toMatchObject({ ok: true });
    expect(await exists(b)).toBe(false);
    expect(await exists(a)).toBe(true);
  });
});

describe('entry files: only uploads registered by someone who may edit the entry are accepted (issue 5 upload scoping)', () => {
  it('refuses a file someone put into the entry folder without registering it, and changes nothing', async () => {
    const { a } = await setup();
    // 别人直传进这份材料目录的文件（云存储规则挡不住写入）
    const { fileID: planted } = await cloud.files.upload(`entries/${ID}/planted.jpg`, JPEG);
    const refused = await save(withPhoto(planted));
    expect(refused).toMatchObject({ ok: false, code: 'FILE_REJECTED' });
    expect((refused as { message: string }).message).toContain('planted.jpg');
    expect(await save(withPhoto(a))).toMatchObject({ ok: true });
  });

  it('only the entry’s own editors can register, only existing files under its folder, only while it is editable; retries answer the same', async () => {
    await setup();
    const { fileID: c } = await cloud.files.upload(`entries/${ID}/c.jpg`, JPEG);
    // 外单位材料：本支部书记无权登记；党员无权登记
    const { fileID: far } = await cloud.files.upload('entries/e-far-award-draft/c.jpg', JPEG);
    expect(await register(far, EDITOR, 'e-far-award-draft')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await register(c, 'o-member')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await register(`${cloud.files.prefix}entries/${ID}/never-uploaded.jpg`)).toMatchObject({ ok: false, code: 'FILE_REJECTED' });
    const { fileID: other } = await cloud.files.upload('entries/e-far-award-draft/x.jpg', JPEG);
    expect(await register(other)).toMatchObject({ ok: false, code: 'FILE_REJECTED' }); // 不在这份材料的目录
    expect(await register(c)).toMatchObject({ ok: true, data: { fileID: c } });
    expect(await register(c)).toMatchObject({ ok: true, data: { fileID: c } });
    const audit = await cloud.database.db.collection('audit').where({ action: 'entries.registerUpload', targetId: entryFileRecordId(c) }).get();
    expect(audit.data).toHaveLength(1);
    const submitted = 'e-own-award-submitted';
    const { fileID: late } = await cloud.files.upload(`entries/${submitted}/late.jpg`, JPEG);
    expect(await register(late, EDITOR, submitted)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});
