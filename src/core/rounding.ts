// Rounding of scores, contract v1: 2 decimals, half away from zero.

/**
 * A sum like 0.335 × 3 lands a hair below or above the half it stands for (1.00499999… or
 * 1.00500000…1). Values this close to a half are treated as the half, so the result is the one
 * a person doing the sum on paper expects. The tolerance is a few units of float precision at the
 * value's size (plus a tiny absolute part), never more than a sixteenth of a hundredth: at 3.5e11 and
 * above, 64 units of precision would reach past the half and every value would round up.
 */
export const HALF_TOLERANCE = 1e-9;
export const RELATIVE_TOLERANCE = 64 * Number.EPSILON;
export const MAX_TOLERANCE = 1 / 16;

/** From 2^46 on, doubles are 1/64 apart: there are no hundredths left to round to. */
export const NOTHING_TO_ROUND = 2 ** 46;

/** Veltkamp's splitter for 53-bit doubles (2^27 + 1). */
export const SPLITTER = 134_217_729;

/**
 * Rounds to 2 decimals, half away from zero (1.005 → 1.01, −2.345 → −2.35). Never returns −0.
 * |x| × 100 is taken exactly (as a sum of two doubles), so the result is the same at every size below
 * 2^46, and rounding a rounded value changes nothing.
 */
export function roundScore(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude < NOTHING_TO_ROUND)) return x; // NaN, ±Infinity and huge numbers stay as they are
  const hundredths = magnitude * 100;
  // The rounding error of magnitude × 100 (Dekker's two-product, 100 having only 7 significant bits).
  const t = SPLITTER * magnitude;
  const high = t - (t - magnitude);
  const low = magnitude - high;
  const error = high * 100 - hundredths + low * 100;
  let whole = Math.floor(hundredths);
  let fraction = hundredths - whole + error;
  if (fraction < 0) {
    whole -= 1;
    fraction += 1;
  }
  const tolerance = Math.min(HALF_TOLERANCE + RELATIVE_TOLERANCE * hundredths, MAX_TOLERANCE);
  const roundedUp = fraction >= 0.5 - tolerance;
  const rounded = (roundedUp ? whole + 1 : whole) / 100;
  if (rounded === 0) return 0;
  return x < 0 ? -rounded : rounded;
}
