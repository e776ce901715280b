import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * 每 intervalMs 调一次 tick（现场答辩的评委手机、主持人与大屏都靠轮询看到最新状态）：
 * 页面隐藏时停，回到页面时立即读一次再继续；上一次还没回来时不叠加请求。
 */
export function usePolling(tick: () => Promise<unknown>, intervalMs: number): void {
  const latest = useRef(tick);
  latest.current = tick;
  const visible = useRef(true);
  const busy = useRef(false);

  const run = async () => {
    if (busy.current || !visible.current) return;
    busy.current = true;
    try {
      await latest.current();
    } finally {
      busy.current = false;
    }
  };

  useEffect(() => {
    run();
    const timer = setInterval(run, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  useDidShow(() => {
    visible.current = true;
    run();
  });
  useDidHide(() => {
    visible.current = false;
  });
}

/** 一次提交的请求键：同一份评分重试（网络超时后再点）用同一个键，云端原样答复而不算重复 */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `r${Date.now().toString(36)}${rand}`;
}
