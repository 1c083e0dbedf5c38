// What the local page can do to the spreadsheet, on the thread that owns the emulator: run a menu command or
// a sidebar call, edit a cell, follow a tab click, import and export CSV, insert and delete rows, and read
// what a user would see (a window of the grid with its colours, checkboxes, wrapped text and charts).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { compileModel, formatReasons } from '../core/engine';
import { neutraliseCell } from '../core/export/csvSafety';
import { columnLetter, MODEL_RANGE_NAME } from '../core/modelSheet';
import type { EmulatedSheet, Emulator } from '../emulation';
import { effectiveFormats } from './conditionalFormats';
import { transfer } from './transfer';

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** One drawn cell. Only what differs from a plain cell is sent (a 9,237-row sheet stays light). */
export interface DrawnCell {
  /** Displayed text. */
  v: string;
  /** Formula text, when the cell holds one. */
  f?: string;
  /** Background (#rrggbb), when not white. */
  bg?: string;
  /** Font colour, when not black. */
  fc?: string;
  bold?: true;
  /** A number (drawn right-aligned). */
  num?: true;
  /** A data-validation checkbox: its state. */
  check?: boolean;
  /** The error behind #ERROR! and friends. */
  error?: string;
  /** The cell's text wraps (setWrap(true)); otherwise it overflows into empty cells or is clipped. */
  wrap?: true;
}

export interface DrawnChart {
  title: string;
  type: string;
  /** Where the chart's top-left corner is anchored (1-based). */
  anchor: { row: number; column: number };
  valueFormat: 'percent' | 'number';
  bars: { label: string; value: number }[];
  /** A LINE chart: the labels along the axis (the range's first column) and one series per other column,
   *  named by the range's first row; a blank or text cell is a gap (null). */
  lines?: { labels: string[]; series: { name: string; values: (number | null)[] }[] };
  /** A COLUMN chart over more than one value column: one column per label, a part per series, stacked
   *  when the chart's isStacked option says so (else side by side). */
  columns?: {
    labels: string[];
    series: { name: string; values: (number | null)[] }[];
    stacked: boolean;
  };
  /** The horizontal axis title (hAxis.title), when the chart has one. */
  xTitle?: string;
}

export interface SheetWindow {
  name: string;
  /** Rows and columns with content (the data range). */
  rows: number;
  columns: number;
  /** Columns drawn: the data's and a few empty ones right of it (within the sheet), to type a formula into. */
  drawnColumns: number;
  frozenRows: number;
  /** Each drawn column's width in pixels (Sheets' default is 100). */
  widths: number[];
  /** First row of the window (1-based), after the frozen rows. */
  from: number;
  /** Frozen rows first, then the window; each with its sheet row number. */
  grid: { row: number; cells: DrawnCell[] }[];
  charts: DrawnChart[];
}

export interface WorkbookState {
  name: string;
  activeSheet: string;
  sheets: { name: string; rows: number; columns: number }[];
  menus: { caption: string; items: [string, string][] }[];
  /** Every toast so far, numbered, so a page shows only those raised after it loaded. */
  toasts: { index: number; title: string; message: string; timeoutSeconds: number }[];
  toastCount: number;
  /** The last HTML dialog the add-on showed (Export model JSON, Export SQL…), numbered like the toasts. */
  htmlDialog: {
    index: number;
    title: string;
    width: number | null;
    height: number | null;
    html: string;
  } | null;
  htmlDialogCount: number;
  sidebarShown: boolean;
  /** Changes whenever something a user sees may have changed. */
  fingerprint: string;
}

/** Rows the page draws at a time: the X Education file (9,237 leads) is 47 pages, each drawn at once. */
export const PAGE_ROWS = 200;
/** Empty columns (and, on the last page, rows) drawn past the data. */
export const EMPTY_EDGE = 3;

export class Workbench {
  constructor(readonly emulator: Emulator) {}

  /** A server function, as google.script.run or a menu item runs it; formulas recalculate after it. */
  run(name: string, args: unknown[] = []): Reply {
    try {
      const value = transfer(this.emulator.run(name, transfer(args), 'FULL'));
      return { ok: true, value: value ?? null };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    } finally {
      this.emulator.recalculate();
    }
  }

