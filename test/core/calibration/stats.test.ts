import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, cumulativeGains, ks, wilsonInterval, Z_95 } from '../../../src/core/calibration';

// z² = 1.959963984540054² = 3.841458820694124
describe('wilsonInterval', () => {
  it('matches the hand-worked bounds for 8 of 10', () => {
    // p = 0.8, z²/n = 0.3841459, denominator = 1.3841459
    // centre = (0.8 + 0.1920729) / 1.3841459 = 0.7167402
    // half = (1.959964 / 1.3841459) × √(0.016 + 0.0096036) = 1.4160097 × 0.1600114 = 0.2265777
    // → 0.7167402 ∓ 0.2265777
    const interval = wilsonInterval(8, 10)!;
    expect(interval.low).toBeCloseTo(0.4901625, 6);
    expect(interval.high).toBeCloseTo(0.9433178, 6);
  });

  it('starts at exactly 0 for 0 of 10 and reaches z²/(n + z²) = 3.8414588 / 13.8414588', () => {
    const interval = wilsonInterval(0, 10)!;
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(0.2775328, 6);
  });

  it('ends at exactly 1 for 10 of 10 and starts at n/(n + z²) = 10 / 13.8414588', () => {
    const interval = wilsonInterval(10, 10)!;
    expect(interval.low).toBeCloseTo(0.7224672, 6);
    expect(interval.high).toBe(1);
  });

  it('is undefined for an empty band', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('narrows with a smaller z', () => {
    // z = 1: centre = (0.5 + 0.05)/1.1 = 0.5, half = (1/1.1) × √(0.025 + 0.0025) = 0.1507557
    const interval = wilsonInterval(5, 10, 1)!;
    expect(interval.low).toBeCloseTo(0.3492443, 6);
    expect(interval.high).toBeCloseTo(0.6507557, 6);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });

  it('always holds the observed rate and stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, fraction) => {
          const successes = Math.floor(fraction * n);
          const interval = wilsonInterval(successes, n, Z_95)!;
          const rate = successes / n;
          return (
            interval.low >= 0 &&
            interval.high <= 1 &&
            interval.low <= rate + 1e-12 &&
            rate <= interval.high + 1e-12
          );
        },
      ),
    );
  });
});

/** The O(n²) definition: over all (converted, not converted) pairs, 1 for a win, ½ for a tie. */
function pairwiseAuc(scores: number[], positives: boolean[]): number | null {
  let total = 0;
  let pairs = 0;
  scores.forEach((positiveScore, i) => {
    if (!positives[i]) return;
    scores.forEach((negativeScore, j) => {
      if (positives[j]) return;
      pairs++;
      if (positiveScore > negativeScore) total += 1;
      else if (positiveScore === negativeScore) total += 0.5;
    });
  });
  return pairs === 0 ? null : total / pairs;
}

/** KS by brute force: the largest CDF gap at every observed score. */
function bruteForceKs(scores: number[], positives: boolean[]): number | null {
  const positiveCount = positives.filter(Boolean).length;
  const negativeCount = positives.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return null;
  let largest = 0;
  for (const threshold of scores) {
    const positivesAtOrBelow = scores.filter((score, i) => positives[i] && score <= threshold).length;
    const negativesAtOrBelow = scores.filter((score, i) => !positives[i] && score <= threshold).length;
    largest = Math.max(
      largest,
      Math.abs(positivesAtOrBelow / positiveCount - negativesAtOrBelow / negativeCount),
    );
  }
  return largest;
}

/** Scores from a handful of values so ties are everywhere; outcomes aligned. */
const tiedData = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { maxLength: 120 })
  .map((pairs) => ({
    scores: pairs.map(([score]) => score * 2.5),
    positives: pairs.map(([, positive]) => positive),
  }));

