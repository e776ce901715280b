import { useCallback, useEffect, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** 到期前多久就换新（毫秒）：留出网络往返，看着的图片不会在眼前失效 */
export const LINK_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** 加载失败后重新取链接的最短间隔（毫秒）：文件真的不在了时不会反复请求 */
export const LINK_ERROR_COOLDOWN_MS = 30 * 1000;

/** 云存储临时链接（照片、视频、封面）是否该换新了：到期前 LINK_REFRESH_MARGIN_MS 起算 */
export function linksStale(expireAt: string | null | undefined, now = Date.now()): boolean {
  if (!expireAt) return false;
  const at = Date.parse(expireAt);
  return Number.isFinite(at) && at - LINK_REFRESH_MARGIN_MS <= now;
}

/**
 * 页面开着超过临时链接的有效期（1 小时）时换新链接：
 * - 到期前 5 分钟定时换新（页面一直开着）；
 * - 回到本页时已过期就换新（小程序切到后台时定时器会停）；
 * - 图片或视频加载失败时换新（onLinkError），同一段时间内至多一次。
 * refresh 由页面给出：重新读取并替换链接，不清空已显示的内容。
 */
export function useTempLinkRefresh(expireAt: string | null | undefined, refresh: () => Promise<unknown>) {
  const run = useRef(refresh);
  run.current = refresh;
  const busy = useRef(false);
  const lastErrorRefresh = useRef(0);

  const renew = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      await run.current();
    } catch {
      // 换新失败：原链接照旧，下次显示或出错时再试
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    if (!expireAt) return;
    const at = Date.parse(expireAt);
    if (!Number.isFinite(at)) return;
    // 至少隔 LINK_ERROR_COOLDOWN_MS：服务器时钟偏快、给的到期时刻已在边界内时也不会连续请求
    // 上限：setTimeout 超过 2^31-1 毫秒会立刻触发
    const delay = Math.min(2 ** 31 - 1, Math.max(LINK_ERROR_COOLDOWN_MS, at - LINK_REFRESH_MARGIN_MS - Date.now()));
    const timer = setTimeout(() => void renew(), delay);
    return () => clearTimeout(timer);
  }, [expireAt, renew]);

  useDidShow(() => {
    if (linksStale(expireAt)) void renew();
  });

  const onLinkError = useCallback(() => {
    const now = Date.now();
    if (now - lastErrorRefresh.current < LINK_ERROR_COOLDOWN_MS) return;
    lastErrorRefresh.current = now;
    void renew();
  }, [renew]);

  return { onLinkError };
}
