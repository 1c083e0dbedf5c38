// `leadscore score` on worker threads, over pieces of under 1 KB cut in the file's bytes, writes the same
// bytes and says the same things as on one thread: with a byte-order mark, Excel's sep= line, multi-byte
// characters in the header, and when the main thread must take over part-way (a CR inside a cell, bytes
// that are not UTF-8, a row with too few cells), with the same message and line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { starterModel } from '../../src/core/starterModel';
import { messyLeadsCsv } from '../support/messyLeads';
import { CLI_PATH } from '../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = starterModel();
model.settings = { ...model.settings, asOf: '2026-06-30' };
writeFileSync(join(dir, 'model.json'), JSON.stringify(model));

function score(input: Buffer, threads: string) {
  const name = `leads-${threads}.csv`;
  writeFileSync(join(dir, name), input);
  const output = join(dir, `scored-${threads}.csv`);
  rmSync(output, { force: true });
  const run = spawnSync(
    process.execPath,
    [CLI_PATH, 'score', '--model', join(dir, 'model.json'), '--input', join(dir, name), '--output', output],
    { env: { ...process.env, LEADSCORE_THREADS: threads, LEADSCORE_PIECE_BYTES: '997' }, encoding: 'utf8' },
  );
  let written: string | undefined;
  try {
    written = readFileSync(output, 'utf8');
  } catch {
    written = undefined;
  }
  const stderr = run.stderr.replaceAll(name, 'leads.csv').replaceAll(`scored-${threads}.csv`, 'scored.csv');
  return { status: run.status, stderr, written };
}

/** The messy file without CR inside cells before `crFrom`, its header's names with multi-byte letters. */
function messy(rows: number, seed: number, crFrom = rows) {
  const text = messyLeadsCsv({ rows, seed, carriageReturnsFrom: crFrom });
  return text.replace(/^[^\n]*\n/, (header) => header.replace(/Notes/, 'Notes — Zoë’s 🚀'));
}

/** `text` with `odd` inserted at the start of the first record after `fraction` of it. */
function insertAt(text: string, fraction: number, odd: Buffer): Buffer {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf('\n', Math.floor(bytes.length * fraction)) + 1;
  return Buffer.concat([bytes.subarray(0, at), odd, bytes.subarray(at)]);
}

describe('leadscore score on two worker threads, pieces of 997 bytes', () => {
  it.each([
    ['messy cells, CRLF and LF', Buffer.from(messy(400, 41))],
    ['a byte-order mark', Buffer.from(`\ufeff${messy(300, 42)}`)],
    ["Excel's sep=, line before the header", Buffer.from(`sep=,\r\n${messy(300, 43)}`)],
    ['a CR inside a cell from row 250 (the main thread reads on)', Buffer.from(messy(400, 44, 250))],
  ])('%s: the same bytes as one thread', (_, input) => {
    const one = score(input, '1');
    const two = score(input, '2');
    expect(one.status).toBe(0);
    expect(one.written!.length).toBeGreaterThan(input.length);
    expect(two).toEqual(one);
  });

  const width = 17;
  it.each([
    [
      'bytes that are not UTF-8',
      Buffer.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(',1'.repeat(width - 1)), 10]),
    ],
    ['a row with too few cells', Buffer.from('only,two\n')],
    ['a lone CR inside a cell', Buffer.from(`a\rb${',1'.repeat(width - 1)}\n`)],
  ])('%s at two thirds of the file: the same message as one thread', (_, odd) => {
    const input = insertAt(messy(400, 45), 2 / 3, odd);
    const one = score(input, '1');
    const two = score(input, '2');
    expect(one.status).not.toBe(0);
    expect(one.stderr).toMatch(/line \d+/);
    expect(two).toEqual(one);
  });
});
