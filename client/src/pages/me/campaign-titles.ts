import { useEffect, useState } from 'react';
import { callFunction } from '@/services/cloud';

/** 评选名称缓存（评选名称很少改）：待办与我的申报只带评选 id */
const cache = new Map<string, string>();

/** 仅测试用 */
export function clearCampaignTitles(): void {
  cache.clear();
}

/** 取这些评选的名称；取不到的（如评选已删除、网络失败）不在结果里，调用方显示替代文字 */
export async function campaignTitles(ids: string[]): Promise<Record<string, string>> {
  const missing = [...new Set(ids)].filter((id) => id && !cache.has(id));
  await Promise.all(
    missing.map(async (id) => {
      try {
        const c = await callFunction('campaigns', 'get', { id });
        cache.set(id, c.title);
      } catch {
        // 名称只是辅助信息，失败不影响列表
      }
    }),
  );
  return Object.fromEntries(ids.filter((id) => cache.has(id)).map((id) => [id, cache.get(id) as string]));
}

/** 列表里的评选名称：ids 变化时补取缺的 */
export function useCampaignTitles(ids: string[]): Record<string, string> {
  const [titles, setTitles] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join('|');
  useEffect(() => {
    if (!key) return;
    let alive = true;
    campaignTitles(key.split('|')).then((t) => {
      if (alive) setTitles((prev) => ({ ...prev, ...t }));
    });
    return () => {
      alive = false;
    };
  }, [key]);
  return titles;
}
