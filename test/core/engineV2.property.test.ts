// Random v2 models × messy rows × messy activity logs: never throw, stay within min/max, agree with themselves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_OF_REASON, compileModel } from '../../src/core/engine';
import { parseModel } from '../../src/core/validate';
import { ACTIVITY_HEADERS, HEADERS, modelArbitrary } from '../support/v2ModelArbitrary';
import { logArbitrary, rowArbitrary } from '../support/v2RowArbitrary';

describe('v2 engine properties', () => {
  it('random v2 models are valid, and validation is idempotent', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const parsed = parseModel(JSON.parse(JSON.stringify(model)));
        expect(parsed.ok ? [] : parsed.problems).toEqual([]);
        if (parsed.ok) expect(parseModel(parsed.model)).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it('never throw on messy rows and logs, and keep the score within minScore / maxScore', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        logArbitrary,
        fc.array(rowArbitrary, { maxLength: 5 }),
        fc.constantFrom('UTC', 'America/New_York', 'Pacific/Chatham'),
        (model, log, rows, timeZone) => {
          const result = compileModel(model, HEADERS, {
            timeZone,
            activities: { headers: ACTIVITY_HEADERS, rows: log as unknown[][] },
          });
          expect(result.ok ? [] : result.problems).toEqual([]);
          if (!result.ok) return;
          const compiled = result.compiled;
          const { minScore, maxScore } = model.settings!;
          for (const row of rows) {
            const scored = compiled.score(row);
            expect(Number.isFinite(scored.score)).toBe(true);
            expect(scored.score).toBeGreaterThanOrEqual(minScore!);
            expect(scored.score).toBeLessThanOrEqual(maxScore!);
            expect(compiled.scoreValue(row)).toBe(scored.score);
            expect(compiled.matches(row)).toHaveLength(model.rules.length);
            // The calibration's one-pass reading gives the same score and matches as the two calls.
            const matched = [true];
            expect(compiled.scoreValueWithMatches(row, matched)).toBe(scored.score);
            expect(matched).toEqual(compiled.matches(row));
            // The as-of line (§9) is there exactly when the lead is judged as of another day than the model's.
            const allLines = compiled.explain(row);
            const lines = allLines.filter((line) => line.rule !== AS_OF_REASON);
            expect(allLines.length - lines.length).toBe(scored.asOf === undefined ? 0 : 1);
            const overridden = scored.modelScore !== undefined;
            expect(lines).toHaveLength(model.rules.length + (overridden ? 1 : 0));
            const counted = lines.slice(overridden ? 1 : 0).filter((line) => line.points !== 0);
            const reasons = scored.reasons.slice(overridden ? 1 : 0);
            expect(counted.map((line) => line.rule).sort()).toEqual(
              reasons.map((reason) => reason.rule).sort(),
            );
            for (const line of lines) expect(line.note).not.toMatch(/undefined|[^"]NaN/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
