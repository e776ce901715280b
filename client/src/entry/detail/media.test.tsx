import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Campaign, Photo } from '@contract/index';
import { calls, resetTaro, setModalAnswer, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { CloudError } from '@/services/cloud';
import { setTransport } from '@/services/transport';
import { chooseFiles, choosePhotos, chooseVideo, uploadFile, type PickedImage, type PickedVideo } from '@/services/upload';
import { campaignA2027, entryOf } from '@/test-support/campaign-fixtures';
import { serveEntry } from '@/test-support/entry-server';
import EntryDetailPage from './index';

jest.mock('@/services/upload', () => ({
  ...jest.requireActual('@/services/upload'),
  choosePhotos: jest.fn(),
  chooseVideo: jest.fn(),
  chooseFiles: jest.fn(),
  uploadFile: jest.fn(),
}));
const choosePhotosMock = choosePhotos as jest.MockedFunction<typeof choosePhotos>;
const chooseVideoMock = chooseVideo as jest.MockedFunction<typeof chooseVideo>;
const chooseFilesMock = chooseFiles as jest.MockedFunction<typeof chooseFiles>;
const uploadMock = uploadFile as jest.MockedFunction<typeof uploadFile>;

/** 2027 创新奖（A5 照片 5 张左右、说明 20 字；A6 支撑材料合成 PDF；A4 扫描件），加上 C1 的视频要求 */
function campaignWithVideo(): Campaign {
  const c = campaignA2027({ status: 'open' });
  const t = c.tracks[0];
  return {
    ...c,
    tracks: [
      {
        ...t,
        form: {
          ...t.form,
          video: { required: true, maxSeconds: 480, minWidth: 1024, minHeight: 768, format: 'mp4', label: '成果展示视频', rule: 'C1' },
          documents: { max: 20, required: false, label: '支撑材料', mergeIntoPdf: true, rule: 'A6' },
        },
      },
    ],
  };
}

const photo = (n: number, caption = `第${n}张说明`): Photo => ({ fileID: `cloud://env.b/entries/e-1/photo-${n}.jpg`, caption, width: 1920, height: 1080, size: 300_000 });
const urlsOf = (photos: Photo[]) => Object.fromEntries(photos.map((p) => [p.fileID, `http://localhost/files/${p.fileID.slice(-11)}`]));
const picked = (name: string): PickedImage => ({ name, size: 200_000, source: `wxfile://tmp/${name}`, width: 1920, height: 1440, previewUrl: `wxfile://tmp/${name}` });
const video = (p: Partial<PickedVideo> = {}): PickedVideo => ({ name: 'show.mp4', size: 50_000_000, source: 'wxfile://tmp/show.mp4', seconds: 300, width: 1920, height: 1080, format: 'mp4', previewUrl: 'wxfile://tmp/show.mp4', ...p });

const lastSave = (s: ReturnType<typeof serveEntry>) => s.saves()[s.saves().length - 1];

describe('申报详情：照片、视频与文件', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'e-1' });
    for (const m of [choosePhotosMock, chooseVideoMock, chooseFilesMock, uploadMock]) m.mockReset();
  });
  afterEach(() => setTransport(null));

  it('shows the photo group rule (A5, suggested about 5) and counts each caption in 字, red over 20, as the checklist does', async () => {
    const photos = [photo(1), photo(2)];
    serveEntry(entryOf({ content: { ...entryOf().content, photos: { main: photos } } }), campaignA2027({ status: 'open' }), { fileUrls: urlsOf(photos) });
    render(<EntryDetailPage />);
    const group = await screen.findByTestId('photos-main');
    expect(within(group).getByTestId('rule-id').textContent).toBe('A5');
    expect(screen.getByTestId('photos-main-rule').textContent).toBe('最多 10 张 · 建议 5 张左右 · 每张配文字说明，不超过 20 字');
    expect(screen.getByTestId('photos-main-count').textContent).toBe('2/10 张');
    // 缩略图用云端的临时链接
    expect(group.querySelector('img')?.getAttribute('src')).toBe(urlsOf(photos)[photos[0].fileID]);

    const first = within(group).getAllByTestId('photo')[0];
    const counter = within(first).getByTestId('caption-counter');
    expect(counter.textContent).toBe('5/20 字');
    fireEvent.change(within(first).getByRole('textbox'), { target: { value: '党员志愿者在社区开展学业帮扶活动现场合影留念' } });
    expect(counter.textContent).toBe('22/20 字');
    expect(counter.getAttribute('data-state')).toBe('over');
    expect(first.className).toContain('entry-photo--over');
    expect(first.textContent).toContain('说明超出 2 字');
    expect(screen.getByTestId('content-checklist').textContent).toContain('“活动照片”第 1 张的说明不超过 20 字（A5），现有 22 字');

    fireEvent.change(within(first).getByRole('textbox'), { target: { value: 'COVID-19 期间线上帮扶' } });
    expect(counter.textContent).toBe('7/20 字'); // 半角词按 1 计，与 Word 一致
    expect(counter.getAttribute('data-state')).toBe('ok');
    fireEvent.change(within(first).getByRole('textbox'), { target: { value: '' } });
    expect(counter.getAttribute('data-state')).toBe('empty');
    expect(screen.getByTestId('content-checklist').textContent).toContain('“活动照片”第 1 张缺少文字说明（A5）');
  });

  it('moves photos up and down and deletes one after confirmation, and saves that order', async () => {
    const photos = [photo(1), photo(2), photo(3)];
    const server = serveEntry(entryOf({ content: { ...entryOf().content, photos: { main: photos } } }), campaignA2027({ status: 'open' }), { fileUrls: urlsOf(photos) });
    render(<EntryDetailPage />);
    const group = await screen.findByTestId('photos-main');
    const captions = () => within(group).getAllByTestId('caption').map((el) => (el as HTMLInputElement).value);
    expect(captions()).toEqual(['第1张说明', '第2张说明', '第3张说明']);
    // 第一张不能再上移，最后一张不能再下移
    expect(within(group).getAllByTestId('photo-up')[0].className).toContain('--disabled');
    expect(within(group).getAllByTestId('photo-down')[2].className).toContain('--disabled');

    fireEvent.click(within(group).getAllByTestId('photo-up')[2]);
    expect(captions()).toEqual(['第1张说明', '第3张说明', '第2张说明']);
    fireEvent.click(within(group).getAllByTestId('photo-down')[0]);
    expect(captions()).toEqual(['第3张说明', '第1张说明', '第2张说明']);
    fireEvent.click(within(group).getAllByTestId('photo-up')[0]); // 已是第一张：不动
    expect(captions()).toEqual(['第3张说明', '第1张说明', '第2张说明']);

    setModalAnswer(false);
    await act(async () => {
      fireEvent.click(within(group).getAllByTestId('photo-delete')[1]);
    });
    expect(captions()).toHaveLength(3); // 取消了
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(within(group).getAllByTestId('photo-delete')[1]);
    });
    expect(calls.filter((c) => c.api === 'showModal').pop()?.arg).toMatchObject({ title: '删除照片', content: '删除第 2 张照片及其说明吗？' });
    expect(captions()).toEqual(['第3张说明', '第2张说明']);
    expect(screen.getByTestId('photos-main-count').textContent).toBe('2/10 张');

    await act(() => trigger('didHide'));
    expect((lastSave(server).content as { photos: { main: Photo[] } }).photos.main.map((p) => p.fileID)).toEqual([photos[2].fileID, photos[1].fileID]);
  });

  it('uploads picked photos into the entry’s own directory with a progress bar each, then lists them for captions', async () => {
    const server = serveEntry(entryOf(), campaignA2027({ status: 'open' }));
    choosePhotosMock.mockResolvedValue([picked('a.jpg'), picked('b.jpg')]);
    const finish: (() => void)[] = [];
    uploadMock.mockImplementation(
      (cloudPath, _source, onProgress) =>
        new Promise((resolve) => {
          onProgress?.(40);
          finish.push(() => resolve(`cloud://env.b/${cloudPath}`));
        }),
    );
    render(<EntryDetailPage />);
    const addPhotosMainButton = await screen.findByTestId('add-photos-main');
    await act(async () => {
      fireEvent.click(addPhotosMainButton);
    });
    expect(choosePhotosMock).toHaveBeenCalledWith(10); // 还能放 10 张
    const jobs = screen.getAllByTestId('upload-job');
    expect(jobs).toHaveLength(2);
    expect(within(jobs[0]).getByTestId('upload-progress').textContent).toBe('上传中 40%');
    // 一批里按选择的顺序逐个上传：第二张等第一张传完
    expect(within(jobs[1]).getByTestId('upload-progress').textContent).toBe('上传中 0%');
    expect(uploadMock).toHaveBeenCalledTimes(1);
    expect(uploadMock.mock.calls[0][0]).toMatch(/^entries\/e-1\/photo-\d+-[a-z0-9]+\.jpg$/);
    expect(uploadMock.mock.calls[0][1]).toBe('wxfile://tmp/a.jpg');
    await act(async () => finish[0]());
    expect(screen.getAllByTestId('upload-job')).toHaveLength(1);
    expect(screen.getAllByTestId('photo')).toHaveLength(1);
    expect(uploadMock).toHaveBeenCalledTimes(2);
    expect(uploadMock.mock.calls[1][1]).toBe('wxfile://tmp/b.jpg');
    await act(async () => finish[1]());
    expect(screen.queryAllByTestId('upload-job')).toHaveLength(0);
    const rows = screen.getAllByTestId('photo');
    expect(rows).toHaveLength(2);
    // 刚上传的照片用本机预览显示，顺序与选择时一致
    expect(rows.map((r) => r.querySelector('img')?.getAttribute('src'))).toEqual(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg']);
    fireEvent.change(within(rows[0]).getByRole('textbox'), { target: { value: '支部书记讲党课' } });
    await act(() => trigger('didHide'));
    const saved = (lastSave(server).content as { photos: { main: Photo[] } }).photos.main;
    expect(saved).toEqual([
      { fileID: expect.stringMatching(/^cloud:\/\/env\.b\/entries\/e-1\/photo-/), caption: '支部书记讲党课', width: 1920, height: 1440, size: 200_000 },
      { fileID: expect.stringMatching(/^cloud:\/\/env\.b\/entries\/e-1\/photo-/), caption: '', width: 1920, height: 1440, size: 200_000 },
    ]);
  });

  it('says clearly when an upload fails and uploads it again on retry', async () => {
    serveEntry(entryOf(), campaignA2027({ status: 'open' }));
    choosePhotosMock.mockResolvedValue([picked('a.jpg')]);
    uploadMock.mockRejectedValueOnce(new CloudError('INTERNAL', '网络异常，请检查网络后重试')).mockImplementation(async (cloudPath) => `cloud://env.b/${cloudPath}`);
    render(<EntryDetailPage />);
    const addPhotosMainButton = await screen.findByTestId('add-photos-main');
    await act(async () => {
      fireEvent.click(addPhotosMainButton);
    });
    const job = await screen.findByTestId('upload-job');
    expect(job.getAttribute('data-state')).toBe('failed');
    expect(within(job).getByTestId('upload-error').textContent).toBe('上传失败：网络异常，请检查网络后重试');
    expect(screen.queryAllByTestId('photo')).toHaveLength(0);
    await act(async () => {
      fireEvent.click(within(job).getByTestId('upload-retry'));
    });
    expect(uploadMock).toHaveBeenCalledTimes(2);
    expect(screen.queryAllByTestId('upload-job')).toHaveLength(0);
    expect(screen.getAllByTestId('photo')).toHaveLength(1);
  });

  it('registers each upload with the server before it enters the entry; a refused registration leaves the file out with the reason (issue 5 upload scoping)', async () => {
    const server = serveEntry(entryOf(), campaignA2027({ status: 'open' }));
    choosePhotosMock.mockResolvedValue([picked('a.jpg')]);
    uploadMock.mockImplementation(async (cloudPath) => `cloud://env.b/${cloudPath}`);
    render(<EntryDetailPage />);
    const add = await screen.findByTestId('add-photos-main');
    await act(async () => {
      fireEvent.click(add);
    });
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(1));
    const registered = server.events.filter((e) => e.action === 'registerUpload');
    expect(registered).toEqual([{ fn: 'entries', action: 'registerUpload', id: 'e-1', fileID: expect.stringMatching(/^cloud:\/\/env\.b\/entries\/e-1\/photo-/) }]);

    server.rejectRegistrations();
    choosePhotosMock.mockResolvedValue([picked('b.jpg')]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('add-photos-main'));
    });
    const job = await screen.findByTestId('upload-job');
    await waitFor(() => expect(job.getAttribute('data-state')).toBe('failed'));
    expect(within(job).getByTestId('upload-error').textContent).toBe('上传失败：文件不在这份材料的目录下，请重新上传');
    expect(screen.getAllByTestId('photo')).toHaveLength(1);
  });

  it('refuses a video over 8 minutes before uploading, citing C1', async () => {
    serveEntry(entryOf(), campaignWithVideo());
    chooseVideoMock.mockResolvedValue(video({ seconds: 540 }));
    render(<EntryDetailPage />);
    expect((await screen.findByTestId('video-rule')).textContent).toBe('MP4 格式，不超过 8 分钟，分辨率不小于 1024×768（C1）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-video'));
    });
    const error = screen.getByTestId('video-error');
    expect(error.textContent).toContain('所选视频不符合要求，未上传');
    expect(error.textContent).toContain('成果展示视频不超过 8 分钟（C1），现长 9 分 00 秒');
    expect(uploadMock).not.toHaveBeenCalled();
    expect(screen.queryByTestId('video')).toBeNull();
  });

  it('refuses 1280×720 (short side under 768) and a non-MP4 file before uploading, citing C1', async () => {
    serveEntry(entryOf(), campaignWithVideo());
    chooseVideoMock.mockResolvedValueOnce(video({ width: 1280, height: 720 })).mockResolvedValueOnce(video({ name: 'show.mov', format: 'mov' }));
    render(<EntryDetailPage />);
    const pickVideoButton = await screen.findByTestId('pick-video');
    await act(async () => {
      fireEvent.click(pickVideoButton);
    });
    expect(screen.getByTestId('video-error').textContent).toContain('成果展示视频分辨率不小于 1024×768（C1），现为 1280×720');
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-video'));
    });
    expect(screen.getByTestId('video-error').textContent).toContain('成果展示视频须为 MP4 格式（C1），所选文件为 MOV');
    expect(uploadMock).not.toHaveBeenCalled();
  });

  it('uploads an acceptable video (portrait 1080×1920 is fine) with progress and records its length and size for the server’s re-check', async () => {
    const server = serveEntry(entryOf(), campaignWithVideo());
    chooseVideoMock.mockResolvedValue(video({ width: 1080, height: 1920, seconds: 299.6 }));
    let finish: () => void = () => undefined;
    uploadMock.mockImplementation(
      (cloudPath, _s, onProgress) =>
        new Promise((resolve) => {
          onProgress?.(65);
          finish = () => resolve(`cloud://env.b/${cloudPath}`);
        }),
    );
    render(<EntryDetailPage />);
    const pickVideoButton = await screen.findByTestId('pick-video');
    await act(async () => {
      fireEvent.click(pickVideoButton);
    });
    expect(screen.queryByTestId('video-error')).toBeNull();
    expect(screen.getByTestId('upload-progress').textContent).toBe('上传中 65%');
    expect(uploadMock.mock.calls[0][0]).toMatch(/^entries\/e-1\/video-\d+-[a-z0-9]+\.mp4$/);
    await act(async () => finish());
    expect(screen.getByTestId('video-meta').textContent).toBe('时长 5 分 00 秒 · 1080×1920 · MP4 · 47.7 MB');
    await act(() => trigger('didHide'));
    expect(lastSave(server).content).toMatchObject({ video: { fileID: expect.stringMatching(/entries\/e-1\/video-/), seconds: 299.6, width: 1080, height: 1920, format: 'mp4', size: 50_000_000 } });
  });

  it('checks documents before uploading, lists name and size, says they become one PDF with contents, and takes the stamped scan', async () => {
    const server = serveEntry(entryOf(), campaignWithVideo());
    uploadMock.mockImplementation(async (cloudPath) => `cloud://env.b/${cloudPath}`);
    chooseFilesMock.mockResolvedValueOnce([
      { name: '新闻报道.pdf', size: 1_200_000, source: 'wxfile://tmp/n.pdf' },
      { name: '工具.exe', size: 1000, source: 'wxfile://tmp/t.exe' },
      { name: '大文件.pdf', size: 60 * 1024 * 1024, source: 'wxfile://tmp/big.pdf' },
    ]);
    render(<EntryDetailPage />);
    expect((await screen.findByTestId('documents-note')).textContent).toBe('多份材料将合成一个带目录的 PDF（A6）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('add-documents'));
    });
    expect(chooseFilesMock.mock.calls[0][0]).toEqual(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx']);
    const errors = screen.getByTestId('documents-error').textContent;
    expect(errors).toContain('“工具.exe”的类型不在可上传之列');
    expect(errors).toContain('“大文件.pdf”：文档不能超过 50 MB');
    expect(uploadMock).toHaveBeenCalledTimes(1);
    expect(uploadMock.mock.calls[0][0]).toMatch(/^entries\/e-1\/doc-\d+-[a-z0-9]+\.pdf$/);
    const item = screen.getByTestId('documents-item');
    expect(item.textContent).toContain('新闻报道.pdf');
    expect(item.textContent).toContain('1.1 MB');

    chooseFilesMock.mockResolvedValueOnce([{ name: '盖章页.jpg', size: 800_000, source: 'wxfile://tmp/s.jpg' }]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('add-scan'));
    });
    expect(chooseFilesMock.mock.calls[1][0]).toEqual(expect.arrayContaining(['pdf', 'jpg', 'png']));
    expect(screen.getByTestId('scan-item').textContent).toContain('盖章页.jpg');
    await act(() => trigger('didHide'));
    expect(lastSave(server).content).toMatchObject({
      documents: [{ name: '新闻报道.pdf', size: 1_200_000 }],
      stampedScan: { fileID: expect.stringMatching(/entries\/e-1\/scan-\d+-[a-z0-9]+\.jpg$/), name: '盖章页.jpg', size: 800_000 },
    });

    await act(async () => {
      fireEvent.click(screen.getByTestId('documents-delete'));
    });
    expect(screen.queryByTestId('documents-item')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('documents-count').textContent).toBe('0/20 份'));
  });
});
