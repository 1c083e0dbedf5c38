// `leadscore score` writes the same bytes as the build before its fast path (frozen in
// scoreSameBytes.expected.json) on messy input — quoted and unquoted cells, escaped quotes, CRLF, line
// breaks in cells, formula-injection payloads, unicode, blanks, a BOM — on one thread and on worker
// threads over small pieces of the file (so that many pieces are scored out of order and put back).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAME_BYTES_CASES } from './scoreSameBytes.cases';
import { scoreMessy } from './scoreSameBytes.run';

const expected = JSON.parse(readFileSync(join(import.meta.dirname, 'scoreSameBytes.expected.json'), 'utf8'));

describe.each([
  ['one thread', { LEADSCORE_THREADS: '1' }],
  ['two worker threads, pieces of 64 KB', { LEADSCORE_THREADS: '2', LEADSCORE_PIECE_BYTES: '65536' }],
])('leadscore score on %s', (_, env) => {
  it.each(SAME_BYTES_CASES.map((c) => [c.name, c] as const))(
    '%s: the same bytes as before',
    (_, testCase) => {
      expect(scoreMessy(testCase, env)).toEqual(expected[testCase.name]);
    },
  );
});
