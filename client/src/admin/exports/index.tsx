import { useEffect, useState } from 'react';
import { Input, Picker, RichText, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_KINDS, EXPORT_JOB_STATUS_LABELS, EXPORT_KIND_LABELS, type CampaignSummary, type ExportJob } from '@contract/index';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, messageOf } from '@/services/cloud';
import { usePagedList, usePagedListPage } from '@/services/paged-list';
import ListFooter from '../shared/ListFooter';
import { isDeptAdmin, useMe } from '../shared/session';
import { toast } from '../shared/ui';
import { openExport } from './deliver';
import '../shared/admin.scss';
import './index.scss';

const PAGE_SIZE = 10;
/** 有导出在生成时多久刷新一次进度 */
const POLL_MS = 800;

type StartEvent =
  | { action: 'summaryXlsx'; campaignId: string; unitId?: string }
  | { action: 'casebookPdf' | 'casebookDocx'; year?: number; kind?: (typeof CAMPAIGN_KINDS)[number] }
  | { action: 'materialsPdf' | 'applicationForm' | 'evaluationForm'; entryId: string }
  | { action: 'article'; caseId: string; toDraft: boolean };

const TONES: Record<ExportJob['status'], string> = { running: 'blue', done: 'green', failed: 'red' };

/**
 * 导出文件（issue 7）：立项结果汇总表（B3）、案例汇编 PDF/Word（C1.6）、一份材料的支撑材料合成 PDF（A6）、
 * 申报表（D6）与评价表（C1.4）、公众号文章（A7、C1.3）。生成中显示进度条，完成后打开/下载。
 * 从材料详情进入时带 entryId，从案例进入时带 caseId；分党委管理员带 unitId（只能导本单位）。
 */
