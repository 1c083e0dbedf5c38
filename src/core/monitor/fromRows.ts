// From a model and rows of leads to the monitor's report. `monitorReader` scores one row at a time into
// tallies (the CLI streams a file through it); `monitorModel` runs it over rows held in memory (the add-on).

import { engagementCells } from '../calibration/engagementCells';
import { cellDay, cellText, dayOfDateIn, isBlank, parseIsoDay } from '../cells';
import { compileModel, type ScoringOptions, salesReadyFlags } from '../engine';
import type { Model, Problem } from '../model';
import { EVERY_VALUES, type Every, periodStart } from './periods';
import { buildMonitorReport, type MonitorSetup } from './report';
import type { ReviewedLead, ReviewSampleRead } from './reviewSample';
import { MonitorTally } from './tally';
import type { MonitorReport } from './types';

export interface SalesVerdictColumn {
  column: string;
  /** Cell texts that mean accepted / rejected (compared without case or surrounding spaces). Default:
   *  DEFAULT_ACCEPTED and DEFAULT_REJECTED. A blank cell is no verdict; any other text is a problem. */
  accepted?: readonly string[];
  rejected?: readonly string[];
}

export const DEFAULT_ACCEPTED = ['accepted', 'accept', 'yes', 'y', 'true', 'good', 'qualified', 'sql'];
export const DEFAULT_REJECTED = [
  'rejected',
  'reject',
  'no',
  'n',
  'false',
  'bad',
  'disqualified',
  'unqualified',
];

export interface MonitorOptions extends ScoringOptions {
  /** The column that places a lead in a cohort (e.g. "Created"). */
  dateColumn: string;
  every?: Every;
  /** `YYYY-MM-DD`, inclusive: the periods starting within these dates are the baseline. */
  baseline?: { from?: string; to?: string };
  salesVerdict?: SalesVerdictColumn;
  /** The Calibration sheet's review sample with its ticks (readReviewSample), and where it was read; its
   *  leads are found by their row number (the third argument of MonitorReader.add). */
  reviewSample?: { read: ReviewSampleRead; source: string };
}

export interface MonitorReader {
  /** Scores one row into the tallies; `where` names it in a problem (e.g. "line 12"). Returns a problem for
   *  a sales verdict it cannot read, and skips blank rows. */
  add(row: readonly unknown[], where?: string, rowNumber?: number): Problem | undefined;
  report(): MonitorReport;
}

export type MonitorReaderResult = { ok: true; reader: MonitorReader } | { ok: false; problems: Problem[] };

/** A header or cell as the user wrote it (cellText lower-cases, for comparing). */
function shown(cell: unknown, dayOf?: (date: Date) => number): string {
  return typeof cell === 'string' ? cell.trim() : cellText(cell, dayOf);
}

function columnIndex(headers: readonly unknown[], name: string): number {
  const wanted = name.trim().toLowerCase();
  return headers.findIndex((h) => cellText(h).trim().toLowerCase() === wanted);
}

const normalise = (text: string) => text.trim().toLowerCase();

