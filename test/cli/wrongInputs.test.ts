// Inputs the CLI used to take wrong (issues 16, 18 and 20): each is read, or refused with a message that
// names the real cause, run as a user runs the built command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

const model: Model = {
  name: 'Small',
  groups: [{ name: 'Fit', kind: 'fit' }],
  rules: [
    { name: 'Software', group: 'Fit', column: 'Industry', operator: 'equals', value: 'Software', points: 40 },
    { name: 'Visits', group: 'Fit', column: 'Visits', operator: 'per', points: 2 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 40 },
  ],
  outcome: { column: 'Converted', positive: ['Yes'], negative: ['No'] },
};

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-wrong-'));
  writeFileSync(file('model.json'), JSON.stringify(model));
});
const score = (csv: string, ...more: string[]) => {
  writeFileSync(file('in.csv'), csv);
  return leadscore('score', '--model', file('model.json'), '--input', file('in.csv'), ...more);
};

describe('CSV files', () => {
  it('a header of only commas is named as such, not called empty', () => {
    const run = score(',,,\na,b,c,d\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the header row has no column names, only 4 empty cells between commas');
    expect(run.stderr).not.toContain('empty;');
  });

  it('a lone CR inside a cell is named as the cause of a short row', () => {
    const run = score(
      'Email,Industry,Visits,Converted\r\na@x.com,"Soft\rware",2,Yes\r\nb@x.com,Retail and\rmore,3,No\r\n',
    );
    expect(run.code).toBe(1);
    // The CR inside quotes (line 2) is kept; the one in the unquoted cell of line 4 ends the row.
    expect(run.stderr).toContain('line 4: this row has 2 cells but the header row has 4.');
    expect(run.stderr).toContain('A lone carriage return (CR) ends line 4');
  });

  it("reads Excel's sep=; first line as the separator, with the header on line 2", () => {
    const run = score('sep=;\r\nEmail;Industry;Visits;Converted\r\na@x.com;Software;3;Yes\r\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'line 1 "sep=;" (as Excel writes it) says columns are separated by semicolons',
    );
    const rows = parse(run.stdout) as string[][];
    expect(rows[0]).toEqual([
      'Email',
      'Industry',
      'Visits',
      'Converted',
      'Score',
      'Band',
      'Grade',
      'Reasons',
    ]);
    expect(rows[1]?.slice(4, 6)).toEqual(['46', 'Hot']);
  });

  it('a header ending in a comma (one more, empty, name than the rows have cells) is read by every command', () => {
    const csv = `Email,Industry,Visits,Converted,\n${Array.from({ length: 60 }, (_, i) => `l${i}@x.com,${i % 2 ? 'Software' : 'Retail'},${i % 5},${i % 3 ? 'Yes' : 'No'}\n`).join('')}`;
    writeFileSync(file('trailing.csv'), csv);
    const scored = leadscore('score', '--model', file('model.json'), '--input', file('trailing.csv'));
    expect(scored.code).toBe(0);
    expect((parse(scored.stdout) as string[][])[0]).toEqual([
      'Email',
      'Industry',
      'Visits',
      'Converted',
      'Score',
      'Band',
      'Grade',
      'Reasons',
    ]);
    const described = leadscore('describe', '--input', file('trailing.csv'));
    expect(described.stderr).toBe('');
    expect(described.code).toBe(0);
    expect(described.stdout).toContain('60 rows, 4 columns');
    const calibrated = leadscore('calibrate', '--model', file('model.json'), '--input', file('trailing.csv'));
    expect(calibrated.code).toBe(0);
    const suggested = leadscore(
      'suggest',
      '--input',
      file('trailing.csv'),
      '--outcome',
      'Converted',
      '--out',
      file('s.json'),
    );
    expect(suggested.stderr).not.toContain('cannot be read as CSV');
  });

  it('a row with another number of cells says so with both counts', () => {
    writeFileSync(
      file('ragged.csv'),
      'Email,Industry,Visits,Converted\na@x.com,Software,2,Yes\nb@x.com,Retail,No\n',
    );
    for (const command of [['describe'], ['suggest', '--outcome', 'Converted', '--out', file('r.json')]]) {
      const run = leadscore(command[0]!, '--input', file('ragged.csv'), ...command.slice(1));
      expect(run.code, command[0]).toBe(1);
      expect(run.stderr).toContain('ragged.csv line 3: this row has 3 cells but the header row has 4');
    }
  });

  it('suggest and describe take --delimiter and leave out an unnamed first column (the pandas index)', () => {
    const rows = Array.from(
      { length: 80 },
      (_, i) => `${i}|l${i}@x.com|${i % 2 ? 'Software' : 'Retail'}|${i % 4 ? 'Yes' : 'No'}\n`,
    );
    writeFileSync(file('pandas.csv'), `|Email|Industry|Converted\n${rows.join('')}`);
    const described = leadscore('describe', '--input', file('pandas.csv'), '--delimiter', '|');
    expect(described.code).toBe(0);
    expect(described.stderr).toContain('column A has no name (as the index pandas writes first): left out');
    expect(described.stdout).toContain('80 rows, 3 columns');
    const suggested = leadscore(
      'suggest',
      '--input',
      file('pandas.csv'),
      '--delimiter',
      '|',
      '--outcome',
      'Converted',
      '--out',
      file('p.json'),
    );
    expect(suggested.stderr).toContain('column A has no name');
    expect(suggested.code).toBe(0);
    expect(readFileSync(file('p.json'), 'utf8')).not.toMatch(/"column": ""/);
  });
});

