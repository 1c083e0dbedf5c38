// Contract v2 §9 (settings.asOfColumn): a lead judged as of its own day scores exactly as the whole model
// would as of that day; a lead without a date there, exactly as the model without the setting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/core/cells';
import { AS_OF_REASON, type CompiledModel, compileModel, type LeadScore } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { ACTIVITY_HEADERS, HEADERS, modelArbitrary } from '../support/v2ModelArbitrary';
import { logArbitrary, rowArbitrary } from '../support/v2RowArbitrary';

const zones = fc.constantFrom('UTC', 'America/New_York', 'Pacific/Chatham');

/** A lead with a key the log knows and a day in its as-of columns, as often as a messy one. */
const leadArbitrary = fc.oneof(
  rowArbitrary,
  fc
    .tuple(
      rowArbitrary,
      fc.constantFrom('a@x.com', 'b@y.com'),
      fc.constantFrom('2026-05-01', '2026-06-19', '2026-06-20', '2026-07-01', '2026-07-16', '2026-09-01'),
      fc.constantFrom('2026-06-01', new Date('2026-06-25T12:00:00Z'), ''),
    )
    .map(([row, key, decided, date]) => {
      const cells = [...row];
      while (cells.length < HEADERS.length) cells.push('');
      cells[HEADERS.indexOf('Email')] = key;
      cells[HEADERS.indexOf('Decided')] = decided;
      cells[HEADERS.indexOf('Date')] = date;
      return cells;
    }),
);

function compileOrFail(model: Model, log: unknown[], timeZone: string, asOf?: string): CompiledModel {
  const result = compileModel(model, HEADERS, {
    timeZone,
    ...(asOf === undefined ? {} : { asOf }),
    activities: { headers: ACTIVITY_HEADERS, rows: log as unknown[][] },
  });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

function withoutAsOf({ asOf: _asOf, ...score }: LeadScore): LeadScore {
  return score;
}

function withoutAsOfColumn(model: Model): Model {
  const { asOfColumn: _column, ...settings } = model.settings!;
  return { ...model, settings };
}

describe('each lead as of its own day (contract v2 §9)', () => {
  it('a lead with a date in the as-of column scores as the model does as of that day', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.constantFrom('Decided', 'Date'),
        logArbitrary,
        fc.array(leadArbitrary, { minLength: 1, maxLength: 5 }),
        zones,
        (model, column, log, rows, timeZone) => {
          const perLead = compileOrFail(
            { ...model, settings: { ...model.settings, asOfColumn: column } },
            log,
            timeZone,
          );
          const plain = withoutAsOfColumn(model);
          for (const row of rows) {
            const day = perLead.leadAsOfDay(row);
            const iso = formatIsoDay(day);
            if (!/^\d{4}-\d\d-\d\d$/.test(iso)) continue; // a Date far beyond year 9999 cannot be an asOf
            const fixed = compileOrFail(plain, log, timeZone, iso);
            const scored = perLead.score(row);
            expect(scored.asOf).toBe(day === perLead.asOfDay ? undefined : iso);
            expect(withoutAsOf(scored)).toEqual(fixed.score(row));
            expect(perLead.scoreValue(row)).toBe(fixed.scoreValue(row));
            expect(perLead.matches(row)).toEqual(fixed.matches(row));
            const lines = perLead.explain(row).filter((line) => line.rule !== AS_OF_REASON);
            expect(lines.map((line) => [line.rule, line.points])).toEqual(
              fixed.explain(row).map((line) => [line.rule, line.points]),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leads scored one after another do not carry each other’s day', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        logArbitrary,
        fc.array(leadArbitrary, { minLength: 2, maxLength: 6 }),
        (model, log, rows) => {
          const perLead = compileOrFail(
            { ...model, settings: { ...model.settings, asOfColumn: 'Decided' } },
            log,
            'UTC',
          );
          const alone = rows.map((row) =>
            compileOrFail(
              { ...model, settings: { ...model.settings, asOfColumn: 'Decided' } },
              log,
              'UTC',
            ).score(row),
          );
          expect(rows.map((row) => perLead.score(row))).toEqual(alone);
          expect([...rows].reverse().map((row) => perLead.score(row))).toEqual([...alone].reverse());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a lead whose as-of cell is not a date scores exactly as without the setting', () => {
    const notADate = fc.constantFrom('', ' ', 'n/a', 'soon', 'yes', 42, null, undefined, true, '2026-13-01');
    fc.assert(
      fc.property(
        modelArbitrary,
        logArbitrary,
        rowArbitrary,
        notADate,
        zones,
        (model, log, row, cell, timeZone) => {
          const cells = [...row];
          while (cells.length < HEADERS.length) cells.push('');
          cells[HEADERS.indexOf('Decided')] = cell;
          const perLead = compileOrFail(
            { ...model, settings: { ...model.settings, asOfColumn: 'Decided' } },
            log,
            timeZone,
          );
          const plain = compileOrFail(withoutAsOfColumn(model), log, timeZone);
          expect(perLead.leadAsOfDay(cells)).toBe(plain.asOfDay);
          expect(perLead.score(cells)).toEqual(plain.score(cells));
          expect(perLead.matches(cells)).toEqual(plain.matches(cells));
          expect(perLead.explain(cells)).toEqual(plain.explain(cells));
        },
      ),
      { numRuns: 200 },
    );
  });
});
