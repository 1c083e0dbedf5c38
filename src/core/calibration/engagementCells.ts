// Fit × engagement (contract v2 §10): a lead's cell is its grade followed by its engagement level (`A1`).
// Leads and conversion per cell, tallied as leads come (the calibration and the monitor share this), with
// every cell of the model listed, best first (A1, A2, …, then B1…), empty ones too.
import { cellOf } from '../engine';
import type { Model } from '../model';
import { wilsonInterval } from './stats';

export interface EngagementCell {
  cell: string;
  grade: string;
  level: string;
}

export interface CellFigures extends EngagementCell {
  leads: number;
  /** Leads whose outcome is known (open ones left out); on the Calibration sheet every lead is known. */
  known: number;
  conversions: number;
  /** conversions / known, with its 95% Wilson interval; null when nothing is known. */
  rate: number | null;
  low: number | null;
  high: number | null;
}

/** The model's cells, best first (grades and levels are listed lowest first, so both are read backwards);
 *  undefined without grades or without engagement levels. */
export function engagementCells(model: Model): EngagementCell[] | undefined {
  const grades = model.grades;
  const levels = model.engagementLevels;
  if (!grades?.length || !levels?.length) return undefined;
  const cells: EngagementCell[] = [];
  for (const grade of [...grades].reverse())
    for (const level of [...levels].reverse())
      cells.push({ cell: cellOf(grade.name, level.name)!, grade: grade.name, level: level.name });
  return cells;
}

/** Counts per cell; `indexOf` turns a lead's cell (LeadScore.cell) into its position. */
export class CellTally {
  readonly leads: number[];
  readonly known: number[];
  readonly conversions: number[];
  private readonly index: Map<string, number>;

  constructor(readonly cells: readonly EngagementCell[]) {
    this.leads = new Array<number>(cells.length).fill(0);
    this.known = new Array<number>(cells.length).fill(0);
    this.conversions = new Array<number>(cells.length).fill(0);
    this.index = new Map(cells.map((c, i) => [c.cell, i]));
  }

  indexOf(cell: string | undefined): number | undefined {
    return cell === undefined ? undefined : this.index.get(cell);
  }

  add(cell: number | undefined, outcome: 'converted' | 'not converted' | 'open'): void {
    if (cell === undefined) return;
    this.leads[cell]!++;
    if (outcome === 'open') return;
    this.known[cell]!++;
    if (outcome === 'converted') this.conversions[cell]!++;
  }

  figures(): CellFigures[] {
    return cellFigures(this.cells, this.leads, this.known, this.conversions);
  }
}

export function cellFigures(
  cells: readonly EngagementCell[],
  leads: readonly number[],
  known: readonly number[],
  conversions: readonly number[],
): CellFigures[] {
  return cells.map((c, i) => {
    const k = known[i] ?? 0;
    const converted = conversions[i] ?? 0;
    const interval = wilsonInterval(converted, k);
    return {
      ...c,
      leads: leads[i] ?? 0,
      known: k,
      conversions: converted,
      rate: k === 0 ? null : converted / k,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
    };
  });
}
