// The byte reader of `score` (scoreBytes.ts, on one thread and in the workers) writes, as bytes, exactly the
// lines of the full reader (csvInput.ts, each record parsed and written again cell by cell), for pieces cut
// where they are cut (after a line feed outside quotes) at every byte offset of a file with multi-byte
// characters, quotes, escaped quotes, CRLF and line breaks in cells, whatever its window; and it stops at
// the start of a record the full reader must read, having written every record before it.
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/cli/csvInput';
import { lastRecordEnd } from '../../src/cli/pieceWorkers';
import { ByteScoreReader } from '../../src/cli/scoreBytes';
import { RowScorer } from '../../src/cli/scoreRows';
import { leadColumnIndices } from '../../src/core/engine';
import { starterModel } from '../../src/core/starterModel';
import { messyLeadsCsv } from '../support/messyLeads';

function setUp(text: string, sanitize = true) {
  const headerEnd = text.indexOf('\n') + 1;
  const headers = parseCsvText('leads.csv', text.slice(0, headerEnd)).headers;
  const model = starterModel();
  const scorer = () => {
    const created = RowScorer.create({ model, headers, delimiter: ',', asOf: '2026-06-30', sanitize });
    if (!created.ok) throw new Error('model');
    return created.scorer;
  };
  const columns = leadColumnIndices(model, headers);
  /** What the full reader writes for `body` (records after the header), and its records. */
  const fullReader = (body: string) => {
    const parsed = parseCsvText('leads.csv', text.slice(0, headerEnd) + body);
    const rows = scorer();
    const lines = parsed.records.map(({ cells }) => rows.line(cells, parsed.numbers(cells), undefined));
    return { output: lines.join(''), records: lines.length };
  };
  return {
    width: headers.length,
    body: text.slice(headerEnd),
    fullReader,
    bytes: (windowBytes?: number) => new ByteScoreReader(scorer(), headers.length, columns, windowBytes),
  };
}

