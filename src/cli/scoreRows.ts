// One scored output line per lead, for `leadscore score` on the main thread and in its worker threads: the
// input's columns (neutralised against formula injection unless --no-sanitize) then Score, Band, Grade (Cell,
// when the model has engagement levels: v2 §10) and Reasons. A record that is safe to copy — no quote anywhere, commas between columns, nothing to neutralise
// — is copied as it stands in the file instead of being re-written cell by cell: the same bytes, cheaper.
import { isBlank } from '../core/cells';
import {
  type CompiledModel,
  compileModel,
  formatReason,
  formatReasons,
  type LeadScore,
  type Reason,
  type ScoringOptions,
} from '../core/engine';
import { neutraliseCell } from '../core/export/csvSafety';
import type { Model, Problem } from '../core/model';
import { csvLine } from './csvFast';

export const SCORE_COLUMNS = ['Score', 'Band', 'Grade', 'Reasons'];
/** With grades and engagement levels (v2 §10), the fit × engagement cell follows the grade. */
export const CELL_COLUMN = 'Cell';

/** Whether a model gives each lead a cell (grade + engagement level). */
export function hasCell(model: Model): boolean {
  return (model.grades?.length ?? 0) > 0 && (model.engagementLevels?.length ?? 0) > 0;
}

/** The columns a run adds for a model: a Cell beside the Grade only when the model gives one. */
export function scoreColumnsOf(model: Model): string[] {
  return hasCell(model) ? ['Score', 'Band', 'Grade', CELL_COLUMN, 'Reasons'] : SCORE_COLUMNS;
}

export interface RowScorerSetup {
  model: Model;
  headers: readonly string[];
  /** The column separator of the input: only a comma-separated record can be copied as it stands. */
  delimiter: string;
  asOf?: string;
  sanitize: boolean;
}

export class RowScorer {
  readonly engine: CompiledModel;
  readonly bandCounts: Map<string, number>;
  leads = 0;
  blankRows = 0;
  /** The result of the last line's lead; undefined for an empty row. */
  lastResult: LeadScore | undefined;
  /** The input columns written out again (an earlier run's Score, Band, Grade and Reasons are not). */
  readonly carried: number[];
  /** A cell as written out: neutralised against formula injection, unless --no-sanitize. */
  readonly safe: (text: string) => string;
  private readonly reasonsText = cachedReasons();
  /** Records may be copied: comma-separated, every column carried. */
  readonly copyable: boolean;
  /** The columns this run adds (SCORE_COLUMNS, with Cell for a model with a cell). */
  readonly outputs: string[];
  private readonly withCell: boolean;

  /** A scorer, or the model's problems (compileModel's) when it does not compile for these headers. */
  static create(
    setup: RowScorerSetup,
    activities?: ScoringOptions['activities'],
  ): { ok: true; scorer: RowScorer } | { ok: false; problems: Problem[] } {
    // The CLI reads dates in UTC (the contract); the spreadsheet uses its own time zone.
    const compiled = compileModel(setup.model, setup.headers, {
      asOf: setup.asOf,
      timeZone: 'UTC',
      activities,
    });
    if (!compiled.ok) return { ok: false, problems: compiled.problems };
    return { ok: true, scorer: new RowScorer(setup, compiled.compiled) };
  }

  private constructor(
    /** What it was made from (a worker thread makes its own from it). */
    readonly setup: RowScorerSetup,
    engine: CompiledModel,
  ) {
    this.engine = engine;
    this.bandCounts = new Map(setup.model.bands.map((band) => [band.name, 0]));
    this.safe = setup.sanitize ? neutraliseCell : (text: string) => text;
    this.outputs = scoreColumnsOf(setup.model);
    this.withCell = this.outputs.length > SCORE_COLUMNS.length;
    this.carried = carriedColumns(setup.headers, this.outputs);
    this.copyable = setup.delimiter === ',' && this.carried.length === setup.headers.length;
  }

  /** The header line of the output. */
  headerLine(): string {
    const headers = this.setup.headers;
    return csvLine([...this.carried.map((index) => headers[index]!), ...this.outputs].map(this.safe));
  }

