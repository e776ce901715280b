import { toCstIso, type Campaign, type Case, type Entry } from '../../../types';
import type { IndexDeclaration } from '../db';

export const CASES = 'cases';

export const casesIndexes: IndexDeclaration[] = [
  { collection: CASES, name: 'status_published', keys: { status: 1, publishedAtMs: -1, _id: -1 } },
  { collection: CASES, name: 'status_year_published', keys: { status: 1, year: 1, publishedAtMs: -1, _id: -1 } },
  { collection: CASES, name: 'status_unit_published', keys: { status: 1, unitId: 1, publishedAtMs: -1, _id: -1 } },
  // 案例页按某一次评选筛选（cases.list 的 campaignId）
  { collection: CASES, name: 'status_campaign_published', keys: { status: 1, campaignId: 1, publishedAtMs: -1, _id: -1 } },
  // 组织部的待发布/已撤下列表（cases.drafts：status 为 draft 或 hidden，按 publishedAtMs 倒序）沿用 status_published
];

/**
 * 公布时由材料生成案例快照（A7 成果储备库）：只收获奖等级、且类别设定进入储备库的；否则返回 null。
 * 公布结果时生成 draft（组织部编辑后才发布到储备库）；演示数据里往届评选的案例直接为 published（视作已编辑发布）。
 * 纯函数：公布事务与演示数据共用。
 */
export function caseFromEntry(entry: Entry, campaign: Campaign, publishedAt: Date, status: 'draft' | 'published'): (Case & { publishedAtMs: number }) | null {
  const track = campaign.tracks.find((t) => t.key === entry.trackKey);
  const level = track?.pipeline.outcome?.levels.find((l) => l.key === entry.level);
  if (!track || !level || !level.isWin || !track.pipeline.publishToGallery) return null;
  const sections = track.form.sections
    .map((s) => ({ title: s.title, text: (entry.content.sections[s.key] ?? '').trim() }))
    .filter((s) => s.text);
  const photos = track.form.photoGroups.flatMap((g) => entry.content.photos[g.key] ?? []).map((p) => ({ fileID: p.fileID, caption: p.caption, url: '' }));
  const first = sections[0]?.text ?? '';
  return {
    _id: `case-${entry._id}`.slice(0, 64),
    entryId: entry._id,
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    kind: campaign.kind,
    year: campaign.year,
    unitId: entry.unitId,
    unitName: entry.unitName,
    entrantName: entry.entrantName,
    levelKey: level.key,
    levelLabel: level.label,
    title: entry.content.title,
    summary: first.length > 90 ? `${first.slice(0, 90)}…` : first,
    sections,
    photos,
    video: entry.content.video ? { fileID: entry.content.video.fileID, seconds: entry.content.video.seconds, url: '' } : null,
    publishedAt: toCstIso(publishedAt),
    publishedAtMs: publishedAt.getTime(),
    status,
    version: 0,
  };
}