export function monitorReader(
  model: Model,
  headers: readonly unknown[],
  options: MonitorOptions,
): MonitorReaderResult {
  const problems: Problem[] = [];
  if (!model.outcome) {
    problems.push({
      subject: 'outcome',
      message: 'the model has no outcome column: say which column records conversions',
    });
    return { ok: false, problems };
  }
  const every = options.every ?? 'month';
  if (!EVERY_VALUES.includes(every)) {
    problems.push({
      subject: 'monitor',
      field: 'every',
      message: `monitor: "every" must be week, month or quarter, got "${every}"`,
    });
  }
  const columns = `(columns: ${headers.map((h) => shown(h)).join(', ')})`;
  const dateColumn = columnIndex(headers, options.dateColumn);
  if (dateColumn < 0) {
    problems.push({
      subject: 'monitor',
      field: 'dateColumn',
      message: `monitor: there is no date column "${options.dateColumn}" ${columns}`,
    });
  }
  const bound = (text: string | undefined, field: 'from' | 'to') => {
    if (text === undefined || text.trim() === '') return undefined;
    const day = parseIsoDay(text.trim());
    if (day === undefined) {
      problems.push({
        subject: 'monitor',
        field: 'baseline',
        message: `monitor: the baseline's "${field}" must be a date as YYYY-MM-DD, got "${text}"`,
      });
    }
    return day;
  };
  const from = bound(options.baseline?.from, 'from');
  const to = bound(options.baseline?.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    problems.push({
      subject: 'monitor',
      field: 'baseline',
      message: `monitor: the baseline starts (${options.baseline?.from}) after it ends (${options.baseline?.to})`,
    });
  }
  const sales = options.salesVerdict;
  const salesColumn = sales ? columnIndex(headers, sales.column) : -1;
  if (sales && salesColumn < 0) {
    problems.push({
      subject: 'monitor',
      field: 'salesVerdict',
      message: `monitor: there is no sales-verdict column "${sales.column}" ${columns}`,
    });
  }
  const accepted = new Set((sales?.accepted ?? DEFAULT_ACCEPTED).map(normalise));
  const rejected = new Set((sales?.rejected ?? DEFAULT_REJECTED).map(normalise));
  for (const value of accepted) {
    if (rejected.has(value)) {
      problems.push({
        subject: 'monitor',
        field: 'salesVerdict',
        message: `monitor: "${value}" cannot mean both accepted and rejected`,
      });
    }
  }
  const compiled = compileModel(model, headers, { ...options, requireOutcome: true });
  if (!compiled.ok) problems.push(...compiled.problems);
  if (problems.length > 0 || !compiled.ok) return { ok: false, problems };
  const engine = compiled.compiled;

  const salesReady = salesReadyFlags(model);
  const cells = engagementCells(model);
  const setup: MonitorSetup = {
    every,
    dateColumn: shown(headers[dateColumn]),
    bands: model.bands.map((b, i) => ({ name: b.name, salesReady: salesReady[i] ?? false })),
    rules: model.rules.map((r) => ({ name: r.name, enabled: r.enabled !== false })),
    baseline: from === undefined && to === undefined ? undefined : { from, to },
    salesFeedback: sales !== undefined,
    cells,
  };
  const cellIndex = new Map(cells?.map((c, i) => [c.cell, i]));
  const tally = new MonitorTally(
    model.bands.length,
    model.rules.length,
    (day) => periodStart(day, every),
    cells?.length ?? 0,
  );
  const dayOf = dayOfDateIn(options.timeZone ?? 'UTC');
  const overrides = model.settings?.overrideColumn !== undefined;
  const salesHeader = sales ? shown(headers[salesColumn]) : '';
  const reviewed = new Map<number, ReviewedLead>();
  for (const lead of options.reviewSample?.read.checked ?? []) reviewed.set(lead.row, lead);
  let reviewPlaced = 0;
  let reviewMoved = 0;
  return {
    ok: true,
    reader: {
      add(row, where, rowNumber) {
        if (row.every(isBlank)) return undefined;
        // A checked lead of the review sample, when its row still holds the lead the sample named.
        let review: 'good' | 'not good' | 'unanswered' | undefined;
        const checked = rowNumber === undefined ? undefined : reviewed.get(rowNumber);
        if (checked) {
          if (checked.lead !== '' && cellText(row[0], dayOf).trim() !== cellText(checked.lead).trim())
            reviewMoved++;
          else review = checked.good === null ? 'unanswered' : checked.good ? 'good' : 'not good';
        }
        let salesVerdict: 'accepted' | 'rejected' | undefined;
        if (sales) {
          const cell = row[salesColumn];
          if (!isBlank(cell)) {
            const text = normalise(cellText(cell, dayOf));
            if (accepted.has(text)) salesVerdict = 'accepted';
            else if (rejected.has(text)) salesVerdict = 'rejected';
            else {
              return {
                subject: 'monitor',
                field: 'salesVerdict',
                where,
                message: `${where ? `${where}: ` : ''}"${salesHeader}" says "${shown(cell, dayOf)}", which is neither accepted (${[...accepted].join(', ')}) nor rejected (${[...rejected].join(', ')})`,
              };
            }
          }
        }
        const day = cellDay(row[dateColumn], dayOf);
        if (day === undefined) {
          tally.undated++;
          return undefined;
        }
        // The monitor follows the model's own score: a salesperson's override is not the model's ranking.
        // The full score only when needed (an override, or a fit × engagement cell): it costs more.
        const full = overrides || cells ? engine.score(row) : undefined;
        const score = full === undefined ? engine.scoreValue(row) : (full.modelScore ?? full.score);
        const cell = full?.cell === undefined ? undefined : cellIndex.get(full.cell);
        const state = engine.outcome(row);
        tally.add({
          day,
          score,
          band: engine.bandIndex(score),
          outcome: state === undefined ? 'open' : state,
          matches: engine.matches(row),
          salesVerdict,
          review,
          cell,
        });
        if (review) reviewPlaced++;
        return undefined;
      },
      report: () =>
        buildMonitorReport(tally, {
          ...setup,
          reviewSample: options.reviewSample && {
            source: options.reviewSample.source,
            sampled: options.reviewSample.read.sampled,
            moved: reviewMoved,
            notFound: reviewed.size - reviewPlaced - reviewMoved,
          },
        }),
    },
  };
}

export type MonitorResult = { ok: true; report: MonitorReport } | { ok: false; problems: Problem[] };

/** The monitor's report on rows in memory; `firstRow` numbers them in problems (sheet row or CSV line). */
export function monitorModel(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: MonitorOptions & { firstRow?: number; rowWord?: string },
): MonitorResult {
  const made = monitorReader(model, headers, options);
  if (!made.ok) return made;
  const problems: Problem[] = [];
  const first = options.firstRow ?? 2;
  const word = options.rowWord ?? 'row';
  rows.forEach((row, index) => {
    const problem = made.reader.add(row, `${word} ${first + index}`, first + index);
    if (problem && problems.length < 10) problems.push(problem);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, report: made.reader.report() };
}
