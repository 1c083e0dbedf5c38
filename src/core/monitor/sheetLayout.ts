// The Monitor sheet as a grid of values: verdicts first (newest first), then one row per period, conversion
// per band over time, AUC over time and leads per band. Pure: the adapter writes it in one setValues and
// formats and charts it from the positions returned here.
import { countText } from '../calibration/format';
import type { MonitorReport } from './types';

type Cell = string | number;

export type MonitorCellFormat = 'count' | 'percent' | 'decimal';

export interface MonitorSheetInput {
  report: MonitorReport;
  modelName: string;
  sheetName: string;
  builtAt: string;
}

/** A table a chart reads: 0-based first row (its header) and rows below, first column and column count. */
export interface ChartSource {
  headerRow: number;
  rows: number;
  column: number;
  columns: number;
}

export interface MonitorSheetGrid {
  /** Rectangular: every row as wide as the widest. */
  values: Cell[][];
  titleRows: number[];
  headingRows: number[];
  /** How each number cell is shown, by `row:column` (0-based). */
  formats: Map<string, MonitorCellFormat>;
  /** Per period, per band conversion rate; and AUC with the baseline's. */
  bandChart: ChartSource;
  aucChart: ChartSource;
  /** 0-based row of each period in the periods table, with its status (for colours). */
  statusRows: { row: number; column: number; status: string }[];
}

export function monitorSheetGrid(input: MonitorSheetInput): MonitorSheetGrid {
  const { report } = input;
  const values: Cell[][] = [];
  const titleRows: number[] = [];
  const headingRows: number[] = [];
  const formats = new Map<string, MonitorCellFormat>();
  const statusRows: MonitorSheetGrid['statusRows'] = [];
  const row = (...cells: Cell[]) => {
    values.push(cells);
    return values.length - 1;
  };
  const put = (cells: (Cell | null | [number | null, MonitorCellFormat])[]) => {
    const index = values.length;
    const plain: Cell[] = cells.map((cell, column) => {
      if (cell === null) return '';
      if (Array.isArray(cell)) {
        const [value, format] = cell;
        if (value === null) return '';
        formats.set(`${index}:${column}`, format);
        return value;
      }
      return cell;
    });
    return row(...plain);
  };
  const b = report.baseline;
  const bandNames = report.periods[0]?.bands.map((band) => band.band) ?? [];

  titleRows.push(row(`Monitor of "${input.modelName}" on "${input.sheetName}"`));
  row(
    `Built ${input.builtAt}. Every ${report.every} by "${report.dateColumn}"; ` +
      (b === null
        ? 'no baseline yet (no period has enough outcomes).'
        : `baseline ${b.label} (${b.start} to ${b.end}${b.chosen === 'dates given' ? ', dates given' : ''}), ${countText(b.known)} known outcomes, AUC ${b.auc === null ? '–' : b.auc.toFixed(2)}.`) +
      (report.undated > 0 ? ` ${countText(report.undated)} leads without a date left out.` : ''),
  );
  row();
  headingRows.push(row('Verdicts (newest first)'));
  for (const verdict of report.verdicts) row(verdict);
  row();

  const review = report.reviewSample !== null;
  const periodHeader = row(
    'Period',
    'Starts',
    'Leads',
    'Known outcomes',
    'Converted',
    'Rate',
    'AUC',
    'AUC low',
    'AUC high',
    'Score shift (PSI)',
    'Sales-ready leads',
    'Sales-ready converted',
    ...(report.salesFeedback ? ['Sales accepted'] : []),
    ...(review ? ['Review: checked', 'Review: sales should call'] : []),
    'Status',
  );
  headingRows.push(periodHeader);
  const statusColumn = values[periodHeader]!.length - 1;
  for (const p of report.periods) {
    const index = put([
      `${p.label}${p.inBaseline ? ' (baseline)' : ''}`,
      p.start,
      [p.leads, 'count'],
      [p.known, 'count'],
      [p.conversions, 'count'],
      [p.rate, 'percent'],
      [p.auc, 'decimal'],
      [p.aucLow, 'decimal'],
      [p.aucHigh, 'decimal'],
      [p.psi, 'decimal'],
      [p.salesReady.leads, 'count'],
      [p.salesReady.precision, 'percent'],
      ...(report.salesFeedback
        ? [[p.salesReady.acceptance, 'percent'] as [number | null, MonitorCellFormat]]
        : []),
      ...(review
        ? [
            [p.review?.checked ?? 0, 'count'] as [number | null, MonitorCellFormat],
            [p.review?.share ?? null, 'percent'] as [number | null, MonitorCellFormat],
          ]
        : []),
      `${p.status}${p.tooGenerous ? ', too generous' : ''}`,
    ]);
    statusRows.push({ row: index, column: statusColumn, status: p.status });
  }
  row();

  headingRows.push(row('Conversion per band (known outcomes)'));
  const bandHeader = row('Period', ...bandNames);
  headingRows.push(bandHeader);
  for (const p of report.periods)
    put([p.label, ...p.bands.map((band) => [band.rate, 'percent'] as [number | null, MonitorCellFormat])]);
  const bandChart = {
    headerRow: bandHeader,
    rows: report.periods.length,
    column: 0,
    columns: bandNames.length + 1,
  };
  row();

  headingRows.push(row('AUC over time'));
  const aucHeader = row('Period', 'AUC', 'Baseline AUC');
  headingRows.push(aucHeader);
  for (const p of report.periods) put([p.label, [p.auc, 'decimal'], [b?.auc ?? null, 'decimal']]);
  const aucChart = { headerRow: aucHeader, rows: report.periods.length, column: 0, columns: 3 };
  row();

  headingRows.push(row('Leads per band (known outcomes, converted)'));
  headingRows.push(
    row('Period', ...bandNames.flatMap((name) => [`${name} leads`, `${name} known`, `${name} converted`])),
  );
  for (const p of report.periods) {
    put([
      p.label,
      ...p.bands.flatMap((band) => [
        [band.leads, 'count'] as [number, MonitorCellFormat],
        [band.known, 'count'] as [number, MonitorCellFormat],
        [band.conversions, 'count'] as [number, MonitorCellFormat],
      ]),
    ]);
  }

  // Contract v2 §10: the fit grade against the engagement level, per period (only for a model with both).
  const cellNames = report.periods[0]?.cells?.map((c) => c.cell) ?? [];
  if (cellNames.length > 0) {
    row();
    headingRows.push(row('Conversion per cell (grade and engagement level, known outcomes)'));
    headingRows.push(row('Period', ...cellNames));
    for (const p of report.periods)
      put([
        p.label,
        ...(p.cells ?? []).map((c) => [c.rate, 'percent'] as [number | null, MonitorCellFormat]),
      ]);
    row();
    headingRows.push(row('Leads per cell (known outcomes, converted)'));
    headingRows.push(
      row('Period', ...cellNames.flatMap((name) => [`${name} leads`, `${name} known`, `${name} converted`])),
    );
    for (const p of report.periods) {
      put([
        p.label,
        ...(p.cells ?? []).flatMap((c) => [
          [c.leads, 'count'] as [number, MonitorCellFormat],
          [c.known, 'count'] as [number, MonitorCellFormat],
          [c.conversions, 'count'] as [number, MonitorCellFormat],
        ]),
      ]);
    }
  }

  const width = Math.max(...values.map((line) => line.length));
  for (const line of values) while (line.length < width) line.push('');
  return { values, titleRows, headingRows, formats, bandChart, aucChart, statusRows };
}
