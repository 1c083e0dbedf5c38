// `leadscore calibrate` on worker threads, over pieces of under 1 KB cut in the file's bytes, prints the same
// report (text and JSON, review sample lines included) and says the same things as on one thread: on messy
// cells, with the §9 as-of column, with an override column, with §10 engagement cells, with a decision-day
// column to propose, and when the main thread must take over part-way (a row with too few cells, bytes that
// are not UTF-8, a quote never closed), with the same message and line, and when it reads on to the end
// (a cell longer than 64 pieces).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import { messyLeadsCsv } from '../support/messyLeads';
import { CLI_PATH } from '../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibrate-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modelWith(settings: Model['settings']): Model {
  const model = starterModel();
  model.settings = { ...model.settings, asOf: '2026-06-30', ...settings };
  return model;
}

function calibrate(input: Buffer, model: Model, threads: string, json: boolean) {
  const name = `leads-${threads}.csv`;
  writeFileSync(join(dir, name), input);
  writeFileSync(join(dir, `model-${threads}.json`), JSON.stringify(model));
  const run = spawnSync(
    process.execPath,
    [
      CLI_PATH,
      'calibrate',
      '--model',
      join(dir, `model-${threads}.json`),
      '--input',
      join(dir, name),
      ...(json ? ['--json'] : []),
    ],
    { env: { ...process.env, LEADSCORE_THREADS: threads, LEADSCORE_PIECE_BYTES: '997' }, encoding: 'utf8' },
  );
  const named = (text: string) => text.replaceAll(name, 'leads.csv').replaceAll(`model-${threads}`, 'model');
  return { status: run.status, stdout: named(run.stdout), stderr: named(run.stderr) };
}

/** The messy file (CR inside cells only from `crFrom` on), "Last email sent" named as a decision day. */
function messy(rows: number, seed: number, crFrom = rows): string {
  const text = messyLeadsCsv({ rows, seed, carriageReturnsFrom: crFrom });
  return text.replace(/^[^\n]*\n/, (header) => header.replace('Last email sent', 'Closed on'));
}

/** `text` with `odd` inserted at the start of the first record after `fraction` of it. */
function insertAt(text: string, fraction: number, odd: Buffer): Buffer {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf('\n', Math.floor(bytes.length * fraction)) + 1;
  return Buffer.concat([bytes.subarray(0, at), odd, bytes.subarray(at)]);
}

describe('leadscore calibrate on two worker threads, pieces of 997 bytes', () => {
  type Report = {
    leads: number;
    verdicts: string[];
    overridden: { leads: number };
    cells?: { known: number }[];
  };
  const withLevels = modelWith({});
  withLevels.engagementLevels = [
    { name: 'Low', min: null },
    { name: 'High', min: 20 },
  ];
  it.each([
    [
      'messy cells, CRLF and LF, a decision-day column to propose',
      modelWith({}),
      (report: Report) => expect(report.verdicts.join(' ')).toContain('"As of column" to "Closed on"'),
    ],
    [
      'the as-of column (contract v2 §9)',
      modelWith({ asOfColumn: 'Closed on' }),
      (report: Report) => expect(report.verdicts.join(' ')).not.toContain('As of column'),
    ],
    [
      'an override column',
      modelWith({ overrideColumn: 'Manual score' }),
      (report: Report) => expect(report.overridden.leads).toBeGreaterThan(0),
    ],
    [
      'engagement levels (contract v2 §10: per fit × engagement cell)',
      withLevels,
      (report: Report) => expect(report.cells?.some((cell) => cell.known > 0)).toBe(true),
    ],
  ])('%s: the same report as one thread', (_, model, check) => {
    const input = Buffer.from(`\ufeff${messy(700, 51)}`);
    let printed = '';
    for (const json of [true, false]) {
      const one = calibrate(input, model, '1', json);
      const two = calibrate(input, model, '2', json);
      expect(one.status, one.stderr).toBe(0);
      expect(two).toEqual(one);
      if (json) printed = two.stdout;
    }
    const report = JSON.parse(printed) as Report & {
      reviewSample: { line: number }[];
    };
    expect(report.leads).toBeGreaterThan(400);
    check(report);
    // Lines from the workers' pieces, not only the first: the file has about 700 lines.
    expect(Math.max(...report.reviewSample.map((lead) => lead.line))).toBeGreaterThan(500);
  });

  it('CRLF inside cells from row 400 (the workers read them as one thread does): the same report', () => {
    const input = Buffer.from(messy(700, 52, 400));
    const one = calibrate(input, modelWith({}), '1', true);
    expect(one.status, one.stderr).toBe(0);
    expect(calibrate(input, modelWith({}), '2', true)).toEqual(one);
  });

  it('a cell longer than 64 pieces half-way (the main thread reads on from there): the same report', () => {
    const huge = Buffer.from(`"${'long notes, '.repeat(7000)}"${',1'.repeat(16)}\n`);
    const input = insertAt(messy(1500, 54), 1 / 2, huge);
    for (const json of [true, false]) {
      const one = calibrate(input, modelWith({}), '1', json);
      expect(one.status, one.stderr).toBe(0);
      expect(calibrate(input, modelWith({}), '2', json)).toEqual(one);
    }
  });

  const width = 17;
  it.each([
    [
      'bytes that are not UTF-8',
      Buffer.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(',1'.repeat(width - 1)), 10]),
    ],
    ['a row with too few cells', Buffer.from('only,two\n')],
    ['a quote never closed', Buffer.from(`"open${',1'.repeat(width - 1)}\n`)],
  ])('%s at two thirds of the file: the same message and line as one thread', (_, odd) => {
    // Past the first 64 KB, which are read (and checked) before the workers start.
    const input = insertAt(messy(2000, 53), 2 / 3, odd);
    const one = calibrate(input, modelWith({}), '1', true);
    const two = calibrate(input, modelWith({}), '2', true);
    expect(one.status).not.toBe(0);
    expect(Number(/line (\d+)/.exec(one.stderr)?.[1])).toBeGreaterThan(1000);
    expect(two).toEqual(one);
  });
});
