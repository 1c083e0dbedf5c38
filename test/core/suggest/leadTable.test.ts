// Leads held by column (the CLI's large CSVs) must read back exactly as the rows they were built from, and
// the suggested model fitted on them must be the one fitted on the rows: the same model and every figure.
import { describe, expect, it } from 'vitest';
import { ColumnarLeads, suggestModel } from '../../../src/core/suggest';
import { FeatureRows } from '../../../src/core/suggest/featureRows';
import { generateLeads } from './generate';
import { EVENTS_AS_OF, generateEventLeads } from './generateEvents';

function columnar(rows: readonly string[][], width: number): ColumnarLeads {
  const leads = new ColumnarLeads(width);
  for (const row of rows) leads.add(row);
  return leads;
}

describe('ColumnarLeads', () => {
  it('reads every cell back as given, a column of many distinct cells (an identifier) included', () => {
    // 70,000 distinct ids: more than a column's dictionary holds, so that column switches to plain cells.
    const rows = Array.from({ length: 70_000 }, (_, i) => [
      `id ${i}`,
      i % 3 === 0 ? 'Yes' : 'No',
      ` ${i % 7} `,
    ]);
    const leads = columnar(rows, 3);
    expect(leads.length).toBe(rows.length);
    for (const i of [0, 1, 65_535, 65_536, 65_537, 69_999]) {
      expect(leads.row(i)).toEqual(rows[i]);
      expect(leads.cell(i, 0)).toBe(rows[i]![0]);
    }
    expect(rows.every((row, i) => row.every((cell, c) => leads.cell(i, c) === cell))).toBe(true);
  });

  it('reads missing cells of a short row as blank, and nothing outside the table', () => {
    const leads = columnar([['a'], ['b', 'c']], 2);
    expect(leads.row(0)).toEqual(['a', '']);
    expect(leads.cell(5, 0)).toBeUndefined();
    expect(leads.cell(0, 9)).toBeUndefined();
  });
});

describe('FeatureRows', () => {
  it('keeps each row as added, empty rows included', () => {
    const rows = [[0, 3], [], [1, 1, 2]];
    const builder = FeatureRows.builder(rows.length);
    for (const row of rows) {
      for (const j of row) builder.add(j);
      builder.end();
    }
    const built = builder.finish();
    expect(built.length).toBe(3);
    expect(rows.map((_, i) => Array.from(built.at(i)!))).toEqual(rows);
    expect(built.at(3)).toBeUndefined();
  });
});

describe('suggestModel on leads held by column', () => {
  it('fits the same model with the same evaluation as on the rows (leak, open leads, time split)', () => {
    const leads = generateLeads(3000, 7, { leak: true, open: 300 });
    const options = { outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] }, seed: 3 };
    const fromRows = suggestModel(leads.headers, leads.rows, options);
    const fromColumns = suggestModel(leads.headers, columnar(leads.rows, leads.headers.length), options);
    expect(fromRows.ok).toBe(true);
    expect(fromColumns).toEqual(fromRows);
    const byTime = { ...options, timeSplit: 'Created' };
    expect(suggestModel(leads.headers, columnar(leads.rows, leads.headers.length), byTime)).toEqual(
      suggestModel(leads.headers, leads.rows, byTime),
    );
  });

  it('fits the same model from the activity log (event and per-event candidates)', () => {
    const train = generateEventLeads(3000, 11);
    const options = {
      outcome: { column: 'Converted', positive: ['Yes'], negative: ['No'] },
      activities: train.activities,
      asOf: EVENTS_AS_OF,
      seed: 1,
    };
    const fromRows = suggestModel(train.headers, train.rows, options);
    expect(fromRows.ok).toBe(true);
    expect(suggestModel(train.headers, columnar(train.rows, train.headers.length), options)).toEqual(
      fromRows,
    );
  });
});
