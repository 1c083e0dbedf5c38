// The review sample's feedback in the monitor: the Calibration sheet lists leads the model keeps from sales;
// someone ticks those checked and answers "Should sales call?"; the monitor counts the model's misses per
// period. The Calibration sheet here is the real one (calibrateRows + calibrationSheetGrid), so a change of
// its layout shows here.
import { describe, expect, it } from 'vitest';
import { calibrateRows, calibrationSheetGrid } from '../../../src/core/calibration';
import {
  DEFAULT_ACCEPTED,
  DEFAULT_REJECTED,
  monitorModel,
  readReviewSample,
} from '../../../src/core/monitor';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from './generate';

const leads = [...monitorLeads({ months: 6, leadsPerMonth: 300, breakMonth: Infinity, seed: 21 })];
const rows = leads.map((l) => l.row);
const words = { accepted: new Set(DEFAULT_ACCEPTED), rejected: new Set(DEFAULT_REJECTED) };

function calibrationSheet(): unknown[][] {
  const made = calibrateRows(MONITOR_MODEL, MONITOR_HEADERS, rows, { timeZone: 'UTC' });
  if (!made.ok) throw new Error('calibration');
  return calibrationSheetGrid({
    modelName: MONITOR_MODEL.name,
    sheetName: 'Leads',
    builtAt: '2026-07-01 09:00',
    calibration: made.calibration,
    leadLabel: (row) => String(rows[row]![0]),
    sheetRow: (row) => row + 2,
  }).values.map((line) => [...line]);
}

/** Ticks the first `answers.length` leads of the sample, with the given notes; returns the sheet. */
function ticked(answers: readonly string[], tick: (i: number) => unknown = (i) => (i % 2 ? 'x' : true)) {
  const sheet = calibrationSheet();
  const header = sheet.findIndex((line) => line[0] === 'Sheet row');
  const tickColumn = sheet[header]!.indexOf('Checked (tick)');
  const noteColumn = sheet[header]!.findIndex((c) => String(c).startsWith('Should sales call?'));
  answers.forEach((answer, i) => {
    sheet[header + 1 + i]![tickColumn] = tick(i);
    sheet[header + 1 + i]![noteColumn] = answer;
  });
  return { sheet, header };
}

function monitor(sheet: unknown[][], leadRows = rows) {
  const read = readReviewSample(sheet, words);
  if (!read.ok) throw new Error(read.problems[0]!.message);
  const result = monitorModel(MONITOR_MODEL, MONITOR_HEADERS, leadRows, {
    dateColumn: 'Created',
    timeZone: 'UTC',
    reviewSample: read.sample ? { read: read.sample, source: 'the Calibration sheet' } : undefined,
  });
  if (!result.ok) throw new Error(result.problems[0]!.message);
  return result.report;
}

const answers = [
  'Yes, asked for a demo',
  'no',
  'YES',
  'Good fit',
  'No — student',
  '',
  'yes',
  'Not sure',
  'bad',
  'yes!',
  'y',
  'n',
];

describe('the review sample in the monitor', () => {
  it('counts, per period and in all, the checked leads sales should call', () => {
    const { sheet, header } = ticked(answers);
    const read = readReviewSample(sheet, words);
    expect(read.ok && read.sample?.leadsSheet).toBe('Leads');
    const report = monitor(sheet);
    // Independently: the leads the ticked sheet rows point to, by month.
    const sampleRows = sheet.slice(header + 1, header + 1 + answers.length).map((line) => line[0] as number);
    const good = [0, 2, 3, 6, 9, 10];
    const notGood = [1, 4, 8, 11];
    expect(report.reviewSample).toMatchObject({
      source: 'the Calibration sheet',
      checked: 12,
      good: 6,
      notGood: 4,
      unanswered: 2,
      moved: 0,
      notFound: 0,
    });
    expect(report.reviewSample!.share).toBeCloseTo(0.6, 12);
    expect(report.reviewSample!.sampled).toBeGreaterThan(answers.length);
    report.periods.forEach((p, m) => {
      const inMonth = (i: number) => leads[sampleRows[i]! - 2]!.month === m + 1;
      expect(p.review).toMatchObject({
        checked: answers.filter((_, i) => inMonth(i)).length,
        good: good.filter(inMonth).length,
        notGood: notGood.filter(inMonth).length,
      });
    });
    expect(report.verdicts).toContain(
      'Of the 10 leads the model keeps from sales that were checked by hand (the review sample on the Calibration sheet), sales should call 6 (60%, 95% interval 31–83%): the model\'s misses; see which rules they lack before lowering the sales-ready cut-off. 2 more are ticked without a yes or no in "Should sales call?".',
    );
  });

  it('leaves out a ticked row that now holds another lead, and says so', () => {
    const { sheet, header } = ticked(answers);
    const moved = (sheet[header + 1]![0] as number) - 2;
    const edited = rows.map((row, i) => (i === moved ? ['Someone else', ...row.slice(1)] : row));
    const report = monitor(sheet, edited);
    expect(report.reviewSample).toMatchObject({ checked: 11, good: 5, moved: 1 });
    expect(report.verdicts.join('\n')).toMatch(/1 ticked rows now hold another lead .*: left out\./);
  });

  it('says when nothing is ticked yet, and changes nothing without a review sample', () => {
    const report = monitor(calibrationSheet());
    expect(report.reviewSample).toMatchObject({ checked: 0, good: 0 });
    expect(report.verdicts.join('\n')).toMatch(/None of the \d+ leads of the review sample .* is ticked yet/);
    const without = monitor([['Calibration of "x" on "Leads"']]);
    expect(without.reviewSample).toBeNull();
    expect(without.periods.every((p) => p.review === null)).toBe(true);
    expect(without.verdicts.join('\n')).not.toMatch(/review sample/);
  });

  it('names the cell of a tick it cannot read', () => {
    const { sheet, header } = ticked(['yes', 'no'], (i) => (i === 0 ? true : 'maybe'));
    const read = readReviewSample(sheet, words);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems[0]!.message).toBe(
        `Calibration!E${header + 3}: "Checked (tick)" says "maybe": tick it (TRUE, x, yes or ✓) or leave it blank`,
      );
  });
});
