// Messy rows and activity logs for the random models of v2ModelArbitrary.ts: cells of any type a sheet can hand
// the engine, and text cells as a CSV load gives the database (extreme numbers, line breaks, unicode, blanks).
import fc from 'fast-check';
import { HEADERS, SQL_LEAD_HEADERS, SQL_TYPES, TYPES } from './v2ModelArbitrary';

export const messyCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'n/a',
    'Select',
    '-',
    'yes',
    'no',
    '1,200',
    '45%',
    '$5',
    'NaN',
    '2026-06-29',
    '2026-06-10',
    '2026-07-20',
    '2026-13-01',
  ),
  fc.constantFrom('a@x.com', 'A@X.com ', 'b@y.com', '/pricing', 'Visit', 'Open'),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constantFrom(
    null,
    undefined,
    {},
    [],
    new Date(8.64e15),
    new Date(Number.NaN),
    new Date('2026-06-01T23:30:00Z'),
  ),
);

export const rowArbitrary = fc.array(messyCell, { maxLength: HEADERS.length + 1 });
export const logArbitrary = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a'),
      fc.constantFrom(...TYPES, 'Other', ''),
      fc.constantFrom('2026-06-30', '2026-06-20', '2026-05-01', '2026-07-15', 'soon', ''),
      messyCell,
    ),
    fc.array(messyCell, { maxLength: 5 }),
  ),
  { maxLength: 30 },
);

// ---- Text rows for the SQL differential test.

const EXTREME_NUMBERS = [
  '1e19',
  '-1e19',
  '9223372036854775808',
  '1e-320',
  '-1e-320',
  '5e-324',
  '1e-322%',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e400',
  '1e-400',
  `0.${'0'.repeat(400)}1`,
  `1${'0'.repeat(400)}`,
  '123456789012.345',
  '350000000000.005',
  '1e21',
  '0.000001',
  '1e-7',
  '12%',
  '$1,200',
  '-45%',
  '€ -3',
  '1,234.5',
  '0',
  '-0',
];
const TEXTS = [
  '',
  ' ',
  'n/a',
  'Select',
  '-',
  'yes',
  'no',
  'x',
  'TRUE',
  'a\nb',
  'A\nB ',
  'a\r\nb',
  'ΟΔΟΣ',
  'οδος',
  'οδοσ',
  'İstanbul',
  'ⓐⒷ',
  'Ꟁ',
  'straße',
  '🎉',
  "O'Brien",
  '"; DROP TABLE x; --',
  '%_',
  '2026-06-29',
  '2026-06-01T10:00',
  '2026-02-30',
  '2026-13-01',
  'Visit',
  'a@x.com',
  ' A@X.COM',
];
/** Dates around the log's (2026-05-01 … 2026-07-15) and the model's as-of (2026-06-30), for rules counting days. */
const DAYS = [
  '2026-06-25',
  '2026-06-10',
  '2026-05-15',
  '2026-07-20',
  '2026-04-01',
  '2026-06-20',
  '2026-06-30',
];
const textCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.string({ maxLength: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -100, max: 100, noNaN: true }).map((x) => x.toFixed(3)),
);

/** A cell of a day column: mostly dates before and after the log's events, else blank, text or a bad date. */
const dayCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DAYS, ' 2026-06-25 ', '2026-06-10T09:00') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'n/a', 'soon', '2026-02-30', '-') },
  { weight: 1, arbitrary: textCell },
);

/** Rows of the leads table (Id first), all text: the date and as-of columns mostly hold days. */
export const sqlRowsArbitrary = (count: number): fc.Arbitrary<string[][]> =>
  fc.array(
    fc.tuple(
      fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a', 'ΟΔΟΣ'),
      ...SQL_LEAD_HEADERS.slice(2).map((header) =>
        header === 'Date' || header === 'Decided on' ? dayCell : textCell,
      ),
    ),
    { minLength: count, maxLength: count },
  );

export const sqlLogArbitrary: fc.Arbitrary<string[][]> = fc.array(
  fc.tuple(
    fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a', 'οδος'),
    fc.constantFrom(...SQL_TYPES, 'Other', '', 'ΟΔΟΣ'),
    fc.constantFrom('2026-06-30', '2026-06-20', '2026-05-01', '2026-07-15', 'soon', '', '0001-01-01'),
    textCell,
  ),
  { maxLength: 30 },
);
