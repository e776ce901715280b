/** 本地运行时自带的页面（不属于 Taro 路由）：切换演示身份、消息发件箱 */
export const LOCAL_PAGES = { signin: '/local/signin', outbox: '/local/outbox' } as const;

/** 离开 H5 应用，整页跳到本地运行时的页面；小程序里没有这些页面（也不会处于本地模式） */
export function openLocalPage(path: (typeof LOCAL_PAGES)[keyof typeof LOCAL_PAGES]): void {
  if (process.env.TARO_ENV === 'h5') window.location.href = path;
}
