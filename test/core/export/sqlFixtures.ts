// A model that uses every operator, decay, caps, fractional and negative points, and rows of messy cells
// (number, date, truth and text spellings a CSV export really holds), for the SQL equality tests and the bench.
import type { Model } from '../../../src/core/model';

export const MESSY_HEADERS = [
  'Id',
  'Industry',
  'Country',
  'Title',
  'Employees',
  'Budget',
  'Phone',
  'Opted in',
  'Last activity',
  'Visits',
  'Opens',
  'Adjustment',
];

export function messyModel(): Model {
  return {
    name: 'Every operator',
    settings: { minScore: -20, maxScore: 60, asOf: '2026-06-30' },
    groups: [
      { name: 'Fit', kind: 'fit', maxPoints: 40 },
      {
        name: 'Web',
        kind: 'engagement',
        maxPoints: 45,
        decay: { dateColumn: 'Last activity', percent: 25, everyDays: 30 },
      },
      {
        name: 'Email',
        kind: 'engagement',
        decay: { dateColumn: 'Last activity', percent: 33.3, everyDays: 7 },
      },
      { name: 'Negative', kind: 'engagement' },
    ],
    rules: [
      {
        name: 'Software',
        group: 'Fit',
        column: 'Industry',
        operator: 'equals',
        value: 'Software',
        points: 12,
      },
      { name: 'Exactly 50', group: 'Fit', column: 'Employees', operator: 'equals', value: 50, points: 3 },
      {
        name: 'Not retail',
        group: 'Fit',
        column: 'Industry',
        operator: 'not equals',
        value: ' RETAIL ',
        points: 2,
      },
      {
        name: 'Target',
        group: 'Fit',
        column: 'Industry',
        operator: 'one of',
        value: ['Logistics', 'MÜLLER', 7, 'İstanbul', '1,200'],
        points: 4.5,
      },
      {
        name: 'Outside DE/FR',
        group: 'Fit',
        column: 'Country',
        operator: 'not one of',
        value: ['DE', 'fr', 0],
        points: 1,
      },
      { name: 'Head of', group: 'Fit', column: 'Title', operator: 'contains', value: 'head', points: 5 },
      {
        name: 'Senior',
        group: 'Fit',
        column: 'Title',
        operator: 'contains any',
        value: ['vp', 'CEO', 'straße', "o'b"],
        points: 7,
      },
      {
        name: 'Not an intern',
        group: 'Fit',
        column: 'Title',
        operator: 'not contains',
        value: 'intern',
        points: 1.25,
      },
      { name: 'Over 100', group: 'Fit', column: 'Employees', operator: '>', value: 100, points: 3 },
      {
        name: 'Budget 10k+',
        group: 'Fit',
        column: 'Budget',
        operator: '>=',
        value: 10000,
        points: 10,
        maxPoints: 8,
      },
      { name: 'Tiny', group: 'Fit', column: 'Employees', operator: '<', value: 10, points: -4 },
      { name: 'No budget', group: 'Fit', column: 'Budget', operator: '<=', value: 0, points: -2 },
      {
        name: 'Mid-size',
        group: 'Fit',
        column: 'Employees',
        operator: 'between',
        value: [50, 1000],
        points: 6,
      },
      { name: 'No phone', group: 'Negative', column: 'Phone', operator: 'is blank', points: -3 },
      { name: 'Phone', group: 'Fit', column: 'Phone', operator: 'is not blank', points: 2 },
      { name: 'Opted in', group: 'Email', column: 'Opted in', operator: 'is true', points: 5 },
      { name: 'Opted out', group: 'Negative', column: 'Opted in', operator: 'is false', points: -5 },
      {
        name: 'Active this week',
        group: 'Web',
        column: 'Last activity',
        operator: 'within days',
        value: 7,
        points: 10,
      },
      {
        name: 'Gone quiet',
        group: 'Negative',
        column: 'Last activity',
        operator: 'older than days',
        value: 90,
        points: -25,
      },
      { name: 'Visits', group: 'Web', column: 'Visits', operator: 'per', points: 0.335, maxPoints: 20 },
      { name: 'Opens', group: 'Email', column: 'Opens', operator: 'per', points: 3, maxPoints: 15 },
      {
        name: 'Adjustment',
        group: 'Negative',
        column: 'Adjustment',
        operator: 'per',
        points: -1.5,
        maxPoints: 10,
      },
      {
        name: 'Turned off',
        group: 'Fit',
        column: 'Not in the data',
        operator: 'is blank',
        points: 50,
        enabled: false,
      },
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Warm', min: 10 },
      { name: 'Hot', min: 30, salesReady: true },
      { name: 'Very hot', min: 45, salesReady: true },
    ],
    grades: [
      { name: 'D', min: null },
      { name: 'C', min: 10 },
      { name: 'B', min: 25 },
      { name: 'A', min: 35 },
    ],
  };
}

