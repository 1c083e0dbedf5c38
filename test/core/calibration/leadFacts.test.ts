// Rows turned into facts by other evaluators (as the CLI's worker threads do, each with its own value and
// pattern ids) and added in the rows' order give the same calibration as the rows added one by one: the
// figures, the leakage guard, the fitted points and the review sample's tags.
import { describe, expect, it } from 'vitest';
import { type StreamCalibrationOptions, startCalibration } from '../../../src/core/calibration';
import { startLeadEvaluator } from '../../../src/core/calibration/leadFacts';
import { utcDayOfDate } from '../../../src/core/cells';
import type { Model } from '../../../src/core/model';
import { sampleLeads } from '../../../src/core/sampleLeads';
import { starterModel } from '../../../src/core/starterModel';

const TODAY = utcDayOfDate(new Date('2026-06-30'));

/** Sample leads with open and blank rows, and two columns filled in once the outcome is known. */
function leads(count: number): { headers: unknown[]; rows: unknown[][] } {
  const [headers = [], ...rows] = sampleLeads({ count, today: TODAY, seed: 5 });
  const converted = headers.indexOf('Converted');
  const out: unknown[][] = [];
  rows.forEach((row, index) => {
    const copy: unknown[] = [...row];
    if (index % 9 === 4) copy[converted] = '';
    const decided = String(copy[converted] ?? '') !== '';
    const won = /^(yes|true|1)$/i.test(String(copy[converted]));
    copy.push(decided ? (won ? 'Closed won after a long negotiation' : 'Closed lost') : '');
    copy.push(decided ? String(won ? 30 + (index % 50) : index % 7) : '');
    copy.push(index % 11 === 0 ? String(index % 100) : '');
    out.push(copy);
    if (index % 97 === 0) out.push(copy.map(() => ''));
  });
  return { headers: [...headers, 'Stage', 'Call minutes', 'Manual score'], rows: out };
}

function leakyModel(settings: Model['settings'] = {}): Model {
  const model = starterModel();
  model.settings = { ...model.settings, ...settings };
  const group = model.groups[0]!.name;
  model.rules.push(
    { name: 'Won stage', group, column: 'Stage', operator: 'contains', value: 'won', points: 5 },
    { name: 'Long calls', group, column: 'Call minutes', operator: '>=', value: 20, points: 5 },
  );
  model.engagementLevels = [
    { name: 'Low', min: null },
    { name: 'High', min: 20 },
  ];
  return model;
}

function calibrated(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: StreamCalibrationOptions,
  /** Rows per batch given to each of the other evaluators in turn; undefined: `add` alone. */
  batch?: number,
) {
  const started = startCalibration(model, headers, options);
  if (!started.ok) throw new Error(started.problems.map((p) => p.message).join('\n'));
  const { stream } = started;
  if (batch === undefined) {
    for (const [index, row] of rows.entries()) stream.add(row, 5000 + index);
    return stream.finish();
  }
  const evaluators = [7, 3].map((source) => {
    const made = startLeadEvaluator(model, headers, options);
    if (!made.ok) throw new Error('no evaluator');
    return { source, evaluator: made.evaluator };
  });
  for (let start = 0, turn = 0; start < rows.length; start += batch, turn++) {
    const { source, evaluator } = evaluators[turn % evaluators.length]!;
    const piece = rows.slice(start, start + batch);
    // Tags relative to the piece, as a worker's lines are; the piece's start is added back.
    for (const [index, row] of piece.entries()) evaluator.evaluate(row, index);
    stream.addFacts(evaluator.take(), source, 5000 + start);
    // Rows given to `add` between batches (the main thread reading on) keep their place too.
    if (turn === 3) {
      stream.add(rows[start + batch]!, 5000 + start + batch);
      start++;
      stream.flush();
    }
  }
  return stream.finish();
}

describe('calibration facts from several evaluators', () => {
  it.each([
    ['open and blank rows, leaking columns, engagement cells', {}],
    ['an override column', { overrideColumn: 'Manual score' }],
  ])('%s: the same calibration as the rows added one by one', (_, settings) => {
    const { headers, rows } = leads(3000);
    const model = leakyModel(settings);
    const options = { asOf: '2026-06-30', timeZone: 'UTC' };
    const alone = calibrated(model, headers, rows, options);
    expect(alone.leakage.map((check) => check.column)).toEqual(['Stage', 'Call minutes']);
    expect(alone.reviewSample.length).toBeGreaterThan(10);
    expect(alone.cells?.some((cell) => cell.known > 0)).toBe(true);
    for (const batch of [1, 37, 500]) expect(calibrated(model, headers, rows, options, batch)).toEqual(alone);
  });
});
