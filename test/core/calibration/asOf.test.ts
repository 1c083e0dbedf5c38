// Contract v2 §9 in the calibration lab: past leads judged as of their own day, and the verdict that says
// when a model that counts days judges them all as of today, naming the column that looks like the decision day.
import { describe, expect, it } from 'vitest';
import { calibrateRows, decisionDayColumn, modelCountsDays } from '../../../src/core/calibration';
import { formatIsoDay, parseIsoDay } from '../../../src/core/cells';
import type { Model } from '../../../src/core/model';
import { suggestModel } from '../../../src/core/suggest';

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };
const HEADERS = ['Email', 'Source', 'Last visit', 'Closed on', 'Converted'];

/** Leads decided in 2025: converters visited in the week before their decision, the others a month or more before. */
function pastLeads(count = 600): unknown[][] {
  const start = parseIsoDay('2025-01-01')!;
  const rows: unknown[][] = [];
  for (let index = 0; index < count; index++) {
    const converted = index % 3 === 0;
    const closed = start + ((index * 7) % 330);
    const visit = closed - (converted ? index % 6 : 35 + (index % 40));
    const source = ['Ads', 'Referral', 'Event'][(index * 5 + (converted ? 1 : 0)) % 3];
    rows.push([
      `l${index}@x.com`,
      source,
      formatIsoDay(visit),
      formatIsoDay(closed),
      converted ? 'yes' : 'no',
    ]);
  }
  return rows;
}

const MODEL: Model = {
  name: 'Recent visits',
  settings: { asOf: '2026-06-30' },
  groups: [{ name: 'Web', kind: 'engagement' }],
  rules: [
    {
      name: 'Visited in the week before',
      group: 'Web',
      column: 'Last visit',
      operator: 'within days',
      value: 7,
      points: 20,
    },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 20, salesReady: true },
  ],
  outcome,
};

const withAsOfColumn: Model = { ...MODEL, settings: { ...MODEL.settings, asOfColumn: 'Closed on' } };

describe('calibration with each lead as of its own day', () => {
  const rows = pastLeads();

  it('sees the window each past lead had on its decision day', () => {
    const perLead = calibrateRows(withAsOfColumn, HEADERS, rows);
    const asOfToday = calibrateRows(MODEL, HEADERS, rows);
    if (!perLead.ok || !asOfToday.ok) throw new Error('calibration failed');
    expect(perLead.calibration.report.auc).toBeGreaterThan(0.95);
    // As of one day in 2026 no lead visited in the last week: the rule never matches, the score cannot rank.
    expect(asOfToday.calibration.report.auc).toBe(0.5);
    expect(perLead.calibration.report.verdicts.join(' ')).not.toContain('judged as of');
  });

  it('says old leads are judged as of one day and proposes the decision-day column', () => {
    const result = calibrateRows(MODEL, HEADERS, rows);
    if (!result.ok) throw new Error('calibration failed');
    expect(result.calibration.report.verdicts[0]).toBe(
      'Old leads are judged as of 2026-06-30: this model counts days (windows, decay or events), so a lead decided long ago is scored as it looks now — its recent-activity windows no longer match and events after the decision count. Set the model\'s "As of column" to "Closed on", which looks like the day each lead was decided, to judge each lead as of its own day.',
    );
  });

  it('asks for a decision-day column when none looks like one', () => {
    const headers = ['Email', 'Source', 'Last visit', 'Notes', 'Converted'];
    const result = calibrateRows({ ...MODEL, settings: {} }, headers, rows);
    if (!result.ok) throw new Error('calibration failed');
    expect(result.calibration.report.verdicts[0]).toMatch(
      /^Old leads are judged as of today: .* Add a column with the day each lead was decided \(or handed to sales\) and set it as the model's "As of column"\.$/,
    );
  });

  it('says nothing of the kind for a model that counts no days', () => {
    const model: Model = {
      ...MODEL,
      rules: [
        {
          name: 'Referral',
          group: 'Web',
          column: 'Source',
          operator: 'equals',
          value: 'Referral',
          points: 20,
        },
      ],
    };
    expect(modelCountsDays(model)).toBe(false);
    const result = calibrateRows(model, HEADERS, rows);
    if (!result.ok) throw new Error('calibration failed');
    expect(result.calibration.report.verdicts.join(' ')).not.toContain('judged as of');
  });

  it('knows decay, conditions and events count days', () => {
    const decaying: Model = {
      ...MODEL,
      groups: [
        { name: 'Web', kind: 'engagement', decay: { dateColumn: 'Last visit', percent: 10, everyDays: 30 } },
      ],
      rules: [{ name: 'Any', group: 'Web', column: 'Source', operator: 'is not blank', points: 5 }],
    };
    expect(modelCountsDays(decaying)).toBe(true);
    const when: Model = {
      ...MODEL,
      rules: [
        {
          name: 'Recent ad',
          group: 'Web',
          points: 5,
          when: { all: [{ column: 'Last visit', operator: 'older than days', value: 3 }] },
        },
      ],
    };
    expect(modelCountsDays(when)).toBe(true);
    const event: Model = {
      ...MODEL,
      activities: { leadKey: 'Email', activityKey: 'Email', typeColumn: 'Type', dateColumn: 'Date' },
      rules: [{ name: 'Opened', group: 'Web', event: 'Opened', operator: 'per', points: 1 }],
    };
    expect(modelCountsDays(event)).toBe(true);
    expect(modelCountsDays({ ...event, rules: [{ ...event.rules[0]!, enabled: false }] })).toBe(false);
  });

  it('prefers decided, then closed, handed over and created, and only columns holding dates', () => {
    const rowsOf = (cells: unknown[]) => [cells, cells];
    expect(
      decisionDayColumn(
        ['Created', 'Closed on', 'Decision date'],
        rowsOf(['2025-01-01', '2025-02-01', '2025-03-01']),
      ),
    ).toBe('Decision date');
    expect(
      decisionDayColumn(['Created at', 'Handed to sales'], rowsOf(['2025-01-01', new Date('2025-02-01')])),
    ).toBe('Handed to sales');
    expect(decisionDayColumn(['Closed reason', 'Created'], rowsOf(['Price', '2025-01-01']))).toBe('Created');
    expect(decisionDayColumn(['Closed reason', 'Owner'], rowsOf(['Price', 'Ann']))).toBeUndefined();
  });
});

describe('suggest with each lead as of its own day', () => {
  const rows = pastLeads();

  it('scores the current model as of each lead’s day and keeps the setting in the suggestion', () => {
    const perLead = suggestModel(HEADERS, rows, { outcome, base: withAsOfColumn, seed: 1 });
    const asOfToday = suggestModel(HEADERS, rows, { outcome, base: MODEL, seed: 1 });
    if (!perLead.ok || !asOfToday.ok) throw new Error('suggest failed');
    expect(perLead.model.settings?.asOfColumn).toBe('Closed on');
    expect(perLead.evaluation.baseAuc).toBeGreaterThan(0.95);
    expect(asOfToday.evaluation.baseAuc).toBe(0.5);
    expect(perLead.evaluation.verdicts.join(' ')).not.toContain('judged as of');
    expect(asOfToday.evaluation.verdicts.at(-1)).toContain('Set the model\'s "As of column" to "Closed on"');
  });

  it('refuses an as-of column the leads do not have, naming it', () => {
    const result = suggestModel(HEADERS, rows, {
      outcome,
      base: withAsOfColumn,
      asOfColumn: 'Decided',
      seed: 1,
    });
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('as-of column "Decided" is not in the data'),
    ]);
  });
});
