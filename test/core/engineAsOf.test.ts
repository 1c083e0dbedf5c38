// Contract v2 §9: each lead judged as of its own day (settings.asOfColumn), with the contract's examples.
import { describe, expect, it } from 'vitest';
import { type ActivityTable, AS_OF_REASON, compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { parseModel } from '../../src/core/validate';

const HEADERS = ['Email', 'Handed to sales on', 'Last visit'];

const LOG: ActivityTable = {
  headers: ['Lead email', 'Activity', 'Date'],
  rows: [
    // Ann, decided 2025-03-10: three pricing visits in the week before, an onboarding call after.
    ['ann@x.com', 'Visited pricing page', '2025-03-04'],
    ['ann@x.com', 'Visited pricing page', '2025-03-06'],
    ['ann@x.com', 'Visited pricing page', '2025-03-09'],
    ['ann@x.com', 'Onboarding call', '2025-03-20'],
    // Bob, live: one visit last week.
    ['bob@x.com', 'Visited pricing page', '2026-06-25'],
  ],
};

const MODEL: Model = {
  name: 'Behaviour',
  settings: { asOf: '2026-06-30', asOfColumn: 'Handed to sales on' },
  activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
  groups: [
    { name: 'Web', kind: 'engagement' },
    { name: 'Recency', kind: 'engagement', decay: { dateColumn: 'Last visit', percent: 50, everyDays: 30 } },
  ],
  rules: [
    {
      name: 'Pricing page 3+ times in a week',
      group: 'Web',
      event: 'Visited pricing page',
      withinDays: 7,
      operator: '>=',
      value: 3,
      points: 15,
    },
    { name: 'Onboarded', group: 'Web', event: 'Onboarding call', operator: '>=', value: 1, points: 40 },
    {
      name: 'Visited lately',
      group: 'Recency',
      column: 'Last visit',
      operator: 'within days',
      value: 30,
      points: 10,
    },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 20 },
  ],
};

function compile(model: Model = MODEL) {
  const result = compileModel(model, HEADERS, { activities: LOG });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

const ANN = ['ann@x.com', '2025-03-10', '2025-03-09'];
const BOB = ['bob@x.com', '', '2026-06-25'];

describe('§9 each lead as of its own day', () => {
  it('counts a past lead’s window as of its day and leaves out what came after it', () => {
    const scored = compile().score(ANN);
    expect(scored.reasons).toEqual([
      { rule: 'Pricing page 3+ times in a week', points: 15 },
      { rule: 'Visited lately', points: 10 },
    ]);
    expect(scored.score).toBe(25);
    expect(scored.asOf).toBe('2025-03-10');
  });

  it('judges the same lead as of the model’s day without the setting (the retrospective error it fixes)', () => {
    const { asOfColumn: _column, ...settings } = MODEL.settings!;
    const scored = compile({ ...MODEL, settings }).score(ANN);
    // As of 2026-06-30 the visits are a year old and the onboarding call counts.
    expect(scored.reasons).toEqual([{ rule: 'Onboarded', points: 40 }]);
    expect(scored.asOf).toBeUndefined();
  });

  it('a live lead (blank as-of cell) is judged as of the model’s as-of', () => {
    const compiled = compile();
    const scored = compiled.score(BOB);
    expect(scored.reasons).toEqual([{ rule: 'Visited lately', points: 10 }]);
    expect(scored.asOf).toBeUndefined();
    expect(compiled.leadAsOfDay(BOB)).toBe(compiled.asOfDay);
  });

  it('decays a row by its age on the lead’s day', () => {
    // 45 days before Ann's day: one step of 30 days, so half of +10.
    const scored = compile().score(['ann@x.com', '2025-03-10', '2025-01-24']);
    expect(scored.reasons).toEqual([{ rule: 'Pricing page 3+ times in a week', points: 15 }]);
    const decayed = compile({
      ...MODEL,
      rules: [
        { name: 'Visited', group: 'Recency', column: 'Last visit', operator: 'is not blank', points: 10 },
      ],
    }).score(['ann@x.com', '2025-03-10', '2025-01-24']);
    expect(decayed.score).toBe(5);
  });

  it('an event after the lead’s day has a negative age and does not count, even with no window', () => {
    const compiled = compile();
    expect(compiled.matches(ANN)).toEqual([true, false, true]);
    expect(compiled.score(['ann@x.com', '2025-03-21', '']).reasons).toEqual([
      { rule: 'Onboarded', points: 40 },
    ]);
  });

  it('reads Date cells, and blank values in the as-of column, as any date cell', () => {
    const compiled = compile({ ...MODEL, settings: { ...MODEL.settings, blankValues: ['n/a'] } });
    expect(compiled.score(['ann@x.com', new Date('2025-03-10T12:00:00Z'), '2025-03-09']).score).toBe(25);
    expect(compiled.score(['ann@x.com', ' N/A ', '2025-03-09']).asOf).toBeUndefined();
  });

  it('explains the day a lead is judged on when it is not the model’s', () => {
    const lines = compile().explain(ANN);
    expect(lines[0]).toEqual({
      rule: AS_OF_REASON,
      points: 0,
      note: 'As of: judged as of 2025-03-10 (Handed to sales on), not 2026-06-30: days and events are counted to that day',
    });
    expect(lines.find((line) => line.rule === 'Onboarded')?.note).toBe(
      'Onboarded: no "Onboarding call", needs ≥ 1',
    );
    expect(
      compile()
        .explain(BOB)
        .some((line) => line.rule === AS_OF_REASON),
    ).toBe(false);
  });

  it('a model naming a column the leads do not have is an error naming it', () => {
    const result = compileModel(MODEL, ['Email', 'Last visit'], { activities: LOG });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        subject: 'settings',
        field: 'asOfColumn',
        message:
          'settings: as-of column "Handed to sales on" is not in the data (columns: Email, Last visit)',
      },
    ]);
  });

  it('validation keeps the setting, trimmed, and refuses what is not a column name', () => {
    const parsed = parseModel({ ...MODEL, settings: { asOfColumn: '  Decided on ' } });
    expect(parsed.ok && parsed.model.settings).toEqual({ asOfColumn: 'Decided on' });
    const refused = parseModel({ ...MODEL, settings: { asOfColumn: 3 } });
    expect(refused.ok ? [] : refused.problems).toEqual([
      { subject: 'settings', field: 'asOfColumn', message: 'settings: asOfColumn must be text, got 3' },
    ]);
    const nulled = parseModel({ ...MODEL, settings: { asOfColumn: null } });
    expect(nulled.ok && nulled.model.settings).toEqual({});
  });
});
