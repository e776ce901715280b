import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Contracts, FieldIssue, OutputOf } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { chooseXlsx, importCloudPath, uploadFile } from '@/services/upload';
import { withSystemFont } from '@/components/SystemFont';
import { isDeptAdmin, useMe } from '../shared/session';
import { toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

type GeneratedFile = OutputOf<Contracts['orgSheet'], 'template'>;
type ImportCounts = OutputOf<Contracts['orgSheet'], 'import'>;

type ImportState =
  | { step: 'idle' }
  | { step: 'uploading'; name: string; percent: number }
  | { step: 'importing'; name: string }
  | { step: 'done'; name: string; counts: ImportCounts }
  | { step: 'failed'; name?: string; message: string; groups: { sheet: string; messages: string[] }[] };

const COUNT_ROWS: { key: keyof ImportCounts; label: string }[] = [
  { key: 'units', label: '单位' },
  { key: 'generalBranches', label: '党总支' },
  { key: 'branches', label: '支部' },
  { key: 'people', label: '人员' },
];

/** 按工作表归组，保持服务端给出的顺序；整个文件的问题（path 为空）归入“整个文件” */
function groupIssues(issues: FieldIssue[] = []): { sheet: string; messages: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const i of issues) {
    const sheet = i.path || '整个文件';
    groups.set(sheet, [...(groups.get(sheet) ?? []), i.message]);
  }
  return [...groups].map(([sheet, messages]) => ({ sheet, messages }));
}

/** 拿到生成的文件后：小程序下载并用系统预览打开（可转发、另存）；H5 直接下载 */
async function deliver(file: GeneratedFile): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFilePath } = await Taro.downloadFile({ url: file.url });
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = file.url;
    a.download = file.fileName;
    a.target = '_blank';
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
}

