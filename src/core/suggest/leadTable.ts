// Leads as a table the suggested model reads by index: rows kept as arrays (a sheet's values), or columns
// kept compactly (a large CSV: per column, its distinct cells once and a 2-byte id per lead). A fit needs
// every lead's cells, not one string object per cell: 1,000,000 leads × 17 columns held as text rows take
// about 730 MB of heap, as columns about 100 MB (docs/benchmarks.md, "CLI suggest at scale").

export interface LeadTable {
  readonly length: number;
  /** Lead `i`'s cells, in column order (a fresh array for a columnar table: read it, do not keep it). */
  row(i: number): readonly unknown[];
  /** Cell `column` of lead `i`. */
  cell(i: number, column: number): unknown;
}

export type LeadRows = readonly (readonly unknown[])[] | LeadTable;

export function isLeadTable(rows: LeadRows): rows is LeadTable {
  return !Array.isArray(rows);
}

export function leadTable(rows: LeadRows): LeadTable {
  if (isLeadTable(rows)) return rows;
  return {
    length: rows.length,
    row: (i) => rows[i]!,
    cell: (i, column) => rows[i]![column],
  };
}

/** The leads of `table` at `indexes`, in that order. */
export function subTable(table: LeadTable, indexes: ArrayLike<number>): LeadTable {
  return {
    length: indexes.length,
    row: (i) => table.row(indexes[i]!),
    cell: (i, column) => table.cell(indexes[i]!, column),
  };
}

/** One column's cells of every lead (for passes that read a column at a time). */
export function columnCells(table: LeadTable, column: number): unknown[] {
  const cells = new Array<unknown>(table.length);
  for (let i = 0; i < table.length; i++) cells[i] = table.cell(i, column);
  return cells;
}

/** Every lead as a row array (for a pass that needs arrays; the cells are shared, not copied). */
export function rowsOf(table: LeadTable): (readonly unknown[])[] {
  const rows = new Array<readonly unknown[]>(table.length);
  for (let i = 0; i < table.length; i++) rows[i] = table.row(i);
  return rows;
}

/** A column keeps a dictionary of its distinct cells while they are this few; above, its cells as they are
 *  (an identifier or free text: a dictionary would only add a map entry per lead). */
const MAX_DICTIONARY = 1 << 16;

interface Column {
  /** Distinct cells (dictionary mode), or undefined once the column holds its cells as they are. */
  values: string[] | undefined;
  ids: Map<string, number> | undefined;
  /** Dictionary mode: each lead's id into `values` (at most MAX_DICTIONARY values: 2 bytes a lead). */
  codes: Uint16Array;
  /** Plain mode: each lead's cell. */
  cells: string[] | undefined;
}

/**
 * A table built row by row, stored by column: each cell is kept as the string it was given (equal cells share
 * one string), so every reader sees exactly the cells a row-wise table would hold.
 */
export class ColumnarLeads implements LeadTable {
  private readonly columns: Column[];
  private count = 0;
  private capacity = 1024;

  constructor(readonly width: number) {
    this.columns = Array.from({ length: width }, () => ({
      values: [],
      ids: new Map(),
      codes: new Uint16Array(this.capacity),
      cells: undefined,
    }));
  }

  get length(): number {
    return this.count;
  }

  /** Adds a lead; missing cells read as '' (as a short CSV row does). */
  add(cells: readonly string[]): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    for (let c = 0; c < this.width; c++) {
      const cell = cells[c] ?? '';
      const column = this.columns[c]!;
      if (column.cells !== undefined) {
        column.cells.push(cell);
        continue;
      }
      let id = column.ids!.get(cell);
      if (id === undefined) {
        id = column.values!.length;
        if (id === MAX_DICTIONARY) {
          this.toPlain(column, i);
          column.cells!.push(cell);
          continue;
        }
        column.values!.push(cell);
        column.ids!.set(cell, id);
      }
      column.codes[i] = id;
    }
  }

  row(i: number): readonly unknown[] {
    const out = new Array<unknown>(this.width);
    for (let c = 0; c < this.width; c++) out[c] = this.cell(i, c);
    return out;
  }

  cell(i: number, column: number): unknown {
    const stored = this.columns[column];
    if (stored === undefined || i < 0 || i >= this.count) return undefined;
    return stored.cells !== undefined ? stored.cells[i] : stored.values![stored.codes[i]!];
  }

  private grow(): void {
    this.capacity *= 2;
    for (const column of this.columns) {
      if (column.cells !== undefined) continue;
      const codes = new Uint16Array(this.capacity);
      codes.set(column.codes);
      column.codes = codes;
    }
  }

  /** From dictionary to plain cells, for the first `rows` leads. */
  private toPlain(column: Column, rows: number): void {
    const cells = new Array<string>(rows);
    for (let i = 0; i < rows; i++) cells[i] = column.values![column.codes[i]!]!;
    column.cells = cells;
    column.values = undefined;
    column.ids = undefined;
    column.codes = new Uint16Array(0);
  }
}
