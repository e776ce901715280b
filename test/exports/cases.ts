import type { LocalCloud } from '../../cloudfunctions/_local/runtime';
import { makePng } from './files';

/** n 篇已公布的特色支部案例（C 类，2026 年，计算机学院），每篇 3 节文字、3 张带说明的照片（照片在云存储里）；重复调用只覆盖 */
export async function seedPublishedCases(cloud: LocalCloud, n: number): Promise<string[]> {
  const db = cloud.database.db;
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const photos = [];
    for (let k = 1; k <= 3; k++) {
      const { fileID } = await cloud.files.upload(`cases/gen/c${i}-${k}.png`, makePng(480, 320, [180 - i * 4, 40 + k * 30, 60 + i * 5]));
      photos.push({ fileID, caption: `第${i}个支部的${['主题党日', '志愿服务', '成果展示'][k - 1]}`, url: '' });
    }
    const id = `case-gen-${i}`;
    ids.push(id);
    await db.collection('cases').doc(id).set({
      data: {
        entryId: `e-gen-${i}`, campaignId: 'c-gen', campaignTitle: '2026 年度特色党支部创建验收', kind: 'C', year: 2026, unitId: 'u-cs', unitName: '计算机学院党委',
        entrantName: `计算机学院第${i}党支部`, levelKey: 'pass', levelLabel: '通过验收', title: `“先锋${i}号”特色支部建设`,
        summary: `支部以“先锋${i}号”为品牌，党建与业务深度融合。`,
        sections: [
          { title: '工作内容', text: `一是建强组织体系；二是搭建活动载体。\n全体党员参与率 100%，第${i}期攻关按期完成。` },
          { title: '建设成果', text: '形成了可复制、可推广的经验做法。'.repeat(6) },
          { title: '特色做法', text: '“党员领衔、项目攻关、成果共享”的工作机制。'.repeat(4) },
        ],
        photos, video: null, publishedAt: `2026-06-${String(i).padStart(2, '0')}T10:00:00+08:00`, publishedAtMs: Date.parse(`2026-06-${String(i).padStart(2, '0')}T10:00:00+08:00`), status: 'published',
      },
    });
  }
  return ids;
}
