import { fireEvent, render, screen, within } from '@testing-library/react';
import { calls, resetTaro, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027, entryOf } from '@/test-support/campaign-fixtures';
import { serveEntry } from '@/test-support/entry-server';
import EntryPreviewPage from './index';

describe('预览申报材料 page', () => {
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'e-1' });
  });
  afterEach(() => setTransport(null));

  it('shows the saved entry as a reviewer reads it: title, entrant, sections under their headings, captioned photos, documents', async () => {
    const campaign = campaignA2027({ status: 'open' });
    const photos = [
      { fileID: 'cloud://env.b/entries/e-1/photo-1.jpg', caption: '结对帮扶启动会', width: 1920, height: 1080, size: 1 },
      { fileID: 'cloud://env.b/entries/e-1/photo-2.jpg', caption: '期末经验分享', width: 1920, height: 1080, size: 1 },
    ];
    const content = {
      ...entryOf().content,
      sections: { summary: '工作内容：朋辈帮扶。\n创新要点：党员结对。', body: '实施情况：……\n主要做法：……' },
      photos: { main: photos },
      stampedScan: { fileID: 'cloud://env.b/entries/e-1/scan-1.pdf', name: '盖章页.pdf', size: 204_800 },
    };
    serveEntry(entryOf({ content, updatedAt: '2027-11-02T02:30:00Z' }), campaign, {
      fileUrls: { [photos[0].fileID]: 'http://h/1.jpg', [photos[1].fileID]: 'http://h/2.jpg', 'cloud://env.b/entries/e-1/scan-1.pdf': 'http://h/s.pdf' },
    });
    render(<EntryPreviewPage />);
    const view = await screen.findByTestId('entry-view');
    expect(screen.getByTestId('preview-note').textContent).toBe('这是评审将看到的样子（草稿，保存于 2027-11-02 10:30）。要修改请返回编辑页。');
    expect(within(view).getByTestId('view-title').textContent).toBe('“红色领航”朋辈学业帮扶');
    expect(within(view).getByTestId('view-entrant').textContent).toBe('计算机学院本科生第一党支部 · 计算机科学与工程学院党委');
    const summary = within(view).getByTestId('view-section-summary');
    expect(Array.from(summary.children).map((c) => c.textContent)).toEqual(['案例简介', '工作内容：朋辈帮扶。', '创新要点：党员结对。']);
    expect(within(view).getByTestId('view-section-body').firstChild?.textContent).toBe('正文');
    expect(within(view).getAllByTestId('view-caption').map((c) => c.textContent)).toEqual(['图 1　结对帮扶启动会', '图 2　期末经验分享']);
    expect(Array.from(view.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual(['http://h/1.jpg', 'http://h/2.jpg']);
    expect(within(view).getByTestId('view-scan').textContent).toBe('加盖公章的文字材料扫描件盖章页.pdf200 KB');
    // 只读：没有输入框
    expect(view.querySelector('input, textarea')).toBeNull();
    fireEvent.click(within(view).getAllByTestId('view-photo')[1].querySelector('img') as HTMLImageElement);
    expect(calls.find((c) => c.api === 'previewImage')?.arg).toEqual({ current: 'http://h/2.jpg', urls: ['http://h/1.jpg', 'http://h/2.jpg'] });
  });
});
