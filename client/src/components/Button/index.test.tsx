import { fireEvent, render, screen } from '@testing-library/react';
import { Button } from './index';

/**
 * 组件测试里 @tarojs/components 是替身（只传 DOM 认识的属性），看不到 Taro 实际收到什么；
 * 这里换成一个记录属性的替身，检查 false 的开关没有传下去（H5 会写成 disabled="false"）。
 */
const received: Record<string, unknown>[] = [];
jest.mock('@tarojs/components', () => ({
  Button: (props: Record<string, unknown> & { children?: unknown; onClick?: () => void }) => {
    received.push(props);
    return (
      <button type='button' data-testid='taro-button' onClick={props.onClick}>
        {props.children as string}
      </button>
    );
  },
}));

beforeEach(() => {
  received.length = 0;
});

const last = () => received[received.length - 1];

describe('Button (false switches are not passed to Taro)', () => {
  it('leaves out disabled, loading and plain when they are false', () => {
    render(
      <Button className='rv-btn' disabled={false} loading={false} plain={false}>
        提交
      </Button>,
    );
    expect(last()).not.toHaveProperty('disabled');
    expect(last()).not.toHaveProperty('loading');
    expect(last()).not.toHaveProperty('plain');
    expect(last().className).toBe('rv-btn');
  });

  it('passes them when they are true, with every other prop unchanged', () => {
    const onClick = jest.fn();
    render(
      <Button className='def-btn' disabled loading plain data-testid='x' onClick={onClick}>
        提交
      </Button>,
    );
    expect(last()).toMatchObject({ className: 'def-btn', disabled: true, loading: true, plain: true, 'data-testid': 'x', onClick });
    fireEvent.click(screen.getByTestId('taro-button'));
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('drops disabled again when it turns back to false (busy → idle)', () => {
    const { rerender } = render(<Button disabled>暂存</Button>);
    expect(last().disabled).toBe(true);
    rerender(<Button disabled={false}>暂存</Button>);
    expect(last()).not.toHaveProperty('disabled');
  });
});
