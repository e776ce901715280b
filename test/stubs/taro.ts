import { useEffect, useRef } from 'react';

/**
 * @tarojs/taro 的最小替身（jsdom 组件测试用）。
 * - 界面 API（导航、提示、标题…）只记录到 calls 供断言，返回 resolved Promise；
 * - 页面生命周期：useDidShow / useLoad 在挂载时触发一次（与 Taro 首次显示一致），
 *   触底、下拉刷新、再次显示、转发由测试用 trigger() 模拟；
 * - 存储在内存里，resetTaro() 清空；Taro.cloud 在测试里不可用，调用即报错（应经 setTransport 接假服务端）。
 */
export const calls: { api: string; arg: unknown }[] = [];

type PageEvent = 'reachBottom' | 'pullDownRefresh' | 'didShow' | 'didHide' | 'shareAppMessage';
const handlers: Record<PageEvent, (() => unknown)[]> = {
  reachBottom: [],
  pullDownRefresh: [],
  didShow: [],
  didHide: [],
  shareAppMessage: [],
};
let routerParams: Record<string, string> = {};
const storage = new Map<string, unknown>();
let modalConfirms = true;
let subscribeAnswer: Record<string, string> | Error = {};

/** 当前页面的路由参数（useRouter / getCurrentInstance 读取） */
export function setRouterParams(p: Record<string, string>) {
  routerParams = p;
}
/** showModal 的用户选择：true = 点了确定 */
export function setModalAnswer(confirm: boolean) {
  modalConfirms = confirm;
}
/** requestSubscribeMessage 的答复：按模板 ID 给出 accept/reject/ban/filter，或一个错误（如非点击触发） */
export function setSubscribeAnswer(answer: Record<string, string> | Error) {
  subscribeAnswer = answer;
}
/** 模拟一次页面事件，按注册顺序依次执行并返回各处理函数的结果（转发时即分享内容） */
export async function trigger(event: PageEvent): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const h of [...handlers[event]]) results.push(await h());
  return results;
}
export function resetTaro() {
  calls.length = 0;
  for (const k of Object.keys(handlers) as PageEvent[]) handlers[k] = [];
  routerParams = {};
  storage.clear();
  modalConfirms = true;
  subscribeAnswer = {};
  eventCenter.off();
}

function record(api: string) {
  return (arg?: unknown) => {
    calls.push({ api, arg });
    return Promise.resolve({ errMsg: `${api}:ok` });
  };
}

function useRegistered(event: PageEvent, fn: () => unknown) {
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

/** 挂载时执行一次，之后由 trigger(event) 再次触发 */
function useOnMountAndEvent(event: PageEvent, fn: () => unknown) {
  const ref = useRef(fn);
  ref.current = fn;
  useRegistered(event, fn);
  useEffect(() => {
    ref.current();
  }, []);
}

export const useReachBottom = (fn: () => unknown) => useRegistered('reachBottom', fn);
export const usePullDownRefresh = (fn: () => unknown) => useRegistered('pullDownRefresh', fn);
export const useDidShow = (fn: () => unknown) => useOnMountAndEvent('didShow', fn);
export const useDidHide = (fn: () => unknown) => useRegistered('didHide', fn);
export const useShareAppMessage = (fn: () => unknown) => useRegistered('shareAppMessage', fn);
export const useLoad = (fn: (params: Record<string, string>) => unknown) => {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    ref.current(routerParams);
  }, []);
};
export const useUnload = (fn: () => unknown) => {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(
    () => () => {
      ref.current();
    },
    [],
  );
};
export const useRouter = () => ({ params: routerParams, path: '' });
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' }, page: null });
export const getCurrentPages = () => [{ route: 'pages/test/index', options: routerParams }];

/** Taro.eventCenter 的同步实现：跨页面通知（如保存后让列表刷新） */
const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
export const eventCenter = {
  on(name: string, fn: (...args: unknown[]) => void) {
    listeners.set(name, [...(listeners.get(name) ?? []), fn]);
  },
  off(name?: string, fn?: (...args: unknown[]) => void) {
    if (name === undefined) return listeners.clear();
    if (!fn) return void listeners.delete(name);
    listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== fn));
  },
  trigger(name: string, ...args: unknown[]) {
    for (const f of listeners.get(name) ?? []) f(...args);
  },
};

function notInTests(api: string) {
  return () => {
    throw new Error(`Taro.${api} 在组件测试中不可用：请用 setTransport() 接假服务端`);
  };
}

const Taro = {
  navigateTo: record('navigateTo'),
  redirectTo: record('redirectTo'),
  switchTab: record('switchTab'),
  reLaunch: record('reLaunch'),
  navigateBack: record('navigateBack'),
  showToast: record('showToast'),
  showLoading: record('showLoading'),
  hideLoading: record('hideLoading'),
  stopPullDownRefresh: record('stopPullDownRefresh'),
  setNavigationBarTitle: record('setNavigationBarTitle'),
  pageScrollTo: record('pageScrollTo'),
  openDocument: record('openDocument'),
  previewImage: record('previewImage'),
  setClipboardData: record('setClipboardData'),
  showModal: (arg?: unknown) => {
    calls.push({ api: 'showModal', arg });
    return Promise.resolve({ confirm: modalConfirms, cancel: !modalConfirms });
  },
  requestSubscribeMessage: (arg?: unknown) => {
    calls.push({ api: 'requestSubscribeMessage', arg });
    return subscribeAnswer instanceof Error ? Promise.reject(subscribeAnswer) : Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...subscribeAnswer });
  },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  cloud: {
    init: notInTests('cloud.init'),
    callFunction: notInTests('cloud.callFunction'),
    downloadFile: notInTests('cloud.downloadFile'),
    uploadFile: notInTests('cloud.uploadFile'),
  },
  eventCenter,
  getCurrentInstance,
  getCurrentPages,
};
export default Taro;