describe('auc', () => {
  it('counts ties as half a win', () => {
    // Converted at 2 and 3; not converted at 1 and 2. Pairs: (2,1) win, (2,2) tie ½, (3,1) win,
    // (3,2) win → 3.5 of 4 pairs.
    expect(auc([1, 2, 2, 3], [false, true, false, true])).toBe(0.875);
  });

  it('is 1 for perfect ranking, 0 for reversed ranking and ½ when every score ties', () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([1, 2, 3, 4], [true, true, false, false])).toBe(0);
    expect(auc([7, 7, 7, 7], [true, false, false, true])).toBe(0.5);
  });

  it('is undefined without both outcomes', () => {
    expect(auc([1, 2], [true, true])).toBeNull();
    expect(auc([1, 2], [false, false])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('refuses misaligned or non-finite input', () => {
    expect(() => auc([1, 2], [true])).toThrow(RangeError);
    expect(() => auc([1, Number.NaN], [true, false])).toThrow(RangeError);
  });

  it('agrees with the pairwise definition on random data full of ties', () => {
    fc.assert(
      fc.property(tiedData, ({ scores, positives }) => {
        const fast = auc(scores, positives);
        const slow = pairwiseAuc(scores, positives);
        if (slow === null) return fast === null;
        return fast !== null && Math.abs(fast - slow) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });
});

describe('ks', () => {
  it('measures the widest gap between the two cumulative distributions', () => {
    // Converted at 2, 3; not at 1, 2. After score 1: |0 − ½| = ½; after 2: |½ − 1| = ½; after 3: 0.
    expect(ks([1, 2, 2, 3], [false, true, false, true])).toBe(0.5);
    // Perfect separation: all non-converted below all converted → 1.
    expect(ks([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    // One tie group: a cut-off cannot split it → 0.
    expect(ks([5, 5, 5], [true, false, true])).toBe(0);
  });

  it('is undefined without both outcomes', () => {
    expect(ks([1, 2], [true, true])).toBeNull();
  });

  it('agrees with brute force on random data full of ties', () => {
    fc.assert(
      fc.property(tiedData, ({ scores, positives }) => {
        const fast = ks(scores, positives);
        const slow = bruteForceKs(scores, positives);
        if (slow === null) return fast === null;
        return fast !== null && Math.abs(fast - slow) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });
});

describe('cumulativeGains', () => {
  it('reports the share of conversions held by each top slice', () => {
    // Scores 10 down to 1; the 1st, 2nd and 5th best converted (3 conversions).
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const positives = [true, true, false, false, true, false, false, false, false, false];
    const gains = cumulativeGains(scores, positives);
    expect(gains).toHaveLength(10);
    expect(gains[0]).toEqual({ topShare: 0.1, leads: 1, conversionsShare: 1 / 3, scoreAtLeast: 10 });
    expect(gains[1]).toEqual({ topShare: 0.2, leads: 2, conversionsShare: 2 / 3, scoreAtLeast: 9 });
    expect(gains[3]!.conversionsShare).toBe(2 / 3);
    expect(gains[4]).toEqual({ topShare: 0.5, leads: 5, conversionsShare: 1, scoreAtLeast: 6 });
    expect(gains[9]).toEqual({ topShare: 1, leads: 10, conversionsShare: 1, scoreAtLeast: 1 });
  });

  it('sorts by score, not input order', () => {
    const gains = cumulativeGains([1, 3, 2], [false, true, false], 3);
    expect(gains.map((point) => point.scoreAtLeast)).toEqual([3, 2, 1]);
    expect(gains[0]!.conversionsShare).toBe(1);
  });

  it('takes tied leads in input order at a cut-off', () => {
    // Four leads tied at 5, only the second converted: the top quarter is the first lead (0),
    // the top half the first two (1).
    const gains = cumulativeGains([5, 5, 5, 5], [false, true, false, false], 4);
    expect(gains.map((point) => point.conversionsShare)).toEqual([0, 1, 1, 1]);
  });

  it('rounds each slice up to whole leads', () => {
    // 7 leads: 10% → ceil(0.7) = 1, 30% → ceil(2.1) = 3, 50% → ceil(3.5) = 4, 100% → 7.
    const gains = cumulativeGains([1, 2, 3, 4, 5, 6, 7], Array(7).fill(true));
    expect(gains.map((point) => point.leads)).toEqual([1, 2, 3, 3, 4, 5, 5, 6, 7, 7]);
  });

  it('has undefined shares when nothing converted, and no points without leads', () => {
    expect(cumulativeGains([1, 2], [false, false], 2).map((point) => point.conversionsShare)).toEqual([
      null,
      null,
    ]);
    expect(cumulativeGains([], [])).toEqual([]);
  });

  it('agrees with slicing a stable descending sort', () => {
    fc.assert(
      fc.property(tiedData, fc.integer({ min: 1, max: 12 }), ({ scores, positives }, steps) => {
        const gains = cumulativeGains(scores, positives, steps);
        if (scores.length === 0) return gains.length === 0;
        const ranked = scores
          .map((score, index) => ({ score, positive: positives[index]!, index }))
          .sort((a, b) => b.score - a.score || a.index - b.index);
        const total = positives.filter(Boolean).length;
        return gains.every((point, step) => {
          const top = ranked.slice(0, Math.ceil(((step + 1) * scores.length) / steps));
          const held = top.filter((lead) => lead.positive).length;
          return (
            point.leads === top.length &&
            point.scoreAtLeast === top[top.length - 1]!.score &&
            point.conversionsShare === (total === 0 ? null : held / total)
          );
        });
      }),
      { numRuns: 200 },
    );
  });
});
