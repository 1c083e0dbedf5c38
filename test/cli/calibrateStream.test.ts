// `leadscore calibrate --json` streams the file into the core's calibration: the same figures as the in-memory
// calculation on the same rows, and the review sample names each lead's line in the file (multi-line cells
// included).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { calibrateRows } from '../../src/core/calibration';
import { utcDayOfDate } from '../../src/core/cells';
import { sampleLeads } from '../../src/core/sampleLeads';
import { starterModel } from '../../src/core/starterModel';
import { CLI_PATH } from '../support/paths';

describe('leadscore calibrate on a streamed file', () => {
  it('gives the in-memory figures, and each sampled lead its line', () => {
    const [headers = [], ...sample] = sampleLeads({
      count: 1500,
      today: utcDayOfDate(new Date('2026-06-30')),
    });
    const converted = headers.indexOf('Converted');
    // Every 13th lead's name spans two lines, every 10th outcome is open: lines and rows drift apart.
    const rows = sample.map((row, index) => {
      const copy = row.map((cell) => String(cell ?? ''));
      if (index % 13 === 0) copy[0] = `${copy[0]}\nsecond line`;
      if (index % 10 === 3) copy[converted] = '';
      return copy;
    });
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibrate-'));
    const model = { ...starterModel(), settings: { ...starterModel().settings, asOf: '2026-06-30' } };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    writeFileSync(join(dir, 'leads.csv'), stringify([headers, ...rows]));
    const run = spawnSync(
      process.execPath,
      [
        CLI_PATH,
        'calibrate',
        '--model',
        join(dir, 'model.json'),
        '--input',
        join(dir, 'leads.csv'),
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout);

    const expected = calibrateRows(model, headers, rows, { timeZone: 'UTC' });
    if (!expected.ok) throw new Error('calibration failed');
    const { report, open, reviewSample, suggestedPoints } = expected.calibration;
    // Line of each row: the header is line 1, and a row with a two-line cell takes two lines.
    const lineOf: number[] = [];
    let line = 2;
    for (const row of rows) {
      lineOf.push(line);
      line += row[0]!.includes('\n') ? 2 : 1;
    }
    expect(printed).toEqual(
      JSON.parse(
        JSON.stringify({
          ...report,
          open,
          reviewSample: reviewSample.map((lead) => ({ ...lead, line: lineOf[lead.row] })),
          suggestedPoints,
        }),
      ),
    );
    expect(printed.reviewSample.length).toBeGreaterThan(50);
  });
});
