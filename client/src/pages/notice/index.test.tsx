import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Notice } from '@contract/index';
import { calls, resetTaro, setRouterParams, trigger } from '../../../../test/stubs/taro';
import { setTransport } from '@/services/transport';
import NoticePage from './index';

const NOTICE: Notice = {
  _id: 'n53',
  title: '关于开展东北大学 2021 年度基层党建工作创新奖评选活动的通知',
  docNumber: '东大组字〔2021〕53号',
  issuer: '中共东北大学委员会组织部',
  issuedOn: '2021-10-26',
  publishedAt: '2021-10-26T09:00:00+08:00',
  kind: 'A',
  summary: '各分党委（直属党总支）……',
  body: '各分党委（直属党总支）：\n\n一、评选范围\n\n各基层党组织……工作开展一年以上。\n第二行仍属本段。\n\n\n二、评选标准',
  attachments: [
    { name: '创新奖申报表.docx', fileID: 'cloud://env-1.bucket/notices/n53/form.docx', size: 35 * 1024 },
    { name: '汇总表.xlsx', fileID: 'cloud://env-1.bucket/notices/n53/table.xlsx', size: 2 * 1024 * 1024 + 300 * 1024 },
  ],
};

describe('通知详情 page', () => {
  let events: unknown[];
  beforeEach(() => {
    resetTaro();
    events = [];
  });
  afterEach(() => setTransport(null));

  it('asks for the notice in the route and shows title, meta, paragraphs and attachments', async () => {
    setRouterParams({ id: 'n53' });
    setTransport(async (name, e) => {
      events.push([name, e]);
      return { ok: true, data: NOTICE };
    });
    render(<NoticePage />);
    expect(await screen.findByText(NOTICE.title)).toBeTruthy();
    // 通知有类型（A）：再查这一类正在进行的评选，看有没有按本通知开展的
    expect(events).toEqual([
      ['notices', { action: 'get', id: 'n53' }],
      ['campaigns', { action: 'list', status: 'open', kind: 'A', pageSize: 50 }],
    ]);
    expect(screen.queryByTestId('join-campaign')).toBeNull(); // 评选列表取不到：不显示入口，通知照常
    expect(screen.getByTestId('notice-meta').textContent).toBe('东大组字〔2021〕53号中共东北大学委员会组织部2021-10-26');
    expect(screen.getByText('基层党建工作创新奖')).toBeTruthy();
    const paragraphs = screen.getAllByTestId('notice-paragraph').map((p) => p.textContent);
    expect(paragraphs).toEqual(['各分党委（直属党总支）：', '一、评选范围', '各基层党组织……工作开展一年以上。\n第二行仍属本段。', '二、评选标准']);
    expect(screen.getByText('一、评选范围').className).toContain('notice-page__paragraph--heading');
    const attachments = screen.getAllByTestId('attachment').map((a) => a.textContent);
    expect(attachments).toEqual(['创新奖申报表.docx35 KB', '汇总表.xlsx2.3 MB']);
  });

  it('offers “参加评选” for an open campaign run under this notice, and nothing for other notices’ campaigns', async () => {
    setRouterParams({ id: 'n53' });
    const summary = (id: string, noticeId: string | null, title: string) => ({
      _id: id,
      kind: 'A',
      title,
      year: 2027,
      status: 'open',
      docNumber: '',
      noticeId,
      version: 2,
      stages: [{ key: 'submission', label: '申报填报', startsAt: '2027-10-26T00:00:00+08:00', endsAt: '2027-11-30T23:59:00+08:00', note: '' }],
      tracks: [{ key: 'main', label: '创新奖' }],
    });
    setTransport(async (name, e) => {
      events.push([name, e]);
      if (name === 'notices') return { ok: true, data: NOTICE };
      return { ok: true, data: { items: [summary('c-2027a', 'n53', '2027 年度基层党建工作创新奖'), summary('c-other', 'n99', '另一份通知的评选')], nextCursor: null } };
    });
    render(<NoticePage />);
    const join = await screen.findAllByTestId('join-campaign');
    expect(join).toHaveLength(1);
    expect(join[0].textContent).toContain('2027 年度基层党建工作创新奖');
    expect(join[0].textContent).toContain('申报截止 2027-11-30 23:59（北京时间）');
    fireEvent.click(screen.getByText('参加评选'));
    expect(calls).toContainEqual({ api: 'navigateTo', arg: { url: '/entry/start/index?campaignId=c-2027a' } });
  });

  it('shares the notice page itself to a chat', async () => {
    setRouterParams({ id: 'n53' });
    setTransport(async () => ({ ok: true, data: NOTICE }));
    render(<NoticePage />);
    await screen.findByText(NOTICE.title);
    const [share] = await trigger('shareAppMessage');
    expect(share).toEqual({ title: NOTICE.title, path: '/pages/notice/index?id=n53' });
  });

  it('tells the reader when the notice is gone, and retries', async () => {
    setRouterParams({ id: 'n404' });
    let gone = true;
    setTransport(async () => (gone ? { ok: false, code: 'NOT_FOUND', message: '内容不存在或已删除' } : { ok: true, data: NOTICE }));
    render(<NoticePage />);
    expect(await screen.findByText('内容不存在或已删除')).toBeTruthy();
    gone = false;
    await act(async () => {
      fireEvent.click(screen.getByText('重试'));
    });
    expect(await screen.findByText(NOTICE.title)).toBeTruthy();
  });

  it('explains a broken link without calling the cloud', async () => {
    setTransport(async (name, e) => {
      events.push([name, e]);
      return { ok: true, data: NOTICE };
    });
    render(<NoticePage />);
    expect(await screen.findByText('链接不完整，找不到这条通知')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
    expect(events).toEqual([]);
  });

  it('in the browser, an attachment without a temporary link explains instead of failing silently', async () => {
    setRouterParams({ id: 'n53' });
    setTransport(async () => ({ ok: true, data: NOTICE }));
    render(<NoticePage />);
    fireEvent.click((await screen.findAllByTestId('attachment'))[0]);
    expect(calls.map((c) => c.api)).toContain('showToast');
  });
});