const NUMBERS = [
  '50',
  '50.0',
  '5e1',
  '$50',
  '€ 1,000.50',
  '1,200',
  '1,20',
  '45%',
  '-3',
  '+2',
  '- 5',
  '$-5',
  '-$5',
  '£7',
  '1.',
  '.5',
  '1e3',
  '1E3',
  '1e400',
  '-1e400',
  '1e-400',
  'n/a',
  '',
  '  ',
  '  7 ',
  '\u00a012\u3000',
  '0',
  '-0',
  '12abc',
  '1,000,000',
  '0x10',
  'Infinity',
  '5 visits',
  '$5%',
  '+-3',
  '9e15',
  '123456789012345678901234567890',
  '10000',
  '9999.99',
  '1000',
  '1000.0001',
  '0.335',
  '3',
  '17',
  '250',
  '1e308',
  '-2.5',
];
const TEXTS = [
  'Software',
  'software ',
  ' SOFTWARE',
  'Logistics',
  'müller',
  'MÜLLER',
  'İstanbul',
  'i̇stanbul',
  'Retail',
  'retail',
  '',
  '  ',
  'Head of Ops',
  'VP Sales',
  'STRASSE',
  'Straße',
  'Intern',
  'ceo',
  '7',
  '7.0',
  '  x  ',
  'yes',
  'N',
  'true',
  'FALSE',
  '0',
  '1',
  'n/a',
  '=HYPERLINK("x")',
  "O'Brien",
  'semi;colon',
  'dash--dash',
  'back\\slash',
  '"quoted"',
  'Ünïcödé 🎉',
  'DE',
  'fr',
  'Fr ',
  'US',
  '1,200',
  '1200',
];
const DATES = [
  '2026-06-30',
  '2026-06-23',
  '2026-06-29T23:59:59Z',
  '2026-06-01',
  '2026-03-31',
  '2026-02-29',
  '2024-02-29',
  '2026-07-15',
  '2025-12-31',
  '0000-02-29',
  '2026-13-01',
  '2026-06-31',
  '2026-6-3',
  '2026-06-301',
  '2026-06-30x',
  ' 2026-05-01 ',
  '',
  'n/a',
  '30/06/2026',
  '1900-02-29',
  '2000-02-29',
  '2026-04-01',
  '2026-01-15',
  '2025-06-30',
];
const TRUTHS = [
  'yes',
  'no',
  'Y',
  'n',
  'x',
  'X ',
  'true',
  'FALSE',
  '1',
  '0',
  '0.0',
  '2',
  '',
  'maybe',
  'n/a',
  '-1',
  '1e400',
];

/** A small seeded generator (mulberry32), so the data is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows of text cells aligned with MESSY_HEADERS; mostly the column's own kind of value, sometimes any. */
export function messyRows(count: number, seed = 7): string[][] {
  const next = random(seed);
  const all = [...NUMBERS, ...TEXTS, ...DATES, ...TRUTHS];
  const pick = (pool: readonly string[]) => {
    const from = next() < 0.1 ? all : pool;
    return from[Math.floor(next() * from.length)]!;
  };
  const rows: string[][] = [];
  for (let index = 0; index < count; index++) {
    rows.push([
      String(index + 1),
      pick(TEXTS),
      pick(TEXTS),
      pick(TEXTS),
      pick(NUMBERS),
      pick(NUMBERS),
      pick(TEXTS),
      pick(TRUTHS),
      pick(DATES),
      pick(NUMBERS),
      pick(NUMBERS),
      pick(NUMBERS),
    ]);
  }
  return rows;
}

// ---- Model v2: conditions, weights, tiers, override, blank values, events over an activity table.

export const V2_HEADERS = [...MESSY_HEADERS, 'Email', 'Override'];
export const ACTIVITY_HEADERS = ['Lead email', 'Activity', 'Date', 'URL'];

