// Property: every model the contract allows reads back from the model sheet's cells as the same model
// (issue 18: nested all/any shapes that became unreadable or changed meaning). MODEL_SHEET_RUNS sets the number
// of random models (10,000 here; `npm run test:model-sheet-100k` runs 100,000).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asSheetHoldsIt, gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { parseModel } from '../../src/core/validate';
import { v2ModelArbitrary } from '../support/v2ModelArbitrary';

const RUNS = Number(process.env.MODEL_SHEET_RUNS ?? 10_000);
const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

/** -0 and 0 are one number in a cell (and in JSON). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the model sheet holds every valid model', () => {
  it(
    `random valid v2 models → cells → the same model (${RUNS} models)`,
    () => {
      let checked = 0;
      fc.assert(
        fc.property(v2ModelArbitrary, (generated) => {
          const parsed = parseModel(generated);
          fc.pre(parsed.ok);
          if (!parsed.ok) return;
          checked++;
          const read = gridToModel(modelToGrid(parsed.model).values, source);
          expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([]);
          if (read.ok) expect(asJson(read.model)).toEqual(asSheetHoldsIt(parsed.model));
        }),
        { numRuns: RUNS },
      );
      expect(checked).toBeGreaterThan(RUNS * 0.9);
    },
    Math.max(600_000, RUNS * 60),
  );
});
