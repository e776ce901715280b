import type { ComponentType } from 'react';
import { PageMeta } from '@tarojs/components';

/**
 * 页面根字号跟随微信的字体设置（第 5 项：退休老党员调大字体也读得清）。
 * 小程序：<page-meta root-font-size="system">，1rem = 用户在微信里设置的字号；样式里的字号一律用
 * fs()（client/src/styles/_type.scss）写成 rem，随之放大，版面宽度（rpx）不变。
 * 页面配置须有 enablePageMeta: true（Taro 才在页面模板里生成 page-meta 节点）。
 * H5 没有 page-meta：rem 以浏览器根字号为准（版面是 vw），什么也不渲染。
 */
export function SystemFont() {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return <PageMeta rootFontSize='system' />;
}

/**
 * 包一层页面：PageMeta 作为页面的第一个节点，页面自身的加载、错误等早退分支都在它之后，
 * 根字号不会随分支切换被卸载又装上。
 */
export function withSystemFont<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function SystemFontPage(props: P) {
    return (
      <>
        <SystemFont />
        <Page {...props} />
      </>
    );
  }
  SystemFontPage.displayName = `withSystemFont(${Page.displayName ?? Page.name ?? 'Page'})`;
  return SystemFontPage;
}
