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
