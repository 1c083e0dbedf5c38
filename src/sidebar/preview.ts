// How the leads on the data sheet spread across the bands under a model, and how many of each band
// converted: computed in the browser with the core engine, so the user sees the effect of an edit
// before saving it.
import { type CompiledModel, salesReadyFlags } from '../core/engine';

export interface BandStat {
  name: string;
  salesReady: boolean;
  count: number;
  /** count / total, 0..1 (0 when there are no leads). */
  share: number;
  converted: number;
  /** Leads of the band with a known outcome (converted or not converted; open ones are left out). */
  decided: number;
  /** converted / decided, or undefined when no lead of the band has a known outcome. */
  rate: number | undefined;
}

export interface PreviewStats {
  total: number;
  bands: BandStat[];
  salesReady: number;
  /** Leads with a known outcome; 0 when the model has no outcome or the data has no such column. */
  decided: number;
  converted: number;
}

export function bandStats(compiled: CompiledModel, rows: readonly (readonly unknown[])[]): PreviewStats {
  const model = compiled.model;
  const ready = salesReadyFlags(model);
  const counts = model.bands.map(() => 0);
  const converted = model.bands.map(() => 0);
  const decided = model.bands.map(() => 0);
  for (const row of rows) {
    const band = compiled.bandIndex(compiled.scoreValue(row));
    counts[band] = (counts[band] ?? 0) + 1;
    const outcome = compiled.outcome(row);
    if (outcome === 'converted' || outcome === 'not converted') {
      decided[band] = (decided[band] ?? 0) + 1;
      if (outcome === 'converted') converted[band] = (converted[band] ?? 0) + 1;
    }
  }
  const total = rows.length;
  const bands = model.bands.map((band, index): BandStat => {
    const count = counts[index] ?? 0;
    const known = decided[index] ?? 0;
    const won = converted[index] ?? 0;
    return {
      name: band.name,
      salesReady: ready[index] === true,
      count,
      share: total === 0 ? 0 : count / total,
      converted: won,
      decided: known,
      rate: known === 0 ? undefined : won / known,
    };
  });
  return {
    total,
    bands,
    salesReady: bands.reduce((sum, band) => sum + (band.salesReady ? band.count : 0), 0),
    decided: bands.reduce((sum, band) => sum + band.decided, 0),
    converted: bands.reduce((sum, band) => sum + band.converted, 0),
  };
}

/** `12.5%`, `0%`, `100%`: at most one decimal. */
export function percent(fraction: number): string {
  const value = Math.round(fraction * 1000) / 10;
  return `${value}%`;
}
