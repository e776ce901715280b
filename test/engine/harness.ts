import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { builtInTemplate } from '../../cloudfunctions/campaigns/templates';
import { buildMp4 } from '../support/mp4';
import {
  campaignBodySchema,
  contentFileIds,
  entryFilesDir,
  campaignDefinitionIssues,
  countZi,
  emptyContent,
  formatCst,
  parseCst,
  toCstIso,
  type Branch,
  type CampaignBody,
  type CampaignKind,
  type EntrantLevel,
  type Entry,
  type EntryContent,
  type EntryStatus,
  type Failure,
  type Photo,
  type Reply,
  type RoleGrant,
} from '../../types';
import { orgFixture } from '../support/org-fixture';

/**
 * 评选引擎测试的公共部分：把内置模板（五份通知）原样写成一次已发布的评选，
 * 在 orgFixture 的组织上经 campaigns / entries 云函数操作；时钟可以拨动（北京时间墙上时间）。
 *
 * 模板默认保留通知里的原始日期（A 2021、B 2022、C 2021、D 2024、E 2014），测试把时钟拨到通知里的某一天，
 * 这样同时证明模板的日期就是通知的日期。shiftTo 选项把模板整体平移到“夹具时刻所在的一年”，
 * 所有阶段都在该时刻开放（不关心日期、只关心规则的测试用）。
 */

export const EDITOR = 'o-editor'; // b-own 的支部书记
export const UNIT = 'o-unit-admin'; // u-own 的分党委管理员
export const DEPT = 'o-dept-admin'; // 组织部
export const MEMBER = 'o-member';
/** 外单位 u-far 的分党委管理员（由 bind 加上） */
export const FAR_UNIT = 'o-far-unit-admin';
export const FAR_UNIT_PERSON = { _id: 'a-far-admin', name: '外单位管理员', unitId: 'u-far', roles: [{ role: 'unitAdmin' as const, unitId: 'u-far' }] };

/** 只含汉字的一段文字，恰好 n 字（countZi），先写要点再用“党”补足 */
export function zi(n: number, parts: string[] = []): string {
  const head = parts.join('');
  if (countZi(head) > n) throw new Error(`要点已超过 ${n} 字`);
  const text = head + '党'.repeat(n - countZi(head));
  if (countZi(text) !== n) throw new Error('zi() 计数不符');
  return text;
}

/** 云存储文件编号（格式合法即可，测试不读文件内容） */
/**
 * 材料的文件都在 entries/<材料 id>/ 下（服务端核对归属，防止引用别人的文件）：
 * 保存时把测试内容里的文件路径放进这份材料的目录。
 */
