import { useEffect, useRef } from 'react';

/**
 * @tarojs/taro 的最小替身：导航、提示记录到 calls 供断言；页面生命周期钩子在挂载时按 Taro 语义触发，
 * 触底与下拉刷新由测试通过 trigger() 模拟。
 */
export const calls: { api: string; arg: unknown }[] = [];
const handlers: Record<string, (() => unknown)[]> = { reachBottom: [], pullDownRefresh: [] };
let routerParams: Record<string, string> = {};

export function setRouterParams(p: Record<string, string>) {
  routerParams = p;
}
export async function trigger(event: 'reachBottom' | 'pullDownRefresh') {
  for (const h of handlers[event]) await h();
}
export function resetTaro() {
  calls.length = 0;
  handlers.reachBottom = [];
  handlers.pullDownRefresh = [];
  routerParams = {};
}

function record(api: string) {
  return (arg?: unknown) => {
    calls.push({ api, arg });
    return Promise.resolve();
  };
}

function useRegistered(event: 'reachBottom' | 'pullDownRefresh', fn: () => unknown) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const h = () => ref.current();
    handlers[event].push(h);
    return () => {
      handlers[event] = handlers[event].filter((x) => x !== h);
    };
  }, [event]);
}

export const useReachBottom = (fn: () => unknown) => useRegistered('reachBottom', fn);
export const usePullDownRefresh = (fn: () => unknown) => useRegistered('pullDownRefresh', fn);
export const useDidShow = (fn: () => unknown) => {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    ref.current();
  }, []);
};
export const useShareAppMessage = (_fn: () => unknown) => undefined;
export const useRouter = () => ({ params: routerParams });

const Taro = {
  navigateTo: record('navigateTo'),
  showToast: record('showToast'),
  showLoading: record('showLoading'),
  hideLoading: record('hideLoading'),
  stopPullDownRefresh: record('stopPullDownRefresh'),
  setNavigationBarTitle: record('setNavigationBarTitle'),
};
export default Taro;
