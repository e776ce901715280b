import React from 'react';

/**
 * @tarojs/components 的 DOM 替身（jsdom 组件测试用）。只传 DOM 认识的属性（className、id、style、
 * data-*、onClick），Taro 专有属性（userSelect、confirmType…）丢弃，免得 React 报未知属性；
 * 输入类组件按 Taro 的形状回调：onInput / onConfirm / onChange 的参数为 { detail: { value } }。
 */
type Props = React.PropsWithChildren<Record<string, unknown>>;
type DetailHandler = ((ev: { detail: { value: unknown } }) => void) | undefined;

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'className' || k === 'id' || k === 'style' || k === 'hidden' || k === 'onClick' || k.startsWith('data-') || k.startsWith('aria-')) {
      out[k] = v;
    }
  }
  return out;
}

function passThrough(tag: keyof JSX.IntrinsicElements) {
  return function Component(props: Props) {
    return React.createElement(tag, domProps(props), props.children as React.ReactNode);
  };
}

export const View = passThrough('div');
export const Text = passThrough('span');
export const Label = passThrough('label');
export const Form = passThrough('form');

/** 滚动区域：触底由测试直接调用 onScrollToLower */
export function ScrollView(props: Props) {
  return React.createElement('div', { ...domProps(props), 'data-scroll-view': true }, props.children as React.ReactNode);
}

export function Navigator(props: Props) {
  return React.createElement('a', { ...domProps(props), href: props.url as string }, props.children as React.ReactNode);
}

/** disabled 或 loading 时与小程序一样不响应点击 */
export function Button(props: Props) {
  const disabled = Boolean(props.disabled) || Boolean(props.loading);
  return React.createElement(
    'button',
    { ...domProps(props), type: 'button', disabled, 'aria-busy': props.loading ? true : undefined },
    props.children as React.ReactNode,
  );
}

function textInput(tag: 'input' | 'textarea') {
  return function Component(props: Props) {
    const onInput = props.onInput as DetailHandler;
    const onConfirm = props.onConfirm as DetailHandler;
    const onBlur = props.onBlur as DetailHandler;
    return React.createElement(tag, {
      ...domProps(props),
      value: (props.value as string | undefined) ?? '',
      placeholder: props.placeholder as string | undefined,
      maxLength: typeof props.maxlength === 'number' && props.maxlength >= 0 ? props.maxlength : undefined,
      disabled: Boolean(props.disabled),
      type: tag === 'input' ? (props.password ? 'password' : 'text') : undefined,
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => onInput?.({ detail: { value: e.target.value } }),
      onBlur: (e: React.FocusEvent<HTMLInputElement>) => onBlur?.({ detail: { value: e.target.value } }),
      onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter' && tag === 'input') onConfirm?.({ detail: { value: e.currentTarget.value } });
      },
    });
  };
}

export const Input = textInput('input');
export const Textarea = textInput('textarea');

export function Image(props: Props) {
  // onError：临时链接过期时页面据此换新链接（测试用 fireEvent.error 触发）
  return React.createElement('img', { ...domProps(props), src: props.src as string, alt: '', onError: props.onError as React.ReactEventHandler | undefined });
}

/**
 * 选择器。普通选择器（mode='selector'）渲染成 select，onChange 的 detail.value 为选中下标（与小程序一致）；
 * 日期、时间选择器（mode='date' / 'time'，fields='month' 为年月）渲染成对应的 input，detail.value 为
 * 'YYYY-MM-DD' / 'HH:mm' / 'YYYY-MM' 字符串（与小程序一致）
 */
export function Picker(props: Props) {
  if (props.mode === 'date' || props.mode === 'time') {
    const onChange = props.onChange as DetailHandler;
    const type = props.mode === 'time' ? 'time' : props.fields === 'month' ? 'month' : 'date';
    return React.createElement(
      'label',
      domProps(props),
      React.createElement('input', {
        type,
        value: (props.value as string | undefined) ?? '',
        disabled: Boolean(props.disabled),
        onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange?.({ detail: { value: e.target.value } }),
      }),
      props.children as React.ReactNode,
    );
  }
  const range = (props.range as unknown[] | undefined) ?? [];
  const key = props.rangeKey as string | undefined;
  const label = (item: unknown) => String(key && item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item);
  const onChange = props.onChange as DetailHandler;
  return React.createElement(
    'label',
    domProps(props),
    React.createElement(
      'select',
      {
        value: String(props.value ?? 0),
        disabled: Boolean(props.disabled),
        onChange: (e: React.ChangeEvent<HTMLSelectElement>) => onChange?.({ detail: { value: Number(e.target.value) } }),
      },
      range.map((item, i) => React.createElement('option', { key: i, value: String(i) }, label(item))),
    ),
    props.children as React.ReactNode,
  );
}

export function Switch(props: Props) {
  const onChange = props.onChange as DetailHandler;
  return React.createElement('input', {
    ...domProps(props),
    type: 'checkbox',
    role: 'switch',
    checked: Boolean(props.checked),
    disabled: Boolean(props.disabled),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange?.({ detail: { value: e.target.checked } }),
  });
}

/** 视频：渲染成 video 元素（只带 src） */
export function Video(props: Props) {
  return React.createElement('video', { ...domProps(props), src: props.src as string, controls: Boolean(props.controls) });
}

/** 页面属性节点（小程序 page-meta）：把根字号写成 data-root-font-size，测试可查 */
export function PageMeta(props: Props) {
  return React.createElement('div', { 'data-page-meta': true, 'data-root-font-size': props.rootFontSize as string });
}
