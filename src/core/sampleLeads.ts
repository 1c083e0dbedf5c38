// Generated sample leads for trying the starter model: realistic columns and values (blanks, "$12,000",
// dates, unsubscribes) and outcomes that depend on the leads' intent, so that calibration has something
// real to find. Deterministic: the same seed and day give the same sheet.
import { mulberry32 } from './calibration/sample';
import { formatIsoDay } from './cells';
import { SAMPLE_ACTIVITY_COLUMNS, SAMPLE_COLUMNS, SAMPLE_COLUMNS_V2 } from './starterModel';

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

/**
 * The sample leads with the v2 starter's three extra columns (Last email sent, Replied, Manual score),
 * drawn from their own seed so that the v1 columns are exactly sampleLeads' ones.
 */
export function sampleLeadsV2(options: SampleOptions): SampleCell[][] {
  const leads = sampleLeads(options);
  const random = mulberry32((options.seed ?? 42) + 9001);
  return leads.map((row, index) => {
    if (index === 0) return [...SAMPLE_COLUMNS_V2];
    const opens = Number(row[SAMPLE_COLUMNS.indexOf('Email opens')]);
    const emailed = random() < 0.8;
    const sent = emailed ? formatIsoDay(options.today - Math.floor(random() * 14)) : '';
    // More opens, more replies; some forms say "Select" or "n/a" for not answered.
    const replied = emailed && random() < 0.1 + 0.08 * opens ? 'Yes' : random() < 0.15 ? 'n/a' : '';
    const manual = random() < 0.03 ? 75 : '';
    return [...row, sent, replied, manual];
  });
}

/**
 * A "Sample activities" log for the sample leads, one row per event, keyed by the leads' Lead column:
 * pricing-page visits, page views, email opens and clicks in step with each lead's own counts
 * (visits last 7 days, email opens, email clicks), plus older events that fall outside the windows.
 * Deterministic: the same leads, seed and day give the same log.
 */
export function sampleActivities(
  leads: readonly (readonly SampleCell[])[],
  options: SampleOptions,
): SampleCell[][] {
  const random = mulberry32((options.seed ?? 42) + 7);
  const header = leads[0] ?? [];
  const column = (name: string) => header.indexOf(name);
  const [keyAt, activitiesAt, visitsAt, opensAt, clicksAt] = [
    column('Lead'),
    column('Activities'),
    column('Visits last 7 days'),
    column('Email opens'),
    column('Email clicks'),
  ];
  const rows: SampleCell[][] = [[...SAMPLE_ACTIVITY_COLUMNS]];
  const event = (lead: SampleCell, type: string, daysAgo: number, page = '') =>
    rows.push([lead, type, formatIsoDay(options.today - daysAgo), page]);
  for (const lead of leads.slice(1)) {
    const key = lead[keyAt] ?? '';
    const pricing = String(lead[activitiesAt] ?? '')
      .toLowerCase()
      .includes('pricing page');
    const visits = Number(lead[visitsAt]) || 0;
    for (let i = 0; i < visits; i++) {
      if (pricing && random() < 0.8) event(key, 'Visited pricing page', Math.floor(random() * 7), '/pricing');
      else event(key, 'Page view', Math.floor(random() * 7), random() < 0.5 ? '/blog' : '/features');
    }
    const opens = Number(lead[opensAt]) || 0;
    for (let i = 0; i < opens; i++) event(key, 'Email opened', Math.floor(random() * 30));
    const clicks = Number(lead[clicksAt]) || 0;
    for (let i = 0; i < clicks; i++) event(key, 'Email clicked', Math.floor(random() * 30));
    // Older history, outside the rules' windows: counted by nothing, as in a real export.
    if (random() < 0.5)
      event(key, random() < 0.5 ? 'Visited pricing page' : 'Email opened', 40 + Math.floor(random() * 120));
  }
  return rows;
}