export function ownFiles(action: string, input: object): object {
  const i = input as { id?: string; content?: unknown };
  if (action !== 'save' || !i.id || !i.content) return input;
  const dir = entryFilesDir(i.id);
  return { ...input, content: JSON.parse(JSON.stringify(i.content).replace(/(cloud:\/\/[^/"]+\/)(?!entries\/)/g, `$1${dir}`)) };
}

/** 按扩展名给一份文件头正确的小文件（本地云存储核对文件头与扩展名是否相符） */
export function placeholderFile(cloudPath: string): Buffer {
  const ext = cloudPath.split('.').pop()?.toLowerCase() ?? '';
  if (ext === 'jpg' || ext === 'jpeg') return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
  if (ext === 'png') return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  if (ext === 'pdf') return Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
  if (['docx', 'xlsx', 'pptx'].includes(ext)) return Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
  if (['doc', 'xls', 'ppt'].includes(ext)) return Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);
  return Buffer.from('test file');
}

export function fileId(cloudOrPrefix: LocalCloud | string, path: string): string {
  const prefix = typeof cloudOrPrefix === 'string' ? cloudOrPrefix : cloudOrPrefix.files.prefix;
  return `${prefix}${path}`;
}

export function photos(prefix: LocalCloud | string, n: number, caption = '党员志愿服务现场', key = 'p'): Photo[] {
  return Array.from({ length: n }, (_, i) => ({ fileID: fileId(prefix, `${key}/${i + 1}.jpg`), caption, width: 1600, height: 1200, size: 1000 }));
}

export function doc(prefix: LocalCloud | string, name: string) {
  return { fileID: fileId(prefix, `docs/${name}`), name, size: 1000 };
}

// ── 五份通知各自的一份合格材料 ───────────────────────────────────────

export const A_SUMMARY_PARTS = ['工作内容', '创新要点', '突出成效'];
export const A_BODY_PARTS = ['实施情况', '主要做法', '工作成效', '经验启示'];

/** A5：简介 ≤300 字写明三要点，正文 ≤2000 字含四部分，照片说明 ≤20 字；A1 开始日期；A4 盖章扫描件 */
export function contentA(prefix: LocalCloud | string, over: Partial<EntryContent> = {}): EntryContent {
  return {
    ...emptyContent(),
    title: '红色引擎党员先锋工程',
    sections: { summary: zi(280, A_SUMMARY_PARTS), body: zi(1800, A_BODY_PARTS) },
    dates: { startedOn: '2020-09-01' },
    photos: { main: photos(prefix, 5) },
    stampedScan: doc(prefix, 'stamped.pdf'),
    ...over,
  };
}

/** B 支部立项方案：主题（B1）+ 方案 */
export function contentBProject(over: Partial<EntryContent> = {}): EntryContent {
  return { ...emptyContent(), title: '学习二十大精神系列活动', sections: { plan: zi(800) }, choices: { theme: '加强理论武装' }, ...over };
}

/** B3 分党委年度总结：基本情况 ≤1000 字，特色案例 300–500 字各配 2–3 张照片，本年度立项结果汇总表，盖章扫描件 */
export function contentBSummary(prefix: LocalCloud | string, over: Partial<EntryContent> = {}): EntryContent {
  return {
    ...emptyContent(),
    title: '2021 年分党委开展支部立项工作总结',
    sections: { overview: zi(900), case1: zi(400) },
    photos: { case1: photos(prefix, 2, '支部立项活动现场', 'case1') },
    documents: [doc(prefix, 'results-table.xlsx')],
    stampedScan: doc(prefix, 'summary-stamped.pdf'),
    ...over,
  };
}

export const C_PLAN_PARTS = ['工作内容', '建设成果', '特色做法', '宣传推广'];

/** C1 创建工作方案 ≤1500 字含四部分 + 视频（≤8 分钟、MP4、≥1024×768）；C3 支部大会/支委会日期与两项确认 */
export function contentC(prefix: LocalCloud | string, over: Partial<EntryContent> = {}): EntryContent {
  return {
    ...emptyContent(),
    title: '书香党支部特色创建',
    sections: { plan: zi(1400, C_PLAN_PARTS) },
    dates: { meetingOn: '2021-03-25' },
    video: { fileID: fileId(prefix, 'video/show.mp4'), seconds: 470, width: 1920, height: 1080, format: 'mp4', size: 50_000_000 },
    declarations: { meeting: true, noRoutine: true },
    ...over,
  };
}

export const D_PLAN_PARTS = ['预期成果', '进度安排', '特色与创新点', '推广方案'];

/** D：方向（D3）、创建方案含四项（D7）、《条例》学习活动（D4）、盖章申报表（D6） */
export function contentD(prefix: LocalCloud | string, over: Partial<EntryContent> = {}): EntryContent {
  return {
    ...emptyContent(),
    title: '党建引领人才培养特色支部',
    sections: { plan: zi(1200, D_PLAN_PARTS), disciplineStudy: zi(300, ['纪律处分条例']) },
    choices: { direction: '人才培养' },
    stampedScan: doc(prefix, 'application-stamped.pdf'),
    ...over,
  };
}

/** E：方向五选一（E1）+ 总结材料 */
export function contentE(over: Partial<EntryContent> = {}): EntryContent {
  return { ...emptyContent(), title: '学生公寓临时党支部', sections: { summary: zi(1500) }, choices: { direction: '组织设置' }, ...over };
}

// ── 夹具 ────────────────────────────────────────────────────────────

export interface InstallOptions {
  id?: string;
  status?: 'draft' | 'open' | 'closed';
  /** 把模板整体平移到这一时刻所在的北京时间年份，且所有阶段都在该时刻开放（前后各 60 天） */
  openAround?: Date;
  /** 在写入前修改定义（如 C 的参与创建支部名单） */
  patch?: (body: CampaignBody) => void;
}

/** 模板 → 一次评选（校验定义无误后写入 campaigns 集合） */
export function templateBody(kind: CampaignKind, opts: Pick<InstallOptions, 'openAround' | 'patch'> = {}): CampaignBody {
  const body = builtInTemplate(kind);
  if (opts.openAround) {
    const at = opts.openAround.getTime();
    body.year = Number(formatCst(opts.openAround, 'YYYY'));
    body.stages = body.stages.map((s) => ({ ...s, startsAt: toCstIso(at - 60 * 86400_000), endsAt: toCstIso(at + 60 * 86400_000) }));
  }
  opts.patch?.(body);
  const parsed = campaignBodySchema.parse(body);
  const issues = campaignDefinitionIssues(parsed);
  if (issues.length) throw new Error(`模板定义有问题：${issues.join('；')}`);
  return parsed;
}

export interface Harness {
  cloud: LocalCloud;
  /** 把时钟拨到北京时间的某一刻（'YYYY-MM-DD HH:mm:ss'），可带毫秒偏移 */
  at(wall: string, plusMs?: number): void;
  now(): Date;
  install(kind: CampaignKind, opts?: InstallOptions): Promise<string>;
  call(fn: 'campaigns' | 'entries', action: string, input: object, openid: string): Promise<Reply<unknown>>;
  ok<T = Record<string, unknown>>(fn: 'campaigns' | 'entries', action: string, input: object, openid: string): Promise<T>;
  fail(fn: 'campaigns' | 'entries', action: string, input: object, openid: string): Promise<Failure>;
  /** entries.create + entries.save：返回材料编号 */
  draft(campaignId: string, trackKey: string, entrant: { level: EntrantLevel; id: string }, content: EntryContent, openid: string): Promise<string>;
  /** draft + submit */
  submitted(campaignId: string, trackKey: string, entrant: { level: EntrantLevel; id: string }, content: EntryContent, openid: string): Promise<string>;
  entry(id: string): Promise<Entry & { correction: (Entry['correction'] & { deadlineMs?: number }) | null }>;
  /** 直接写入一份材料（往届材料、某状态的起点） */
  insertEntry(e: InsertEntry): Promise<string>;
  insertBranch(b: Partial<Branch> & { _id: string; unitId: string }): Promise<void>;
  setBranch(id: string, patch: Partial<Branch>): Promise<void>;
  /** 再绑定一名操作者（如外单位的分党委管理员） */
  bind(openid: string, person: { _id: string; name: string; unitId: string | null; branchId?: string | null; roles: RoleGrant[] }): Promise<void>;
  close(): Promise<void>;
}

export interface InsertEntry {
  _id: string;
  campaignId: string;
  trackKey: string;
  kind: CampaignKind;
  year: number;
  entrant: { level: EntrantLevel; id: string; name?: string };
  unitId: string;
  status: EntryStatus;
  title?: string;
  content?: EntryContent;
  level?: string | null;
  quotaExempt?: boolean;
  correction?: Entry['correction'];
  branchId?: string | null;
  generalBranchId?: string | null;
}

/** 起一个本地云（orgFixture 的组织），时钟停在北京时间 wall */
export async function harness(wall: string): Promise<Harness> {
  // orgFixture 的时钟每次都返回它收到的这个 Date：改它的值即拨动时钟
  const clock = new Date(parseCst(wall).getTime());
  const cloud = await orgFixture(clock);
  const db = cloud.database.db;

  // 保存含视频的内容时，按内容里的时长与尺寸在这份材料的目录放一个真的 MP4（云端提交时读文件核对，C1）；
  // 新引用的文件像手机端一样先上传、再由保存者登记（entries.registerUpload），登记失败则由随后的保存报告
  const withVideoFile = async (action: string, input: object, openid: string): Promise<object> => {
    const owned = ownFiles(action, input) as { id?: string; content?: EntryContent };
    const v = owned.content?.video;
    if (action === 'save' && v) {
      const cloudPath = v.fileID.replace(/^cloud:\/\/[^/]+\//, '');
      await cloud.files.upload(cloudPath, buildMp4({ seconds: v.seconds, width: v.width, height: v.height, brand: v.format.toLowerCase() === 'mp4' ? 'isom' : 'qt  ' }));
    }
    if (action === 'save' && owned.id && owned.content) {
      const current = await cloud.database.db.collection('entries').doc(owned.id).get().then((r) => (r.data as unknown as Entry).content, () => null);
      const known = new Set(current ? contentFileIds(current) : []);
      for (const fileID of contentFileIds(owned.content)) {
        if (known.has(fileID)) continue;
        const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '');
        if (fileID !== v?.fileID) await cloud.files.upload(cloudPath, placeholderFile(cloudPath));
        await cloud.call('entries', { action: 'registerUpload', id: owned.id, fileID }, openid);
      }
    }
    return owned;
  };
  const h: Harness = {
    cloud,
    at(w, plusMs = 0) {
      clock.setTime(parseCst(w).getTime() + plusMs);
    },
    now: () => new Date(clock.getTime()),
    async install(kind, opts = {}) {
      const body = templateBody(kind, opts);
      const id = opts.id ?? `c-${kind.toLowerCase()}`;
      await db.collection('campaigns').doc(id).set({ data: { ...body, status: opts.status ?? 'open', version: 1 } });
      return id;
    },
    call: (fn, action, input, openid) => cloud.call(fn, { action, ...input }, openid),
    async ok(fn, action, input, openid) {
      const reply = await cloud.call(fn, { action, ...(await withVideoFile(action, input, openid)) }, openid);
      if (!reply.ok) throw new Error(`${fn}.${action} 失败：${reply.code} ${reply.message}`);
      return reply.data as never;
    },
    async fail(fn, action, input, openid) {
      const reply = await cloud.call(fn, { action, ...(await withVideoFile(action, input, openid)) }, openid);
      if (reply.ok) throw new Error(`${fn}.${action} 本应失败却成功了：${JSON.stringify(reply.data).slice(0, 300)}`);
      return reply;
    },
    async draft(campaignId, trackKey, entrant, content, openid) {
      const { _id } = await h.ok<{ _id: string; version: number }>('entries', 'create', { campaignId, trackKey, entrant, title: content.title }, openid);
      const e = await h.entry(_id);
      await h.ok('entries', 'save', { id: _id, expectedVersion: e.version, content }, openid);
      return _id;
    },
    async submitted(campaignId, trackKey, entrant, content, openid) {
      const id = await h.draft(campaignId, trackKey, entrant, content, openid);
      await h.ok('entries', 'submit', { id }, openid);
      return id;
    },
    async entry(id) {
      return (await db.collection('entries').doc(id).get()).data as never;
    },
    async insertEntry(e) {
      const at = toCstIso(clock);
      const content = e.content ?? { ...emptyContent(), title: e.title ?? e._id };
      const record = {
        campaignId: e.campaignId,
        trackKey: e.trackKey,
        kind: e.kind,
        year: e.year,
        entrantLevel: e.entrant.level,
        entrantKey: `${e.entrant.level}:${e.entrant.id}`,
        entrantName: e.entrant.name ?? e.entrant.id,
        unitId: e.unitId,
        unitName: e.unitId,
        generalBranchId: e.generalBranchId ?? (e.entrant.level === 'generalBranch' ? e.entrant.id : null),
        branchId: e.branchId ?? (e.entrant.level === 'branch' ? e.entrant.id : null),
        content: { ...content, title: e.title ?? content.title },
        status: e.status,
        level: e.level ?? null,
        rating: null,
        quotaExempt: e.quotaExempt ?? false,
        correction: e.correction ?? null,
        unitComment: '',
        progress: [],
        inspections: [],
        closingReport: '',
        history: [],
        createdAt: at,
        updatedAt: at,
        updatedAtMs: clock.getTime(),
        submittedAt: e.status === 'draft' ? null : at,
        version: 1,
      };
      await db.collection('entries').doc(e._id).set({ data: record });
      return e._id;
    },
    async insertBranch(b) {
      const { _id, ...rest } = b;
      await db.collection('branches').doc(_id).set({ data: { generalBranchId: null, name: _id, kind: 'staff', memberCount: 10, model: null, active: true, version: 1, ...rest } });
    },
    async setBranch(id, patch) {
      // update 对对象字段做深合并（model 由 null 改为对象会出错），整条重写
      const { _id, ...rest } = (await db.collection('branches').doc(id).get()).data as Branch & { version: number };
      await db.collection('branches').doc(_id ?? id).set({ data: { ...rest, ...patch } });
    },
    async bind(openid, person) {
      const { _id, ...rest } = person;
      await db.collection('people').doc(_id).set({ data: { personNo: _id.toUpperCase(), phone: null, branchId: null, ...rest, version: 1 } });
      await db.collection('bindings').doc(openid).set({ data: { personId: _id, boundAt: new Date(clock.getTime()), boundBy: 'test' } });
    },
    close: () => cloud.close(),
  };
  return h;
}

/** 失败回复的断言：错误码 + 说明里应出现的片段（规则编号等） */
export function expectFailure(reply: Failure, code: Failure['code'], ...fragments: string[]): void {
  expect({ code: reply.code, message: reply.message }).toEqual({ code, message: expect.any(String) });
  for (const f of fragments) expect(reply.message).toContain(f);
}
