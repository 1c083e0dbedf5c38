// A calibration over a stream of rows — calibrateRows runs on it too — gives the same figures as the reference
// calculation over the rows held in memory, one object per lead (inMemoryCalibration.ts): ties, open leads,
// blank rows, periods, overrides, §9 as-of columns, leaking columns, thin data.
import { describe, expect, it } from 'vitest';
import {
  calibrateRows,
  type RowsCalibrationOptions,
  type StreamCalibrationOptions,
  startCalibration,
} from '../../../src/core/calibration';
import { formatIsoDay, parseIsoDay, utcDayOfDate } from '../../../src/core/cells';
import type { Model } from '../../../src/core/model';
import { sampleLeads, sampleLeadsV2 } from '../../../src/core/sampleLeads';
import { starterModel } from '../../../src/core/starterModel';
import { calibrateRowsInMemory } from './inMemoryCalibration';

const TODAY = utcDayOfDate(new Date('2026-06-30'));

function streamed(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: StreamCalibrationOptions = {},
) {
  const started = startCalibration(model, headers, options);
  if (!started.ok) return started;
  for (const [index, row] of rows.entries()) started.stream.add(row, 1000 + index);
  const { reviewTags, ...calibration } = started.stream.finish();
  return { ok: true as const, calibration, reviewTags };
}

function expectSame(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RowsCalibrationOptions = {},
) {
  const inMemory = calibrateRowsInMemory(model, headers, rows, options);
  expect(calibrateRows(model, headers, rows, options)).toEqual(inMemory);
  const stream = streamed(model, headers, rows, options);
  expect(stream.ok).toBe(inMemory.ok);
  if (!inMemory.ok || !stream.ok) {
    expect(stream).toEqual(inMemory);
    return undefined;
  }
  expect(stream.calibration).toEqual(inMemory.calibration);
  expect(stream.reviewTags).toEqual(inMemory.calibration.reviewSample.map((lead) => 1000 + lead.row));
  return inMemory.calibration;
}

/** The sample leads with blank rows, open leads and a "Stage" column filled in once the outcome is known. */
function messyLeads(count: number, seed: number): { headers: unknown[]; rows: unknown[][] } {
  const [headers = [], ...rows] = sampleLeads({ count, today: TODAY, seed });
  const converted = headers.indexOf('Converted');
  const out: unknown[][] = [];
  rows.forEach((row, index) => {
    const copy: unknown[] = [...row];
    if (index % 9 === 4) copy[converted] = '';
    const decided = String(copy[converted] ?? '') !== '';
    const won = /^(yes|true|1)$/i.test(String(copy[converted]));
    copy.push(decided ? (won ? 'Closed won' : index % 5 === 0 ? '' : 'Closed lost') : '');
    copy.push(decided ? String(won ? 30 + (index % 50) : index % 7) : '');
    out.push(copy);
    if (index % 97 === 0) out.push(copy.map(() => ''));
  });
  return { headers: [...headers, 'Stage', 'Call minutes'], rows: out };
}