function ExportsPage() {
  const { params } = useRouter();
  const entryId = params.entryId ? decodeURIComponent(params.entryId) : '';
  const caseId = params.caseId ? decodeURIComponent(params.caseId) : '';
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : '';
  const me = useMe();
  const dept = isDeptAdmin(me);
  // 生成中每 0.8 秒刷新一次第一页：一次刷新失败不清空列表（keepItemsOnError）
  const list = usePagedList((cursor?: string) => callFunction('exports', 'list', { pageSize: PAGE_SIZE, cursor }), { keepItemsOnError: true, onLoadMoreError: toast });
  const [pending, setPending] = useState(0);
  const [campaigns, setCampaigns] = useState<CampaignSummary[]>([]);
  const [campaignIndex, setCampaignIndex] = useState(0);
  const [year, setYear] = useState('');
  const [kindIndex, setKindIndex] = useState(0);
  const [preview, setPreview] = useState<string | null>(null);
  usePagedListPage(list);

  // 汇总表选评选：组织部与分党委管理员
  useEffect(() => {
    if (entryId || caseId) return;
    callFunction('campaigns', 'list', { status: 'all', pageSize: 30 })
      .then((page) => {
        // 立项类（B）排前面：汇总表多为支部立项结果
        setCampaigns([...page.items].sort((a, b) => Number(b.kind === 'B') - Number(a.kind === 'B') || b.year - a.year));
      })
      .catch(() => setCampaigns([]));
  }, [entryId, caseId]);

  // 生成中：轮询第一页，显示进度
  const running = pending > 0 || list.items.some((j) => j.status === 'running');
  const { refresh } = list;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const start = async (event: StartEvent) => {
    setPending((n) => n + 1);
    setTimeout(() => list.refresh(), 200); // 任务记录一建好就出现在列表里
    try {
      const { action, ...input } = event;
      const job = (await callFunction('exports', action, input as never)) as ExportJob;
      toast(job.article?.draft ? (job.article.draft.target === 'outbox' ? '已存入草稿（本地发件箱）' : '已存入公众号草稿箱') : '已生成');
    } catch (err) {
      toast(messageOf(err));
    } finally {
      setPending((n) => n - 1);
      list.refresh();
    }
  };

  const campaign = campaigns[campaignIndex];
  const yearNumber = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : undefined;
  const kindOptions = ['全部类型', ...CAMPAIGN_KINDS.map((k) => CAMPAIGN_KIND_LABELS[k])];
  const casebookFilter = { ...(yearNumber ? { year: yearNumber } : {}), ...(kindIndex > 0 ? { kind: CAMPAIGN_KINDS[kindIndex - 1] } : {}) };

  const copyHtml = (job: ExportJob) => {
    if (!job.article) return;
    Taro.setClipboardData({ data: job.article.html }).then(
      () => toast('正文 HTML 已复制，可粘贴到公众号编辑器'),
      () => toast('复制失败'),
    );
  };

  return (
    <View className='adm-page exports-page'>
      {entryId ? (
        <View className='adm-card' data-testid='entry-exports'>
          <Text className='adm-section-title'>这份申报材料</Text>
          <View className='exports-page__actions'>
            <View className='adm-btn' data-testid='start-materials' onClick={() => start({ action: 'materialsPdf', entryId })}>
              <Text>支撑材料合成 PDF</Text>
            </View>
            <View className='adm-btn adm-btn--ghost' data-testid='start-application' onClick={() => start({ action: 'applicationForm', entryId })}>
              <Text>申报表（待盖章）</Text>
            </View>
            <View className='adm-btn adm-btn--ghost' data-testid='start-evaluation' onClick={() => start({ action: 'evaluationForm', entryId })}>
              <Text>评价表</Text>
            </View>
          </View>
          <Text className='adm-form__hint'>申报表打印、签字盖章后扫描，在材料的“盖章扫描件”处上传（A4、D6）。</Text>
        </View>
      ) : null}
      {caseId && dept ? (
        <View className='adm-card' data-testid='case-exports'>
          <Text className='adm-section-title'>“We党微家”公众号文章</Text>
          <View className='exports-page__actions'>
            <View className='adm-btn' data-testid='start-article' onClick={() => start({ action: 'article', caseId, toDraft: false })}>
              <Text>生成文章</Text>
            </View>
            <View className='adm-btn adm-btn--ghost' data-testid='start-article-draft' onClick={() => start({ action: 'article', caseId, toDraft: true })}>
              <Text>生成并存入草稿箱</Text>
            </View>
          </View>
        </View>
      ) : null}
      {!entryId && !caseId && me ? (
        <View className='adm-card' data-testid='new-exports'>
          <Text className='adm-section-title'>立项结果汇总表（Excel）</Text>
          {campaigns.length ? (
            <Picker mode='selector' range={campaigns.map((c) => c.title)} value={campaignIndex} onChange={(e) => setCampaignIndex(Number(e.detail.value))}>
              <View className='adm-form__picker' data-testid='campaign-picker'>
                <Text>{campaign?.title ?? '选择评选'}</Text>
              </View>
            </Picker>
          ) : (
            <Text className='adm-form__hint'>还没有可导出的评选</Text>
          )}
          <View className='exports-page__actions'>
            <View
              className={`adm-btn${campaign ? '' : ' adm-btn--disabled'}`}
              data-testid='start-summary'
              onClick={() => campaign && start({ action: 'summaryXlsx', campaignId: campaign._id, ...(unitId || !dept ? { unitId: unitId || undefined } : {}) })}
            >
              <Text>{unitId || !dept ? '导出本单位汇总表' : '导出全校汇总表'}</Text>
            </View>
          </View>
          {dept ? (
            <>
              <Text className='adm-section-title exports-page__gap'>案例汇编 / 成果文集</Text>
              <View className='exports-page__filters'>
                <Input className='adm-form__picker exports-page__year' type='number' maxlength={4} placeholder='年度（全部）' value={year} onInput={(e) => setYear(e.detail.value)} data-testid='casebook-year' />
                <Picker mode='selector' range={kindOptions} value={kindIndex} onChange={(e) => setKindIndex(Number(e.detail.value))}>
                  <View className='adm-form__picker' data-testid='casebook-kind'>
                    <Text>{kindOptions[kindIndex]}</Text>
                  </View>
                </Picker>
              </View>
              <View className='exports-page__actions'>
                <View className='adm-btn' data-testid='start-casebook-pdf' onClick={() => start({ action: 'casebookPdf', ...casebookFilter })}>
                  <Text>汇编 PDF</Text>
                </View>
                <View className='adm-btn adm-btn--ghost' data-testid='start-casebook-docx' onClick={() => start({ action: 'casebookDocx', ...casebookFilter })}>
                  <Text>汇编 Word</Text>
                </View>
              </View>
              <Text className='adm-form__hint'>收已公布的案例（成果储备库，A7），按公布时间倒序，每本最多 60 篇。</Text>
            </>
          ) : null}
        </View>
      ) : null}

      <View className='adm-toolbar'>
        <Text className='adm-toolbar__title'>我的导出</Text>
      </View>
      {list.status === 'loading' ? <StateView kind='loading' /> : null}
      {list.status === 'error' ? <StateView kind='error' message={list.error} onRetry={() => list.refresh()} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? <StateView kind='empty' message='还没有导出过文件。' /> : null}
      {list.items.map((job) => (
        <View key={job._id} className='adm-card' data-testid='export-job' data-status={job.status} data-kind={job.kind}>
          <Text className='adm-card__title'>{job.title}</Text>
          <View className='adm-card__meta'>
            <Text className={`adm-tag adm-tag--${TONES[job.status]}`}>{EXPORT_JOB_STATUS_LABELS[job.status]}</Text>
            <Text>{EXPORT_KIND_LABELS[job.kind]}</Text>
            <Text>{job.createdAt.slice(0, 16).replace('T', ' ')}</Text>
            {job.durationMs != null ? <Text>用时 {(job.durationMs / 1000).toFixed(1)} 秒</Text> : null}
          </View>
          {job.status === 'running' ? (
            <View className='exports-page__progress' data-testid='export-progress'>
              <View className='exports-page__bar'>
                <View className='exports-page__fill' style={{ width: `${job.progress}%` }} />
              </View>
              <Text className='exports-page__step'>
                {job.progress}% · {job.step}
              </Text>
            </View>
          ) : null}
          {job.status === 'failed' ? <Text className='exports-page__error'>{job.error}</Text> : null}
          {job.status === 'done' && job.fileName ? (
            <View className='adm-card__meta'>
              {job.url ? (
                <Text className='adm-link' data-testid='export-open' onClick={() => openExport(job).catch((err) => toast(messageOf(err)))}>
                  {process.env.TARO_ENV === 'weapp' ? '打开' : '下载'} {job.fileName}
                </Text>
              ) : (
                <Text>链接已失效，请重新导出</Text>
              )}
            </View>
          ) : null}
          {job.status === 'done' && job.article ? (
            <View className='adm-card__meta'>
              {job.article.draft ? <Text>{job.article.draft.target === 'outbox' ? '已记入本地发件箱' : '已存入公众号草稿箱'}</Text> : null}
              <Text className='adm-link' data-testid='article-copy' onClick={() => copyHtml(job)}>
                复制正文 HTML
              </Text>
              <Text className='adm-link' data-testid='article-preview' onClick={() => setPreview(preview === job._id ? null : job._id)}>
                {preview === job._id ? '收起预览' : '预览'}
              </Text>
            </View>
          ) : null}
          {preview === job._id && job.article ? <RichText className='exports-page__article' nodes={job.article.html} /> : null}
        </View>
      ))}
      {list.status === 'ready' && list.items.length > 0 ? <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} onLoadMore={list.loadMore} /> : null}
    </View>
  );
}

export default withSystemFont(ExportsPage);
