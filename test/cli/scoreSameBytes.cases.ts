// The cases of scoreSameBytes.test.ts: messy inputs and the flags they are scored with. The expected output
// of each (its SHA-256 and length) was frozen from the build before the fast score path
// (scoreSameBytes.expected.json, written by `npx tsx test/cli/scoreSameBytes.freeze.ts` on that build).
import type { MessyOptions } from '../support/messyLeads';

export interface SameBytesCase {
  name: string;
  input: MessyOptions;
  flags: string[];
  /** Write to --output (else standard output). */
  toFile: boolean;
  /** The file is written as UTF-16LE with its byte-order mark (read as text, then scored on one thread). */
  utf16?: boolean;
  /** Scores with the v2 starter and the sample activity log of the same leads (--activities). */
  activities?: 'as of a day' | 'as of each lead';
}

export const SAME_BYTES_CASES: SameBytesCase[] = [
  { name: 'commas, to a file', input: { rows: 3000, seed: 1 }, flags: [], toFile: true },
  {
    name: 'commas with a BOM, to stdout',
    input: { rows: 3000, seed: 2, bom: true },
    flags: [],
    toFile: false,
  },
  {
    name: 'commas, no CR inside cells',
    input: { rows: 3000, seed: 11, carriageReturnsFrom: 3000 },
    flags: [],
    toFile: true,
  },
  {
    name: 'commas, CR inside cells from row 2000',
    input: { rows: 3000, seed: 12, carriageReturnsFrom: 2000 },
    flags: [],
    toFile: false,
  },
  {
    name: 'not sanitised, no CR inside cells',
    input: { rows: 3000, seed: 13, carriageReturnsFrom: 3000 },
    flags: ['--no-sanitize'],
    toFile: true,
  },
  { name: 'not sanitised', input: { rows: 3000, seed: 3 }, flags: ['--no-sanitize'], toFile: true },
  {
    name: 'UTF-16, no CR inside cells',
    input: { rows: 3000, seed: 14, carriageReturnsFrom: 3000 },
    flags: [],
    toFile: true,
    utf16: true,
  },
  {
    name: 'UTF-16, CR inside cells from row 2000',
    input: { rows: 3000, seed: 15, carriageReturnsFrom: 2000 },
    flags: [],
    toFile: true,
    utf16: true,
  },
  { name: 'semicolons', input: { rows: 3000, seed: 4, delimiter: ';' }, flags: [], toFile: true },
  { name: 'tabs', input: { rows: 2000, seed: 5, delimiter: '\t' }, flags: [], toFile: true },
  { name: 'scored before', input: { rows: 2000, seed: 6, scoredBefore: true }, flags: [], toFile: true },
  { name: 'as of a day', input: { rows: 2000, seed: 8 }, flags: ['--as-of', '2026-03-01'], toFile: true },
  {
    name: 'activity log',
    input: { rows: 2000, seed: 9 },
    flags: [],
    toFile: true,
    activities: 'as of a day',
  },
  {
    name: 'activity log, each lead as of its day',
    input: { rows: 2000, seed: 10 },
    flags: [],
    toFile: true,
    activities: 'as of each lead',
  },
];
