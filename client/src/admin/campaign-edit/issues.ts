import type { z } from 'zod';
import { campaignBodySchema, campaignDefinitionIssues, describeIssue, UNIT_KIND_LABELS, UNIT_KINDS, type CampaignBody } from '@contract/index';

type Path = (string | number)[];

const QUOTA_FIELDS: Record<string, string> = { maxPerUnit: '每单位推荐上限', minPerUnit: '每单位至少推荐数', maxBySize: '按规模分档上限' };
const STAGE_FIELDS: Record<string, string> = { startsAt: '开始时间', endsAt: '截止时间', note: '截止说明', label: '名称' };
const SECTION_FIELDS: Record<string, string> = { maxChars: '字数上限', minChars: '字数下限' };
const PHOTO_FIELDS: Record<string, string> = { min: '最少张数', max: '最多张数', captionMaxChars: '说明字数上限' };

/** 校验问题出在哪里（中文）：如 阶段“申报填报”的截止时间、“创新奖”“案例简介”的字数上限 */
function where(body: CampaignBody, path: Path, withField: boolean): string {
  const [head, i, area, a, b, c] = path;
  const field = (names: Record<string, string>, key: unknown) => (withField && typeof key === 'string' && names[key] ? `的${names[key]}` : '');
  if (head === 'title') return '评选名称';
  if (head === 'year') return '年度';
  if (head === 'docNumber') return '文号';
  if (head === 'stages' && typeof i === 'number') {
    return `阶段“${body.stages[i]?.label ?? i + 1}”${field(STAGE_FIELDS, area)}`;
  }
  if (head === 'tracks' && typeof i === 'number') {
    const t = body.tracks[i];
    const name = `“${t?.label ?? i + 1}”`;
    if (area === 'quota') {
      if (a === 'minByUnitKind' && typeof b === 'string') return `${name}${UNIT_KIND_LABELS[b as (typeof UNIT_KINDS)[number]] ?? b}至少推荐数`;
      return `${name}${field(QUOTA_FIELDS, a)}`;
    }
    if (area === 'form' && a === 'sections' && typeof b === 'number') return `${name}“${t?.form.sections[b]?.title ?? b + 1}”${field(SECTION_FIELDS, c)}`;
    if (area === 'form' && a === 'photoGroups' && typeof b === 'number') return `${name}“${t?.form.photoGroups[b]?.label ?? b + 1}”${field(PHOTO_FIELDS, c)}`;
    if (area === 'form' && a === 'video') return `${name}视频时长上限`;
    return name;
  }
  return path.join('.');
}

/** 一条 zod 问题的中文说法 */
export function issueText(body: CampaignBody, issue: z.ZodIssue): string {
  // 自定义规则（如起止先后）自带完整说法，不再重复字段名
  const place = where(body, issue.path, issue.code !== 'custom');
  return place ? `${place}：${describeIssue(issue)}` : describeIssue(issue);
}

/** 保存前的检查：契约的字段校验 + 定义层面的一致性；通过时给出规范化后的内容 */
export function validateBody(body: CampaignBody): { ok: true; body: CampaignBody } | { ok: false; issues: string[] } {
  const parsed = campaignBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: [...new Set(parsed.error.issues.map((i) => issueText(body, i)))] };
  const more = campaignDefinitionIssues(parsed.data);
  return more.length ? { ok: false, issues: more } : { ok: true, body: parsed.data };
}
