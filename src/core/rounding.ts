// Rounding of scores, contract v1: 2 decimals, half away from zero.

/**
 * A sum like 0.335 × 3 lands a hair below or above the half it stands for (1.00499999… or
 * 1.00500000…1). Values this close to a half are treated as the half, so the result is the one
 * a person doing the sum on paper expects. The tolerance is a few units of float precision at the
 * value's size (plus a tiny absolute part), so that large scores (5,000,000 and more) are not all
 * rounded up.
 */
const HALF_TOLERANCE = 1e-9;
const RELATIVE_TOLERANCE = 64 * Number.EPSILON;

/** Beyond this a number has no hundredths left to round (2^53 / 100, rounded down). */
const NOTHING_TO_ROUND = 9e13;

/** Rounds to 2 decimals, half away from zero (1.005 → 1.01, −2.345 → −2.35). Never returns −0. */
export function roundScore(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude < NOTHING_TO_ROUND)) return x; // NaN, ±Infinity and huge numbers stay as they are
  const hundredths = magnitude * 100;
  const whole = Math.floor(hundredths);
  const fraction = hundredths - whole;
  const roundedUp = fraction >= 0.5 - HALF_TOLERANCE - RELATIVE_TOLERANCE * hundredths;
  const rounded = (roundedUp ? whole + 1 : whole) / 100;
  if (rounded === 0) return 0;
  return x < 0 ? -rounded : rounded;
}
