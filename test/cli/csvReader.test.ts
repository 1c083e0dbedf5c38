// The CLI's CSV reader at every chunk boundary (issue 20): where a read of the file ends depends only on byte
// offsets, so a quoted cell with an escaped quote, a line break or CRLF inside quotes, a CRLF between rows and
// a multi-byte character are each moved across every offset of a boundary, and must read the same.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvParser } from '../../src/cli/csvFast';
import { type CsvRecord, openCsv } from '../../src/cli/csvInput';

const TRICKY =
  'Name,Note,City\r\n' +
  '"Ann ""the"" Boss","line one\r\nline two\nline ""three""",Zürich\r\n' +
  'Bob,"""quoted""",São Paulo 🚀\n' +
  '"",",",""""\r\n' +
  'Eve,"ends in quote ""","a\rb"\n';

function parseSplit(text: string, cuts: number[]): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  const parser = new CsvParser(',', (cells, line) => records.push({ cells, line }));
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    parser.write(text.slice(from, cut));
    from = cut;
  }
  parser.end();
  return records;
}

describe('CsvParser', () => {
  const whole = parseSplit(TRICKY, []);

  it('reads the tricky text whole: escaped quotes, line breaks inside quotes, mixed line ends', () => {
    expect(whole).toEqual([
      { cells: ['Name', 'Note', 'City'], line: 1 },
      { cells: ['Ann "the" Boss', 'line one\r\nline two\nline "three"', 'Zürich'], line: 2 },
      { cells: ['Bob', '"quoted"', 'São Paulo 🚀'], line: 5 },
      { cells: ['', ',', '"'], line: 6 },
      { cells: ['Eve', 'ends in quote "', 'a\rb'], line: 7 },
    ]);
  });

  it('reads the same whatever offset one chunk ends at', () => {
    for (let cut = 0; cut <= TRICKY.length; cut++)
      expect(parseSplit(TRICKY, [cut]), `cut at ${cut}`).toEqual(whole);
  });

  it('reads the same when every pair of offsets cuts it in three, and one character at a time', () => {
    for (let a = 1; a < TRICKY.length; a++)
      for (let b = a; b < TRICKY.length; b += 3)
        expect(parseSplit(TRICKY, [a, b]), `cuts ${a}, ${b}`).toEqual(whole);
    const everyChar = Array.from({ length: TRICKY.length }, (_, i) => i);
    expect(parseSplit(TRICKY, everyChar)).toEqual(whole);
  });
});

describe('openCsv on files whose cells straddle the 64 KiB read boundary', () => {
  const READ = 64 * 1024;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadscore-chunks-'));
  });

  async function readAll(path: string): Promise<CsvRecord[]> {
    const csv = await openCsv(path);
    const records: CsvRecord[] = [];
    for await (const record of csv.records) records.push(record);
    return [{ cells: csv.headers, line: 1 }, ...records];
  }

  const cases: [string, string][] = [
    ['an escaped quote pair', '"say ""hi"" twice"'],
    ['a CRLF inside quotes', '"two\r\nlines"'],
    ['a lone LF inside quotes', '"two\nlines"'],
    ['a closing quote before the separator', '"closed"'],
    ['a multi-byte character', 'Zürich – 東京 🚀'],
  ];
  for (const [what, cell] of cases) {
    it(`${what}, at every offset across the boundary`, async () => {
      const cellBytes = Buffer.byteLength(cell);
      for (let shift = 0; shift <= cellBytes + 2; shift++) {
        // Filler rows bring the tricky cell's first byte to READ - shift.
        const header = 'Id,Text,Tail\r\n';
        const fillerBytes = READ - shift - Buffer.byteLength(header) - 'x,'.length;
        const filler = `f,${'a'.repeat(fillerBytes - 'f,,z\r\n'.length)},z\r\n`;
        const text = `${header}${filler}x,${cell},end\r\ny,last,row\r\n`;
        expect(Buffer.byteLength(text.slice(0, text.indexOf(`x,${cell}`) + 2))).toBe(READ - shift);
        const path = join(dir, `cell-${shift}.csv`);
        writeFileSync(path, text);
        const records = await readAll(path);
        const expected = parse(text) as string[][];
        expect(
          records.map((r) => r.cells),
          `${what} starting ${shift} bytes before the boundary`,
        ).toEqual(expected);
        expect(records[3]?.line).toBe(cell.includes('\n') ? 5 : 4);
      }
    });
  }
});

describe('a file that is not UTF-8 part-way', () => {
  it('names the line of the bad byte when a CRLF falls across two reads of 64 KB', async () => {
    // Rows of CRLF so that the CR is the last byte of the first 64 KB read and the LF the first of the next.
    const header = 'Name,Note\r\n';
    let text = header;
    let lines = 1;
    while (text.length < 65_536 - 40) {
      text += `Lead ${lines},note\r\n`;
      lines++;
    }
    text += `${'x'.repeat(65_531 - text.length)},pad\r\n`; // its CR is byte 65,535 (the 65,536th)
    lines++;
    expect(text.length).toBe(65_537);
    expect(text.charCodeAt(65_535)).toBe(13);
    const later = 'Good,row\r\n'.repeat(10);
    const bytes = Buffer.concat([
      Buffer.from(text + later),
      Buffer.from([0x42, 0xe9, 0x2c, 0x31, 0x0d, 0x0a]),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'leadscore-utf8-')), 'leads.csv');
    writeFileSync(path, bytes);
    const badLine = lines + 10 + 1;
    const read = async () => {
      const csv = await openCsv(path);
      for await (const _ of csv.records);
    };
    await expect(read()).rejects.toThrow(`line ${badLine}: the file is not UTF-8`);
  });
});
