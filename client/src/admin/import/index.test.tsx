import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Me } from '@contract/index';
import { resetTaro } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { chooseXlsx, uploadFile } from '@/services/upload';
import { forgetMe } from '../shared/session';
import ImportPage from './index';

jest.mock('@/services/upload', () => ({
  importCloudPath: () => 'imports/org/1-abc.xlsx',
  chooseXlsx: jest.fn(),
  uploadFile: jest.fn(),
}));

const chooseMock = chooseXlsx as jest.MockedFunction<typeof chooseXlsx>;
const uploadMock = uploadFile as jest.MockedFunction<typeof uploadFile>;

const DEPT_ADMIN: Me = { bound: true, localMode: false, person: { _id: 'p-dept-wang', name: '王晓东', unitName: null, branchName: null, roles: [{ role: 'deptAdmin' }] } };
const UNIT_ADMIN: Me = { ...DEPT_ADMIN, person: { ...DEPT_ADMIN.person!, roles: [{ role: 'unitAdmin', unitId: 'u-cs' }] } };

type Event = { action: string; fileID?: string };
const FILE = { fileID: 'cloud://env/exports/org/t.xlsx', url: 'http://localhost/files/exports/org/t.xlsx', fileName: '组织与人员导入模板-20261121-090000.xlsx' };

function serve(me: Me, importReply: object, events: Event[] = []) {
  setTransport(async (name, e) => {
    const ev = e as Event;
    events.push(ev);
    if (name === 'session') return { ok: true, data: me };
    if (ev.action === 'template' || ev.action === 'export') return { ok: true, data: FILE };
    if (ev.action === 'import') return importReply;
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

const counts = (c: number, u: number) => ({ created: c, updated: u });

describe('批量导入/导出 page', () => {
  beforeEach(() => {
    resetTaro();
    forgetMe();
    chooseMock.mockReset();
    uploadMock.mockReset();
    chooseMock.mockResolvedValue({ name: '组织.xlsx', size: 2048, source: 'wxfile://tmp/a.xlsx' });
  });
  afterEach(() => setTransport(null));

  it('asks the server for the template when the template button is tapped', async () => {
    const events: Event[] = [];
    serve(DEPT_ADMIN, {}, events);
    render(<ImportPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('download-template'));
    });
    expect(events.map((e) => e.action)).toContain('template');
    expect((await screen.findByTestId('generated-file')).textContent).toContain(FILE.fileName);
  });

  it('uploads the picked workbook and lists row-level issues grouped by sheet', async () => {
    const events: Event[] = [];
    serve(
      DEPT_ADMIN,
      {
        ok: false,
        code: 'BAD_INPUT',
        message: '导入未执行：发现 3 处问题，请修改后重新导入',
        issues: [
          { path: '支部', message: '第 39 行「党员人数」：应为不小于 0 的整数' },
          { path: '人员', message: '第 5 行「手机号」：“123”不是有效的手机号' },
          { path: '支部', message: '第 40 行「支部类型」：“学生支部”不是允许的取值' },
        ],
      },
      events,
    );
    uploadMock.mockImplementation(async (_path, _src, onProgress) => {
      onProgress?.(50);
      return 'cloud://env/imports/org/1-abc.xlsx';
    });
    render(<ImportPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-file'));
    });
    expect(uploadMock).toHaveBeenCalledWith('imports/org/1-abc.xlsx', 'wxfile://tmp/a.xlsx', expect.any(Function));
    expect(events).toContainEqual({ action: 'import', fileID: 'cloud://env/imports/org/1-abc.xlsx' });
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('导入未执行：发现 3 处问题，请修改后重新导入');
    const groups = screen.getAllByTestId('issue-group');
    expect(groups).toHaveLength(2);
    expect(groups[0].textContent).toMatch(/^「支部」表（2）/);
    expect(Array.from(groups[0].querySelectorAll('[data-testid=issue]'), (n) => n.textContent)).toEqual([
      '第 39 行「党员人数」：应为不小于 0 的整数',
      '第 40 行「支部类型」：“学生支部”不是允许的取值',
    ]);
    expect(groups[1].textContent).toContain('「人员」表（1）第 5 行「手机号」');
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('shows created and updated counts after a successful import', async () => {
    serve(DEPT_ADMIN, { ok: true, data: { units: counts(11, 0), generalBranches: counts(0, 4), branches: counts(61, 0), people: counts(3, 346) } });
    uploadMock.mockResolvedValue('cloud://env/imports/org/1-abc.xlsx');
    render(<ImportPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-file'));
    });
    const rows = (await screen.findAllByTestId('import-count')).map((r) => r.textContent);
    expect(rows).toEqual(['单位新增 11，更新 0', '党总支新增 0，更新 4', '支部新增 61，更新 0', '人员新增 3，更新 346']);
    expect(screen.getByTestId('import-result').textContent).toContain('导入成功：组织.xlsx');
  });

  it('shows an upload failure in Chinese and does not call import', async () => {
    const events: Event[] = [];
    serve(DEPT_ADMIN, {}, events);
    const { CloudError } = jest.requireActual('@/services/cloud');
    uploadMock.mockRejectedValue(new CloudError('FILE_REJECTED', '文件内容与扩展名不符'));
    render(<ImportPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-file'));
    });
    expect((await screen.findByTestId('import-error')).textContent).toBe('文件内容与扩展名不符');
    expect(events.map((e) => e.action)).not.toContain('import');
  });

  it('does nothing when the user cancels the file picker', async () => {
    serve(DEPT_ADMIN, {});
    chooseMock.mockResolvedValue(null);
    render(<ImportPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('pick-file'));
    });
    expect(uploadMock).not.toHaveBeenCalled();
    expect(screen.queryByTestId('import-error')).toBeNull();
  });

  it('tells a unit admin the page is for the department only', async () => {
    serve(UNIT_ADMIN, {});
    render(<ImportPage />);
    expect(await screen.findByText('批量导入/导出仅限组织部管理员使用')).toBeTruthy();
    expect(screen.queryByTestId('pick-file')).toBeNull();
  });
});
