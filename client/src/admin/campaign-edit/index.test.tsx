import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Campaign } from '@contract/index';
import { calls, resetTaro, setModalAnswer, setRouterParams } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import { campaignA2027 } from '@/test-support/campaign-fixtures';
import { setDeviceTimeZone } from '@/test-support/timezone';
import CampaignEditPage from './index';

type Ev = { action: string; [k: string]: unknown };
type Saved = { action: 'save'; _id: string; expectedVersion: number; body: Campaign };

/** 假服务端：get 给出当前版本；save/publish 成功后版本 +1，并记下收到的事件 */
function serve(initial: Campaign, events: Ev[], opts: { conflictOnSave?: Campaign } = {}) {
  let current = initial;
  setTransport(async (_name, e) => {
    const ev = e as Ev;
    events.push(ev);
    if (ev.action === 'get') return { ok: true, data: current };
    if (ev.action === 'save') {
      if (opts.conflictOnSave) {
        current = opts.conflictOnSave;
        return { ok: false, code: 'CONFLICT', message: '内容已被他人修改，请刷新后重试' };
      }
      current = { ...current, ...(ev as unknown as Saved).body, version: current.version + 1 };
      return { ok: true, data: { _id: current._id, version: current.version } };
    }
    if (ev.action === 'publish') {
      current = { ...current, status: 'open', version: current.version + 1 };
      return { ok: true, data: { _id: current._id, version: current.version } };
    }
    return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
  });
}

const input = (testId: string) => within(screen.getByTestId(testId)).getByRole('textbox') as HTMLInputElement;
const pickerInput = (testId: string) => screen.getByTestId(testId).querySelector('input') as HTMLInputElement;

