import { describe, expect, it } from 'vitest';
import { filterByPeriod, hashSeed, reviewSample } from '../../../src/core/calibration';

const thousand = Array.from({ length: 1000 }, (_, index) => index * 3);

describe('reviewSample', () => {
  it('gives the same subset for the same seed and input', () => {
    expect(reviewSample(thousand, 0.1, 'June review')).toEqual(reviewSample(thousand, 0.1, 'June review'));
    expect(reviewSample(thousand, 0.1, 7)).toEqual(reviewSample(thousand, 0.1, '7'));
  });

  it('gives a different subset for a different seed', () => {
    expect(reviewSample(thousand, 0.1, 'June review')).not.toEqual(
      reviewSample(thousand, 0.1, 'July review'),
    );
  });

  it('takes round(share × n) distinct leads from the input, in input order', () => {
    const sample = reviewSample(thousand, 0.123, 1);
    expect(sample).toHaveLength(123);
    expect(new Set(sample).size).toBe(123);
    expect(sample.every((lead) => thousand.includes(lead))).toBe(true);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
  });

  it('takes at least one lead for any positive share, none for 0, and all for 1', () => {
    expect(reviewSample([4, 8, 15], 0.01, 's')).toHaveLength(1);
    expect(reviewSample([4, 8, 15], 0, 's')).toEqual([]);
    expect(reviewSample([4, 8, 15], 1, 's')).toEqual([4, 8, 15]);
    expect(reviewSample([], 0.5, 's')).toEqual([]);
  });

  it('refuses a share outside 0–1', () => {
    expect(() => reviewSample([1], 1.5, 's')).toThrow(RangeError);
    expect(() => reviewSample([1], Number.NaN, 's')).toThrow(RangeError);
  });

  it('picks every lead about equally often across seeds', () => {
    // 2,000 seeds × 2 of 10 leads: each lead expected 400 times; allow 320–480.
    const picks = new Array<number>(10).fill(0);
    const leads = Array.from({ length: 10 }, (_, index) => index);
    for (let seed = 0; seed < 2000; seed++) {
      for (const lead of reviewSample(leads, 0.2, seed)) picks[lead]!++;
    }
    for (const count of picks) {
      expect(count).toBeGreaterThan(320);
      expect(count).toBeLessThan(480);
    }
  });

  it('hashes seeds to 32-bit numbers that differ for near-identical text', () => {
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
    expect(hashSeed('review')).toBe(hashSeed('review'));
    expect(Number.isInteger(hashSeed('x')) && hashSeed('x') >= 0 && hashSeed('x') < 2 ** 32).toBe(true);
  });
});

describe('filterByPeriod', () => {
  const leads = [
    { id: 'a', day: 10 },
    { id: 'b', day: 20 },
    { id: 'c', day: 30 },
    { id: 'd', day: null },
  ];
  const ids = (from: number | null, to: number | null) =>
    filterByPeriod(leads, (lead) => lead.day, from, to).map((lead) => lead.id);

  it('keeps days within [from, to], bounds included', () => {
    expect(ids(10, 20)).toEqual(['a', 'b']);
    expect(ids(11, 30)).toEqual(['b', 'c']);
  });

  it('treats a null bound as open and drops undated leads once any bound is set', () => {
    expect(ids(null, 20)).toEqual(['a', 'b']);
    expect(ids(20, null)).toEqual(['b', 'c']);
    expect(ids(null, null)).toEqual(['a', 'b', 'c', 'd']);
  });
});
