// The activity log streamed a row at a time (startActivityLog, as the CLI reads a file) counts exactly what the
// old two-pass index of the rows held in memory counted (a frozen copy: oracle/indexActivitiesV1.ts), and a
// model compiled with the streamed log scores every lead as with the table: random models (decay, withinDays,
// `where`, §9 per-lead days with `where` counting days) on messy logs (blank and unknown keys, bad dates,
// repeated keys, blank values).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, type StreamedActivities, startActivityLog } from '../../src/core/engine';
import type { ActivityLog } from '../../src/core/engine/activityLog';
import type { ActivityIndex } from '../../src/core/engine/events';
import type { Model, Problem } from '../../src/core/model';
import { nameKey, parseModel } from '../../src/core/validate';
import { ACTIVITY_HEADERS, HEADERS, modelArbitrary } from '../support/v2ModelArbitrary';
import { logArbitrary, messyCell, rowArbitrary } from '../support/v2RowArbitrary';
import { indexActivitiesV1 } from './oracle/indexActivitiesV1';

const zones = fc.constantFrom('UTC', 'America/New_York', 'Pacific/Chatham');

/** Logs with many events per key, days on both sides of the as-of day, and the messy rows of logArbitrary. */
const denseLog = fc
  .tuple(
    logArbitrary,
    fc.array(
      fc.tuple(
        fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', 'c@z.com', '', 'n/a', '-', 'Select'),
        fc.constantFrom('Visit', 'Open', 'Click', 'visit ', 'VISIT', 'Other', '', 'n/a'),
        fc.constantFrom(
          '2026-06-30',
          '2026-06-29',
          '2026-06-20',
          '2026-06-01',
          '2026-05-01',
          '2026-07-15',
          '2026-02-30',
          'soon',
          '',
          new Date('2026-06-25T23:30:00Z'),
        ),
        messyCell,
      ),
      { maxLength: 60 },
    ),
  )
  .chain(([messy, dense]) =>
    fc.shuffledSubarray([...messy, ...dense], { minLength: messy.length + dense.length }),
  );

const leadArbitrary = fc.oneof(
  rowArbitrary,
  fc
    .tuple(
      rowArbitrary,
      fc.constantFrom('a@x.com', 'b@y.com', 'C@Z.COM', 'nobody@x.com'),
      fc.constantFrom('2026-05-01', '2026-06-19', '2026-06-20', '2026-07-01', '2026-07-16', '', 'soon'),
    )
    .map(([row, key, decided]) => {
      const cells = [...row];
      while (cells.length < HEADERS.length) cells.push('');
      cells[HEADERS.indexOf('Email')] = key;
      cells[HEADERS.indexOf('Decided')] = decided;
      return cells;
    }),
);

/** The log streamed as the CLI does: row by row, with only the columns the log says it reads. */
function streamed(model: Model, log: unknown[][], timeZone: string): StreamedActivities {
  const stream = startActivityLog(model, ACTIVITY_HEADERS, { timeZone });
  const read = new Set(stream.columns);
  for (const row of log) stream.add(row.map((cell, index) => (read.has(index) ? cell : undefined)));
  return stream;
}

describe('the activity log streamed a row at a time', () => {
  it('counts per key exactly as the old two-pass index of the rows in memory', () => {
    fc.assert(
      fc.property(modelArbitrary, denseLog, zones, (input, log, timeZone) => {
        const parsed = parseModel(input);
        if (!parsed.ok) return;
        const model = parsed.model;
        const stream = streamed(model, log as unknown[][], timeZone) as ActivityLog;
        const context = stream.context!;
        const perLead = model.settings?.asOfColumn !== undefined;
        const specs = model.rules
          .filter((rule) => rule.enabled !== false && rule.event !== undefined)
          .map((rule) => ({ rule, decay: model.groups.find((group) => group.name === rule.group)!.decay }));
        if (specs.length === 0) return;
        const problems: Problem[] = [];
        const old = indexActivitiesV1(
          model.activities!,
          { headers: ACTIVITY_HEADERS, rows: log as unknown[][] },
          specs,
          context.reading,
          (column) => {
            const index = ACTIVITY_HEADERS.findIndex((header) => nameKey(header) === nameKey(column));
            return index < 0 ? undefined : index;
          },
          problems,
          perLead,
        );
        const index = stream.finish();
        expect(stream.problems).toEqual(problems);
        expect(index === undefined).toBe(old === undefined);
        if (old === undefined || index === undefined) return;
        expect(index.eventCount).toBe(old.eventCount);
        expect(index.firstDays).toEqual(old.firstDays);
        const keys = new Set(
          [...(log as unknown[][]).map((row) => row[0]), 'a@x.com', 'b@y.com', 'c@z.com', 'nobody'].map(
            (cell) => context.reading.text(context.reading.read(cell)),
          ),
        );
        const days = perLead ? [20_604, 20_620, 20_634, 20_650, 20_700] : [context.asOfDay!];
        for (const key of keys) {
          const keyId = old.keyId(key);
          expect(index.keyId(key)).toBe(keyId);
          if (keyId < 0) continue;
          for (const day of days) {
            context.reading.clock.day = day;
            expect(totalsOf(index, keyId)).toEqual(totalsOf(old, keyId));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives a compiled model the same scores, matches and explanations as the table in memory', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        denseLog,
        fc.array(leadArbitrary, { minLength: 1, maxLength: 6 }),
        zones,
        (model, log, leads, timeZone) => {
          const table = compileModel(model, HEADERS, {
            timeZone,
            activities: { headers: ACTIVITY_HEADERS, rows: log as unknown[][] },
          });
          const stream = compileModel(model, HEADERS, {
            timeZone,
            activities: streamed(model, log as unknown[][], timeZone),
          });
          expect(stream.ok).toBe(table.ok);
          if (!table.ok || !stream.ok) {
            if (!table.ok && !stream.ok) expect(stream.problems).toEqual(table.problems);
            return;
          }
          for (const lead of leads) {
            expect(stream.compiled.score(lead)).toEqual(table.compiled.score(lead));
            expect(stream.compiled.matches(lead)).toEqual(table.compiled.matches(lead));
            expect(stream.compiled.explain(lead)).toEqual(table.compiled.explain(lead));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a missing log column as the table does, naming it', () => {
    const model = fc.sample(
      modelArbitrary.filter((m) =>
        m.rules.some((rule) => rule.event !== undefined && rule.enabled !== false),
      ),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const headers = ['Key', 'Type', 'Day'];
    const table = compileModel(model, HEADERS, { activities: { headers, rows: [] } });
    const log = startActivityLog(model, headers);
    log.add(['a@x.com', 'Visit', '2026-06-01']);
    const stream = compileModel(model, HEADERS, { activities: log });
    expect(table.ok).toBe(false);
    expect(stream).toEqual(table);
    expect(JSON.stringify(stream)).toContain('column \\"When\\" is not in the activity table');
  });
});

function totalsOf(index: ActivityIndex, keyId: number) {
  return index.totals.map((totals) => [totals.count(keyId), totals.sum(keyId)]);
}