describe('编辑评选 page', () => {
  let restoreTz: (() => void) | null = null;
  beforeEach(() => {
    resetTaro();
    setRouterParams({ id: 'c-2027-a' });
  });
  afterEach(() => {
    setTransport(null);
    restoreTz?.();
    restoreTz = null;
  });

  it.each(['America/Los_Angeles', 'Asia/Kolkata', 'UTC'])(
    'shows and takes stage times in China Standard Time with the device in %s: 2027-11-30 23:59 is saved as 2027-11-30T23:59:00+08:00',
    async (zone) => {
      restoreTz = setDeviceTimeZone(zone);
      // 确认本机时区真的换了（否则这个测试什么也证明不了）
      expect(new Date('2027-11-25T09:00:00Z').getTimezoneOffset()).toBe({ 'America/Los_Angeles': 480, 'Asia/Kolkata': -330, UTC: 0 }[zone]);
      const events: Ev[] = [];
      serve(campaignA2027(), events);
      render(<CampaignEditPage />);
      // 2027-11-25T17:00:00+08:00 在洛杉矶是 11-25 01:00、在印度是 14:30：页面上一律显示北京时间
      expect((await screen.findByTestId('stage-submission-end-date-text')).textContent).toBe('2027-11-25');
      expect(screen.getByTestId('stage-submission-end-time-text').textContent).toBe('17:00');
      expect(screen.getByTestId('stage-unitReview-end-time-text').textContent).toBe('23:59:59');

      fireEvent.change(pickerInput('stage-submission-end-date'), { target: { value: '2027-11-30' } });
      fireEvent.change(pickerInput('stage-submission-end-time'), { target: { value: '23:59' } });
      expect(screen.getByTestId('stage-submission-end-date-text').textContent).toBe('2027-11-30');
      expect(screen.getByTestId('stage-submission-end-time-text').textContent).toBe('23:59');

      fireEvent.click(screen.getByTestId('save'));
      await waitFor(() => expect(events.some((e) => e.action === 'save')).toBe(true));
      const save = events.find((e) => e.action === 'save') as unknown as Saved;
      expect(save.expectedVersion).toBe(1);
      expect(save.body.stages[0]).toEqual({
        key: 'submission',
        label: '申报与报送',
        startsAt: '2027-10-26T00:00:00+08:00',
        endsAt: '2027-11-30T23:59:00+08:00',
        note: '2027 年 11 月 25 日前报送（A4）',
        track: null,
      });
      // 其他阶段原样
      expect(save.body.stages[1].endsAt).toBe('2027-11-30T23:59:59+08:00');
      expect(save).not.toHaveProperty('body.status');
      expect(save).not.toHaveProperty('body.version');
      expect(await screen.findByText('已保存')).toBeTruthy();
    },
  );

  it('edits the quota and the length limits, and refuses to save an inconsistent definition', async () => {
    const events: Ev[] = [];
    serve(campaignA2027(), events);
    render(<CampaignEditPage />);
    await screen.findByTestId('track-case');
    fireEvent.change(input('track-case-max'), { target: { value: '' } });
    fireEvent.change(input('track-case-min-college'), { target: { value: '2' } });
    fireEvent.change(input('track-case-section-summary-max'), { target: { value: '350' } });
    fireEvent.change(input('track-case-photos-main-caption'), { target: { value: '30' } });
    // 截止早于开始：不发送，列出问题
    fireEvent.change(pickerInput('stage-screening-end-date'), { target: { value: '2027-11-01' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('issues')).textContent).toContain('阶段“组织部审核与补正”：阶段开始时间须早于结束时间');
    expect(events.map((e) => e.action)).toEqual(['get']);

    fireEvent.change(pickerInput('stage-screening-end-date'), { target: { value: '2027-12-20' } });
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(events.map((e) => e.action)).toEqual(['get', 'save', 'get']));
    const { body } = events[1] as unknown as Saved;
    expect(body.tracks[0].quota).toMatchObject({ maxPerUnit: null, minByUnitKind: { college: 2 } });
    expect(body.tracks[0].form.sections[0].maxChars).toBe(350);
    expect(body.tracks[0].form.photoGroups[0].captionMaxChars).toBe(30);
    expect(screen.queryByTestId('issues')).toBeNull();
  });

  it('on a stale edit says so and loads what the other editor saved', async () => {
    const events: Ev[] = [];
    const theirs = campaignA2027({ title: '2027 年度基层党建工作创新奖评选（修订）', version: 2 });
    serve(campaignA2027(), events, { conflictOnSave: theirs });
    render(<CampaignEditPage />);
    await screen.findByTestId('campaign-title');
    fireEvent.change(input('campaign-title'), { target: { value: '我改的名称：2027 创新奖' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('save-error')).textContent).toContain('内容已被他人修改，请刷新后重试');
    expect(screen.getByTestId('save-error').textContent).toContain('已载入最新内容');
    await waitFor(() => expect(input('campaign-title').value).toBe('2027 年度基层党建工作创新奖评选（修订）'));
  });

  it('publishes a draft after confirmation, saving pending edits first with the version it read', async () => {
    const events: Ev[] = [];
    serve(campaignA2027(), events);
    render(<CampaignEditPage />);
    await screen.findByTestId('publish');
    expect(screen.getByTestId('campaign-status').textContent).toBe('草稿');
    expect(screen.queryByTestId('close')).toBeNull();
    fireEvent.change(input('stage-submission-note'), { target: { value: '11 月 30 日前' } });

    setModalAnswer(false);
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish'));
    });
    expect(events.map((e) => e.action)).toEqual(['get']);

    setModalAnswer(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish'));
    });
    await waitFor(() => expect(screen.getByTestId('campaign-status').textContent).toBe('已发布'));
    expect(events.map((e) => e.action)).toEqual(['get', 'save', 'get', 'publish', 'get']);
    expect(events[3]).toEqual({ action: 'publish', id: 'c-2027-a', expectedVersion: 2 });
    expect(calls.find((c) => c.api === 'showModal')?.arg).toMatchObject({ title: '发布评选' });
    // 已发布：不再有“发布”，改为“结束评选”
    expect(screen.queryByTestId('publish')).toBeNull();
    expect(screen.getByTestId('close')).toBeTruthy();
  });

  it('shows the error with a retry when the campaign cannot be read', async () => {
    let fail = true;
    setTransport(async () => (fail ? { ok: false, code: 'NOT_FOUND', message: '内容不存在或已删除' } : { ok: true, data: campaignA2027() }));
    render(<CampaignEditPage />);
    expect(await screen.findByText('内容不存在或已删除')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('stage-submission')).toBeTruthy();
  });
});
