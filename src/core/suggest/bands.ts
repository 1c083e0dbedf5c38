// Bands for a suggested model: as many as the data can tell apart. Four bands (Cold, Warm, Hot, Very hot at
// 40/30/20/10% of the fitting leads) when each band's conversion rate is clearly above the one below (their
// 95% Wilson intervals do not overlap), else three, else two.

import { wilsonInterval } from '../calibration/stats';
import type { Band } from '../model';

interface Layout {
  names: string[];
  /** Share of leads below each band's lower bound, from the second band up. */
  cuts: number[];
  /** How many of the top bands are handed to sales. */
  salesReady: number;
}

const LAYOUTS: Layout[] = [
  { names: ['Cold', 'Warm', 'Hot', 'Very hot'], cuts: [0.4, 0.7, 0.9], salesReady: 2 },
  { names: ['Cold', 'Warm', 'Hot'], cuts: [0.5, 0.8], salesReady: 1 },
  { names: ['Cold', 'Hot'], cuts: [0.7], salesReady: 1 },
];

export interface PlacedBands {
  bands: Band[];
  /** Neighbouring bands are clearly apart on the fitting leads. */
  distinct: boolean;
}

export function placeBands(scores: readonly number[], converted: readonly boolean[]): PlacedBands {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const sorted = order.map((i) => scores[i]!);
  // The layout with the fewest bands that could be placed, for when none is clearly apart.
  let possible: Band[] | null = null;
  for (const layout of LAYOUTS) {
    const mins: number[] = [];
    for (const cut of layout.cuts) {
      const at = sorted[Math.min(sorted.length - 1, Math.floor(cut * sorted.length))];
      if (at === undefined) break;
      if (mins.length > 0 && at <= mins[mins.length - 1]!) break;
      if (at <= sorted[0]!) break;
      mins.push(at);
    }
    if (mins.length !== layout.cuts.length) continue;
    const bands: Band[] = layout.names.map((name, b) => ({
      name,
      min: b === 0 ? null : mins[b - 1]!,
      ...(b >= layout.names.length - layout.salesReady ? { salesReady: true } : {}),
    }));
    possible = bands;
    if (apart(bands, scores, converted)) return { bands, distinct: true };
  }
  if (possible !== null) return { bands: possible, distinct: false };
  return { bands: [{ name: 'All leads', min: null, salesReady: true }], distinct: false };
}

function apart(bands: readonly Band[], scores: readonly number[], converted: readonly boolean[]): boolean {
  const leads = bands.map(() => 0);
  const conversions = bands.map(() => 0);
  scores.forEach((score, i) => {
    let band = 0;
    for (let b = bands.length - 1; b > 0; b--) {
      if (score >= bands[b]!.min!) {
        band = b;
        break;
      }
    }
    leads[band]!++;
    if (converted[i]) conversions[band]!++;
  });
  for (let b = 1; b < bands.length; b++) {
    const lower = wilsonInterval(conversions[b - 1]!, leads[b - 1]!);
    const upper = wilsonInterval(conversions[b]!, leads[b]!);
    if (lower === null || upper === null || upper.low <= lower.high) return false;
  }
  return true;
}
