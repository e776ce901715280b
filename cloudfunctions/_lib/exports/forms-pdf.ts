import type { Content, TableCell } from 'pdfmake/interfaces';
import type { CjkFonts } from './fonts';
import { pageFooter, renderPdf } from './pdf';

/** 申报表要填的内容（从申报材料取出的纯数据） */
export interface ApplicationFormData {
  /** 如“2026 年度特色党支部创建申报表” */
  formTitle: string;
  campaignTitle: string;
  trackLabel: string;
  entryTitle: string;
  entrantName: string;
  unitName: string;
  /** 表头的其他格：支部类型、选择题、日期等 */
  fields: { label: string; value: string }[];
  sections: { title: string; text: string; zi: number; maxChars: number }[];
  photoCount: number;
  documentNames: string[];
  /** 需要签字盖章的意见栏，自下而上审批：党支部、分党委、组织部 */
  approvals: string[];
  generatedAt: string;
}

const LABEL_FILL = '#f5e9e9';

const label = (text: string): TableCell => ({ text, bold: true, fillColor: LABEL_FILL, alignment: 'center', margin: [0, 4, 0, 4] });
const value = (text: string, colSpan = 1): TableCell => ({ text: text || '（未填写）', colSpan, margin: [0, 4, 0, 4] });

/** 意见栏：留出手写与盖章的空白，右下角“（盖章）年 月 日” */
function approvalRow(title: string): TableCell[] {
  return [
    label(title),
    {
      colSpan: 3,
      stack: [
        { text: '', margin: [0, 0, 0, 70] },
        { text: '负责人签字：　　　　　　　（盖章）', alignment: 'right' },
        { text: '年　　月　　日', alignment: 'right', margin: [0, 6, 20, 4] },
      ],
    },
    {},
    {},
  ];
}

/**
 * 申报表（D6：申报表电子版与盖章扫描件；A4/B3 同样要盖章纸件）：按评选类别的表单逐项填好，
 * 末尾是各级意见与盖章栏。打印、签字盖章后扫描，在材料的“盖章扫描件”处上传。
 */
export async function buildApplicationFormPdf(form: ApplicationFormData, fonts: CjkFonts): Promise<Buffer> {
  const head: TableCell[][] = [
    [label('项目名称'), value(form.entryTitle, 3), {}, {}],
    [label('申报单位'), value(form.entrantName), label('所属党委'), value(form.unitName)],
  ];
  for (let i = 0; i < form.fields.length; i += 2) {
    const a = form.fields[i];
    const b = form.fields[i + 1];
    head.push(b ? [label(a.label), value(a.value), label(b.label), value(b.value)] : [label(a.label), value(a.value, 3), {}, {}]);
  }
  const sections: TableCell[][] = form.sections.map((s): TableCell[] => [
    { text: [`${s.title}\n`, { text: `${s.zi}/${s.maxChars} 字`, fontSize: 8, bold: false, color: '#666666' }], bold: true, fillColor: LABEL_FILL, alignment: 'center', margin: [0, 4, 0, 4] },
    { colSpan: 3, text: s.text || '（未填写）', lineHeight: 1.4, margin: [0, 4, 0, 4] },
    {},
    {},
  ]);
  const attachments: TableCell[][] = [
    [label('附件'), value(`照片 ${form.photoCount} 张；支撑材料 ${form.documentNames.length} 份${form.documentNames.length ? `：${form.documentNames.join('、')}` : ''}`, 3), {}, {}],
  ];
  const content: Content[] = [
    { text: form.formTitle, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: `${form.campaignTitle} · ${form.trackLabel}`, style: 'meta', alignment: 'center' },
    {
      table: { widths: [80, '*', 70, '*'], dontBreakRows: false, body: [...head, ...sections, ...attachments, ...form.approvals.map(approvalRow)] },
      layout: { hLineColor: () => '#333333', vLineColor: () => '#333333' },
    },
    { text: `本表由基层党建工作平台根据在线申报内容生成（${form.generatedAt}），打印签字盖章后扫描上传至该申报的“盖章扫描件”。`, style: 'small', margin: [0, 10, 0, 0] },
  ];
  return renderPdf({ info: { title: `${form.entryTitle} ${form.formTitle}` }, pageMargins: [40, 46, 40, 50], footer: pageFooter(false), content }, fonts);
}

