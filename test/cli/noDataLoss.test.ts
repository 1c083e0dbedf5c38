// Issue 18 item 2: no command destroys a file. A write onto one of the run's own inputs is refused (whatever
// name, symlink or hard link reaches it), and an output is replaced only once the run has succeeded.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const model: Model = {
  name: 'Small',
  groups: [{ name: 'Fit', kind: 'fit' }],
  rules: [
    { name: 'Software', group: 'Fit', column: 'Industry', operator: 'equals', value: 'Software', points: 40 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 40 },
  ],
  outcome: { column: 'Converted', positive: ['yes'] },
};

const leads = (count: number) =>
  `Email,Industry,Converted\n${Array.from({ length: count }, (_, i) => `lead${i}@x.com,${i % 3 ? 'Retail' : 'Software'},${i % 2 ? 'yes' : 'no'}\n`).join('')}`;

let dir: string;
const file = (name: string) => join(dir, name);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-loss-'));
  writeFileSync(file('model.json'), JSON.stringify(model));
  writeFileSync(file('leads.csv'), leads(5000));
});

/** Nothing but the files the test wrote: no temporary file left behind. */
function expectOnly(...names: string[]) {
  expect(readdirSync(dir).sort()).toEqual([...names].sort());
}

describe('a write onto an input is refused and the input is left as it was', () => {
  it('score --output equal to --input', () => {
    const before = readFileSync(file('leads.csv'), 'utf8');
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('leads.csv'),
      '--output',
      file('leads.csv'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `--output ${file('leads.csv')} is the same file as --input ${file('leads.csv')}`,
    );
    expect(readFileSync(file('leads.csv'), 'utf8')).toBe(before);
    expectOnly('leads.csv', 'model.json');
  });

  it('score --output reaching the input through another path, a symlink or a hard link', () => {
    const before = readFileSync(file('leads.csv'), 'utf8');
    symlinkSync(file('leads.csv'), file('link.csv'));
    linkSync(file('leads.csv'), file('hard.csv'));
    for (const output of [join(dir, '.', 'sub', '..', 'leads.csv'), file('link.csv'), file('hard.csv')]) {
      const run = leadscore(
        'score',
        '--model',
        file('model.json'),
        '--input',
        file('leads.csv'),
        '--output',
        output,
      );
      expect(run.code, output).toBe(1);
      expect(run.stderr).toContain('is the same file as --input');
    }
    // The other way round too: the input named through the link.
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('link.csv'),
      '--output',
      file('leads.csv'),
    );
    expect(run.code).toBe(1);
    expect(readFileSync(file('leads.csv'), 'utf8')).toBe(before);
  });

  it('score --output equal to --activities (the activity log is kept)', () => {
    const log = 'Email,Type,Date\nlead1@x.com,Visit,2026-01-02\n';
    writeFileSync(file('events.csv'), log);
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('leads.csv'),
      '--activities',
      file('events.csv'),
      '--output',
      file('events.csv'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is the same file as --activities');
    expect(readFileSync(file('events.csv'), 'utf8')).toBe(log);
  });

  it('score --output equal to --model', () => {
    const before = readFileSync(file('model.json'), 'utf8');
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('leads.csv'),
      '--output',
      file('model.json'),
    );
    expect(run.code).toBe(1);
    expect(readFileSync(file('model.json'), 'utf8')).toBe(before);
  });

  it('suggest --out equal to --input (the leads are not replaced with JSON)', () => {
    const before = readFileSync(file('leads.csv'), 'utf8');
    const run = leadscore(
      'suggest',
      '--input',
      file('leads.csv'),
      '--outcome',
      'Converted',
      '--out',
      file('leads.csv'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`--out ${file('leads.csv')} is the same file as --input`);
    expect(readFileSync(file('leads.csv'), 'utf8')).toBe(before);
    expectOnly('leads.csv', 'model.json');
  });
});

describe('an output is replaced only when the run succeeds', () => {
  it('an error part-way through leaves the previous --output as it was, with no temporary file', () => {
    writeFileSync(file('scored.csv'), 'the previous good scored file\n');
    // Far beyond the first 64 KB written: the run has written much of its output when it meets the bad row.
    writeFileSync(file('bad.csv'), `${leads(5000)}lead-x@x.com,Software,yes,one cell too many\n`);
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('bad.csv'),
      '--output',
      file('scored.csv'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 5002: this row has 4 cells but the header row has 3');
    expect(readFileSync(file('scored.csv'), 'utf8')).toBe('the previous good scored file\n');
    expectOnly('bad.csv', 'leads.csv', 'model.json', 'scored.csv');
  });

  it('a run that succeeds replaces the previous output whole', () => {
    writeFileSync(file('scored.csv'), 'the previous scored file\n');
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('leads.csv'),
      '--output',
      file('scored.csv'),
    );
    expect(run.code).toBe(0);
    const lines = readFileSync(file('scored.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines[1]).toBe('lead0@x.com,Software,no,40,Hot,,Software +40');
    expectOnly('leads.csv', 'model.json', 'scored.csv');
  });
});