  /**
   * The output line of one record. `cells` are as carried; `read` as numbers are read (a semicolon file's
   * decimal commas rewritten); `raw` the record's text when the reader could give it (no quote in it).
   */
  line(cells: string[], read: string[], raw: string | undefined): string {
    const safe = this.safe;
    let copy = raw !== undefined && this.copyable && cells.length === this.carried.length;
    let blank = true;
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]!;
      if (copy && safe(cell) !== cell) copy = false;
      if (blank && !isBlank(cell)) blank = false;
    }
    if (blank) {
      this.blankRows++;
      this.lastResult = undefined;
    }
    const result = blank ? undefined : this.scoreLead(read);
    if (copy) return `${raw}${this.tailOf(result)}`;
    const carried = this.carried;
    const width = carried.length;
    const out: (string | number)[] = new Array(width + this.outputs.length);
    for (let index = 0; index < width; index++) out[index] = safe(cells[carried[index]!] ?? '');
    if (result === undefined) out.fill('', width);
    else {
      out[width] = result.score;
      out[width + 1] = safe(result.band);
      out[width + 2] = safe(result.grade ?? '');
      if (this.withCell) out[width + 3] = safe(result.cell ?? '');
      out[width + this.outputs.length - 1] = safe(this.reasonsText(result.reasons));
    }
    return csvLine(out);
  }

  /**
   * Scores a record whose cells were read elsewhere: `read` as numbers are read (blank cells the model does
   * not read may be left ''), `blank` whether all its cells are blank. What follows the carried cells on its
   * output line: `,Score,Band,Grade,Reasons` and the line feed.
   */
  tail(read: string[], blank: boolean): string {
    return this.tailOf(this.result(read, blank));
  }

  /** The same record's result, counted (undefined for a blank row): for a writer of its own tail. */
  result(read: string[], blank: boolean): LeadScore | undefined {
    if (blank) {
      this.blankRows++;
      this.lastResult = undefined;
      return undefined;
    }
    return this.scoreLead(read);
  }

  private scoreLead(read: string[]): LeadScore {
    const result = this.engine.score(read);
    this.leads++;
    this.bandCounts.set(result.band, (this.bandCounts.get(result.band) ?? 0) + 1);
    this.lastResult = result;
    return result;
  }

  private tailOf(result: LeadScore | undefined): string {
    if (result === undefined) return this.withCell ? ',,,,,\n' : ',,,,\n';
    const safe = this.safe;
    const reasons = safe(this.reasonsText(result.reasons));
    return this.withCell
      ? `,${csvLine([result.score, safe(result.band), safe(result.grade ?? ''), safe(result.cell ?? ''), reasons])}`
      : `,${csvLine([result.score, safe(result.band), safe(result.grade ?? ''), reasons])}`;
  }
}

/**
 * The input columns written out again: all but the Score, Band, Grade, Cell and Reasons of an earlier run (a
 * file with both Score and Band columns was scored before).
 */
export function carriedColumns(
  headers: readonly string[],
  outputs: readonly string[] = SCORE_COLUMNS,
): number[] {
  const key = (header: string) => header.trim().toLowerCase();
  const ours = new Set(outputs.map((name) => name.toLowerCase()));
  const names = new Set(headers.map(key));
  const scored = names.has('score') && names.has('band');
  return headers.flatMap((header, index) => (scored && ours.has(key(header)) ? [] : [index]));
}

/**
 * formatReasons, with each rule's "Name +15" text kept once made: a run repeats the same few contributions
 * per rule, and formatting them was a sixth of the time of a large run.
 */
function cachedReasons(): (reasons: readonly Reason[]) => string {
  const byRule = new Map<string, Map<number, string>>();
  const MAX_PER_RULE = 1000;
  return (reasons) => {
    let text = '';
    for (let index = 0; index < reasons.length; index++) {
      const reason = reasons[index]!;
      let part = reason.text;
      // A reason cut by its group's cap carries a note: not one of the per-rule texts kept.
      if (reason.groupCap !== undefined) part = formatReason(reason);
      else if (part === undefined) {
        let cache = byRule.get(reason.rule);
        if (cache === undefined) {
          cache = new Map();
          byRule.set(reason.rule, cache);
        }
        part = cache.get(reason.points);
        if (part === undefined) {
          part = formatReasons([reason]);
          if (cache.size < MAX_PER_RULE) cache.set(reason.points, part);
        }
      }
      text = index === 0 ? part : `${text}, ${part}`;
    }
    return text;
  };
}
