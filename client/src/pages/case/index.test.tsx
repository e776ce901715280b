import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Case } from '@contract/index';
import { calls, resetTaro, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import CasePage from './index';

/**
 * test/stubs 的 Taro 替身没有 useShareTimeline：本文件在替身上补上（不改共用替身），朋友圈分享的处理函数记在
 * timelineHandlers 里，由测试调用。Video 也在这里给出一个带 data-testid 的替身，不依赖共用替身有没有它。
 */
const timelineHandlers: (() => unknown)[] = [];
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  const { useEffect, useRef } = jest.requireActual('react');
  return {
    __esModule: true,
    ...actual,
    useShareTimeline: (fn: () => unknown) => {
      const ref = useRef(fn);
      ref.current = fn;
      useEffect(() => {
        const h = () => ref.current();
        timelineHandlers.push(h);
        return () => void timelineHandlers.splice(timelineHandlers.indexOf(h), 1);
      }, []);
    },
  };
});
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('@tarojs/components');
  const react = jest.requireActual('react') as typeof React;
  return { __esModule: true, ...actual, Video: (p: { src: string; className?: string }) => react.createElement('video', { src: p.src, className: p.className, 'data-testid': 'video-player' }) };
});

function sample(patch: Partial<Case & { linksExpireAt: string }> = {}): Case & { linksExpireAt: string } {
  return {
    _id: 'case-e-2021-a-cs-staff1',
    entryId: 'e-2021-a-cs-staff1',
    campaignId: 'c-2021-a',
    campaignTitle: '2021 年度基层党建工作创新奖评选',
    kind: 'A',
    year: 2021,
    unitId: 'u-cs',
    unitName: '计算机科学与工程学院党委',
    entrantName: '计算机学院教工第一党支部',
    levelKey: 'award',
    levelLabel: '基层党建工作创新奖',
    title: '“红色算力”党建与科研协同育人工程',
    summary: '工作内容：…',
    sections: [
      { title: '案例简介', text: '工作内容：围绕学校中心工作开展。创新要点：党员领衔。突出成效：经验可推广。' },
      { title: '正文', text: '一、实施情况\n项目自启动以来，全体党员全程参与。\n二、主要做法\n一是建强组织体系。' },
    ],
    photos: [
      { fileID: 'cloud://env-1.bucket/cases/p1.jpg', caption: '支部党员集中学习', url: 'https://tmp/p1.jpg' },
      { fileID: 'cloud://env-1.bucket/cases/p2.jpg', caption: '科研攻关现场', url: 'https://tmp/p2.jpg' },
      { fileID: 'cloud://env-1.bucket/cases/p3.jpg', caption: '链接失效的一张', url: '' },
    ],
    video: { fileID: 'cloud://env-1.bucket/cases/v.mp4', seconds: 305, url: 'https://tmp/v.mp4' },
    publishedAt: '2022-01-10T09:00:00+08:00',
    status: 'published',
    version: 1,
    linksExpireAt: new Date(Date.now() + 3600_000).toISOString(),
    ...patch,
  };
}

function serve(reply: () => unknown) {
  const events: object[] = [];
  setTransport(async (name, e) => {
    expect(name).toBe('cases');
    events.push(e);
    return reply();
  });
  return events;
}

