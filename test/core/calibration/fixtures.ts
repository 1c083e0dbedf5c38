// Builders for hand-worked calibration inputs: leads described per band as counts, so each test's
// arithmetic can be read off its setup.

import type { CalibrationInput, CalibrationLead } from '../../../src/core/calibration';

export interface BandSpec {
  name: string;
  min: number | null;
  salesReady?: boolean;
  /** Every lead in the band gets this score (one tie group per band keeps the arithmetic simple). */
  score: number;
  leads: number;
  conversions: number;
}

export interface RuleSpec {
  name: string;
  points: number;
  enabled?: boolean;
  /** Whether a lead matches: its band name, its position inside the band, and its outcome. */
  matches: (band: string, positionInBand: number, converted: boolean) => boolean;
}

/** Converted leads come first inside each band, so "the first k leads of Hot" is well defined. */
export function buildInput(
  bands: BandSpec[],
  rules: RuleSpec[] = [],
  targetPrecision?: number,
): CalibrationInput {
  const leads: CalibrationLead[] = [];
  bands.forEach((band, bandIndex) => {
    for (let position = 0; position < band.leads; position++) {
      const converted = position < band.conversions;
      leads.push({
        score: band.score,
        band: bandIndex,
        converted,
        matches: rules.map((rule) => rule.matches(band.name, position, converted)),
      });
    }
  });
  const input: CalibrationInput = {
    bands: bands.map((band) => ({ name: band.name, min: band.min, salesReady: band.salesReady ?? false })),
    rules: rules.map((rule) => ({ name: rule.name, points: rule.points, enabled: rule.enabled ?? true })),
    leads,
  };
  if (targetPrecision !== undefined) input.targetPrecision = targetPrecision;
  return input;
}

/** Every number anywhere in a value is finite (no NaN or Infinity slips into the JSON). */
export function allNumbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allNumbersFinite);
  return true;
}
