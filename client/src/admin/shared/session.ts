import { useEffect, useState } from 'react';
import type { Me } from '@contract/index';
import { callFunction } from '@/services/cloud';

let cached: Promise<Me> | null = null;

/** 当前调用者（管理端各页共用一次 whoami；出错时下次重取） */
export function loadMe(): Promise<Me> {
  if (!cached) {
    cached = callFunction('session', 'whoami', {});
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** 仅测试使用：清掉缓存的身份 */
export function forgetMe(): void {
  cached = null;
}

/** 页面里读当前身份；用于决定显示哪些按钮（真正的权限由云函数守卫判定） */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    let alive = true;
    loadMe()
      .then((m) => alive && setMe(m))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return me;
}

export function isDeptAdmin(me: Me | null): boolean {
  return !!me?.person?.roles.some((r) => r.role === 'deptAdmin');
}