/** 批量导入/导出（组织部）：下载模板、导出全校、上传工作簿导入 */
function ImportPage() {
  const me = useMe();
  const [busy, setBusy] = useState<'template' | 'export' | null>(null);
  const [lastFile, setLastFile] = useState<GeneratedFile | null>(null);
  const [imp, setImp] = useState<ImportState>({ step: 'idle' });

  const generate = async (kind: 'template' | 'export') => {
    if (busy) return;
    setBusy(kind);
    try {
      const file = kind === 'template' ? await callFunction('orgSheet', 'template', {}) : await callFunction('orgSheet', 'export', {});
      setLastFile(file);
      await deliver(file);
    } catch (err) {
      toast(err instanceof CloudError ? err.message : '文件打开失败，请稍后重试');
    } finally {
      setBusy(null);
    }
  };

  const working = imp.step === 'uploading' || imp.step === 'importing';

  const pickAndImport = async () => {
    if (working) return;
    const picked = await chooseXlsx();
    if (!picked) return;
    if (!/\.xlsx$/i.test(picked.name)) {
      setImp({ step: 'failed', name: picked.name, message: '请选择 .xlsx 格式的 Excel 工作簿（可先下载导入模板）', groups: [] });
      return;
    }
    setImp({ step: 'uploading', name: picked.name, percent: 0 });
    try {
      const fileID = await uploadFile(importCloudPath(), picked.source, (percent) =>
        setImp((s) => (s.step === 'uploading' ? { ...s, percent: Math.max(s.percent, percent) } : s)),
      );
      setImp({ step: 'importing', name: picked.name });
      const counts = await callFunction('orgSheet', 'import', { fileID });
      setImp({ step: 'done', name: picked.name, counts });
    } catch (err) {
      const issues = err instanceof CloudError && err.code === 'BAD_INPUT' ? err.issues : undefined;
      setImp({ step: 'failed', name: picked.name, message: messageOf(err), groups: groupIssues(issues) });
    }
  };

  if (me && !isDeptAdmin(me)) {
    return (
      <View className='adm-page'>
        <StateView kind='error' message='批量导入/导出仅限组织部管理员使用' />
      </View>
    );
  }

  const issueCount = imp.step === 'failed' ? imp.groups.reduce((n, g) => n + g.messages.length, 0) : 0;

  return (
    <View className='adm-page import-page'>
      <Text className='adm-banner adm-banner--info'>
        用 Excel 工作簿批量维护单位、党总支、支部与人员。导入前会逐行检查：只要有一行有问题，整本工作簿一条都不写入；同一编号、工号/学号重复导入只会更新，不会重复新增。
      </Text>

      <View className='adm-card import-page__card'>
        <Text className='adm-card__title'>下载导入模板</Text>
        <Text className='import-page__desc'>含「说明」表与每张表的示例行；示例行不会被导入。</Text>
        <View
          className={`adm-btn adm-btn--ghost import-page__btn${busy === 'template' ? ' adm-btn--disabled' : ''}`}
          data-testid='download-template'
          onClick={() => generate('template')}
        >
          <Text>{busy === 'template' ? '正在生成…' : '下载模板'}</Text>
        </View>
      </View>

      <View className='adm-card import-page__card'>
        <Text className='adm-card__title'>导出全校组织与人员</Text>
        <Text className='import-page__desc'>格式与导入相同：可在导出的工作簿上修改后再导入。</Text>
        <View
          className={`adm-btn adm-btn--ghost import-page__btn${busy === 'export' ? ' adm-btn--disabled' : ''}`}
          data-testid='export'
          onClick={() => generate('export')}
        >
          <Text>{busy === 'export' ? '正在导出…' : '导出'}</Text>
        </View>
      </View>

      {lastFile ? (
        <View className='import-page__file' data-testid='generated-file'>
          <Text className='import-page__file-name'>已生成：{lastFile.fileName}</Text>
          {process.env.TARO_ENV === 'h5' ? (
            <Text className='adm-link' onClick={() => window.open(lastFile.url, '_blank', 'noopener')}>
              未自动下载？点此打开
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className='adm-card import-page__card'>
        <Text className='adm-card__title'>导入</Text>
        <Text className='import-page__desc'>
          {process.env.TARO_ENV === 'weapp' ? '从微信聊天记录中选择 .xlsx 工作簿（可先发送到“文件传输助手”）。' : '选择填好的 .xlsx 工作簿。'}
        </Text>
        <View
          className={`adm-btn import-page__btn${working ? ' adm-btn--disabled' : ''}`}
          data-testid='pick-file'
          onClick={pickAndImport}
        >
          <Text>{working ? '正在导入…' : '选择文件并导入'}</Text>
        </View>

        {imp.step === 'uploading' ? (
          <View className='import-page__progress' data-testid='upload-progress'>
            <Text className='import-page__progress-label'>
              正在上传 {imp.name}　{imp.percent}%
            </Text>
            <View className='import-page__bar'>
              <View className='import-page__bar-fill' style={{ width: `${imp.percent}%` }} />
            </View>
          </View>
        ) : null}
        {imp.step === 'importing' ? (
          <View className='import-page__progress'>
            <Text className='import-page__progress-label'>已上传，正在逐行检查并写入…</Text>
            <View className='import-page__bar'>
              <View className='import-page__bar-fill' style={{ width: '100%' }} />
            </View>
          </View>
        ) : null}

        {imp.step === 'done' ? (
          <View className='import-page__result import-page__result--ok' data-testid='import-result'>
            <Text className='import-page__result-title'>导入成功：{imp.name}</Text>
            {COUNT_ROWS.map(({ key, label }) => (
              <View key={key} className='import-page__count' data-testid='import-count'>
                <Text className='import-page__count-label'>{label}</Text>
                <Text>
                  新增 {imp.counts[key].created}，更新 {imp.counts[key].updated}
                </Text>
              </View>
            ))}
          </View>
        ) : null}

        {imp.step === 'failed' ? (
          <View className='import-page__result import-page__result--error' data-testid='import-error'>
            <Text className='import-page__result-title'>{imp.message}</Text>
            {imp.groups.length ? (
              <>
                <Text className='import-page__hint'>共 {issueCount} 条，未写入任何数据。请在工作簿中修改以下位置后重新导入：</Text>
                <ScrollView scrollY className='import-page__issues' data-testid='import-issues'>
                  {imp.groups.map((g) => (
                    <View key={g.sheet} className='import-page__group' data-testid='issue-group'>
                      <Text className='import-page__sheet'>
                        {g.sheet === '整个文件' ? g.sheet : `「${g.sheet}」表`}（{g.messages.length}）
                      </Text>
                      {g.messages.map((m, i) => (
                        <Text key={i} className='import-page__issue' data-testid='issue'>
                          {m}
                        </Text>
                      ))}
                    </View>
                  ))}
                </ScrollView>
              </>
            ) : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}

export default withSystemFont(ImportPage);