describe('encodings in the commands that read a whole file', () => {
  it('describe reads a Latin-1 file with --encoding latin1 and a UTF-16 file by its byte-order mark', () => {
    writeFileSync(file('latin1.csv'), Buffer.from('Name,City\nAnn,Málaga\nBob,Köln\n', 'latin1'));
    const refused = leadscore('describe', '--input', file('latin1.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the file is not UTF-8 text');
    const read = leadscore('describe', '--input', file('latin1.csv'), '--encoding', 'latin1');
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('Málaga');
    writeFileSync(file('utf16.csv'), Buffer.from('\ufeffName,City\nAnn,Málaga\n', 'utf16le'));
    const utf16 = leadscore('describe', '--input', file('utf16.csv'));
    expect(utf16.code).toBe(0);
    expect(utf16.stdout).toContain('Málaga');
  });
});

describe('re-scoring and negative numbers (issue 18 item 5)', () => {
  it('re-scoring a scored file replaces its Score, Band, Grade and Reasons, and says so', () => {
    writeFileSync(file('first.csv'), 'Email,Industry,Visits,Converted\na@x.com,Software,3,Yes\n');
    const first = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('first.csv'),
      '--output',
      file('scored.csv'),
    );
    expect(first.code).toBe(0);
    const again = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('scored.csv'),
      '--output',
      file('rescored.csv'),
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'scored.csv: already has Score, Band, Grade, Reasons from an earlier run: replaced by this run',
    );
    expect(readFileSync(file('rescored.csv'), 'utf8')).toBe(readFileSync(file('scored.csv'), 'utf8'));
  });

  it('writes -1,200 and -45% as numbers, and a formula after them as text', () => {
    const run = score('Email,Industry,Visits,Converted\n"-1,200",-45%,1,"-1,200+A1"\n');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe(`"-1,200",-45%,1,"'-1,200+A1",2,Cold,,Visits +2`);
  });
});

describe('semicolon files with decimal commas (issue 16 item 5)', () => {
  it('reads "2,5" as 2.5 in score and calibrate, keeping the cell as written in the output', () => {
    const csv =
      'Email;Industry;Visits;Converted\na@x.com;Retail;"2,5";Yes\nb@x.com;Software;"1.000,5";No\nc@x.com;Retail;0;No\n';
    const run = score(csv);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('numbers with a decimal comma (such as "2,5") are read as 2.5');
    const rows = parse(run.stdout) as string[][];
    expect(rows[1]?.slice(2, 5)).toEqual(['2,5', 'Yes', '5']);
    expect(rows[2]?.slice(2, 5)).toEqual(['1.000,5', 'No', '2041']);
  });
});

