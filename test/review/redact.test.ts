import { maskNames, MASK, nameVariants, redactForReviewer } from '../../cloudfunctions/_lib/engine/redact';
import { emptyContent } from '../../types';

/** 匿名函评（C1.5）给评委的材料：隐去身份的纯函数 */
describe('anonymous correspondence review redaction (C1.5)', () => {
  it('C1.5: knows the short forms of an organisation name (without 党委/党支部 …)', () => {
    expect(nameVariants('计算机学院党委')).toEqual(['计算机学院党委', '计算机学院']);
    expect(nameVariants('计算机学院教工第一党支部')).toEqual(['计算机学院教工第一党支部', '计算机学院教工第一', '计算机学院教工第一党']);
    expect(nameVariants('党委')).toEqual(['党委']); // 去掉后缀不足 2 字的不当简称
  });

  it('C1.5: replaces the longest names first, so no fragment of a full name is left', () => {
    const text = '计算机学院教工第一党支部联合计算机学院党委，在计算机学院推广。';
    expect(maskNames(text, ['计算机学院教工第一党支部', '计算机学院党委'])).toBe(`${MASK}联合${MASK}，在${MASK}推广。`);
  });

  it('C1.5: withholds the stamped scan, document names, partners and names in title, sections, choices and captions; keeps the rest', () => {
    const content = {
      ...emptyContent(),
      title: '信息学院“红色引擎”',
      sections: { body: '信息学院学生第一党支部开展志愿服务。' },
      choices: { theme: '信息学院自选主题' },
      photos: { main: [{ fileID: 'cloud://e.b/entries/x/p.jpg', caption: '信息学院党员在行动', width: null, height: null, size: 0 }] },
      documents: [{ fileID: 'cloud://e.b/entries/x/d.pdf', name: '信息学院党委-新闻报道.PDF', size: 1 }],
      stampedScan: { fileID: 'cloud://e.b/entries/x/s.pdf', name: '盖章件.pdf', size: 1 },
      partnerBranchIds: ['b-2'],
    };
    const { content: out, redacted } = redactForReviewer(content, true, ['信息学院学生第一党支部', '信息学院党委']);
    expect(out.title).toBe(`${MASK}“红色引擎”`);
    expect(out.sections.body).toBe(`${MASK}开展志愿服务。`);
    expect(out.choices.theme).toBe(`${MASK}自选主题`);
    expect(out.photos.main[0]).toMatchObject({ caption: `${MASK}党员在行动`, fileID: 'cloud://e.b/entries/x/p.jpg' });
    expect(out.documents).toEqual([{ fileID: 'cloud://e.b/entries/x/d.pdf', name: '支撑材料 1.PDF', size: 1 }]);
    expect(out.stampedScan).toBeNull();
    expect(out.partnerBranchIds).toEqual([]);
    expect(redacted).toEqual(['entrant', 'textMentions', 'stampedScan', 'documentNames', 'partners', 'history']);
    expect(JSON.stringify(out)).not.toContain('信息学院');
  });

  it('C1.5: leaves the content untouched when the review is not anonymous (only the history is never sent)', () => {
    const content = { ...emptyContent(), title: '信息学院项目' };
    expect(redactForReviewer(content, false, ['信息学院党委'])).toEqual({ content, redacted: ['history'] });
  });
});
