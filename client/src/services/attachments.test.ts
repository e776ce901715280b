import { calls, resetTaro } from '../../../test/stubs/taro';
import { formatBytes, openAttachment } from './attachments';

describe('attachments', () => {
  beforeEach(() => resetTaro());

  it('formats sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1 KB');
    expect(formatBytes(35 * 1024)).toBe('35 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });

  it('in the browser opens the temporary link in a new tab', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    await openAttachment({ name: '申报表.docx', fileID: 'cloud://e.b/a.docx', url: '/files/a.docx?expires=1&sign=x' });
    expect(open).toHaveBeenCalledWith('/files/a.docx?expires=1&sign=x', '_blank', 'noopener');
    open.mockRestore();
  });

  it('in the browser without a temporary link says so', async () => {
    await openAttachment({ name: '申报表.docx', fileID: 'cloud://e.b/a.docx' });
    expect(calls).toEqual([{ api: 'showToast', arg: { title: '附件暂时无法在浏览器中打开，请在微信小程序中查看', icon: 'none' } }]);
  });
});