export function messyModelV2(): Model {
  const v1 = messyModel();
  return {
    ...v1,
    name: 'Every v2 feature',
    settings: { ...v1.settings, blankValues: ['n/a', ' Select ', '-'], overrideColumn: 'Override' },
    activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
    groups: [
      ...v1.groups.map((group) => (group.name === 'Fit' ? { ...group, weight: 0.5 } : group)),
      { name: 'Size tiers', kind: 'fit', match: 'first', weight: 2.5 },
      {
        name: 'Events',
        kind: 'engagement',
        maxPoints: 30,
        decay: { dateColumn: 'Last activity', percent: 20, everyDays: 10 },
      },
    ],
    rules: [
      ...v1.rules,
      {
        name: 'Senior and engaged',
        group: 'Fit',
        points: 6,
        when: {
          all: [
            { column: 'Title', operator: 'contains any', value: ['vp', 'head'] },
            {
              any: [
                { column: 'Opted in', operator: 'is true' },
                { column: 'Budget', operator: '>=', value: 1000 },
              ],
            },
          ],
        },
      },
      {
        name: 'Quiet, no phone',
        group: 'Negative',
        points: -4,
        when: {
          any: [
            {
              all: [
                { column: 'Phone', operator: 'is blank' },
                { column: 'Last activity', operator: 'older than days', value: 30 },
              ],
            },
            { column: 'Country', operator: 'one of', value: ['fr', 'US'] },
          ],
        },
      },
      { name: 'Large', group: 'Size tiers', column: 'Employees', operator: '>', value: 250, points: 9 },
      {
        name: 'Medium',
        group: 'Size tiers',
        column: 'Employees',
        operator: 'between',
        value: [50, 250],
        points: 5,
      },
      { name: 'Any size', group: 'Size tiers', column: 'Employees', operator: 'is not blank', points: 2 },
      {
        name: 'Email opens (30 days)',
        group: 'Events',
        event: ['Email opened', 'Opened email'],
        withinDays: 30,
        operator: 'per',
        points: 3,
        maxPoints: 15,
      },
      {
        name: 'Pricing 3+ in a week',
        group: 'Events',
        event: 'Page view',
        withinDays: 7,
        operator: '>=',
        value: 3,
        points: 10,
        where: { all: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
      },
      {
        name: 'No events at all',
        group: 'Negative',
        event: ['Email opened', 'Page view', 'Opened email'],
        operator: 'equals',
        value: 0,
        points: -6,
      },
      {
        name: 'Some page views',
        group: 'Events',
        event: 'Page view',
        operator: 'between',
        value: [2, 5],
        points: 4,
      },
      { name: 'Page views', group: 'Events', event: 'Page view', operator: 'per', points: 0.335 },
    ],
  };
}

const EMAILS = Array.from({ length: 400 }, (_, i) => `lead${i}@example.com`);
const KEY_SPELLINGS = (email: string) => [email, ` ${email.toUpperCase()} `, email.replace('lead', 'Lead')];
const EVENT_TYPES = [
  'Email opened',
  ' email OPENED ',
  'Opened email',
  'Page view',
  'page view',
  'Visited pricing page',
  '',
  'n/a',
  'Call',
];
const URLS = ['/pricing', 'https://x.example/PRICING?a=1', '/blog', '', 'n/a', '/pricing-old', '-'];
const OVERRIDES = ['', '', '', '', '', '', '75', '42.5', 'n/a', '-', '1,000', '-5', '$60', 'high', '45%'];

/** v2 rows: the v1 messy cells plus Email (some blank or placeholder) and Override. */
export function messyRowsV2(count: number, seed = 11): string[][] {
  const next = random(seed);
  return messyRows(count, seed).map((row) => {
    const roll = next();
    const email =
      roll < 0.05
        ? ''
        : roll < 0.08
          ? 'n/a'
          : KEY_SPELLINGS(EMAILS[Math.floor(next() * EMAILS.length)]!)[Math.floor(next() * 3)]!;
    return [...row, email, OVERRIDES[Math.floor(next() * OVERRIDES.length)]!];
  });
}

export function messyActivities(count: number, seed = 13): string[][] {
  const next = random(seed);
  const pick = (pool: readonly string[]) => pool[Math.floor(next() * pool.length)]!;
  const rows: string[][] = [];
  for (let index = 0; index < count; index++) {
    const roll = next();
    const key = roll < 0.03 ? '' : roll < 0.05 ? 'n/a' : pick(KEY_SPELLINGS(pick(EMAILS)));
    rows.push([key, pick(EVENT_TYPES), pick(DATES), pick(URLS)]);
  }
  return rows;
}
