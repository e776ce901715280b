/**
 * 单元格取值的规范化：用户的 Excel 里同一个编号可能是文本、数字、富文本、带结果的公式、超链接，
 * 年月可能被 Excel 自动改成日期，首尾可能有空格、全角空格、不换行空格或零宽字符。
 * 这里一律转成去掉首尾空白的字符串；取不到值（公式错误、公式没有结果）时给出中文原因。
 */

export type CellText = { ok: true; text: string } | { ok: false; reason: string };

/** 首尾空白：普通空白、全角空格、不换行空格、零宽字符、BOM */
const EDGE_SPACES = /^[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+$/g;

export function tidy(text: string): string {
  return text.replace(EDGE_SPACES, '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 数字转文本：整数不带“.0”，也不用科学计数法（Excel 里的工号、手机号常被存成数字） */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return String(n);
}

/**
 * Excel 的日期没有时区：exceljs 把它读成“UTC 分量即墙上时间”的 Date，因此一律取 UTC 分量。
 * month 为真（创建周期列）时只保留年月。
 */
export function dateText(d: Date, month: boolean): string {
  if (Number.isNaN(d.getTime())) return '';
  const ym = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
  return month ? ym : `${ym}-${pad2(d.getUTCDate())}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

export function cellText(value: unknown, opts: { month?: boolean } = {}): CellText {
  const month = opts.month ?? false;
  if (value === null || value === undefined) return { ok: true, text: '' };
  if (typeof value === 'string') return { ok: true, text: tidy(value) };
  if (typeof value === 'number') return { ok: true, text: numberText(value) };
  if (typeof value === 'boolean') return { ok: true, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { ok: true, text: dateText(value, month) };
  if (isRecord(value)) {
    if ('error' in value) return { ok: false, reason: `单元格是错误值 ${String(value.error)}，请检查公式` };
    if ('formula' in value || 'sharedFormula' in value) {
      if (value.result === undefined || value.result === null) {
        return { ok: false, reason: '公式没有计算结果，请在 Excel 中打开、保存后再导入，或改为直接填写' };
      }
      return cellText(value.result, opts);
    }
    if (Array.isArray(value.richText)) {
      const parts = value.richText as { text?: unknown }[];
      return { ok: true, text: tidy(parts.map((p) => (typeof p.text === 'string' ? p.text : '')).join('')) };
    }
    if ('text' in value) return cellText(value.text, opts); // 超链接 { text, hyperlink }
  }
  return { ok: true, text: '' };
}

/** 消息里引用的取值：过长时截断 */
export function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${shown}”`;
}

/** 列宽用的显示宽度：汉字等全角字符算 2 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}
