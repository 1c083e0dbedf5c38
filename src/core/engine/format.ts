// Points and reasons as users read them, bands, and small numeric helpers shared by the engine.

import type { Band, Model } from '../model';
import { roundScore } from '../rounding';
import { MINUS } from './describe';
import type { Reason } from './types';

/** Signed points as shown to users: `+15`, `−30`, `+7.5`, `0`. */
export function formatPoints(points: number): string {
  const rounded = roundScore(points);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${rounded}` : `${MINUS}${-rounded}`;
}

/** "Demo requested +15, Unsubscribed −30, Company size ×3 +1965 (its group capped to 40)". */
export function formatReasons(reasons: readonly Reason[]): string {
  return reasons.map(formatReason).join(', ');
}

export function formatReason(reason: Reason): string {
  const text = reason.text ?? `${reason.rule} ${formatPoints(reason.points)}`;
  return reason.groupCap === undefined ? text : `${text}${groupCapNote(reason.groupCap)}`;
}

/** What a reason of a group that went over its maxPoints adds: ` (its group capped to 40)`. */
export function groupCapNote(cap: number): string {
  return ` (its group capped to ${formatPoints(cap).replace(/^\+/, '')})`;
}

/** Per band, whether it is handed to sales; when none is marked, the upper half (at least one). */
export function salesReadyFlags(model: Model): boolean[] {
  return effectiveSalesReady(model.bands.map((band) => ({ salesReady: band.salesReady === true })));
}

/** The contract's rule on plain flags: the marked bands; when none is marked, the upper half of the bands,
 *  at least one (4 bands → 2, 3 → 1, 1 → 1). */
export function effectiveSalesReady(bands: readonly { salesReady: boolean }[]): boolean[] {
  if (bands.some((band) => band.salesReady)) return bands.map((band) => band.salesReady);
  const upperCount = Math.max(1, Math.floor(bands.length / 2));
  return bands.map((_, index) => index >= bands.length - upperCount);
}

/** Index of the last band whose min ≤ value, or 0 when none is. */
export function makeBandIndex(bands: readonly Pick<Band, 'min'>[]): (value: number) => number {
  const mins = bands.map((band) => (band.min === null ? Number.NEGATIVE_INFINITY : band.min));
  return (value) => {
    for (let index = mins.length - 1; index > 0; index--) {
      if (mins[index]! <= value) return index;
    }
    return 0;
  };
}

/** Finite, so that absurd cells (1e308 visits) cannot turn a total into Infinity or NaN. */
export function finite(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  if (x === Number.NEGATIVE_INFINITY) return -Number.MAX_VALUE;
  return x;
}

export function clampMagnitude(x: number, cap: number): number {
  return Math.min(cap, Math.max(-cap, x));
}

/** Largest magnitude first, model order kept on ties. Insertion sort: a row has few reasons, and
 *  this beats Array.prototype.sort with a comparator on the hot path. */
export function sortByMagnitude(reasons: Reason[]): void {
  for (let index = 1; index < reasons.length; index++) {
    const reason = reasons[index]!;
    const magnitude = Math.abs(reason.points);
    let position = index - 1;
    while (position >= 0 && Math.abs(reasons[position]!.points) < magnitude) {
      reasons[position + 1] = reasons[position]!;
      position--;
    }
    reasons[position + 1] = reason;
  }
}

/**
 * A score bounded and rounded (v1 step 4): capped at max, floored at min, rounded to 2 decimals half away
 * from zero; a bound with more decimals (99.995) can not be left by rounding (→ 99.99, not 100).
 */
export function boundScore(x: number, min: number, max: number): number {
  const bounded = Math.max(Math.min(finite(x), max), min);
  const rounded = roundScore(bounded);
  if (rounded > max) {
    const below = Math.floor(max * 100) / 100;
    return below >= min ? below : bounded;
  }
  if (rounded < min) {
    const above = Math.ceil(min * 100) / 100;
    return above <= max ? above : bounded;
  }
  return rounded;
}