  /** What typing into a cell does: text starting with "=" is a formula, anything else typed input. */
  setCell(sheetName: string, a1: string, value: string | boolean): Reply {
    return this.edit(sheetName, (sheet) => {
      const cell = sheet.getRange(a1);
      if (typeof value === 'string' && value.startsWith('=')) cell.setFormula(value);
      else cell.setValue(value);
    });
  }

  /** A tab click: the sheet becomes the active sheet, as in Sheets. */
  activate(sheetName: string): Reply {
    try {
      this.emulator.spreadsheet.activateSheet(sheetName);
      return { ok: true, value: null };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  }

  /** Insert > Row above (count rows before `row`), through the emulation so named ranges and formulas follow. */
  insertRows(sheetName: string, row: number, count: number): Reply {
    return this.edit(sheetName, (sheet) => {
      sheet.insertRowsBefore(row, count);
    });
  }

  deleteRows(sheetName: string, row: number, count: number): Reply {
    return this.edit(sheetName, (sheet) => {
      sheet.deleteRows(row, count);
    });
  }

  /**
   * File > Import > Insert new sheet: the CSV's text goes into a new sheet named after the file, and the
   * model's formulas (the same LEADSCORE/LEADBAND/LEADREASONS over LeadModel as the sample sheet) are put
   * after the last column. Numbers and dates are read as Sheets' import reads them; a cell starting with "="
   * stays text: a file's content is data, never a formula.
   */
  importCsv(fileName: string, text: string): Reply<{ sheet: string; leads: number; columns: number }> {
    let rows: string[][];
    try {
      rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
    } catch (error) {
      return { ok: false, error: `${fileName}: ${messageOf(error)}` };
    }
    const width = Math.max(0, ...rows.map((row) => row.length));
    if (rows.length < 2 || width === 0) {
      return { ok: false, error: `${fileName}: no leads (a header row and at least one lead are needed)` };
    }
    const grid = rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
    const spreadsheet = this.emulator.spreadsheet;
    const sheet = spreadsheet.insertSheet(this.freeSheetName(fileName));
    const needRows = grid.length - sheet.getMaxRows();
    if (needRows > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needRows);
    const needColumns = width + 3 - sheet.getMaxColumns();
    if (needColumns > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needColumns);
    // A leading apostrophe makes Sheets keep typed input as text: a formula-like cell (or one that starts
    // with an apostrophe itself) stays exactly the file's text.
    const inputs = grid.map((row) => row.map((cell) => (/^[='].+/s.test(cell) ? `'${cell}` : cell)));
    const range = sheet.getRange(1, 1, grid.length, width);
    range.setValues(inputs);
    const data = `A1:${columnLetter(width)}${grid.length}`;
    sheet
      .getRange(1, width + 1, 1, 3)
      .setFormulas([
        [
          `=LEADSCORE(${data}, ${MODEL_RANGE_NAME})`,
          `=LEADBAND(${data}, ${MODEL_RANGE_NAME})`,
          `=LEADREASONS(${data}, ${MODEL_RANGE_NAME})`,
        ],
      ]);
    sheet.getRange(1, 1, 1, width + 3).setFontWeight('bold');
    sheet.setFrozenRows(1);
    spreadsheet.setActiveSheet(sheet);
    this.emulator.recalculate();
    return { ok: true, value: { sheet: sheet.getName(), leads: grid.length - 1, columns: width } };
  }

  /** File > Download > CSV: the displayed values, each cell made safe to open in a spreadsheet. */
  exportCsv(sheetName: string): Reply<{ fileName: string; csv: string }> {
    const sheet = this.emulator.spreadsheet.getSheetByName(sheetName);
    if (!sheet) return { ok: false, error: `no sheet "${sheetName}"` };
    const values = sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getDisplayValues();
    const csv = stringify(values.map((row) => row.map(neutraliseCell)));
    return { ok: true, value: { fileName: `${sheetName}.csv`, csv } };
  }

  /**
   * "Download scored CSV": the sheet's displayed columns plus Score, Band, Grade (when the model has grades;
   * Cell too, for a model with grades and engagement levels) and Reasons, scored by the
   * core engine as `leadscore score` scores (the model from the model sheet; dates as the sheet's calendar
   * days), every text cell made safe to open in a spreadsheet while numbers, negatives included, stay numbers.
   * Score/Band/Grade/Reasons columns already on the sheet are left out (they would be last run's).
   */
  /** The activity log as the add-on finds it by name (Activities, else Sample activities), dates as days. */
  private activityLog(day: Intl.DateTimeFormat): { headers: unknown[]; rows: unknown[][] } | undefined {
    const sheet = ['Activities', 'Sample activities']
      .map((name) => this.emulator.spreadsheet.getSheetByName(name))
      .find((found) => found && found.getLastRow() > 0);
    if (!sheet) return undefined;
    const [headers = [], ...rows] = sheet
      .getDataRange()
      .getValues()
      .map((row) => row.map((cell) => (cell instanceof Date ? day.format(cell) : cell)));
    return { headers, rows };
  }

  scoredCsv(sheetName: string): Reply<{ fileName: string; csv: string }> {
    const sheet = this.emulator.spreadsheet.getSheetByName(sheetName);
    if (!sheet) return { ok: false, error: `no sheet "${sheetName}"` };
    if (sheet.getLastRow() < 2) return { ok: false, error: `"${sheetName}" has no leads to score` };
    const sidebar = this.emulator.run('getSidebarState', [], 'FULL') as {
      model: Parameters<typeof compileModel>[0] | null;
      modelProblems: { message: string; where?: string }[];
    };
    const model = sidebar.model;
    if (!model)
      return {
        ok: false,
        error: `the model cannot be read: ${sidebar.modelProblems.map((p) => (p.where ? `${p.where}: ${p.message}` : p.message)).join('; ')}`,
      };
    const range = sheet.getDataRange();
    const shown = range.getDisplayValues();
    const timeZone = this.emulator.spreadsheet.getSpreadsheetTimeZone();
    const day = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const values = range
      .getValues()
      .map((row) => row.map((cell) => (cell instanceof Date ? day.format(cell) : cell)));
    // No Grade column when the model gives no grades: it would only ever be empty (the CLI keeps its four
    // columns for pipelines; this file is for people).
    const graded = (model.grades?.length ?? 0) > 0;
    const withCell = graded && (model.engagementLevels?.length ?? 0) > 0;
    const outputs = withCell
      ? ['Score', 'Band', 'Grade', 'Cell', 'Reasons']
      : graded
        ? ['Score', 'Band', 'Grade', 'Reasons']
        : ['Score', 'Band', 'Reasons'];
    // Last run's columns are left out, a Grade among them even when this model has none.
    const scoreColumns = new Set([...outputs, 'Grade']);
    const kept = (shown[0] ?? []).flatMap((header, index) => (scoreColumns.has(header) ? [] : [index]));
    const headers = kept.map((index) => shown[0]?.[index] ?? '');
    const compiled = compileModel(model, headers, {
      timeZone: 'UTC',
      asOf: model.settings?.asOf ?? day.format(new Date()),
      activities: this.activityLog(day),
    });
    if (!compiled.ok) return { ok: false, error: compiled.problems.map((p) => p.message).join('; ') };
    const lines: string[][] = [[...headers, ...outputs].map(neutraliseCell)];
    for (let r = 1; r < shown.length; r++) {
      const cells = kept.map((index) => values[r]?.[index]);
      const text = kept.map((index) => neutraliseCell(shown[r]?.[index] ?? ''));
      if (cells.every((cell) => cell === '' || cell === null || cell === undefined)) {
        lines.push([...text, ...outputs.map(() => '')]);
        continue;
      }
      const result = compiled.compiled.score(cells);
      lines.push([
        ...text,
        String(result.score),
        neutraliseCell(result.band),
        ...(graded ? [neutraliseCell(result.grade ?? '')] : []),
        ...(withCell ? [neutraliseCell(result.cell ?? '')] : []),
        neutraliseCell(formatReasons(result.reasons)),
      ]);
    }
    return { ok: true, value: { fileName: `${sheetName} scored.csv`, csv: stringify(lines) } };
  }

  state(): WorkbookState {
    const { spreadsheet, ui } = this.emulator;
    // A hidden sheet has no tab in Sheets.
    const sheets = spreadsheet
      .getSheets()
      .filter((sheet) => !sheet.isSheetHidden())
      .map((sheet) => ({
        name: sheet.getName(),
        rows: sheet.getLastRow(),
        columns: sheet.getLastColumn(),
      }));
    const activeSheet = spreadsheet.getActiveSheet().getName();
    const toasts = ui.toasts.map((toast, index) => ({ index, ...toast }));
    return {
      name: spreadsheet.getName(),
      activeSheet,
      sheets,
      menus: ui.menus.map((menu) => ({ caption: menu.caption, items: menu.items })),
      toasts,
      toastCount: toasts.length,
      htmlDialog:
        ui.dialogs.length === 0
          ? null
          : { index: ui.dialogs.length - 1, ...ui.dialogs[ui.dialogs.length - 1]! },
      htmlDialogCount: ui.dialogs.length,
      sidebarShown: ui.sidebars.length > 0,
      fingerprint: this.fingerprint(),
    };
  }

  /** Cheap to compute (no scan of the cells): any write moves the spreadsheet's change sequence. */
  fingerprint(): string {
    const { spreadsheet, ui } = this.emulator;
    return [
      spreadsheet.currentSequence,
      spreadsheet.getActiveSheet().getName(),
      spreadsheet
        .getSheets()
        .map(
          (sheet) =>
            `${sheet.getName()}/${sheet.getMaxRows()}/${sheet.getConditionalFormatRules().length}/${sheet.getCharts().length}`,
        )
        .join(','),
      ui.toasts.length,
      ui.dialogs.length,
      ui.menus.length,
      ui.sidebars.length,
    ].join('|');
  }

  /** The frozen rows and PAGE_ROWS rows from `from`, as Sheets would draw them. */
  window(sheetName: string, from: number): Reply<SheetWindow> {
    const sheet = this.emulator.spreadsheet.getSheetByName(sheetName);
    if (!sheet) return { ok: false, error: `no sheet "${sheetName}"` };
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    const frozenRows = Math.min(sheet.getFrozenRows(), rows);
    const first = Math.max(frozenRows + 1, Math.min(Math.trunc(from) || 1, Math.max(rows, 1)));
    const last = Math.min(rows, first + PAGE_ROWS - 1);
    // Sheets shows empty cells past the data up to the sheet's size: a few of them (right of the data, and
    // below it on the last page) give room to type a new formula, such as a LEADEXPLAIN beside the leads.
    const drawnColumns = Math.min(sheet.getMaxColumns(), columns + EMPTY_EDGE);
    const lastDrawn = last === rows ? Math.min(sheet.getMaxRows(), rows + EMPTY_EDGE) : last;
    const wanted = [
      ...Array.from({ length: frozenRows }, (_, i) => i + 1),
      ...Array.from({ length: Math.max(0, lastDrawn - first + 1) }, (_, i) => first + i),
    ];
    const grid = drawnColumns === 0 ? [] : this.drawRows(sheet, wanted, drawnColumns);
    return {
      ok: true,
      value: {
        name: sheetName,
        rows,
        columns,
        drawnColumns,
        frozenRows,
        widths: Array.from({ length: drawnColumns }, (_, c) => sheet.getColumnWidth(c + 1)),
        from: first,
        grid,
        charts: drawCharts(sheet),
      },
    };
  }

  private drawRows(sheet: EmulatedSheet, rowNumbers: number[], columns: number) {
    const formats = effectiveFormats(sheet);
    const out: SheetWindow['grid'] = [];
    // Contiguous runs are read with one getDisplayValues each.
    for (let i = 0; i < rowNumbers.length; ) {
      let j = i;
      while (j + 1 < rowNumbers.length && rowNumbers[j + 1] === rowNumbers[j]! + 1) j++;
      const start = rowNumbers[i]!;
      const count = j - i + 1;
      const display = sheet.getRange(start, 1, count, columns).getDisplayValues();
      for (let r = 0; r < count; r++) {
        const row = start + r;
        const cells = display[r]!.map((text, c) => {
          const drawn: DrawnCell = { v: text };
          const cell = sheet.cellAt(row, c + 1);
          if (!cell) return drawn;
          if (typeof cell.value === 'number') drawn.num = true;
          if (cell.formula) drawn.f = cell.formula;
          const shown = formats(row, c + 1, cell);
          if (shown.background !== '#ffffff') drawn.bg = shown.background;
          if (shown.fontColor !== '#000000') drawn.fc = shown.fontColor;
          if (shown.bold) drawn.bold = true;
          if (cell.wrap) drawn.wrap = true;
          if (cell.dataValidation && String(cell.dataValidation.getCriteriaType()) === 'CHECKBOX') {
            drawn.check = cell.value === true;
          }
          const error = cell.formulaState?.error;
          if (error) drawn.error = error;
          return drawn;
        });
        out.push({ row, cells });
      }
      i = j + 1;
    }
    return out;
  }

  private edit(sheetName: string, change: (sheet: EmulatedSheet) => void): Reply {
    const sheet = this.emulator.spreadsheet.getSheetByName(sheetName);
    if (!sheet) return { ok: false, error: `no sheet "${sheetName}"` };
    try {
      change(sheet);
      return { ok: true, value: null };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    } finally {
      this.emulator.recalculate();
    }
  }

  private freeSheetName(fileName: string): string {
    const base =
      fileName
        .replace(/\.csv$/i, '')
        .trim()
        .slice(0, 90) || 'Imported leads';
    let name = base;
    for (let n = 2; this.emulator.spreadsheet.getSheetByName(name); n++) name = `${base} (${n})`;
    return name;
  }
}

function drawCharts(sheet: EmulatedSheet): DrawnChart[] {
  return sheet.getCharts().map((chart) => {
    const options = chart.getOptions();
    const vAxis = options.get('vAxis') as { format?: string } | null;
    const percent = vAxis?.format === 'percent' || options.get('vAxis.format') === 'percent';
    const bars: DrawnChart['bars'] = [];
    for (const range of chart.getRanges()) {
      const labels = range.offset(0, 0, range.getNumRows(), 1).getDisplayValues();
      const values = range.offset(0, range.getNumColumns() - 1, range.getNumRows(), 1).getValues();
      values.forEach((row, i) => {
        const value = row[0];
        if (typeof value === 'number') bars.push({ label: labels[i]![0]!, value });
      });
    }
    const container = chart.getContainerInfo();
    const type = String(chart.getType() ?? 'COLUMN');
    const drawn: DrawnChart = {
      title: String(options.get('title') ?? ''),
      type,
      anchor: { row: container.getAnchorRow(), column: container.getAnchorColumn() },
      valueFormat: percent ? 'percent' : 'number',
      bars,
    };
    const range = chart.getRanges()[0];
    if (type === 'LINE' && range) drawn.lines = linesOf(range.getDisplayValues(), range.getValues());
    if (type === 'COLUMN' && range && range.getNumColumns() > 2) {
      const stacked = options.get('isStacked');
      drawn.columns = {
        ...linesOf(range.getDisplayValues(), range.getValues()),
        stacked: stacked === true || stacked === 'absolute',
      };
    }
    const hAxis = options.get('hAxis') as { title?: string } | null;
    const xTitle = hAxis?.title ?? options.get('hAxis.title');
    if (typeof xTitle === 'string' && xTitle !== '') drawn.xTitle = xTitle;
    return drawn;
  });
}

/** A line chart's data as Sheets reads a range whose first row names the series and first column labels the
 *  points. */
function linesOf(shown: string[][], values: unknown[][]): NonNullable<DrawnChart['lines']> {
  const [names = [], ...rows] = shown;
  return {
    labels: rows.map((row) => row[0] ?? ''),
    series: names.slice(1).map((name, i) => ({
      name,
      values: values.slice(1).map((row) => {
        const value = row[i + 1];
        return typeof value === 'number' ? value : null;
      }),
    })),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
