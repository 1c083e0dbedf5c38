// The fast reader of `score` gives the same lines whatever the reads of the file: a record cut anywhere
// (inside a quoted cell, between "" of an escaped quote, between CR and LF, after a comma) is left for the
// next read and read whole then. And the cuts of the parallel path fall between records.
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/cli/csvInput';
import { lastRecordEnd } from '../../src/cli/pieceWorkers';
import { FastScoreReader } from '../../src/cli/scoreFast';
import { RowScorer } from '../../src/cli/scoreRows';
import { leadColumnIndices } from '../../src/core/engine';
import { starterModel } from '../../src/core/starterModel';
import { messyLeadsCsv } from '../support/messyLeads';

function setUp(text: string) {
  const headerEnd = text.indexOf('\n') + 1;
  const headers = parseCsvText('leads.csv', text.slice(0, headerEnd)).headers;
  const model = starterModel();
  const make = () => {
    const created = RowScorer.create({ model, headers, delimiter: ',', asOf: '2026-06-30', sanitize: true });
    if (!created.ok) throw new Error('model');
    return new FastScoreReader(created.scorer, headers.length, leadColumnIndices(model, headers));
  };
  return { body: text.slice(headerEnd), make };
}

describe('the fast score reader', () => {
  // Plain headers (no quotes), CRLF and LF rows, multi-line cells, escaped quotes, injection payloads.
  const text = messyLeadsCsv({ rows: 25, seed: 21, carriageReturnsFrom: 25 }).replace(/^[^\n]*\n/, (header) =>
    header.replace(/"/g, '').replace(/\r/, ''),
  );
  const { body, make } = setUp(text);
  const reader = make(); // its tallies grow with each read; its lines do not depend on them
  const whole = reader.read(body, true);

  it('reads the whole file without handing over', () => {
    expect(whole.handOver).toBe(false);
    expect(whole.stop).toBe(body.length);
    expect(whole.records).toBeGreaterThan(20);
  });

  it('gives the same lines when the text is cut at any offset', () => {
    expect(body).toContain('""');
    expect(body).toContain('\r\n');
    for (let cut = 0; cut <= body.length; cut++) {
      const first = reader.read(body.slice(0, cut), false);
      expect(first.handOver).toBe(false);
      const second = reader.read(body.slice(first.stop), true);
      expect(first.output + second.output).toBe(whole.output);
      expect(first.lines + second.lines).toBe(whole.lines);
    }
  });

  it('cuts pieces for the workers only between records', () => {
    const bytes = Buffer.from(body);
    expect(bytes.length).toBeGreaterThan(body.length); // multi-byte characters
    for (let end = 1; end <= bytes.length; end += 7) {
      const cut = lastRecordEnd(bytes, end);
      const piece = reader.read(bytes.subarray(0, cut).toString(), true);
      expect(piece.handOver).toBe(false);
      const rest = reader.read(bytes.subarray(cut).toString(), true);
      expect(piece.output + rest.output).toBe(whole.output);
    }
  });

  it('hands a record with a lone CR, or too few cells, to the full reader at its start', () => {
    for (const odd of ['a\rb,1', 'only,two']) {
      const half = Buffer.from(body.slice(0, body.length / 2));
      const at = half.subarray(0, lastRecordEnd(half)).toString().length;
      const broken = `${body.slice(0, at)}${odd}\n${body.slice(at)}`;
      const read = reader.read(broken, true);
      expect(read.handOver).toBe(true);
      expect(broken.slice(read.stop).startsWith(`${odd}\n`)).toBe(true);
    }
  });
});
