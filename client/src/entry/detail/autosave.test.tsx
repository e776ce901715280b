import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro, setModalAnswer, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027, entryOf } from '@/test-support/campaign-fixtures';
import { serveEntry } from '@/test-support/entry-server';
import { backupKey, draftKey, readBackup, readDraft, restoreDecision } from './drafts';
import EntryDetailPage from './index';

const CAMPAIGN = campaignA2027({ status: 'open' });
const status = () => screen.getByTestId('save-status');
const summaryBox = () => within(screen.getByTestId('field-summary')).getByRole('textbox') as HTMLTextAreaElement;
const type = (text: string) => fireEvent.change(summaryBox(), { target: { value: text } });
const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });

describe('申报详情：本机副本与自动保存', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    resetTaro();
    setRouterParams({ id: 'e-1' });
  });
  afterEach(() => {
    jest.useRealTimers();
    setTransport(null);
  });

  it('keeps every change in local storage and saves 2 s after typing stops, with the version it read: 保存中… then 已保存 HH:mm', async () => {
    const server = serveEntry(entryOf({ updatedAt: '2027-11-01T01:20:00Z' }), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    expect(status().textContent).toBe('已保存 09:20');

    type('工作内容');
    expect(status().getAttribute('data-state')).toBe('pending');
    expect(status().textContent).toBe('保存中…');
    expect(readDraft('e-1')).toMatchObject({ baseVersion: 1, content: { sections: { summary: '工作内容' } } });
    await advance(1500);
    type('工作内容：朋辈帮扶');
    expect(readDraft('e-1')?.content.sections.summary).toBe('工作内容：朋辈帮扶');
    await advance(1900); // 停止输入还不到 2 秒
    expect(server.saves()).toHaveLength(0);
    await advance(100);
    expect(server.saves()).toEqual([expect.objectContaining({ id: 'e-1', expectedVersion: 1, content: expect.objectContaining({ sections: { summary: '工作内容：朋辈帮扶', body: '' } }) })]);
    expect(status().getAttribute('data-state')).toBe('saved');
    expect(status().textContent).toBe('已保存 10:30');
    // 与云端一致后本机副本不再需要
    expect(readDraft('e-1')).toBeNull();

    // 下一次修改用新版本号
    type('工作内容：朋辈帮扶。创新要点');
    await advance(2000);
    expect(server.saves()[1]).toMatchObject({ expectedVersion: 2 });
    expect(server.current().version).toBe(3);
  });

  it('says 未保存（网络问题），将自动重试 when offline, retries by itself with back-off and at once on 重试, and never loses the text', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    server.failSaves(3);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('断网时写的简介');
    await advance(2000);
    expect(status().getAttribute('data-state')).toBe('failed');
    expect(within(status()).getByTestId('save-status-text').textContent).toBe('未保存（网络问题），将自动重试');
    expect(within(status()).getByTestId('save-retry').textContent).toBe('重试');
    expect(readDraft('e-1')?.content.sections.summary).toBe('断网时写的简介');

    await advance(2900);
    expect(server.saves()).toHaveLength(1);
    await advance(100); // 3 秒后自动重试
    expect(server.saves()).toHaveLength(2);
    expect(status().getAttribute('data-state')).toBe('failed');
    await advance(5000); // 第二次退避 6 秒，还没到
    expect(server.saves()).toHaveLength(2);

    await act(async () => {
      fireEvent.click(within(status()).getByTestId('save-retry'));
    });
    expect(server.saves()).toHaveLength(3); // 第三次仍失败
    expect(status().getAttribute('data-state')).toBe('failed');
    await act(async () => {
      fireEvent.click(within(status()).getByTestId('save-retry'));
    });
    expect(server.saves()).toHaveLength(4);
    expect(server.saves().every((s) => s.expectedVersion === 1)).toBe(true);
    expect(status().textContent).toBe('已保存 10:30');
    expect(server.current().content.sections.summary).toBe('断网时写的简介');
  });

  it('shows “另一位编辑已修改这份材料” on CONFLICT, stops saving, and on “load theirs” keeps mine as a local backup that can be restored', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('我写的简介');
    server.otherEditorSaves({ title: '对方改的名称', sections: { summary: '对方写的简介', body: '' } });
    await advance(2000);
    const banner = await screen.findByTestId('conflict-banner');
    expect(banner.textContent).toContain('另一位编辑已修改这份材料');
    expect(banner.textContent).toContain('对方于 11-02 11:05 保存了新的版本');
    expect(status().textContent).toBe('未保存：另一位编辑已修改这份材料');
    // 我的文字还在编辑框里，对方的版本没有被覆盖，也不再自动保存
    expect(summaryBox().value).toBe('我写的简介');
    type('我写的简介，继续写');
    await advance(60_000);
    expect(server.saves()).toHaveLength(1);
    expect(server.current().content.sections.summary).toBe('对方写的简介');
    expect(readDraft('e-1')).toMatchObject({ baseVersion: 1, content: { sections: { summary: '我写的简介，继续写' } } });

    // 对照查看
    fireEvent.click(within(banner).getByTestId('conflict-review'));
    const rows = within(banner).getAllByTestId('conflict-diff-row').map((r) => r.textContent);
    expect(rows).toEqual(['项目名称对方：对方改的名称我的：“红色领航”朋辈学业帮扶', '案例简介对方：对方写的简介（6 字）我的：我写的简介，继续写（9 字）']);

    fireEvent.click(within(banner).getByTestId('conflict-load-theirs'));
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
    expect(summaryBox().value).toBe('对方写的简介');
    expect(readBackup('e-1')).toMatchObject({ theirVersion: 2, content: { sections: { summary: '我写的简介，继续写' } } });
    expect(screen.getByTestId('draft-notice').textContent).toContain('已载入另一位编辑的版本；您的修改已另存为本机备份');
    await advance(5000);
    expect(server.saves()).toHaveLength(1); // 载入对方版本不产生保存
    expect(readDraft('e-1')).toBeNull();

    // 想要回自己的：从备份恢复（确认后以对方的版本号保存）
    await act(async () => {
      fireEvent.click(screen.getByTestId('restore-backup'));
    });
    expect(summaryBox().value).toBe('我写的简介，继续写');
    await advance(2000);
    expect(server.saves()[1]).toMatchObject({ expectedVersion: 2, content: expect.objectContaining({ sections: { summary: '我写的简介，继续写', body: '' } }) });
    expect(status().getAttribute('data-state')).toBe('saved');
  });

  it('after reviewing, “keep mine” asks first and then saves over theirs with their version', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('我写的简介');
    server.otherEditorSaves({ sections: { summary: '对方写的简介', body: '' } });
    await advance(2000);
    const banner = await screen.findByTestId('conflict-banner');
    fireEvent.click(within(banner).getByTestId('conflict-review'));
    setModalAnswer(false);
    await act(async () => {
      fireEvent.click(within(banner).getByTestId('conflict-keep-mine'));
    });
    expect(screen.getByTestId('conflict-banner')).toBeTruthy();
    expect(server.saves()).toHaveLength(1);
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('conflict-banner')).getByTestId('conflict-keep-mine'));
    });
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
    expect(server.saves()[1]).toMatchObject({ expectedVersion: 2, content: expect.objectContaining({ sections: { summary: '我写的简介', body: '' } }) });
    expect(server.current().content.sections.summary).toBe('我写的简介');
    expect(status().getAttribute('data-state')).toBe('saved');
  });

  it('treats a CONFLICT whose server content equals mine (the reply of an earlier save was lost) as saved', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('已经存上的简介');
    server.otherEditorSaves({ sections: { summary: '已经存上的简介', body: '' } });
    await advance(2000);
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
    expect(status().getAttribute('data-state')).toBe('saved');
    type('已经存上的简介。再补一句');
    await advance(2000);
    expect(server.saves()[1]).toMatchObject({ expectedVersion: 2 });
  });

  it('keeps my unsaved text as a backup when the entry was submitted by someone else meanwhile', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('还没存上的简介');
    server.otherEditorSaves({});
    await act(async () => {
      Object.assign(server.current(), { status: 'submitted' });
    });
    await advance(2000);
    const notice = await screen.findByTestId('draft-notice');
    expect(notice.textContent).toContain('材料当前为“已提交”，不能再修改；您未保存的修改已另存为本机备份');
    expect(readBackup('e-1')?.content.sections.summary).toBe('还没存上的简介');
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(screen.getByTestId('entry-view')).toBeTruthy();
  });

  it('on reopening, restores a local copy newer than the server’s version, says so, and saves it', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    const local = { ...entryOf().content, sections: { summary: '上次没来得及保存的简介', body: '' } };
    Taro.setStorageSync(draftKey('e-1'), JSON.stringify({ content: local, baseVersion: 1, editedAt: Date.parse('2027-11-02T01:15:00Z') }));
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    expect(summaryBox().value).toBe('上次没来得及保存的简介');
    expect(screen.getByTestId('draft-notice').textContent).toBe('已恢复您在本机上未保存的修改（09:15），稍后自动保存到云端。知道了');
    await advance(2000);
    expect(server.saves()).toEqual([expect.objectContaining({ expectedVersion: 1, content: expect.objectContaining({ sections: local.sections }) })]);
    fireEvent.click(screen.getByTestId('dismiss-notice'));
    expect(screen.queryByTestId('draft-notice')).toBeNull();
  });

  it('on reopening, a local copy made on an older version than the server’s opens the conflict choice instead of being restored or dropped', async () => {
    const theirs = { ...entryOf().content, sections: { summary: '对方后来保存的简介', body: '' } };
    const server = serveEntry(entryOf({ version: 3, content: theirs }), CAMPAIGN);
    const mine = { ...entryOf().content, sections: { summary: '我在旧版本上写的简介', body: '' } };
    Taro.setStorageSync(draftKey('e-1'), JSON.stringify({ content: mine, baseVersion: 1, editedAt: 1 }));
    render(<EntryDetailPage />);
    expect((await screen.findByTestId('conflict-banner')).textContent).toContain('另一位编辑已修改这份材料');
    expect(summaryBox().value).toBe('我在旧版本上写的简介');
    await advance(10_000);
    expect(server.saves()).toHaveLength(0);
    fireEvent.click(screen.getByTestId('conflict-load-theirs'));
    expect(summaryBox().value).toBe('对方后来保存的简介');
    expect(Taro.getStorageSync(backupKey('e-1'))).toContain('我在旧版本上写的简介');
    await advance(10_000);
    expect(server.saves()).toHaveLength(0);
  });

  it('decides restore / conflict / none from the local copy’s base version', () => {
    const a = entryOf().content;
    const b = { ...a, title: '改过' };
    expect(restoreDecision(null, { version: 2, content: a })).toBe('none');
    expect(restoreDecision({ content: a, baseVersion: 1, editedAt: 0 }, { version: 2, content: a })).toBe('none');
    expect(restoreDecision({ content: b, baseVersion: 2, editedAt: 0 }, { version: 2, content: a })).toBe('restore');
    expect(restoreDecision({ content: b, baseVersion: 1, editedAt: 0 }, { version: 2, content: a })).toBe('conflict');
  });

  it('saves at once when the page is hidden, and flushes before opening the preview', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    type('切走前写的');
    await act(() => trigger('didHide'));
    expect(server.saves()).toHaveLength(1);
    type('预览前写的');
    await act(async () => {
      fireEvent.click(screen.getByTestId('preview'));
    });
    expect(server.saves()).toHaveLength(2);
    expect(server.current().content.sections.summary).toBe('预览前写的');
  });
});
