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

describe('roundScore at every size (issues 18 and 21)', () => {
  it('rounds scores from 3.5e11 up to the nearest hundredth, not up by 0.01', () => {
    expect(roundScore(350_000_000_000.004)).toBe(350_000_000_000);
    expect(roundScore(1_234_567_890_970.01)).toBe(1_234_567_890_970.01);
    expect(roundScore(1_234_567_890_970)).toBe(1_234_567_890_970);
    expect(roundScore(-9_876_543_210_123.45)).toBe(-9_876_543_210_123.45);
    expect(roundScore(35_000_000_000_000.5)).toBe(35_000_000_000_000.5);
  });

  it('changes nothing when a rounded value is rounded again, at any size below 2^46', () => {
    for (let exponent = -2; exponent < 14; exponent += 0.37) {
      for (const sign of [1, -1]) {
        const x = sign * 10 ** exponent * 1.2345678;
        const once = roundScore(x);
        expect(roundScore(once)).toBe(once);
        expect(Math.abs(once - x)).toBeLessThanOrEqual(0.005 + Math.abs(x) * 1e-15);
      }
    }
  });

  it('still treats sums a hair off a half as the half', () => {
    expect(roundScore(1_000_000_000.005)).toBe(1_000_000_000.01);
    expect(roundScore(0.335 * 3)).toBe(1.01);
    expect(roundScore(2.675)).toBe(2.68);
  });

  it('leaves numbers from 2^46 on as they are (no hundredths left)', () => {
    expect(roundScore(2 ** 46 + 0.015625)).toBe(2 ** 46 + 0.015625);
  });
});
