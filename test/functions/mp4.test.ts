import { probeMp4 } from '../../cloudfunctions/_lib/mp4';
import { buildMp4 } from '../support/mp4';
import { engineFixture } from '../support/engine-fixture';

const reader = (buf: Buffer) => {
  const reads: [number, number][] = [];
  const read = async (start: number, length: number) => {
    reads.push([start, length]);
    return buf.subarray(start, start + length);
  };
  return { read, reads };
};

describe('MP4 probe: duration and picture size read from the file itself (C1)', () => {
  it('reads duration and size with the index at the start or at the end, without reading the media data', async () => {
    for (const moovAtEnd of [false, true]) {
      const file = buildMp4({ seconds: 479.5, width: 1920, height: 1080, moovAtEnd, mdatBytes: 5_000_000 });
      const { read, reads } = reader(file);
      expect(await probeMp4(read, file.length)).toEqual({ brand: 'isom', seconds: 479.5, width: 1920, height: 1080 });
      expect(reads.reduce((n, [, len]) => n + len, 0)).toBeLessThan(2000); // 5 MB 的媒体数据一字节不读
    }
  });

  it('gives a portrait video its portrait size', async () => {
    const file = buildMp4({ seconds: 60, width: 1080, height: 1920, rotate90: true });
    expect(await probeMp4(reader(file).read, file.length)).toMatchObject({ width: 1080, height: 1920 });
  });

  it('refuses something that is not an MP4, or an MP4 without its index', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    await expect(probeMp4(reader(jpeg).read, jpeg.length)).rejects.toThrow('不是 MP4');
    const full = buildMp4({ seconds: 10, width: 1280, height: 720, moovAtEnd: true });
    const truncated = full.subarray(0, full.length - 40);
    await expect(probeMp4(reader(truncated).read, truncated.length)).rejects.toThrow(/不完整|超出|缺少/);
  });

  it('checks the real file on submit: a 9-minute video reported as 7 minutes is refused (C1)', async () => {
    const cloud = await engineFixture();
    try {
      const prefix = cloud.files.prefix;
      const db = cloud.database.db;
      // 给测试评选加上视频要求
      const c = (await db.collection('campaigns').doc('c-test').get()).data as unknown as { tracks: { form: Record<string, unknown> }[] };
      c.tracks[0].form.video = { required: true, maxSeconds: 480, minWidth: 1024, minHeight: 768, format: 'mp4', label: '成果展示视频', rule: 'C1' };
      await db.collection('campaigns').doc('c-test').update({ data: { tracks: c.tracks } });
      const id = 'e-own-award-draft';
      const path = `entries/${id}/show.mp4`;
      await cloud.files.upload(path, buildMp4({ seconds: 540, width: 1920, height: 1080 }));
      expect(await cloud.call('entries', { action: 'registerUpload', id, fileID: `${prefix}${path}` }, 'o-editor')).toMatchObject({ ok: true });
      const content = {
        title: '测试项目', sections: { body: '党建引领，成效明显。' },
        video: { fileID: `${prefix}${path}`, seconds: 420, width: 1920, height: 1080, format: 'mp4', size: 1000 },
      };
      expect(await cloud.call('entries', { action: 'save', id, expectedVersion: 1, content }, 'o-editor')).toMatchObject({ ok: true });
      const refused = await cloud.call('entries', { action: 'submit', id }, 'o-editor');
      expect(refused).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect((refused as { message: string }).message).toContain('9 分 00 秒');
    } finally {
      await cloud.close();
    }
  });
});