/** 评价表的数据：评价要点来自评选类别的评分细则（C2），没有细则时用 C2 的四项 */
export interface EvaluationFormData {
  formTitle: string;
  campaignTitle: string;
  entryTitle: string;
  entrantName: string;
  unitName: string;
  criteria: { label: string; description: string; maxScore: number | null }[];
  generatedAt: string;
}

/** C2：验收看工作内容、建设成果、特色做法、宣传推广 */
export const C2_CRITERIA: EvaluationFormData['criteria'] = [
  { label: '工作内容', description: '党员对创建工作的认知、参与、评价和作用发挥', maxScore: null },
  { label: '建设成果', description: '创建目标完成情况与取得的成效', maxScore: null },
  { label: '特色做法', description: '特色是否鲜明、做法是否可复制可推广；第二年的支部看长效机制', maxScore: null },
  { label: '宣传推广', description: '网络宣传（We党微家等）与经验交流推广情况', maxScore: null },
];

/**
 * 《特色支部创建工作评价表》（C1.4：分党委会议现场分享时填写）：逐项评价要点、分值与得分空格、
 * 总体评价与签字盖章栏。
 */
export async function buildEvaluationFormPdf(form: EvaluationFormData, fonts: CjkFonts): Promise<Buffer> {
  const total = form.criteria.every((c) => c.maxScore != null) ? form.criteria.reduce((a, c) => a + (c.maxScore ?? 0), 0) : null;
  const rows: TableCell[][] = form.criteria.map((c, i) => [
    { text: String(i + 1), alignment: 'center', margin: [0, 8, 0, 8] },
    { text: c.label, bold: true, margin: [0, 8, 0, 8] },
    { text: c.description || '—', fontSize: 10, margin: [0, 8, 0, 8] },
    { text: c.maxScore != null ? String(c.maxScore) : '优/良/中/差', alignment: 'center', margin: [0, 8, 0, 8] },
    { text: '', margin: [0, 8, 0, 8] },
  ]);
  const content: Content[] = [
    { text: form.formTitle, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: form.campaignTitle, style: 'meta', alignment: 'center' },
    {
      table: {
        widths: [70, '*', 70, '*'],
        body: [
          [label('支部名称'), value(form.entrantName), label('所属党委'), value(form.unitName)],
          [label('创建项目'), value(form.entryTitle, 3), {}, {}],
        ],
      },
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        headerRows: 1,
        widths: [28, 70, '*', 62, 56],
        body: [
          [label('序号'), label('评价项目'), label('评价要点'), label(total != null ? '分值' : '评价等次'), label(total != null ? '得分' : '评价')],
          ...rows,
          [{ text: total != null ? `合计（满分 ${total}）` : '总体评价', colSpan: 4, bold: true, alignment: 'right', margin: [0, 8, 0, 8] }, {}, {}, {}, { text: '' }],
        ],
      },
    },
    {
      table: {
        widths: [70, '*'],
        body: [
          [label('评价意见'), { text: '', margin: [0, 0, 0, 80] }],
          [label('评价人'), { stack: [{ text: '签字：', margin: [0, 6, 0, 20] }, { text: '分党委（盖章）　　　　年　　月　　日', alignment: 'right', margin: [0, 0, 10, 6] }] }],
        ],
      },
      margin: [0, 10, 0, 0],
    },
    { text: `本表由基层党建工作平台生成（${form.generatedAt}）。`, style: 'small', margin: [0, 10, 0, 0] },
  ];
  return renderPdf({ info: { title: `${form.entryTitle} ${form.formTitle}` }, pageMargins: [40, 46, 40, 50], footer: pageFooter(false), content }, fonts);
}
