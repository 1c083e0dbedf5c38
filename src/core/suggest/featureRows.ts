// Which candidates each lead matches, as one flat typed array (compressed rows): 4 bytes a match instead of
// an array object per lead (about 180 bytes a lead at a million leads). Read as `rows.at(row)`, as an array
// of arrays is, so the fitting code takes either.

import type { FeatureTable } from '../calibration/logistic';

export class FeatureRows implements FeatureTable {
  private constructor(
    private readonly starts: Int32Array,
    private readonly data: Int32Array,
  ) {}

  get length(): number {
    return this.starts.length - 1;
  }

  at(row: number): Int32Array | undefined {
    if (row < 0 || row >= this.length) return undefined;
    return this.data.subarray(this.starts[row]!, this.starts[row + 1]!);
  }

  /** Rows built one by one: `add` each feature of a row, then `end` it. */
  static builder(rows: number): FeatureRowsBuilder {
    return new FeatureRowsBuilder(rows, (starts, data) => new FeatureRows(starts, data));
  }
}

export class FeatureRowsBuilder {
  private readonly starts: Int32Array;
  private data = new Int32Array(1024);
  private size = 0;
  private row = 0;

  constructor(
    rows: number,
    private readonly make: (starts: Int32Array, data: Int32Array) => FeatureRows,
  ) {
    this.starts = new Int32Array(rows + 1);
  }

  add(feature: number): void {
    if (this.size === this.data.length) {
      const data = new Int32Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.size++] = feature;
  }

  end(): void {
    this.starts[++this.row] = this.size;
  }

  finish(): FeatureRows {
    if (this.row !== this.starts.length - 1) throw new Error('FeatureRows: not every row was ended');
    return this.make(this.starts, this.data.slice(0, this.size));
  }
}

/** Per lead, the candidates it matches (`matchesOf(lead)[j]` true: candidate j). */
export function matchedFeatures(leads: number, matchesOf: (lead: number) => readonly boolean[]): FeatureRows {
  const out = FeatureRows.builder(leads);
  for (let i = 0; i < leads; i++) {
    const matches = matchesOf(i);
    for (let j = 0; j < matches.length; j++) if (matches[j]) out.add(j);
    out.end();
  }
  return out.finish();
}

/** Pair p (candidate `firstPair + p`) added to each lead that matches both its parts, after the lead's own. */
export function withPairs(
  features: FeatureRows,
  pairs: readonly (readonly [number, number])[],
  firstPair: number,
): FeatureRows {
  if (pairs.length === 0) return features;
  const out = FeatureRows.builder(features.length);
  for (let i = 0; i < features.length; i++) {
    const on = features.at(i)!;
    for (const j of on) out.add(j);
    pairs.forEach(([a, b], p) => {
      if (on.includes(a) && on.includes(b)) out.add(firstPair + p);
    });
    out.end();
  }
  return out.finish();
}

/** The features of `rows`, only the candidates in `columns`, renumbered by their position there. */
export function selectFeatures(
  features: FeatureRows,
  rows: readonly number[],
  columns: readonly number[],
  candidateCount: number,
): FeatureRows {
  const position = new Int32Array(candidateCount).fill(-1);
  columns.forEach((j, p) => {
    position[j] = p;
  });
  const out = FeatureRows.builder(rows.length);
  for (const row of rows) {
    for (const j of features.at(row)!) if (position[j]! >= 0) out.add(position[j]!);
    out.end();
  }
  return out.finish();
}
