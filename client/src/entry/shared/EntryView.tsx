import { Image, Text, Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDuration, type EntryContent, type EntryForm } from '@contract/index';
import { formatBytes, openAttachment } from '@/services/attachments';
import './EntryView.scss';

export interface EntryViewProps {
  content: EntryContent;
  /** 评选类别的表单：各段标题与顺序；取不到时按内容里的键显示 */
  form: EntryForm | null;
  entrantName: string;
  unitName?: string;
  campaignTitle?: string;
  /** fileID → 可显示/下载的链接 */
  urls: Record<string, string>;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * 申报材料的只读视图：评审看到的样子——名称、申报主体、各段（带小标题）、照片与说明、视频、支撑材料与扫描件。
 * 预览页与不可编辑时的详情页共用。
 */
export default function EntryView({ content, form, entrantName, unitName, campaignTitle, urls }: EntryViewProps) {
  const sections = form ? form.sections.map((s) => ({ key: s.key, title: s.title })) : Object.keys(content.sections).map((key) => ({ key, title: key }));
  const groups = form ? form.photoGroups.map((g) => ({ key: g.key, label: g.label })) : Object.keys(content.photos).map((key) => ({ key, label: '照片' }));
  const choices = form ? form.choices.filter((c) => content.choices[c.key]).map((c) => ({ label: c.label, value: content.choices[c.key] })) : [];
  const dates = form ? form.dates.filter((d) => content.dates[d.key]).map((d) => ({ label: d.label, value: content.dates[d.key] })) : [];
  const declarations = form ? form.declarations.filter((d) => content.declarations[d.key]) : [];
  const allPhotoUrls = groups.flatMap((g) => (content.photos[g.key] ?? []).map((p) => urls[p.fileID]).filter(Boolean));
  const videoUrl = content.video ? urls[content.video.fileID] : undefined;

  return (
    <View className='entry-view' data-testid='entry-view'>
      {campaignTitle ? <Text className='entry-view__campaign'>{campaignTitle}</Text> : null}
      <Text className='entry-view__title' data-testid='view-title'>
        {content.title || '（未填写名称）'}
      </Text>
      <Text className='entry-view__entrant' data-testid='view-entrant'>
        {entrantName}
        {unitName && unitName !== entrantName ? ` · ${unitName}` : ''}
      </Text>

      {choices.length || dates.length ? (
        <View className='entry-view__facts'>
          {[...choices, ...dates].map((f) => (
            <View key={f.label} className='entry-view__fact'>
              <Text className='entry-view__fact-label'>{f.label}</Text>
              <Text className='entry-view__fact-value'>{f.value}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {sections.map((s) => {
        const text = content.sections[s.key] ?? '';
        if (!text.trim()) return null;
        return (
          <View key={s.key} className='entry-view__section' data-testid={`view-section-${s.key}`}>
            <Text className='entry-view__heading'>{s.title}</Text>
            {paragraphs(text).map((p, i) => (
              <Text key={i} className='entry-view__para'>
                {p}
              </Text>
            ))}
          </View>
        );
      })}

      {groups.map((g) => {
        const photos = content.photos[g.key] ?? [];
        if (!photos.length) return null;
        return (
          <View key={g.key} className='entry-view__section' data-testid={`view-photos-${g.key}`}>
            <Text className='entry-view__heading'>{g.label}</Text>
            {photos.map((p, i) => (
              <View key={p.fileID} className='entry-view__photo' data-testid='view-photo'>
                {urls[p.fileID] ? (
                  <Image
                    className='entry-view__image'
                    src={urls[p.fileID]}
                    mode='widthFix'
                    onClick={() => Taro.previewImage({ current: urls[p.fileID], urls: allPhotoUrls })}
                  />
                ) : (
                  <View className='entry-view__image entry-view__image--missing'>
                    <Text>图片暂时无法显示</Text>
                  </View>
                )}
                <Text className='entry-view__caption' data-testid='view-caption'>
                  图 {i + 1}　{p.caption || '（无说明）'}
                </Text>
              </View>
            ))}
          </View>
        );
      })}

      {content.video ? (
        <View className='entry-view__section' data-testid='view-video'>
          <Text className='entry-view__heading'>{form?.video?.label ?? '视频'}</Text>
          {videoUrl ? <Video className='entry-view__video' src={videoUrl} controls objectFit='contain' /> : null}
          <Text className='entry-view__meta'>
            时长 {formatDuration(content.video.seconds)} · {content.video.width}×{content.video.height} · {content.video.format.toUpperCase()}
          </Text>
        </View>
      ) : null}

      {content.documents.length ? (
        <View className='entry-view__section' data-testid='view-documents'>
          <Text className='entry-view__heading'>{form?.documents?.label ?? '支撑材料'}</Text>
          {form?.documents?.mergeIntoPdf && content.documents.length > 1 ? <Text className='entry-view__meta'>以下 {content.documents.length} 份将合成一个带目录的 PDF</Text> : null}
          {content.documents.map((d, i) => (
            <View key={d.fileID} className='entry-view__file' data-testid='view-document' onClick={() => openAttachment({ name: d.name, fileID: d.fileID, url: urls[d.fileID] })}>
              <Text className='entry-view__file-name'>
                {i + 1}. {d.name}
              </Text>
              <Text className='entry-view__file-size'>{formatBytes(d.size)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {content.stampedScan ? (
        <View className='entry-view__section' data-testid='view-scan'>
          <Text className='entry-view__heading'>{form?.stampedScan?.label ?? '盖章扫描件'}</Text>
          <View
            className='entry-view__file'
            onClick={() => content.stampedScan && openAttachment({ name: content.stampedScan.name, fileID: content.stampedScan.fileID, url: urls[content.stampedScan.fileID] })}
          >
            <Text className='entry-view__file-name'>{content.stampedScan.name}</Text>
            <Text className='entry-view__file-size'>{formatBytes(content.stampedScan.size)}</Text>
          </View>
        </View>
      ) : null}

      {declarations.length ? (
        <View className='entry-view__section'>
          <Text className='entry-view__heading'>申报方确认</Text>
          {declarations.map((d) => (
            <Text key={d.key} className='entry-view__para'>
              ✓ {d.text}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