describe('outcomes the model does not name (issue 16 item 5)', () => {
  it('a model expecting Yes/No on a column of 0 and 1 names the values instead of "nothing to calibrate"', () => {
    const csv = `Email,Industry,Visits,Converted\n${Array.from({ length: 30 }, (_, i) => `l${i}@x.com,Software,${i},${i % 3 ? 0 : 1}\n`).join('')}`;
    writeFileSync(file('binary.csv'), csv);
    const run = leadscore('calibrate', '--model', file('model.json'), '--input', file('binary.csv'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the outcome column "Converted" holds "0" (20 leads), "1" (10 leads)');
    expect(run.stderr).toContain('but the model reads only converted: "Yes"; not converted: "No"');
    expect(run.stderr).toContain('set the model\'s outcome to "positive": ["1"], "negative": ["0"]');
    expect(run.stderr).not.toContain('nothing to calibrate.\n');
    const suggested = leadscore(
      'suggest',
      '--input',
      file('binary.csv'),
      '--outcome',
      'Converted',
      '--base',
      file('model.json'),
      '--out',
      file('b.json'),
    );
    expect(suggested.code).toBe(1);
    expect(suggested.stderr).toContain(
      'the outcome column "Converted" holds 1, 0, but the current model (--base) reads "Yes" as converted: pass --positive',
    );
  });
});

describe('flags and model files', () => {
  it('--as-of 2026-02-30 is blamed on the date, not the CSV', () => {
    const run = score('Email,Industry,Visits,Converted\na@x.com,Software,1,Yes\n', '--as-of', '2026-02-30');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      '--as-of 2026-02-30 is not a day of the calendar: February 2026 has 28 days',
    );
  });

  it('example --dir /proc/x stops at once with the reason', () => {
    const run = leadscore('example', '--dir', '/proc/leadscore-x/y');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot create the folder /proc/leadscore-x (/proc takes no new folders)');
    const file = leadscore('example', '--dir', join(dir, 'model.json', 'sub'));
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(`${join(dir, 'model.json')} is a file, not a folder`);
    const ok = leadscore('example', '--dir', join(dir, 'new', 'deeper'));
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'new', 'deeper', 'starter-model.json'))).toBe(true);
  });

  const withRule = (rule: Record<string, unknown>) =>
    JSON.stringify({ ...model, rules: [{ ...model.rules[0], ...rule }] }, null, 2);

  it('refuses rule names that show nothing or show in another order', () => {
    writeFileSync(file('zw.json'), withRule({ name: '\u200b' }));
    const zw = leadscore('export', 'model', '--model', file('zw.json'));
    expect(zw.code).toBe(1);
    expect(zw.stderr).toContain(
      'name must have a visible character, it holds only U+200B (zero-width space)',
    );
    writeFileSync(file('rtl.json'), withRule({ name: 'Paid \u202eevil' }));
    const rtl = leadscore('export', 'model', '--model', file('rtl.json'));
    expect(rtl.code).toBe(1);
    expect(rtl.stderr).toContain('U+202E (right-to-left override)');
  });

  it('refuses a key given twice in one object, naming line and column', () => {
    writeFileSync(
      file('dup.json'),
      withRule({}).replace('"points": 40', '"points": 40,\n      "points": 400'),
    );
    const run = leadscore('export', 'model', '--model', file('dup.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /dup\.json: line \d+, column 7: the key "points" appears twice in the same object/,
    );
  });

  it('refuses points of 1e-400 (read as 0) as it refuses 1e400', () => {
    writeFileSync(file('tiny.json'), withRule({}).replace('"points": 40', '"points": 1e-400'));
    const run = leadscore('export', 'model', '--model', file('tiny.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /tiny\.json: line \d+, column \d+: the number 1e-400 is too small to be stored \(it would be read as 0\)/,
    );
  });
});
