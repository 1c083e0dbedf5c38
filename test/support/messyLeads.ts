// Lead files that exercise every way a CSV cell can be written: quoted and unquoted cells, escaped quotes,
// quotes inside unquoted cells, CRLF and LF rows, line breaks inside cells, formula-injection payloads
// (=cmd|…, +, -, @, tab), numbers written as text, unicode, blanks, blank rows and a BOM. Deterministic:
// the same seed gives the same bytes, so outputs can be compared with figures frozen from an earlier build.
import { utcDayOfDate } from '../../src/core/cells';
import { sampleLeadsV2 } from '../../src/core/sampleLeads';

export interface MessyOptions {
  rows: number;
  seed?: number;
  delimiter?: ',' | ';' | '\t';
  /** Starts with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** Adds Score and Band columns, as a file scored before has. */
  scoredBefore?: boolean;
  /** Cells holding a CR (CRLF in a cell) only from this row on (default: anywhere). */
  carriageReturnsFrom?: number;
}

const ODD_CELLS = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '-1,200',
  '-45%',
  '\tindented',
  'say "hi"',
  'a "quoted" word',
  '"',
  '""',
  'line one\nline two',
  'line one\r\nline two',
  'comma, inside',
  'semi; colon',
  'tab\tinside',
  'Zoë Ünïcødé 日本語 🚀',
  ' padded ',
  '',
  '   ',
  '0',
  '007',
  '3.',
  '.5',
  '1e3',
  '$12,000',
  '€1.234,5',
  '2,5',
  '2026-02-30',
  '2026-06-01T10:00:00Z',
  'x',
  "'already",
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The file's text. */
export function messyLeadsCsv(options: MessyOptions): string {
  const random = mulberry32(options.seed ?? 7);
  const delimiter = options.delimiter ?? ',';
  const sample = sampleLeadsV2({ count: options.rows, today: utcDayOfDate(new Date('2026-06-30')) });
  const header = [...sample[0]!.map(String), 'Notes'];
  if (options.scoredBefore) header.push('Score', 'Band');
  const quote = (text: string, always: boolean) =>
    always || text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text)
      ? `"${text.replace(/"/g, '""')}"`
      : text;
  const lines: string[] = [];
  const ending = () => (random() < 0.3 ? '\r\n' : '\n');
  lines.push(header.map((h) => quote(h, random() < 0.2)).join(delimiter) + ending());
  const withoutCr = ODD_CELLS.filter((cell) => !cell.includes('\r'));
  for (const [rowIndex, row] of sample.slice(1).entries()) {
    const cells = [...row.map(String), ''];
    if (options.scoredBefore)
      cells.push(String(Math.floor(random() * 100)), random() < 0.5 ? 'Hot' : '=Cold');
    const odd = rowIndex < (options.carriageReturnsFrom ?? 0) ? withoutCr : ODD_CELLS;
    for (let index = 0; index < cells.length; index++) {
      if (random() < 0.08) cells[index] = odd[Math.floor(random() * odd.length)]!;
    }
    if (random() < 0.02) {
      lines.push(ending()); // a blank line: skipped
      continue;
    }
    if (random() < 0.02) cells.fill(''); // a row of empty cells: kept, unscored
    // Unquoted where the reader allows it (a quote inside an unquoted cell is text), quoted otherwise.
    const written = cells.map((cell) => {
      const unquotedOk =
        !cell.startsWith('"') && !cell.includes(delimiter) && !/[\r\n]/.test(cell) && random() < 0.5;
      return unquotedOk ? cell : quote(cell, random() < 0.3);
    });
    lines.push(written.join(delimiter) + ending());
  }
  const text = lines.join('');
  return options.bom ? `\ufeff${text}` : text;
}
