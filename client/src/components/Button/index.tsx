import { Button as TaroButton, type ButtonProps } from '@tarojs/components';

/** 与 Taro 的 Button 相同的属性 */
export type { ButtonProps };

/** 布尔开关：为 false 时不往下传（见下） */
const FLAGS = ['disabled', 'loading', 'plain'] as const;

/**
 * Taro 的 Button，但为 false 的 disabled / loading / plain 不传下去。
 *
 * 为什么：H5 上 Button 是自定义元素 taro-button-core，React 18 把自定义元素上的 false 也写成属性
 * （disabled="false"），而 Taro 的 H5 按钮样式按属性“有没有”来选：taro-button-core[disabled] 把字变成
 * 半透明白、taro-button-core[plain] 加一圈黑边。只能在这里少传一个属性——样式表里没法把
 * [disabled='false'] 还原成页面自己的颜色（那要把 Taro 的每条规则反写一遍）。
 * 小程序里不传与传 false 一样（模板里缺省就是 false），所以两端一致。
 * 从 true 变回 false 时属性被移除（React 删掉不再传的属性，Taro 的适配层把元素上的 disabled 置空）。
 */
export function Button(props: ButtonProps) {
  const passed: ButtonProps = { ...props };
  for (const flag of FLAGS) {
    if (!passed[flag]) delete passed[flag];
  }
  return <TaroButton {...passed} />;
}

export default Button;
