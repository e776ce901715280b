import Taro from '@tarojs/taro';
import type { ExportJob } from '@contract/index';

/** 文件扩展名 → openDocument 的 fileType */
function fileTypeOf(name: string): 'pdf' | 'xlsx' | 'docx' {
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.docx')) return 'docx';
  return 'pdf';
}

/** 打开导出的文件：小程序下载后用系统预览打开（可转发、另存）；H5 在新窗口下载 */
export async function openExport(job: ExportJob): Promise<void> {
  if (!job.url || !job.fileName) return;
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFilePath } = await Taro.downloadFile({ url: job.url });
    await Taro.openDocument({ filePath: tempFilePath, fileType: fileTypeOf(job.fileName), showMenu: true });
    return;
  }
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = job.url;
    a.download = job.fileName;
    a.target = '_blank';
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
}