/** Plain headers, CRLF and LF rows, multi-line cells, escaped quotes, injection payloads, no CR in cells. */
function messyBody(rows: number, seed: number) {
  return messyLeadsCsv({ rows, seed, carriageReturnsFrom: rows }).replace(/^[^\n]*\n/, (header) =>
    header.replace(/"/g, '').replace(/\r/, ''),
  );
}

const outputOf = (read: ReturnType<ByteScoreReader['readPiece']>) =>
  Buffer.from(read.buffer, read.start, read.length);
const lineFeeds = (bytes: Uint8Array) => bytes.reduce((count, byte) => count + (byte === 10 ? 1 : 0), 0);

describe.each([
  ['sanitised', true],
  ['not sanitised', false],
])('the byte reader, %s', (_, sanitize) => {
  const { body, fullReader, bytes } = setUp(messyBody(40, 31), sanitize);
  const expected = fullReader(body);
  const input = Buffer.from(body);
  const lines = lineFeeds(input); // no lone CR: each line ends with an LF

  it('writes the bytes the full reader writes, with its records and lines', () => {
    expect(input.length).toBeGreaterThan(body.length); // multi-byte characters
    expect(body).toContain('""');
    expect(body).toContain('\r\n');
    const read = bytes().readBytes(input);
    expect(read.handOver).toBe(false);
    expect(read.read).toBe(input.length);
    expect(outputOf(read).toString()).toBe(expected.output);
    expect(read.records).toBe(expected.records);
    expect(read.lines).toBe(lines);
  });

  it('gives the same bytes whatever the size of its window on the piece', () => {
    for (let windowBytes = 1; windowBytes <= 600; windowBytes++) {
      const read = bytes(windowBytes).readBytes(input);
      expect(read.read).toBe(input.length);
      expect(outputOf(read).toString()).toBe(expected.output);
      expect(read.lines).toBe(lines);
    }
  });

  it('gives the same bytes for pieces cut at any byte offset, with or without more after them', () => {
    const reader = bytes();
    for (let end = 0; end <= input.length; end++) {
      const cut = lastRecordEnd(input, end);
      for (const final of [true, false]) {
        const first = reader.readBytes(input.subarray(0, cut), final);
        expect(first.handOver).toBe(false);
        const second = reader.readBytes(input.subarray(first.read));
        expect(second.read).toBe(input.length - first.read);
        expect(Buffer.concat([outputOf(first), outputOf(second)]).toString()).toBe(expected.output);
        expect(first.lines + second.lines).toBe(lines);
      }
    }
  });
});

describe('a record the byte reader leaves to the full reader', () => {
  const { body, bytes, width, fullReader } = setUp(messyBody(10, 32));
  const input = Buffer.from(body);
  const middle = lastRecordEnd(input, input.length / 2);
  const before = input.subarray(0, middle);
  const inserted = (odd: Buffer) => Buffer.concat([before, odd, input.subarray(middle)]);
  const row = (first: string) => `${first}${','.repeat(width - 1)}`;

  it.each([
    ['a lone CR', Buffer.from(`${row('a\rb')}\n`)],
    ['a lone CR at the end', Buffer.from(`${row('a')}\r`)],
    ['a lone CR before a record', Buffer.from(`\r${row('a')}\n`)],
    ['a CR inside a quoted cell', Buffer.from(`${row('"a\r\nb"')}\n`)],
    ['too few cells', Buffer.from('only,two\n')],
    ['too many cells', Buffer.from(`${row('a')},b\n`)],
    ['text after a closing quote', Buffer.from(`${row('"a"b')}\n`)],
  ])('%s: the records before it are written, and it is handed over at its start', (_, odd) => {
    const expected = fullReader(before.toString());
    for (const windowBytes of [undefined, 7, 100]) {
      const read = bytes(windowBytes).readBytes(inserted(odd));
      expect(read.handOver).toBe(true);
      expect(read.read).toBe(middle);
      expect(read.lines).toBe(lineFeeds(before));
      expect(outputOf(read).toString()).toBe(expected.output);
    }
  });

  it.each([
    ['bytes that are not UTF-8', Buffer.from([...Buffer.from(row('caf')), 0xe9, 0x0a])],
    ['a character cut in two', Buffer.from([...Buffer.from(row('caf')), 0xc3, 0x0a])],
  ])('%s: the whole piece is handed over', (_, odd) => {
    for (const windowBytes of [undefined, 7, 100]) {
      const read = bytes(windowBytes).readBytes(inserted(odd));
      expect(read.handOver).toBe(true);
      expect(read.read).toBe(0);
      expect(read.length).toBe(0);
    }
  });

  it('a quote left open, where a quote inside an unquoted cell misled the cut', () => {
    // 5" screen: one quote in an unquoted cell, so the count of quotes before a line feed is off by one
    // and the cut falls inside the next row's quoted two-line cell.
    const misleading = `${row('5" screen')}\n`;
    const file = Buffer.concat([before, Buffer.from(`${misleading}${row('"two\nlines"')}\n`)]);
    const cut = lastRecordEnd(file);
    expect(file.subarray(0, cut).toString().endsWith('"two\n')).toBe(true);
    const expected = fullReader(before.toString() + misleading);
    for (const windowBytes of [undefined, 50]) {
      // At the end of the file: for the full reader (which says the quote is not closed).
      const atEnd = bytes(windowBytes).readBytes(file.subarray(0, cut));
      expect(atEnd.handOver).toBe(true);
      expect(atEnd.read).toBe(middle + misleading.length);
      expect(outputOf(atEnd).toString()).toBe(expected.output);
      // Before the end: left for the next piece.
      const more = bytes(windowBytes).readBytes(file.subarray(0, cut), false);
      expect(more.handOver).toBe(false);
      expect(more.read).toBe(middle + misleading.length);
      expect(outputOf(more).toString()).toBe(expected.output);
    }
    // The whole file from a record start is read whole.
    expect(bytes().readBytes(file).read).toBe(file.length);
  });
});
