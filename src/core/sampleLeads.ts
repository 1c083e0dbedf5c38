// Generated sample leads for trying the starter model: realistic columns and values (blanks, "$12,000",
// dates, unsubscribes) and outcomes that depend on the leads' intent, so that calibration has something
// real to find. Deterministic: the same seed and day give the same sheet.
import { formatIsoDay } from './cells';
import { SAMPLE_COLUMNS } from './starterModel';

export type SampleCell = string | number;

export interface SampleOptions {
  count?: number;
  seed?: number;
  /** Day number (days since 1970-01-01) that dates are relative to. */
  today: number;
}

const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Pied Piper',
  'Vandelay',
  'Soylent',
];
const SUFFIXES = ['Logistics', 'Software', 'Foods', 'Health', 'Retail', 'Labs', 'Consulting', 'Energy'];
const POSITIONS: [string, number][] = [
  ['CEO', 0.8],
  ['Founder', 0.8],
  ['Marketing Director', 0.7],
  ['VP Sales', 0.7],
  ['Head of Operations', 0.6],
  ['Marketing Manager', 0.5],
  ['Office Manager', 0.3],
  ['Analyst', 0.3],
  ['Student', 0.05],
  ['', 0.2],
];
const URGENCY: [string, number][] = [
  ['Now', 0.9],
  ['This quarter', 0.7],
  ['This year', 0.4],
  ['Just looking', 0.1],
  ['', 0.3],
];
const ACTIVITIES: [string, number][] = [
  ['Pricing page', 0.7],
  ['Price list', 0.6],
  ['Newsletter', 0.05],
  ['Blog', 0.05],
  ['Feedback form', 0.5],
  ['Demo request', 0.75],
  ['Webinar', 0.5],
];

export function sampleLeads(options: SampleOptions): SampleCell[][] {
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rows: SampleCell[][] = [[...SAMPLE_COLUMNS]];
  for (let i = 1; i <= (options.count ?? 200); i++) {
    const intent = random(); // the hidden readiness to buy that both signals and outcome follow
    const [position, seniority] = pick(POSITIONS);
    const [urgency, urgencyWeight] = pick(URGENCY);
    const size = random() < 0.08 ? '' : Math.round(Math.exp(1 + random() * 7));
    const budgetAmount = random() < 0.25 ? 0 : Math.round(2 + random() * 30 * (0.3 + intent)) * 1000;
    const budget = budgetAmount === 0 ? '' : `$${budgetAmount.toLocaleString('en-US')}`;
    const activities = ACTIVITIES.filter(([, pull]) => random() < 0.1 + 0.6 * intent * pull).map(
      ([name]) => name,
    );
    const visits = Math.floor(random() * 6 * intent);
    const minutes = Math.round(random() * 12 * intent * 10) / 10;
    const opens = Math.floor(random() * 8 * (0.2 + intent));
    const clicks = Math.floor(opens * random() * intent);
    const statusRoll = random();
    const status = statusRoll < 0.07 ? 'Unsubscribed' : statusRoll < 0.12 ? 'Bounced' : 'Active';
    const daysAgo = Math.floor(random() ** (0.5 + intent) * 150);
    // Conversion follows intent and fit (size, seniority, urgency, budget), with noise; newsletter and blog
    // activity are pulled by intent only weakly, so calibration has weak rules to find.
    const employees = typeof size === 'number' ? size : 0;
    const fit =
      (employees >= 50 && employees <= 1000 ? 0.12 : employees >= 10 ? 0.04 : 0) +
      0.12 * seniority +
      0.12 * urgencyWeight +
      (budgetAmount >= 10000 ? 0.08 : 0);
    const likelihood =
      1 /
      (1 +
        Math.exp(-(-4.6 + 4 * intent + 7 * fit - (status === 'Active' ? 0 : 1) - (daysAgo > 90 ? 0.8 : 0))));
    const settled = daysAgo > 20 || random() < 0.7; // recent leads are often still open
    const outcome = settled ? (random() < likelihood ? 'Yes' : 'No') : '';
    rows.push([
      `${pick(COMPANIES)} ${pick(SUFFIXES)} #${String(i).padStart(3, '0')}`,
      size,
      position,
      budget,
      urgency,
      activities.join('; '),
      visits,
      minutes,
      opens,
      clicks,
      status,
      formatIsoDay(options.today - daysAgo),
      outcome,
    ]);
  }
  return rows;
}

/** Small, fast, seedable PRNG (public domain, by Tommy Ettinger). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
