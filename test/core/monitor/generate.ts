// Generated leads over months whose outcomes follow the score until a given month and then stop: the case
// the monitor exists to catch. Deterministic for a seed. Used by the monitor's tests, docs and bench.
import { daysFromCivil, formatIsoDay } from '../../../src/core/cells';
import type { Model } from '../../../src/core/model';

export const MONITOR_MODEL: Model = {
  name: 'Monitor example',
  settings: { minScore: 0, maxScore: 100 },
  groups: [
    { name: 'Fit', kind: 'fit' },
    { name: 'Engagement', kind: 'engagement' },
  ],
  rules: [
    {
      name: 'Decision maker',
      group: 'Fit',
      column: 'Title',
      operator: 'one of',
      value: ['Director', 'VP'],
      points: 30,
    },
    { name: 'Student', group: 'Fit', column: 'Title', operator: 'equals', value: 'Student', points: -20 },
    { name: '200+ employees', group: 'Fit', column: 'Employees', operator: '>=', value: 200, points: 20 },
    {
      name: 'Pricing page 3+',
      group: 'Engagement',
      column: 'Pricing visits',
      operator: '>=',
      value: 3,
      points: 30,
    },
    { name: 'Asked for a demo', group: 'Engagement', column: 'Demo', operator: 'is true', points: 20 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Warm', min: 30 },
    { name: 'Hot', min: 50, salesReady: true },
    { name: 'Very hot', min: 75, salesReady: true },
  ],
  outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] },
};

export const MONITOR_HEADERS = [
  'Lead',
  'Created',
  'Title',
  'Employees',
  'Pricing visits',
  'Demo',
  'Converted',
  'Sales verdict',
];

export interface MonitorLeadsOptions {
  months: number;
  leadsPerMonth: number;
  /** 1-based month from which outcomes no longer follow the score (Infinity: never). */
  breakMonth: number;
  /** 1-based month from which outcomes follow the score again (default: never). */
  recoverMonth?: number;
  firstYear?: number;
  firstMonth?: number;
  seed?: number;
  /** Share of the last month's outcomes still open. */
  openShareLastMonth?: number;
  /** From this month on, most leads are students (the leads change). */
  studentsFromMonth?: number;
  /** Write a sales verdict on sales-ready leads; from `breakMonth` sales rejects most of them. */
  salesVerdicts?: boolean;
}

export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The model's score of a generated lead, computed here by hand (the tests compare it with the engine's). */
export function handScore(title: string, employees: number, visits: number, demo: boolean): number {
  let score = 0;
  if (title === 'Director' || title === 'VP') score += 30;
  if (title === 'Student') score -= 20;
  if (employees >= 200) score += 20;
  if (visits >= 3) score += 30;
  if (demo) score += 20;
  return Math.max(0, Math.min(100, score));
}

export interface GeneratedLead {
  month: number; // 1-based
  row: string[];
  score: number;
  outcome: 'converted' | 'not converted' | 'open';
}

const TITLES = ['Director', 'VP', 'Manager', 'Analyst', 'Student', 'Engineer'];

export function* monitorLeads(options: MonitorLeadsOptions): Generator<GeneratedLead> {
  const random = mulberry(options.seed ?? 7);
  const year = options.firstYear ?? 2026;
  const month0 = options.firstMonth ?? 1;
  let id = 0;
  for (let m = 1; m <= options.months; m++) {
    const calMonth = ((month0 - 1 + m - 1) % 12) + 1;
    const calYear = year + Math.floor((month0 - 1 + m - 1) / 12);
    const first = daysFromCivil(calYear, calMonth, 1);
    const next = calMonth === 12 ? daysFromCivil(calYear + 1, 1, 1) : daysFromCivil(calYear, calMonth + 1, 1);
    for (let i = 0; i < options.leadsPerMonth; i++) {
      const day = first + Math.floor(random() * (next - first));
      const students = options.studentsFromMonth !== undefined && m >= options.studentsFromMonth;
      const title = students && random() < 0.7 ? 'Student' : TITLES[Math.floor(random() * TITLES.length)]!;
      const employees = Math.floor(10 + random() * 490);
      const visits = Math.floor(random() * 6);
      const demo = random() < 0.25;
      const score = handScore(title, employees, visits, demo);
      // Before the break, the chance of converting climbs with the score; after it, it is flat.
      const broken = m >= options.breakMonth && m < (options.recoverMonth ?? Infinity);
      const chance = broken ? 0.2 : 0.03 + 0.6 * (score / 100) ** 1.5;
      const converted = random() < chance;
      const open = m === options.months && random() < (options.openShareLastMonth ?? 0);
      const outcome = open ? 'open' : converted ? 'converted' : 'not converted';
      let verdict = '';
      if (options.salesVerdicts && score >= 50) {
        const acceptChance = broken ? 0.3 : 0.8;
        verdict = random() < acceptChance ? 'Accepted' : 'Rejected';
      }
      id++;
      yield {
        month: m,
        score,
        outcome,
        row: [
          `Lead ${id}`,
          formatIsoDay(day),
          title,
          String(employees),
          String(visits),
          demo ? 'yes' : 'no',
          open ? '' : converted ? 'yes' : 'no',
          verdict,
        ],
      };
    }
  }
}
