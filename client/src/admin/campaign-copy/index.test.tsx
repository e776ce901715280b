import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { calls, resetTaro } from '../../../../test/stubs/taro';
import { defaultCopyYear } from '@/services/campaigns';
import { setTransport } from '@/services/transport';
import CampaignCopyPage from './index';

type Ev = { action: string; [k: string]: unknown };

const TEMPLATES = [
  { kind: 'A', title: '2021 年度基层党建工作创新奖评选', year: 2021, docNumber: '东大组字〔2021〕53号' },
  { kind: 'C', title: '2021 年特色支部创建成果验收', year: 2021, docNumber: '东大组字〔2021〕8号' },
];
const EXISTING = {
  _id: 'c-2026-a',
  kind: 'A',
  title: '2026 年度基层党建工作创新奖评选',
  year: 2026,
  status: 'closed',
  docNumber: '',
  noticeId: null,
  version: 5,
  stages: [],
  tracks: [],
};

function serve(events: Ev[], copy: () => object = () => ({ ok: true, data: { _id: 'c-new', version: 1 } })) {
  setTransport(async (_n, e) => {
    const ev = e as Ev;
    events.push(ev);
    if (ev.action === 'templates') return { ok: true, data: { items: TEMPLATES } };
    if (ev.action === 'list') return { ok: true, data: { items: [EXISTING], nextCursor: null } };
    return copy();
  });
}

describe('新建评选 page', () => {
  beforeEach(() => resetTaro());
  afterEach(() => setTransport(null));

  it('defaults the year to next year in China Standard Time', () => {
    // 北京时间已是 2027 年元旦（UTC 仍是 2026 年）
    expect(defaultCopyYear(new Date('2026-12-31T16:30:00Z'))).toBe(2028);
    expect(defaultCopyYear(new Date('2026-12-31T15:30:00Z'))).toBe(2027);
  });

  it('copies the chosen template to the year entered and opens the new draft in place of this page', async () => {
    const events: Ev[] = [];
    serve(events);
    render(<CampaignCopyPage />);
    const a = await screen.findByTestId('template-A');
    expect(a.textContent).toContain('东大组字〔2021〕53号');
    expect(screen.getByTestId('source-campaign').textContent).toContain('已结束');
    const year = within(screen.getByTestId('copy-year')).getByRole('textbox') as HTMLInputElement;
    expect(year.value).toBe(String(defaultCopyYear()));

    // 没选来源：提示，不发送
    fireEvent.click(screen.getByTestId('copy'));
    expect(screen.getByTestId('copy-error').textContent).toBe('请选择从哪一份复制');

    fireEvent.click(a);
    expect(a.getAttribute('data-selected')).toBe('true');
    fireEvent.change(year, { target: { value: '2027' } });
    expect(screen.getByTestId('copy-summary').textContent).toBe('复制“2021 年度基层党建工作创新奖评选”到 2027 年度');
    await act(async () => {
      fireEvent.click(screen.getByTestId('copy'));
    });
    expect(events.find((e) => e.action === 'copy')).toEqual({ action: 'copy', from: { template: 'A' }, year: 2027 });
    expect(calls).toContainEqual({ api: 'redirectTo', arg: { url: '/admin/campaign-edit/index?id=c-new' } });
  });

  it('copies an existing campaign, and shows the server’s refusal', async () => {
    const events: Ev[] = [];
    serve(events, () => ({ ok: false, code: 'FORBIDDEN', message: '没有权限进行此操作' }));
    render(<CampaignCopyPage />);
    fireEvent.click(await screen.findByTestId('source-campaign'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('copy'));
    });
    expect(events.find((e) => e.action === 'copy')).toMatchObject({ from: { campaignId: 'c-2026-a' } });
    await waitFor(() => expect(screen.getByTestId('save-error').textContent).toBe('没有权限进行此操作'));
    expect(calls.some((c) => c.api === 'redirectTo')).toBe(false);
  });
});