describe('案例详情 page', () => {
  beforeEach(() => {
    resetTaro();
    timelineHandlers.length = 0;
    setRouterParams({ id: 'case-e-2021-a-cs-staff1' });
  });
  afterEach(() => setTransport(null));

  it('shows the title, level, entrant, unit, campaign and publication date, and each section under its heading', async () => {
    const events = serve(() => ({ ok: true, data: sample() }));
    render(<CasePage />);
    expect((await screen.findByTestId('case-title')).textContent).toBe('“红色算力”党建与科研协同育人工程');
    expect(events).toEqual([{ action: 'get', id: 'case-e-2021-a-cs-staff1' }]);
    expect(screen.getByTestId('case-level').textContent).toBe('基层党建工作创新奖');
    const meta = screen.getByTestId('case-meta').textContent ?? '';
    for (const part of ['计算机学院教工第一党支部', '计算机科学与工程学院党委', '2021 年度基层党建工作创新奖评选', '2022-01-10 公布']) expect(meta).toContain(part);
    const sections = screen.getAllByTestId('case-section');
    expect(sections.map((s) => within(s).getByTestId('case-section-title').textContent)).toEqual(['案例简介', '正文']);
    // 正文按行分段，“一、实施情况”作小标题
    const heading = within(sections[1]).getByText('一、实施情况');
    expect(heading.className).toContain('case-page__paragraph--heading');
    expect(within(sections[1]).getByText('项目自启动以来，全体党员全程参与。').className).not.toContain('heading');
  });

  it('shows every photo with its numbered caption and opens the big picture on tap, among the photos that have a link', async () => {
    serve(() => ({ ok: true, data: sample() }));
    render(<CasePage />);
    const photos = await screen.findAllByTestId('case-photo');
    expect(screen.getAllByTestId('case-caption').map((c) => c.textContent)).toEqual(['图 1　支部党员集中学习', '图 2　科研攻关现场', '图 3　链接失效的一张']);
    fireEvent.click(photos[1]);
    expect(calls).toContainEqual({ api: 'previewImage', arg: { current: 'https://tmp/p2.jpg', urls: ['https://tmp/p1.jpg', 'https://tmp/p2.jpg'] } });
    // 链接失效的一张：说明照常显示，不打开空白大图
    expect(within(photos[2]).getByText('图片暂时无法显示')).toBeTruthy();
    const before = calls.length;
    fireEvent.click(photos[2]);
    expect(calls.length).toBe(before);
  });

  it('plays the video from its link, with its length', async () => {
    serve(() => ({ ok: true, data: sample() }));
    render(<CasePage />);
    const video = await screen.findByTestId('case-video');
    expect(video.textContent).toContain('成果展示视频（5:05）');
    expect((within(video).getByTestId('video-player') as HTMLVideoElement).src).toBe('https://tmp/v.mp4');
  });

  it('leaves out the photo and video blocks when the case has none', async () => {
    serve(() => ({ ok: true, data: sample({ photos: [], video: null }) }));
    render(<CasePage />);
    await screen.findByTestId('case-title');
    expect(screen.queryAllByTestId('case-photo')).toHaveLength(0);
    expect(screen.queryByTestId('case-video')).toBeNull();
  });

  it('registers sharing to a chat and to 朋友圈 with this case', async () => {
    serve(() => ({ ok: true, data: sample() }));
    render(<CasePage />);
    await screen.findByTestId('case-title');
    expect(await trigger('shareAppMessage')).toEqual([
      { title: '“红色算力”党建与科研协同育人工程｜计算机学院教工第一党支部', path: '/pages/case/index?id=case-e-2021-a-cs-staff1', imageUrl: 'https://tmp/p1.jpg' },
    ]);
    expect(timelineHandlers).toHaveLength(1);
    expect(timelineHandlers[0]()).toEqual({
      title: '“红色算力”党建与科研协同育人工程｜2021 年度基层党建工作创新奖评选',
      query: 'id=case-e-2021-a-cs-staff1',
      imageUrl: 'https://tmp/p1.jpg',
    });
  });

  it('shares without a picture when the case has no photo', async () => {
    serve(() => ({ ok: true, data: sample({ photos: [] }) }));
    render(<CasePage />);
    await screen.findByTestId('case-title');
    const [chat] = (await trigger('shareAppMessage')) as Record<string, unknown>[];
    expect(chat).not.toHaveProperty('imageUrl');
    expect(timelineHandlers[0]()).not.toHaveProperty('imageUrl');
  });

  it('shows a not-found error with a retry, and a broken link without one', async () => {
    serve(() => ({ ok: false, code: 'NOT_FOUND', message: '案例不存在或已撤下' }));
    const { unmount } = render(<CasePage />);
    expect(await screen.findByText('案例不存在或已撤下')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
    unmount();

    setRouterParams({});
    render(<CasePage />);
    expect(await screen.findByText('链接不完整，找不到这个案例')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('turns on sharing to a chat and to 朋友圈 in the page config', async () => {
    (globalThis as { definePageConfig?: (c: object) => object }).definePageConfig = (c) => c;
    const { default: config } = await import('./index.config');
    expect(config).toMatchObject({ enableShareAppMessage: true, enableShareTimeline: true });
  });

  it('renews the photo and video links when a photo fails to load (the page was left open past the hour), without blanking the page', async () => {
    let n = 0;
    const events = serve(() => {
      n += 1;
      return { ok: true, data: sample(n === 1 ? {} : { photos: sample().photos.map((p) => ({ ...p, url: p.url ? p.url.replace('/tmp/', '/fresh/') : '' })) }) };
    });
    render(<CasePage />);
    const first = (await screen.findAllByTestId('case-image'))[0] as HTMLImageElement;
    expect(first.src).toBe('https://tmp/p1.jpg');
    fireEvent.error(first);
    await waitFor(() => expect((screen.getAllByTestId('case-image')[0] as HTMLImageElement).src).toBe('https://fresh/p1.jpg'));
    expect(events).toEqual([{ action: 'get', id: 'case-e-2021-a-cs-staff1' }, { action: 'get', id: 'case-e-2021-a-cs-staff1' }]);
    expect(screen.queryByTestId('state-loading')).toBeNull();
    // 半分钟内再失败不再请求（文件真的不在了时不反复读）
    fireEvent.error(screen.getAllByTestId('case-image')[1]);
    await act(async () => {
      await Promise.resolve();
    });
    expect(events).toHaveLength(2);
  });

  it('renews the links on return to the page once they are about to expire', async () => {
    const events = serve(() => ({ ok: true, data: sample({ linksExpireAt: new Date(Date.now() + 60_000).toISOString() }) }));
    render(<CasePage />);
    await screen.findAllByTestId('case-image');
    await act(() => trigger('didShow'));
    await waitFor(() => expect(events).toHaveLength(2));
  });
});
