import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { checkTrackContent, type Entry, type RuleResult, type TransitionAction } from '@contract/index';
import { calls, resetTaro, setModalAnswer, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027, entryOf } from '@/test-support/campaign-fixtures';
import { serveEntry } from '@/test-support/entry-server';
import { setDeviceTimeZone } from '@/test-support/timezone';
import EntryDetailPage from './index';

type Ev = { action: string; [k: string]: unknown };

const CAMPAIGN = campaignA2027({ status: 'open', version: 3 });
const summary = {
  _id: CAMPAIGN._id,
  kind: CAMPAIGN.kind,
  title: CAMPAIGN.title,
  year: CAMPAIGN.year,
  status: CAMPAIGN.status,
  docNumber: CAMPAIGN.docNumber,
  noticeId: CAMPAIGN.noticeId,
  version: CAMPAIGN.version,
  stages: CAMPAIGN.stages,
  tracks: [{ key: 'case', label: '创新奖申报' }],
};

/** 一份经历了提交、推荐、要求补正的申报（时刻以 UTC 存，页面应显示北京时间） */
const CORRECTING: Entry = entryOf({
  status: 'correctionRequested',
  version: 6,
  submittedAt: '2027-11-20T02:30:00Z',
  correction: {
    reason: '简介未写明创新要点',
    items: ['案例简介补写“创新要点”', '补交加盖公章的扫描件'],
    deadline: '2027-12-08T09:00:00Z',
    requestedAt: '2027-12-01T01:00:00Z',
    requestedBy: 'p-dept-li',
  },
  history: [
    { at: '2027-11-20T02:30:00Z', action: 'submit', from: 'draft', to: 'submitted', actorPersonId: 'p-sec-cs-stu1', actorName: '李支书', note: '' },
    { at: '2027-11-01T01:00:00Z', action: 'create', from: null, to: 'draft', actorPersonId: 'p-sec-cs-stu1', actorName: '李支书', note: '' },
    { at: '2027-11-28T16:10:00Z', action: 'recommend', from: 'submitted', to: 'recommended', actorPersonId: 'p-ua-cs', actorName: '赵老师', note: '同意推荐' },
    { at: '2027-12-01T01:00:00Z', action: 'requestCorrection', from: 'recommended', to: 'correctionRequested', actorPersonId: null, actorName: null, note: '简介未写明创新要点' },
  ],
});

