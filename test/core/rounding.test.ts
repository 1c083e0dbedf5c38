import { describe, expect, it } from 'vitest';
import { roundScore } from '../../src/core/rounding';

describe('roundScore', () => {
  it('rounds to 2 decimals, half away from zero', () => {
    expect(roundScore(1.234)).toBe(1.23);
    expect(roundScore(1.235)).toBe(1.24);
    expect(roundScore(-1.235)).toBe(-1.24);
    expect(roundScore(2.5)).toBe(2.5);
    expect(roundScore(0.125)).toBe(0.13);
    expect(roundScore(-0.125)).toBe(-0.13);
  });

  it('rounds halves that floating point stores a hair low as the half they stand for', () => {
    // 1.005 is stored as 1.00499999999999989…; naive Math.round(x * 100) / 100 gives 1.
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(-2.345)).toBe(-2.35);
    expect(roundScore(1.045)).toBe(1.05);
    expect(roundScore(8.675)).toBe(8.68);
    expect(roundScore(0.335 * 3)).toBe(1.01);
  });

  it('gives the same double as the decimal literal', () => {
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
    expect(roundScore(10 * 0.7)).toBe(7);
    expect(roundScore(33.333333)).toBe(33.33);
  });

  it('rounds large scores to the nearest hundredth, not up (issue 8)', () => {
    expect(roundScore(5_000_000.004)).toBe(5_000_000);
    expect(roundScore(5_000_000.005)).toBe(5_000_000.01);
    expect(roundScore(-7_654_321.001)).toBe(-7_654_321);
    expect(roundScore(123_456_789.12)).toBe(123_456_789.12);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundScore(-0.001), 0)).toBe(true);
    expect(Object.is(roundScore(-0), 0)).toBe(true);
  });

  it('leaves non-finite and huge numbers alone', () => {
    expect(roundScore(Number.NaN)).toBeNaN();
    expect(roundScore(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundScore(1e20)).toBe(1e20);
  });
});
