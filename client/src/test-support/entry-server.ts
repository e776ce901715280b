import { checkTrackContent, type Campaign, type Entry, type EntryContent, type RuleResult, type TransitionAction } from '@contract/index';
import { setTransport } from '@/services/transport';

/**
 * 组件测试用的假 entries/campaigns 服务端（只在测试里用）：get/save/registerUpload/submit/resubmit/withdraw，
 * save 按 expectedVersion 答 CONFLICT；可以让接下来的保存断网，或模拟另一位编辑先保存了。
 */
export type Ev = { fn: string; action: string; [k: string]: unknown };

export interface FakeEntryServer {
  events: Ev[];
  current(): Entry;
  /** 另一位编辑保存了：版本加一 */
  otherEditorSaves(patch: Partial<EntryContent>, at?: string): void;
  /** 接下来 n 次 save 断网（INTERNAL） */
  failSaves(n: number): void;
  /** 让 save 挂起，直到调用返回的函数 */
  holdSaves(): () => void;
  saves(): Ev[];
  /** 接下来的上传登记（registerUpload）一律被拒 */
  rejectRegistrations(): void;
}

export function campaignSummary(c: Campaign) {
  return { _id: c._id, kind: c.kind, title: c.title, year: c.year, status: c.status, docNumber: c.docNumber, noticeId: c.noticeId, version: c.version, stages: c.stages, tracks: c.tracks.map((t) => ({ key: t.key, label: t.label })) };
}

export function serveEntry(
  entry: Entry,
  campaign: Campaign,
  opts: { actions?: TransitionAction[]; results?: RuleResult[]; fileUrls?: Record<string, string>; savedAt?: string } = {},
): FakeEntryServer {
  let current = entry;
  const events: Ev[] = [];
  let failing = 0;
  let hold: Promise<void> | null = null;
  let rejectRegistrations = false;
  const track = campaign.tracks.find((t) => t.key === entry.trackKey) ?? campaign.tracks[0];
  const actions = () => opts.actions ?? (['draft', 'returned'].includes(current.status) ? ['submit'] : current.status === 'correctionRequested' ? ['resubmit'] : current.status === 'submitted' ? ['withdraw'] : []);
  setTransport(async (name, e) => {
    const ev = { fn: name, ...(e as { action: string }) } as Ev;
    events.push(ev);
    if (name === 'campaigns') return { ok: true, data: campaign };
    switch (ev.action) {
      case 'get':
        return { ok: true, data: { entry: current, campaign: campaignSummary(campaign), results: opts.results ?? checkTrackContent(track, current.content), actions: actions(), fileUrls: opts.fileUrls ?? {} } };
      case 'save': {
        if (hold) await hold;
        if (failing > 0) {
          failing -= 1;
          return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
        }
        if (ev.expectedVersion !== current.version) return { ok: false, code: 'CONFLICT', message: '这份材料已被他人修改，请刷新后再编辑（您的内容仍保留在本机）' };
        const updatedAt = opts.savedAt ?? '2027-11-02T02:30:00Z';
        current = { ...current, content: ev.content as EntryContent, version: current.version + 1, updatedAt };
        return { ok: true, data: { version: current.version, updatedAt, results: checkTrackContent(track, current.content) } };
      }
      case 'submit':
      case 'resubmit': {
        const to = ev.action === 'submit' ? 'submitted' : 'resubmitted';
        current = {
          ...current,
          status: to,
          version: current.version + 1,
          history: [...current.history, { at: '2027-11-03T01:00:00Z', action: ev.action, from: current.status, to, actorPersonId: 'p-sec-cs-stu1', actorName: '李支书', note: '' }],
        };
        return { ok: true, data: { status: to, version: current.version, repeated: false, warnings: [] } };
      }
      case 'registerUpload': {
        // 与服务端一致：只登记这份材料目录下的文件；registerFails 时答 FILE_REJECTED
        const fileID = String(ev.fileID ?? '');
        if (rejectRegistrations || !fileID.includes(`/entries/${current._id}/`)) return { ok: false, code: 'FILE_REJECTED', message: '文件不在这份材料的目录下，请重新上传' };
        return { ok: true, data: { fileID } };
      }
      case 'withdraw': {
        current = { ...current, status: 'withdrawn', version: current.version + 1 };
        return { ok: true, data: { status: 'withdrawn', version: current.version, repeated: false, warnings: [] } };
      }
      default:
        return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
    }
  });
  return {
    events,
    current: () => current,
    otherEditorSaves(patch, at = '2027-11-02T03:05:00Z') {
      current = { ...current, content: { ...current.content, ...patch }, version: current.version + 1, updatedAt: at };
    },
    failSaves(n) {
      failing = n;
    },
    holdSaves() {
      let release: () => void = () => undefined;
      hold = new Promise<void>((r) => {
        release = r;
      });
      return () => {
        hold = null;
        release();
      };
    },
    saves: () => events.filter((x) => x.action === 'save'),
    rejectRegistrations() {
      rejectRegistrations = true;
    },
  };
}
