import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import ScoreCriterion, { type ScoreCriterionProps } from './index';

const CRITERION = { key: 'c1', label: '创新性', description: '做法新、可推广', maxScore: 15 };

/** 页面那样持有分数：onChange 记下来再传回 value */
function Harness(props: Partial<ScoreCriterionProps> & { onValue?: (v: number | undefined) => void; initial?: number }) {
  const { onValue, initial, ...rest } = props;
  const [value, setValue] = useState<number | undefined>(initial);
  return (
    <ScoreCriterion
      classPrefix='rv'
      criterion={CRITERION}
      step={0.5}
      placeholder='0–15'
      value={value}
      onChange={(v) => {
        onValue?.(v);
        setValue(v);
      }}
      {...rest}
    />
  );
}

const input = () => screen.getByTestId('input-c1') as HTMLInputElement;
const minus = () => screen.getByTestId('minus-c1');
const plus = () => screen.getByTestId('plus-c1');

describe('ScoreCriterion (rubric item shared by 函评 C1.5/A2 and 现场答辩 E3)', () => {
  it('renders the label, the maximum and the description with the page’s class prefix', () => {
    render(<Harness classPrefix='def' />);
    const card = screen.getByTestId('criterion-c1');
    expect(card.className).toBe('def-card def-criterion');
    expect(card.textContent).toContain('创新性');
    expect(card.textContent).toContain('满分 15');
    expect(card.textContent).toContain('做法新、可推广');
    expect(minus().className).toBe('def-stepper__btn def-stepper__btn--off');
    expect(plus().className).toBe('def-stepper__btn');
  });

  it('steps by one step from empty, never below 0 or above the maximum, and greys the button at either end', () => {
    const seen: (number | undefined)[] = [];
    render(<Harness initial={14} onValue={(v) => seen.push(v)} />);
    fireEvent.click(plus());
    fireEvent.click(plus());
    fireEvent.click(plus());
    expect(seen).toEqual([14.5, 15, 15]);
    expect(input().value).toBe('15');
    expect(plus().className).toContain('rv-stepper__btn--off');
    for (let i = 0; i < 31; i++) fireEvent.click(minus());
    expect(input().value).toBe('0');
    expect(minus().className).toContain('rv-stepper__btn--off');
    expect(seen[seen.length - 1]).toBe(0);
  });

  it('starts from 0 on + when nothing is scored yet; − does nothing then', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    fireEvent.click(minus());
    expect(onValue).not.toHaveBeenCalled();
    fireEvent.click(plus());
    expect(onValue).toHaveBeenLastCalledWith(0.5);
    expect(input().value).toBe('0.5');
  });

  it('keeps what is being typed (“8.”) until the field is left, then shows the tidy score', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    fireEvent.change(input(), { target: { value: '8.' } });
    expect(onValue).toHaveBeenLastCalledWith(8);
    expect(input().value).toBe('8.');
    fireEvent.blur(input());
    expect(input().value).toBe('8');
    fireEvent.change(input(), { target: { value: '' } });
    expect(onValue).toHaveBeenLastCalledWith(undefined);
  });

  it('passes a typed number over the maximum through unchanged (the page decides), and + brings it back to the maximum', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    fireEvent.change(input(), { target: { value: '20' } });
    expect(onValue).toHaveBeenLastCalledWith(20);
    fireEvent.click(plus());
    expect(onValue).toHaveBeenLastCalledWith(15);
    expect(input().value).toBe('15');
  });

  it('does not respond when scoring is closed, greys both buttons and shows the item’s problem', () => {
    const onValue = jest.fn();
    render(<Harness initial={5} disabled error='超出满分' onValue={onValue} />);
    fireEvent.click(plus());
    fireEvent.click(minus());
    expect(onValue).not.toHaveBeenCalled();
    expect(input().disabled).toBe(true);
    expect(minus().className).toContain('--off');
    expect(plus().className).toContain('--off');
    expect(screen.getByTestId('criterion-c1').textContent).toContain('超出满分');
  });
});
