// The workers' reader of `score` (scoreBytes.ts) gives, as bytes, exactly the lines of the fast reader of
// one thread, for pieces cut where the main thread cuts them (after a line feed outside quotes) at every
// byte offset of a file with multi-byte characters, quotes, escaped quotes, CRLF and line breaks in cells;
// and a piece it cannot read as the fast reader would is not read at all (the main thread reads it).
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/cli/csvInput';
import { lastRecordEnd } from '../../src/cli/pieceWorkers';
import { ByteScoreReader } from '../../src/cli/scoreBytes';
import { FastScoreReader } from '../../src/cli/scoreFast';
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
  return {
    width: headers.length,
    body: text.slice(headerEnd),
    fast: () => new FastScoreReader(scorer(), headers.length, columns),
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

describe.each([
  ['sanitised', true],
  ['not sanitised', false],
])('the workers’ byte reader, %s', (_, sanitize) => {
  const { body, fast, bytes } = setUp(messyBody(40, 31), sanitize);
  const expected = fast().read(body, true);
  const input = Buffer.from(body);

  it('writes the bytes the fast reader writes, with its records and lines', () => {
    expect(expected.handOver).toBe(false);
    expect(input.length).toBeGreaterThan(body.length); // multi-byte characters
    const read = bytes().readBytes(input);
    expect(read.whole).toBe(true);
    expect(outputOf(read).toString()).toBe(expected.output);
    expect(read.records).toBe(expected.records);
    expect(read.lines).toBe(expected.lines);
  });

  it('gives the same bytes whatever the size of its window on the piece', () => {
    for (let windowBytes = 1; windowBytes <= 600; windowBytes++) {
      const read = bytes(windowBytes).readBytes(input);
      expect(read.whole).toBe(true);
      expect(outputOf(read).toString()).toBe(expected.output);
      expect(read.lines).toBe(expected.lines);
    }
  });

  it('gives the same bytes for pieces cut at any byte offset', () => {
    const reader = bytes();
    for (let end = 0; end <= input.length; end++) {
      const cut = lastRecordEnd(input, end);
      const first = reader.readBytes(input.subarray(0, cut));
      const second = reader.readBytes(input.subarray(cut));
      expect(first.whole && second.whole).toBe(true);
      expect(Buffer.concat([outputOf(first), outputOf(second)]).toString()).toBe(expected.output);
      expect(first.lines + second.lines).toBe(expected.lines);
    }
  });
});

describe('a piece the workers’ byte reader leaves to the main thread', () => {
  const { body, bytes, width } = setUp(messyBody(10, 32));
  const input = Buffer.from(body);
  const middle = lastRecordEnd(input, input.length / 2);
  const inserted = (odd: Buffer) => Buffer.concat([input.subarray(0, middle), odd, input.subarray(middle)]);
  const row = (first: string) => `${first}${','.repeat(width - 1)}`;

  it.each([
    ['a lone CR', Buffer.from(`${row('a\rb')}\n`)],
    ['a lone CR at the end', Buffer.from(`${row('a')}\r`)],
    ['a CR inside a quoted cell', Buffer.from(`${row('"a\r\nb"')}\n`)],
    ['too few cells', Buffer.from('only,two\n')],
    ['text after a closing quote', Buffer.from(`${row('"a"b')}\n`)],
    ['bytes that are not UTF-8', Buffer.from([...Buffer.from(row('caf')), 0xe9, 0x0a])],
    ['a character cut in two', Buffer.from([...Buffer.from(row('caf')), 0xc3, 0x0a])],
  ])('%s', (_, odd) => {
    for (const windowBytes of [undefined, 7, 100]) {
      const read = bytes(windowBytes).readBytes(inserted(odd));
      expect(read.whole).toBe(false);
      expect(read.length).toBe(0);
    }
  });

  it('a quote left open, where a quote inside an unquoted cell misled the cut', () => {
    // 5" screen: one quote in an unquoted cell, so the count of quotes before a line feed is off by one
    // and the cut falls inside the next row's quoted two-line cell.
    const misleading = Buffer.from(`${row('5" screen')}\n${row('"two\nlines"')}\n`);
    const file = Buffer.concat([input.subarray(0, middle), misleading]);
    const cut = lastRecordEnd(file);
    expect(file.subarray(0, cut).toString().endsWith('"two\n')).toBe(true);
    expect(bytes().readBytes(file.subarray(0, cut)).whole).toBe(false);
    expect(bytes(50).readBytes(file.subarray(0, cut)).whole).toBe(false);
    // The whole file from a record start is read whole.
    expect(bytes().readBytes(file).whole).toBe(true);
  });
});
