import React from 'react';

/**
 * @tarojs/components 的 DOM 替身（jsdom 组件测试用）：保留 className、data-*、onClick，
 * Input 的 onInput 以 { detail: { value } } 回调，与 Taro 一致。
 */
type Props = React.PropsWithChildren<Record<string, unknown>>;

function passThrough(tag: keyof JSX.IntrinsicElements) {
  return function Component({ children, className, onClick, userSelect: _u, ...rest }: Props) {
    const dataProps = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('data-')));
    return React.createElement(tag, { className, onClick, ...dataProps }, children as React.ReactNode);
  };
}

export const View = passThrough('div');
export const Text = passThrough('span');
export const ScrollView = passThrough('div');
export const Navigator = passThrough('a');
export const Button = passThrough('button');

export function Input({ value, placeholder, maxlength, onInput, className }: Props) {
  return (
    <input
      className={className as string}
      value={value as string}
      placeholder={placeholder as string}
      maxLength={maxlength as number}
      onChange={(e) => (onInput as ((ev: { detail: { value: string } }) => void) | undefined)?.({ detail: { value: e.target.value } })}
    />
  );
}

export function Image({ src, className }: Props) {
  return <img className={className as string} src={src as string} alt='' />;
}
