/**
 * 交给 exceljs 之前先看一眼文件：是不是 zip、里面是不是 Excel 工作簿、解压后有多大。
 * 只读 zip 的中央目录（文件末尾的索引），不解压，因此对任意字节都安全、很快。
 * 这样能对旧版 .xls、Word/PowerPoint 文件、压缩炸弹给出明确的中文说明，而不是 exceljs 的英文异常。
 */

export type SniffResult = { ok: true } | { ok: false; reason: string };

/** 解压后总大小上限：正常的 5 MB xlsx 解压后远小于此 */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

interface ZipEntry {
  name: string;
  uncompressed: number;
}

/** 读中央目录；读不出来返回 null */
export function listZipEntries(bytes: Buffer): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  // 末尾记录之后最多跟 65535 字节的注释
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) return null; // ZIP64：xlsx 用不到
  if (offset + size > bytes.length) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CDH_SIG) return null;
    const uncompressed = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLen > bytes.length) return null;
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    entries.push({ name, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function sniffXlsx(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: '文件是空的，请重新选择要导入的 .xlsx 文件' };
  if (startsWith(bytes, OLE_MAGIC)) {
    return {
      ok: false,
      reason: '这是旧版 Excel（.xls）文件或设置了打开密码的工作簿，无法读取：请在 Excel 中取消密码并“另存为”Excel 工作簿（.xlsx）后再导入',
    };
  }
  const entries = listZipEntries(bytes);
  if (!entries) return { ok: false, reason: '文件不是 Excel 工作簿（.xlsx），或文件已损坏，无法读取' };
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) return { ok: false, reason: '这是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）：请使用导入模板填写后上传' };
    if ([...names].some((n) => n.startsWith('ppt/'))) return { ok: false, reason: '这是 PowerPoint 文件（.pptx），不是 Excel 工作簿（.xlsx）：请使用导入模板填写后上传' };
    return { ok: false, reason: '文件是压缩包，但不是 Excel 工作簿（.xlsx）：请使用导入模板填写后上传' };
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (entries.some((e) => e.uncompressed === 0xffffffff) || total > MAX_UNCOMPRESSED_BYTES) {
    return { ok: false, reason: '工作簿解压后过大，无法导入：请删除多余的工作表、图片和空行，或分批导入' };
  }
  return { ok: true };
}