describe('a streamed calibration', () => {
  it('matches the in-memory one on the starter model (decay, caps, ties, open and blank rows)', () => {
    const { headers, rows } = messyLeads(3000, 7);
    const calibration = expectSame(starterModel(), headers, rows, { asOf: '2026-06-30' });
    // The data is varied enough to reach every part of the report.
    expect(calibration?.open).toBeGreaterThan(100);
    expect(calibration?.report.suggestedThreshold).not.toBeNull();
    expect(calibration?.suggestedPoints.refusedBecause).toBeNull();
    expect(calibration?.reviewSample.length).toBeGreaterThan(10);
  });

  it('matches per fit × engagement cell (contract v2 §10) for a model with grades and engagement levels', () => {
    const { headers, rows } = messyLeads(3000, 11);
    const model: Model = {
      ...starterModel(),
      engagementLevels: [
        { name: '3', min: null },
        { name: '2', min: 10 },
        { name: '1', min: 25 },
      ],
    };
    const calibration = expectSame(model, headers, rows, { asOf: '2026-06-30' });
    expect(calibration?.cells?.length).toBeGreaterThan(3);
    expect(calibration?.cells?.reduce((sum, cell) => sum + cell.leads, 0)).toBeGreaterThan(1000);
  });

  it('matches with rules on columns that leak the outcome (text and many-valued numbers)', () => {
    const { headers, rows } = messyLeads(2000, 3);
    const model = starterModel();
    model.rules.push(
      {
        name: 'Won stage',
        group: model.groups[0]!.name,
        column: 'Stage',
        operator: 'equals',
        value: 'Closed won',
        points: 5,
      },
      {
        name: 'Long calls',
        group: model.groups[0]!.name,
        column: 'Call minutes',
        operator: '>=',
        value: 20,
        points: 5,
      },
    );
    const calibration = expectSame(model, headers, rows, { asOf: '2026-06-30' });
    expect(calibration?.leakage.map((check) => check.column)).toEqual(['Stage', 'Call minutes']);
  });

  it('matches within a period and with another review share and target precision', () => {
    const { headers, rows } = messyLeads(2500, 11);
    const calibration = expectSame(starterModel(), headers, rows, {
      asOf: '2026-06-30',
      period: { column: 'Last activity', from: formatIsoDay(TODAY - 60), to: formatIsoDay(TODAY - 5) },
      reviewShare: 0.25,
      targetPrecision: 0.4,
    });
    expect(calibration?.outsidePeriod).toBeGreaterThan(100);
  });

  it('matches with a salesperson override column', () => {
    const [headers = [], ...rows] = sampleLeadsV2({ count: 3000, today: TODAY, seed: 5 });
    const model = starterModel();
    model.settings = { ...model.settings, overrideColumn: 'Manual score', blankValues: ['n/a'] };
    const calibration = expectSame(model, headers, rows, { asOf: '2026-06-30' });
    expect(calibration?.report.overridden.leads).toBeGreaterThan(10);
  });

  it('matches with each lead judged as of its own day, and with the verdict proposing that column', () => {
    const start = parseIsoDay('2025-01-01')!;
    const headers = ['Email', 'Source', 'Last visit', 'Closed on', 'Converted'];
    const rows = Array.from({ length: 900 }, (_, index) => {
      const converted = index % 3 === 0;
      const closed = start + ((index * 7) % 330);
      const visit = closed - (converted ? index % 6 : 35 + (index % 40));
      return [
        `l${index}@x.com`,
        ['Ads', 'Referral', 'Event'][(index * 5 + (converted ? 1 : 0)) % 3],
        formatIsoDay(visit),
        index % 50 === 0 ? 'soon' : formatIsoDay(closed),
        index % 11 === 0 ? '' : converted ? 'yes' : 'no',
      ];
    });
    const model: Model = {
      name: 'Recent visits',
      settings: { asOf: '2026-06-30' },
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [
        {
          name: 'Visited in the week',
          group: 'Web',
          column: 'Last visit',
          operator: 'within days',
          value: 7,
          points: 20,
        },
        {
          name: 'Referral',
          group: 'Web',
          column: 'Source',
          operator: 'equals',
          value: 'Referral',
          points: 5,
        },
      ],
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 20, salesReady: true },
      ],
      outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] },
    };
    const asOfToday = expectSame(model, headers, rows);
    expect(asOfToday?.report.verdicts[0]).toContain('Set the model\'s "As of column" to "Closed on"');
    const perLead = expectSame(
      { ...model, settings: { ...model.settings, asOfColumn: 'Closed on' } },
      headers,
      rows,
    );
    expect(perLead?.report.auc).toBeGreaterThan(0.9);
  });

  it('matches on thin data (no fit, no cut-off) and when nothing is decided', () => {
    const { headers, rows } = messyLeads(40, 2);
    expectSame(starterModel(), headers, rows, { asOf: '2026-06-30' });
    const converted = headers.indexOf('Converted');
    const open = rows.map((row) => row.map((cell, c) => (c === converted ? '' : cell)));
    const calibration = expectSame(starterModel(), headers, open, { asOf: '2026-06-30' });
    expect(calibration?.report.leads).toBe(0);
  });

  it('refuses what the in-memory one refuses, with the same problems', () => {
    const { headers, rows } = messyLeads(50, 2);
    expectSame(starterModel(), headers, rows, { period: { column: 'Nowhere', from: '2026-13-01' } });
    const { outcome: _outcome, ...noOutcome } = starterModel();
    expectSame(noOutcome as Model, headers, rows);
  });

  it('keeps no review sample when asked not to, with the same figures otherwise', () => {
    const { headers, rows } = messyLeads(800, 9);
    const stream = streamed(starterModel(), headers, rows, { asOf: '2026-06-30', keepReviewSample: false });
    const inMemory = calibrateRowsInMemory(starterModel(), headers, rows, { asOf: '2026-06-30' });
    if (!stream.ok || !inMemory.ok) throw new Error('calibration failed');
    expect(stream.calibration.reviewSample).toEqual([]);
    expect(stream.calibration.report).toEqual(inMemory.calibration.report);
    expect(stream.calibration.suggestedPoints).toEqual(inMemory.calibration.suggestedPoints);
  });
});
