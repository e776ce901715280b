import { render } from '@testing-library/react';
import { SystemFont, withSystemFont } from './index';

/** 大字体（第 5 项）：小程序里每页第一个节点是 <page-meta root-font-size="system">；H5 不渲染它 */
describe('SystemFont', () => {
  const env = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = env;
  });

  it('on weapp puts page-meta with the system root font size first in the page, before the page’s own content', () => {
    process.env.TARO_ENV = 'weapp';
    const Page = withSystemFont(({ title }: { title: string }) => <div data-testid='own'>{title}</div>);
    const { container } = render(<Page title='案例' />);
    const first = container.firstElementChild as HTMLElement;
    expect(first.getAttribute('data-page-meta')).toBe('true');
    expect(first.getAttribute('data-root-font-size')).toBe('system');
    expect(first.nextElementSibling?.textContent).toBe('案例');
  });

  it('renders nothing on H5, where rem follows the browser root font', () => {
    process.env.TARO_ENV = 'h5';
    const { container } = render(<SystemFont />);
    expect(container.innerHTML).toBe('');
  });
});
