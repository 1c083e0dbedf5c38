// The Monitor's per-period, per-band counts as SQL, run on PGlite and DuckDB in-process: equal to monitorModel
// on the same generated leads (with messy dates: blanks, text, an impossible day).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorCountsSql } from '../../../src/core/export/monitorSql';
import { type Every, monitorModel } from '../../../src/core/monitor';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../monitor/generate';
import { duckdb, pglite, type SqlEngine } from './sqlEngines';

const LEADS = [
  ...monitorLeads({
    months: 14,
    leadsPerMonth: 150,
    breakMonth: 8,
    openShareLastMonth: 0.5,
    seed: 13,
    firstMonth: 11,
    firstYear: 2025,
  }),
];
const ROWS = LEADS.map((l) => [...l.row]);
ROWS[0]![1] = '';
ROWS[1]![1] = 'soon';
ROWS[2]![1] = '2026-02-30';
ROWS[3]![1] = '  2026-03-04 10:30 ';
ROWS[4]![6] = ' YES ';

function expected(every: Every) {
  const result = monitorModel(MONITOR_MODEL, MONITOR_HEADERS, ROWS, { dateColumn: 'Created', every });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.report.periods.flatMap((p) =>
    p.bands
      .filter((b) => b.leads > 0)
      .map((b) => ({
        period_start: p.start,
        band: b.band,
        leads: b.leads,
        known: b.known,
        conversions: b.conversions,
      })),
  );
}

const engines: [string, () => Promise<SqlEngine>][] = [
  ['postgres', pglite],
  ['duckdb', duckdb],
];

describe.each(engines)('monitor counts on %s', (dialect, open) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await open();
    await engine.load('leads', MONITOR_HEADERS, ROWS);
  }, 60_000);
  afterAll(async () => {
    await engine.close();
  });

  it.each(['week', 'month', 'quarter'] as Every[])('equal monitorModel every %s', async (every) => {
    const made = monitorCountsSql(MONITOR_MODEL, {
      dialect: dialect as 'postgres' | 'duckdb',
      table: 'leads',
      dateColumn: 'created',
      every,
      headers: MONITOR_HEADERS,
    });
    if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
    const rows = (await engine.query(made.sql)).map((r) => ({
      period_start: String(r.period_start),
      band: String(r.band),
      leads: Number(r.leads),
      known: Number(r.known),
      conversions: Number(r.conversions),
    }));
    expect(rows).toEqual(expected(every));
  });
});

describe('monitorCountsSql', () => {
  it('names a missing date column and a model without outcome', () => {
    const made = monitorCountsSql(
      { ...MONITOR_MODEL, outcome: undefined },
      { dateColumn: 'Signed up', headers: MONITOR_HEADERS },
    );
    expect(made.ok).toBe(false);
    if (!made.ok)
      expect(made.problems.map((p) => p.message)).toEqual([
        'the model has no outcome column: say which column records conversions',
        'monitor: there is no date column "Signed up"',
      ]);
  });
});
