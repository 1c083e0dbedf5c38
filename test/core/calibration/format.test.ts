import { describe, expect, it } from 'vitest';
import { countText, percent, percentRange, ratioText, scoreText } from '../../../src/core/calibration';

describe('percent', () => {
  it('rounds to whole percents from 10% up and keeps one decimal below', () => {
    expect(percent(0.62)).toBe('62%');
    expect(percent(0.1)).toBe('10%');
    expect(percent(0.045)).toBe('4.5%');
    expect(percent(0.04)).toBe('4%');
    expect(percent(0.0761)).toBe('7.6%');
  });

  it('never rounds a small or near-total share to 0% or 100%', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.0004)).toBe('<0.1%');
    expect(percent(0.004)).toBe('0.4%');
    expect(percent(0.996)).toBe('99.6%');
    expect(percent(0.99999)).toBe('>99.9%');
  });
});

describe('other formats', () => {
  it('prints intervals with one percent sign', () => {
    expect(percentRange(0.5511, 0.6844)).toBe('55–68%');
    expect(percentRange(0, 0.0278)).toBe('0–2.8%');
  });

  it('prints scores, ratios and counts plainly', () => {
    expect(scoreText(64)).toBe('64');
    expect(scoreText(63.456)).toBe('63.46');
    expect(ratioText(5.4167)).toBe('5.4');
    expect(ratioText(15.5)).toBe('16');
    expect(countText(1234567)).toBe('1,234,567');
    expect(countText(999)).toBe('999');
  });
});