function serve(entry: Entry, actions: TransitionAction[], events: Ev[], results?: RuleResult[], campaign = CAMPAIGN) {
  let current = entry;
  setTransport(async (name, e) => {
    const ev = e as Ev;
    events.push({ fn: name, ...ev });
    if (name === 'campaigns') return { ok: true, data: campaign };
    if (ev.action === 'get') return { ok: true, data: { entry: current, campaign: summary, results: results ?? checkTrackContent(campaign.tracks[0], current.content), actions, fileUrls: {} } };
    if (ev.action === 'save') {
      current = { ...current, content: ev.content as Entry['content'], version: current.version + 1 };
      return { ok: true, data: { version: current.version, updatedAt: '2027-11-02T00:00:00Z', results: checkTrackContent(campaign.tracks[0], current.content) } };
    }
    if (ev.action === 'submit') {
      current = { ...current, status: 'submitted', version: current.version + 1 };
      return { ok: true, data: { status: 'submitted', version: current.version, repeated: false } };
    }
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

describe('申报详情 page', () => {
  let restoreTz: (() => void) | null = null;
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'e-1' });
  });
  afterEach(() => {
    setTransport(null);
    restoreTz?.();
    restoreTz = null;
  });

  it('shows the status timeline in time order with China Standard Time, actor and note, whatever the device’s zone', async () => {
    restoreTz = setDeviceTimeZone('America/New_York');
    expect(new Date('2027-11-20T02:30:00Z').getTimezoneOffset()).toBe(300);
    serve(CORRECTING, ['resubmit'], []);
    render(<EntryDetailPage />);
    const items = within(await screen.findByTestId('timeline')).getAllByTestId('timeline-item');
    expect(items.map((i) => i.textContent)).toEqual([
      '创建草稿2027-11-01 09:00 · 李支书',
      '提交 → 已提交2027-11-20 10:30 · 李支书',
      '推荐 → 已推荐2027-11-29 00:10 · 赵老师同意推荐',
      '要求补正 → 待补正2027-12-01 09:00 · 系统简介未写明创新要点',
    ]);
    expect(screen.getByTestId('entry-status').textContent).toBe('待补正');
    expect(screen.getByTestId('entry-entrant').textContent).toBe('计算机学院本科生第一党支部（党支部）');
    expect(screen.getByTestId('entry-campaign').textContent).toBe('2027 年度基层党建工作创新奖评选');
    // 补正要求：原因、逐项、期限（北京时间）
    const correction = screen.getByTestId('correction');
    expect(correction.textContent).toContain('简介未写明创新要点');
    expect(correction.textContent).toContain('· 补交加盖公章的扫描件');
    expect(screen.getByTestId('correction-deadline').textContent).toContain('补正期限：2027-12-08 17:00（北京时间）');
    expect(screen.getByTestId('action-resubmit').textContent).toBe('提交补正');
  });

  it('edits the title and sections with live 字 counts, red when over the limit, and saves with the version it read', async () => {
    const events: Ev[] = [];
    serve(entryOf(), ['submit'], events);
    render(<EntryDetailPage />);
    const summaryBox = within(await screen.findByTestId('field-summary'));
    expect(screen.getByTestId('field-title-counter').textContent).toBe('12/40 字');
    const text = '工作内容：朋辈帮扶。创新要点：党员结对。突出成效：挂科率下降。';
    fireEvent.change(summaryBox.getByRole('textbox'), { target: { value: text } });
    expect(screen.getByTestId('field-summary-counter').textContent).toBe('31/300 字');
    expect(screen.getByTestId('field-summary-counter').getAttribute('data-state')).toBe('ok');
    // 清单随输入实时更新（与云端同一个检查函数）
    const checklist = screen.getByTestId('content-checklist');
    expect(checklist.textContent).toContain('“案例简介” 31/300 字');
    expect(checklist.textContent).not.toContain('请填写“案例简介”');

    fireEvent.change(summaryBox.getByRole('textbox'), { target: { value: '党'.repeat(301) } });
    expect(screen.getByTestId('field-summary-counter').textContent).toBe('301/300 字');
    expect(screen.getByTestId('field-summary-counter').getAttribute('data-state')).toBe('over');
    expect(screen.getByTestId('field-summary').className).toContain('zi-field--over');
    expect(checklist.textContent).toContain('“案例简介”不超过 300 字（A5），现有 301 字，请删去 1 字');

    fireEvent.change(summaryBox.getByRole('textbox'), { target: { value: text } });
    // 切到别的应用再回来：不重新读取，未保存的文字还在
    await act(() => trigger('didShow'));
    expect((summaryBox.getByRole('textbox') as HTMLTextAreaElement).value).toBe(text);
    expect(events.filter((e) => e.fn === 'entries' && e.action === 'get')).toHaveLength(1);
    // 页面隐藏时立即保存（不等 2 秒）
    await act(() => trigger('didHide'));
    const save = events.find((e) => e.action === 'save');
    expect(save).toMatchObject({ fn: 'entries', id: 'e-1', expectedVersion: 1, content: { title: '“红色领航”朋辈学业帮扶', sections: { summary: text, body: '' } } });
    await waitFor(() => expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('saved'));
    expect(screen.getByTestId('save-status').textContent).toBe('已保存 08:00');
  });

  it('fills the choices, dates and declarations of the form too', async () => {
    const events: Ev[] = [];
    const track = CAMPAIGN.tracks[0];
    const withFields = campaignA2027({
      status: 'open',
      tracks: [
        {
          ...track,
          form: {
            ...track.form,
            choices: [{ key: 'theme', label: '立项主题方向', options: ['加强理论武装', '党建引领育人'], allowOther: true, required: true, rule: 'B1' }],
            dates: [{ key: 'startedOn', label: '项目开始实施日期', required: true, startOfWork: true, hint: '', rule: 'A1' }],
            declarations: [{ key: 'meeting', text: '已在支部大会或支委会上总结', rule: 'C3' }],
          },
        },
      ],
    });
    serve(entryOf(), ['submit'], events, undefined, withFields);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-choice-theme');
    fireEvent.click(screen.getByTestId('choice-theme-加强理论武装'));
    fireEvent.click(screen.getByTestId('choice-theme-__other'));
    fireEvent.change(within(screen.getByTestId('field-choice-theme')).getByRole('textbox'), { target: { value: '党建带团建' } });
    fireEvent.change(screen.getByTestId('field-date-startedOn').querySelector('input') as HTMLInputElement, { target: { value: '2026-09-01' } });
    expect(screen.getByTestId('field-date-startedOn').textContent).toContain('2026-09-01');
    fireEvent.click(within(screen.getByTestId('field-declaration-meeting')).getByRole('switch'));
    const checklist = screen.getByTestId('content-checklist');
    expect(checklist.textContent).toContain('立项主题方向：党建带团建');
    expect(checklist.textContent).toContain('项目开始实施日期：2026-09-01');
    await act(() => trigger('didHide'));
    expect(events.find((e) => e.action === 'save')).toMatchObject({
      content: { choices: { theme: '党建带团建' }, dates: { startedOn: '2026-09-01' }, declarations: { meeting: true } },
    });
  });

  it('does not submit while the checklist has blocking items, and submits after confirmation otherwise', async () => {
    const events: Ev[] = [];
    serve(entryOf(), ['submit'], events);
    const { unmount } = render(<EntryDetailPage />);
    const submit = await screen.findByTestId('action-submit');
    await act(async () => {
      fireEvent.click(submit);
    });
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: expect.stringMatching(/^还有 \d+ 项不符合要求，不能提交$/), showCancel: false });
    expect(events.some((e) => e.action === 'submit')).toBe(false);
    unmount();

    resetTaro();
    setRouterParams({ id: 'e-1' });
    events.length = 0;
    serve(entryOf({ version: 4 }), ['submit'], events, [{ rule: 'A5', ok: true, severity: 'info', message: '“案例简介” 120/300 字', path: 'sections.summary' }]);
    render(<EntryDetailPage />);
    setModalAnswer(true);
    const submitAgain = await screen.findByTestId('action-submit');
    await act(async () => {
      fireEvent.click(submitAgain);
    });
    await waitFor(() => expect(events.find((e) => e.action === 'submit')).toEqual({ fn: 'entries', action: 'submit', id: 'e-1', expectedVersion: 4 }));
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: '提交' });
    expect(await screen.findByText('已提交')).toBeTruthy();
  });

  it('asks for the reason before returning an entry, and sends it', async () => {
    const events: Ev[] = [];
    serve(entryOf({ status: 'submitted' }), ['returnEntry', 'recommend'], events);
    render(<EntryDetailPage />);
    fireEvent.click(await screen.findByTestId('action-returnEntry'));
    const sheet = screen.getByTestId('prompt-sheet');
    fireEvent.click(within(sheet).getByTestId('prompt-confirm'));
    expect(within(sheet).getByTestId('prompt-error').textContent).toBe('退回原因至少 2 字');
    fireEvent.change(within(sheet).getByRole('textbox'), { target: { value: '正文缺少经验启示部分' } });
    await act(async () => {
      fireEvent.click(within(sheet).getByTestId('prompt-confirm'));
    });
    expect(events.find((e) => e.action === 'returnEntry')).toEqual({ fn: 'entries', action: 'returnEntry', id: 'e-1', note: '正文缺少经验启示部分' });
  });

  it('shows the error with a retry', async () => {
    let fail = true;
    setTransport(async (name) => {
      if (fail) return { ok: false, code: 'FORBIDDEN', message: '没有权限进行此操作' };
      if (name === 'campaigns') return { ok: true, data: CAMPAIGN };
      return { ok: true, data: { entry: CORRECTING, campaign: summary, results: [], actions: [], fileUrls: {} } };
    });
    render(<EntryDetailPage />);
    expect(await screen.findByText('没有权限进行此操作')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('timeline')).toBeTruthy();
    expect(screen.queryByTestId('actions')).toBeNull();
    expect(screen.queryByTestId('editor')).toBeNull();
  });

  it('lists every blocking item when submit is tapped too early, and does not submit', async () => {
    const server = serveEntry(entryOf(), CAMPAIGN);
    render(<EntryDetailPage />);
    const submit = await screen.findByTestId('action-submit');
    await act(async () => {
      fireEvent.click(submit);
    });
    const modal = calls.find((c) => c.api === 'showModal')?.arg as { title: string; content: string };
    expect(modal.title).toBe('还有 3 项不符合要求，不能提交');
    expect(modal.content.split('\n')).toEqual(['· 请填写“案例简介”（A5）', '· 请填写“正文”（A5）', '· 请上传加盖公章的文字材料扫描件（A4）']);
    expect(server.events.some((e) => e.action === 'submit')).toBe(false);
  });

  it('does not keep a stale server result in the checklist once the text is fixed and saved', async () => {
    const over = { ...entryOf().content, sections: { summary: '党'.repeat(301), body: '' } };
    serveEntry(entryOf({ content: over }), CAMPAIGN);
    render(<EntryDetailPage />);
    const submit = await screen.findByTestId('action-submit');
    await act(async () => {
      fireEvent.click(submit);
    });
    expect((calls.find((c) => c.api === 'showModal')?.arg as { content: string }).content).toContain('“案例简介”不超过 300 字（A5），现有 301 字，请删去 1 字');
    fireEvent.change(within(screen.getByTestId('field-summary')).getByRole('textbox'), { target: { value: '工作内容、创新要点、突出成效' } });
    await act(() => trigger('didHide'));
    const checklist = screen.getByTestId('content-checklist').textContent;
    expect(checklist).not.toContain('现有 301 字');
    expect(checklist).toContain('“案例简介” 14/300 字');
  });

  it('submits after saving the latest text, and shows 已提交 on the timeline with the content as reviewers read it', async () => {
    const ready = { ...entryOf().content, sections: { summary: '工作内容：朋辈帮扶。创新要点：党员结对。突出成效：挂科率下降。', body: '' }, stampedScan: { fileID: 'cloud://env.b/entries/e-1/scan-1.pdf', name: '盖章页.pdf', size: 1000 } };
    const server = serveEntry(entryOf({ content: ready }), CAMPAIGN);
    render(<EntryDetailPage />);
    await screen.findByTestId('field-summary');
    fireEvent.change(within(screen.getByTestId('field-body')).getByRole('textbox'), { target: { value: '实施情况……' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    // 确认提交，提交成功后再问一次是否接收结果与补正提醒（订阅授权须在用户点击中发起）
    expect(calls.filter((c) => c.api === 'showModal').map((c) => (c.arg as { title: string }).title).slice(0, 2)).toEqual(['提交', '提交成功']);
    const order = server.events.filter((e) => e.fn === 'entries').map((e) => e.action);
    expect(order.slice(1)).toEqual(['save', 'get', 'submit', 'get']);
    expect(server.events.find((e) => e.action === 'submit')).toMatchObject({ expectedVersion: 2 });
    await waitFor(() => expect(screen.getByTestId('entry-status').textContent).toBe('已提交'));
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(screen.getByTestId('view-section-summary').textContent).toContain('案例简介');
    const items = within(screen.getByTestId('timeline')).getAllByTestId('timeline-item');
    expect(items[items.length - 1].textContent).toContain('提交 → 已提交');
    expect(screen.getByTestId('action-withdraw').textContent).toBe('撤回');
  });

  it('withdraws only after confirmation', async () => {
    const server = serveEntry(entryOf({ status: 'submitted', version: 3 }), CAMPAIGN);
    render(<EntryDetailPage />);
    const withdraw = await screen.findByTestId('action-withdraw');
    setModalAnswer(false);
    await act(async () => {
      fireEvent.click(withdraw);
    });
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: '撤回', content: '撤回后可重新编辑再提交。确定撤回吗？' });
    expect(server.events.some((e) => e.action === 'withdraw')).toBe(false);
    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-withdraw'));
    });
    expect(server.events.find((e) => e.action === 'withdraw')).toEqual({ fn: 'entries', action: 'withdraw', id: 'e-1', note: '' });
    await waitFor(() => expect(screen.getByTestId('entry-status').textContent).toBe('已撤回'));
  });

  it('answers a correction request: shows reason, items and the CST deadline above the editor, and sends entries.resubmit', async () => {
    const ready = { ...entryOf().content, sections: { summary: '工作内容：朋辈帮扶。创新要点：党员结对。突出成效：挂科率下降。', body: '' }, stampedScan: { fileID: 'cloud://env.b/entries/e-1/scan-1.pdf', name: '盖章页.pdf', size: 1000 } };
    const server = serveEntry({ ...CORRECTING, content: { ...ready, sections: { ...ready.sections, body: '实施情况……' } } }, CAMPAIGN);
    render(<EntryDetailPage />);
    const correction = await screen.findByTestId('correction');
    const editor = screen.getByTestId('editor');
    // 补正要求在编辑区之上
    expect(correction.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(correction.textContent).toContain('简介未写明创新要点');
    expect(correction.textContent).toContain('· 案例简介补写“创新要点”');
    expect(screen.getByTestId('correction-deadline').textContent).toContain('补正期限：2027-12-08 17:00（北京时间）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-resubmit'));
    });
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: '提交补正' });
    expect(server.events.find((e) => e.action === 'resubmit')).toEqual({ fn: 'entries', action: 'resubmit', id: 'e-1', note: '' });
    await waitFor(() => expect(screen.getByTestId('entry-status').textContent).toBe('已补正'));
  });
});
