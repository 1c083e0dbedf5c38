import { describe, expect, it } from 'vitest';
import { utcDayOfDate } from '../../src/core/cells';
import { sampleLeads } from '../../src/core/sampleLeads';
import { addonWithStarter, sheetValues } from '../support/addon';

describe('Build calibration sheet', () => {
  it('writes verdicts, the band table, rules, and charts of conversion per band, the score histogram and the gains curve', () => {
    const emulator = addonWithStarter();
    const result = emulator.run('buildCalibrationSheet', [], 'FULL') as { leads: number; verdicts: string[] };
    const values = sheetValues(emulator, 'Calibration');
    const text = values.map((row) => row.filter((c) => c !== '').join(' | '));
    expect(text[0]).toBe('Calibration of "B2B starter" on "Sample leads"');
    expect(result.leads).toBeGreaterThan(150);
    expect(text).toContain('Verdicts');
    expect(text.indexOf(result.verdicts[0] ?? '?')).toBeGreaterThan(0);
    const bandHeader = values.findIndex((row) => row[0] === 'Band' && row[1] === 'Leads');
    expect(values.slice(bandHeader + 1, bandHeader + 5).map((row) => row[0])).toEqual([
      'Cold',
      'Warm',
      'Hot',
      'Very hot',
    ]);
    const bandLeads = values
      .slice(bandHeader + 1, bandHeader + 5)
      .reduce((sum, row) => sum + Number(row[1]), 0);
    expect(bandLeads).toBe(result.leads);
    expect(
      values.some(
        (row) => row[0] === 'Requested a demo' && ['ok', 'weak', 'contradicts data'].includes(String(row[6])),
      ),
    ).toBe(true);
    const charts = emulator.spreadsheet.getSheetByName('Calibration')?.getCharts() ?? [];
    expect(charts).toHaveLength(3);
    const chartRange = charts[0]?.getRanges()[0];
    expect(chartRange?.getValues()[0]).toEqual(['Band (leads)', 'Conversion rate']);
    expect(chartRange?.getNumRows()).toBe(5);
    // The score histogram by band: converted and not, stacked, adding up to each band's leads.
    const histogram = charts[1]!;
    expect(String(histogram.getType())).toBe('COLUMN');
    expect(histogram.getOptions().get('isStacked')).toBe(true);
    const counts = histogram.getRanges()[0]!.getValues();
    expect(counts[0]).toEqual(['Score band', 'Converted', 'Not converted']);
    expect(counts.slice(1).map((row) => row[0])).toEqual(['Cold', 'Warm', 'Hot', 'Very hot']);
    const bandRows = values.slice(bandHeader + 1, bandHeader + 5);
    expect(counts.slice(1).map((row) => [Number(row[1]), Number(row[1]) + Number(row[2])])).toEqual(
      bandRows.map((row) => [Number(row[2]), Number(row[1])]),
    );
    // The gains curve: the model's share of conversions in its top leads against random order; the
    // 20% point is the one the verdict quotes ("The top 20% of leads by score hold 46% of conversions").
    const gains = charts[2]!;
    expect(String(gains.getType())).toBe('LINE');
    const curve = gains.getRanges()[0]!.getValues();
    expect(curve[0]).toEqual(['Top share of leads', 'Share of conversions', 'In random order']);
    expect(curve.slice(1).map((row) => row[0])).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(curve.slice(1).map((row) => row[2])).toEqual(curve.slice(1).map((row) => row[0]));
    const top20 = Math.round(Number(curve[2]?.[1]) * 100);
    expect(text).toContain(`The top 20% of leads by score hold ${top20}% of conversions.`);
    expect(curve.at(-1)?.[1]).toBe(1);
    expect(emulator.ui.toasts.map((t) => t.message)).toContain('The Calibration sheet is ready.');
  });

  it('rebuilds without leaving old content behind, and compares with the previous version', () => {
    const emulator = addonWithStarter();
    emulator.run('buildCalibrationSheet', [], 'FULL');
    const first = sheetValues(emulator, 'Calibration').length;
    // A smaller model (fewer rules) gives a shorter sheet: no stale rows may remain below it.
    const state = emulator.run('getSidebarState', [], 'FULL') as {
      model: { rules: unknown[] };
      revision: string;
    };
    const smaller = { ...state.model, rules: state.model.rules.slice(0, 5) };
    const saved = emulator.run('saveModel', [smaller, state.revision], 'FULL') as { ok: boolean };
    expect(saved.ok).toBe(true);
    emulator.run('buildCalibrationSheet', [], 'FULL');
    const values = sheetValues(emulator, 'Calibration');
    expect(values.filter((row) => row[0] === 'Visited pricing page')).toHaveLength(0);
    expect(emulator.spreadsheet.getSheets().filter((s) => s.getName() === 'Calibration')).toHaveLength(1);
    expect(emulator.spreadsheet.getSheetByName('Calibration')?.getCharts()).toHaveLength(3);
    expect(values.some((row) => String(row[0]).startsWith('Compare: Version 1 and Current model'))).toBe(
      true,
    );
    expect(values.length).not.toBe(first);
  });

  it('marks a reproducible review sample among the leads held back from sales', () => {
    const emulator = addonWithStarter();
    emulator.run('buildCalibrationSheet', [], 'FULL');
    const sampleOf = () => {
      const values = sheetValues(emulator, 'Calibration');
      const header = values.findIndex((row) => row[0] === 'Sheet row');
      return values.slice(header + 1).map((row) => row.slice(0, 4));
    };
    const first = sampleOf();
    expect(first.length).toBeGreaterThan(10);
    expect(first.every((row) => row[3] === 'Cold' || row[3] === 'Warm')).toBe(true);
    emulator.run('buildCalibrationSheet', [], 'FULL');
    expect(sampleOf()).toEqual(first);
  });

  it('limits the leads to a period when asked', () => {
    const emulator = addonWithStarter();
    const dates = sheetValues(emulator, 'Sample leads')
      .slice(1)
      .map((row) => String(row[11]))
      .sort();
    const middle = dates[Math.floor(dates.length / 2)] ?? '';
    const all = emulator.run('buildCalibrationSheet', [{ compareWithVersion: null }], 'FULL') as {
      leads: number;
    };
    const recent = emulator.run(
      'buildCalibrationSheet',
      [{ period: { column: 'Last activity', from: middle }, compareWithVersion: null }],
      'FULL',
    ) as { leads: number };
    expect(recent.leads).toBeLessThan(all.leads);
    expect(recent.leads).toBeGreaterThan(0);
    expect(String(sheetValues(emulator, 'Calibration')[1]?.[0])).toContain('period: Last activity');
  });

  it('suggests points fitted from the outcomes and can compare the model with them', () => {
    const emulator = addonWithStarter();
    emulator.run('buildCalibrationSheet', [{ compareWithVersion: 'suggested' }], 'FULL');
    const values = sheetValues(emulator, 'Calibration');
    const section = values.findIndex((row) => row[0] === 'Suggested points (fitted from these outcomes)');
    expect(section).toBeGreaterThan(0);
    const text = values.map((row) => String(row[0]));
    // 200 sample leads are too few to fit 20 rules honestly: the sheet says so instead of inventing points.
    expect(text[section + 1]).toMatch(/^Too little data to fit points/);
    expect(text.some((t) => t.startsWith('Compare:'))).toBe(false);
  });

  it('with enough leads, fits points, checks them on held-out leads and compares the model with them', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.insertSheet('Many leads');
    const rows = sampleLeads({ count: 3000, seed: 7, today: utcDayOfDate(new Date()) });
    leads.insertRowsAfter(leads.getMaxRows(), rows.length - leads.getMaxRows());
    leads.getRange(1, 1, rows.length, rows[0]?.length ?? 0).setValues(rows);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('buildCalibrationSheet', [{ compareWithVersion: 'suggested' }], 'FULL');
    const values = sheetValues(emulator, 'Calibration');
    const text = values.map((row) => String(row[0]));
    const section = text.indexOf('Suggested points (fitted from these outcomes)');
    expect(text[section + 1]).toMatch(/AUC \d\.\d\d against \d\.\d\d now/);
    const header = values.findIndex((row, i) => i > section && row[0] === 'Rule' && row[1] === 'Points now');
    expect(values[header + 1]?.[0]).toBe('Company size 50–1,000');
    expect(typeof values[header + 1]?.[2]).toBe('number');
    expect(text).toContain(
      'Compare: Suggested points (fitted on these leads) and Current model, on the same leads',
    );
  });
});
