// Engine speed: 100,000 rows × 20 rules (mixed operators, two groups, one with decay) scored
// with reasons must take ≤ 250 ms on one core in Node. Run: npx tsx bench/engine.bench.ts

import { compileModel } from '../src/core/engine';
import type { Model } from '../src/core/model';

const ROWS = 100_000;
const TARGET_MS = 250;

const model: Model = {
  name: 'Bench',
  settings: { minScore: 0, maxScore: 100, asOf: '2026-06-30' },
  groups: [
    { name: 'Fit', kind: 'fit', maxPoints: 50 },
    {
      name: 'Engagement',
      kind: 'engagement',
      maxPoints: 60,
      decay: { dateColumn: 'Last activity', percent: 25, everyDays: 30 },
    },
  ],
  rules: [
    {
      name: 'Target industry',
      group: 'Fit',
      column: 'Industry',
      operator: 'one of',
      value: ['Software', 'Logistics'],
      points: 15,
    },
    {
      name: 'Not retail',
      group: 'Fit',
      column: 'Industry',
      operator: 'not equals',
      value: 'Retail',
      points: 3,
    },
    { name: 'Big company', group: 'Fit', column: 'Employees', operator: '>=', value: 200, points: 10 },
    {
      name: 'Mid company',
      group: 'Fit',
      column: 'Employees',
      operator: 'between',
      value: [50, 199],
      points: 5,
    },
    { name: 'Tiny company', group: 'Fit', column: 'Employees', operator: '<', value: 10, points: -10 },
    {
      name: 'Decision maker',
      group: 'Fit',
      column: 'Title',
      operator: 'contains any',
      value: ['chief', 'vp', 'head'],
      points: 10,
    },
    { name: 'Student', group: 'Fit', column: 'Title', operator: 'contains', value: 'student', points: -20 },
    {
      name: 'Free email',
      group: 'Fit',
      column: 'Email',
      operator: 'contains any',
      value: ['gmail', 'yahoo', 'hotmail'],
      points: -5,
    },
    { name: 'Has phone', group: 'Fit', column: 'Phone', operator: 'is not blank', points: 3 },
    { name: 'Budget', group: 'Fit', column: 'Budget', operator: '>', value: 10_000, points: 8 },
    { name: 'Country', group: 'Fit', column: 'Country', operator: 'equals', value: 'US', points: 4 },
    {
      name: 'Pricing visits',
      group: 'Engagement',
      column: 'Pricing visits',
      operator: 'per',
      points: 5,
      maxPoints: 20,
    },
    { name: 'Demo requested', group: 'Engagement', column: 'Demo', operator: 'is true', points: 15 },
    { name: 'Unsubscribed', group: 'Engagement', column: 'Unsubscribed', operator: 'is true', points: -30 },
    {
      name: 'Recent visit',
      group: 'Engagement',
      column: 'Last activity',
      operator: 'within days',
      value: 14,
      points: 10,
    },
    {
      name: 'Stale',
      group: 'Engagement',
      column: 'Last activity',
      operator: 'older than days',
      value: 180,
      points: -10,
    },
    { name: 'Webinar', group: 'Engagement', column: 'Webinar', operator: 'is false', points: -2 },
    { name: 'Email opens', group: 'Engagement', column: 'Opens', operator: 'per', points: 1, maxPoints: 10 },
    { name: 'No source', group: 'Engagement', column: 'Source', operator: 'is blank', points: -3 },
    {
      name: 'Paid source',
      group: 'Engagement',
      column: 'Source',
      operator: 'not one of',
      value: ['organic', 'referral'],
      points: 2,
    },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Warm', min: 21 },
    { name: 'Hot', min: 51, salesReady: true },
    { name: 'Very hot', min: 81, salesReady: true },
  ],
  grades: [
    { name: 'D', min: null },
    { name: 'C', min: 10 },
    { name: 'B', min: 25 },
    { name: 'A', min: 40 },
  ],
};

const headers = [
  'Industry',
  'Employees',
  'Title',
  'Email',
  'Phone',
  'Budget',
  'Country',
  'Pricing visits',
  'Demo',
  'Unsubscribed',
  'Last activity',
  'Webinar',
  'Opens',
  'Source',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same rows. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRows(count: number): unknown[][] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const industries = ['Software', 'Logistics', 'Retail', 'Banking', '', 'software '];
  const titles = ['Chief Revenue Officer', 'VP Sales', 'Student', 'Engineer', 'Head of Growth', ''];
  const emails = ['ann@gmail.com', 'bob@acme.com', 'cy@yahoo.com', 'dee@corp.io'];
  const asOf = Date.UTC(2026, 5, 30);
  const rows: unknown[][] = [];
  for (let index = 0; index < count; index++) {
    const daysAgo = Math.floor(next() * 400) - 5;
    rows.push([
      pick(industries),
      pick([5, 60, 250, 1200, '1,200', 'n/a', '']),
      pick(titles),
      pick(emails),
      next() < 0.5 ? '' : '+1 555 0100',
      pick([5000, '$12,000', 20000, '', 'unknown']),
      pick(['US', 'us', 'UK', 'DE']),
      pick([0, 1, 3, 7, '2', '']),
      pick([true, false, 'yes', '']),
      pick([false, false, false, true]),
      next() < 0.8 ? new Date(asOf - daysAgo * 86_400_000 + 3_600_000) : pick(['2026-06-01', '', 'soon']),
      pick([true, false, '']),
      pick([0, 2, 12, '5']),
      pick(['organic', 'referral', 'ads', '']),
    ]);
  }
  return rows;
}

/** Runs `run` once; returns this process's CPU milliseconds, which the targets are judged on: on a shared
 *  machine the wall clock also counts other processes (the scoring is single-threaded, so on a quiet machine
 *  the two agree). Both are printed. */
function time(label: string, run: () => number): number {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const checksum = run();
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label}: ${elapsed.toFixed(1)} ms (cpu ${cpuMs.toFixed(1)} ms, checksum ${checksum.toFixed(2)})`,
  );
  return cpuMs;
}

const rows = makeRows(ROWS);
for (const timeZone of ['UTC', 'America/New_York']) {
  const compiled = compileModel(model, headers, { timeZone });
  if (!compiled.ok) throw new Error(compiled.problems.map((problem) => problem.message).join('\n'));
  const engine = compiled.compiled;
  const scoreAll = () => {
    let sum = 0;
    for (const row of rows) sum += engine.score(row).score;
    return sum;
  };
  const scoreValues = () => {
    let sum = 0;
    for (const row of rows) sum += engine.scoreValue(row);
    return sum;
  };
  // Warm up the JIT as a long custom-function run or CLI batch would be.
  scoreAll();
  scoreValues();
  const best = Math.min(
    ...[1, 2, 3].map((run) => time(`[${timeZone}] score() with reasons, run ${run}`, scoreAll)),
  );
  time(`[${timeZone}] scoreValue()`, scoreValues);
  const verdict = best <= TARGET_MS ? 'within' : 'OVER';
  console.log(
    `[${timeZone}] ${ROWS} rows × ${model.rules.length} rules: best ${best.toFixed(1)} ms CPU, ${verdict} the ${TARGET_MS} ms target`,
  );
}

// ---------------------------------------------------------------------------------------------
// v2: 25 rules (the 20 above, a condition rule and 4 event rules) over an activity log. Targets:
// 100,000 leads × 1,000,000 activity rows ≤ 2 s in Node, compile (the log's one indexing) included;
// and what one custom-function call does: 10,000 leads × 100,000 activities.

const V2_TARGET_MS = 2000;
const v2Model: Model = {
  ...model,
  name: 'Bench v2',
  settings: { ...model.settings, blankValues: ['n/a', 'Select'] },
  activities: { leadKey: 'Email', activityKey: 'Lead', typeColumn: 'Activity', dateColumn: 'Date' },
  groups: [
    ...model.groups,
    {
      name: 'Events',
      kind: 'engagement',
      maxPoints: 40,
      weight: 1.5,
      decay: { dateColumn: 'Last activity', percent: 10, everyDays: 7 },
    },
  ],
  rules: [
    ...model.rules,
    {
      name: 'Senior with budget',
      group: 'Fit',
      points: 6,
      when: {
        all: [
          { column: 'Title', operator: 'contains any', value: ['chief', 'vp', 'head'] },
          {
            any: [
              { column: 'Budget', operator: '>=', value: 10_000 },
              { column: 'Employees', operator: '>', value: 200 },
            ],
          },
        ],
      },
    },
    {
      name: 'Pricing 3+ in a week',
      group: 'Events',
      event: 'Visited pricing page',
      withinDays: 7,
      operator: '>=',
      value: 3,
      points: 15,
    },
    {
      name: 'Opens (30 days)',
      group: 'Events',
      event: ['Email opened', 'Opened email'],
      withinDays: 30,
      operator: 'per',
      points: 3,
      maxPoints: 15,
    },
    {
      name: 'Opened, never clicked',
      group: 'Events',
      event: 'Email clicked',
      withinDays: 30,
      operator: 'equals',
      value: 0,
      points: -2,
    },
    {
      name: 'Pricing from ads',
      group: 'Events',
      event: 'Page view',
      where: { all: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
      operator: 'per',
      points: 2,
      maxPoints: 10,
    },
  ],
};

const EVENT_TYPES = [
  'Visited pricing page',
  'Email opened',
  'Opened email',
  'Email clicked',
  'Page view',
  'Call',
];
const URLS = ['https://x.com/pricing', 'https://x.com/blog', '', 'https://x.com/pricing?utm=ads'];

/** A key as a sheet or a CSV file hands it over: a flat string (a template literal would be a rope, which
 *  every Map lookup would first have to flatten). */
function leadKey(index: number): string {
  return JSON.parse(`"lead${index}@example.com"`);
}

function makeLeads(count: number): unknown[][] {
  return makeRows(count).map((row, index) => {
    const copy = [...row];
    copy[3] = leadKey(index);
    return copy;
  });
}

function makeActivities(count: number, leads: number): unknown[][] {
  const next = random(7);
  const asOf = Date.UTC(2026, 5, 30);
  const rows: unknown[][] = [];
  for (let index = 0; index < count; index++) {
    const daysAgo = Math.floor(next() * 90) - 2;
    const date =
      next() < 0.7
        ? new Date(asOf - daysAgo * 86_400_000).toISOString().slice(0, 10)
        : new Date(asOf - daysAgo * 86_400_000 + 3_600_000);
    const key =
      next() < 0.98 ? leadKey(Math.floor(next() * leads)) : pickFrom(next, ['', 'n/a', 'unknown@x.com']);
    rows.push([key, pickFrom(next, EVENT_TYPES), date, pickFrom(next, URLS)]);
  }
  return rows;
}

function pickFrom<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

const ACTIVITY_HEADERS = ['Lead', 'Activity', 'Date', 'URL'];

function benchV2(
  label: string,
  leadCount: number,
  activityCount: number,
  targetMs: number | undefined,
  model: Model = v2Model,
): void {
  const leads = makeLeads(leadCount);
  const activities = { headers: ACTIVITY_HEADERS, rows: makeActivities(activityCount, leadCount) };
  const run = () => {
    const compiled = compileModel(model, headers, { timeZone: 'America/New_York', activities });
    if (!compiled.ok) throw new Error(compiled.problems.map((problem) => problem.message).join('\n'));
    let sum = 0;
    for (const lead of leads) sum += compiled.compiled.score(lead).score;
    return sum;
  };
  run(); // warm-up
  const best = Math.min(
    ...[1, 2, 3].map((attempt) => time(`[v2 ${label}] compile + score, run ${attempt}`, run)),
  );
  const summary = `[v2 ${label}] ${leadCount} leads × ${activityCount} activities × ${model.rules.length} rules: best ${best.toFixed(1)} ms CPU`;
  if (targetMs === undefined) console.log(`${summary} (Apps Script's limit per call is 30,000 ms)`);
  else {
    console.log(`${summary}, ${best <= targetMs ? 'within' : 'OVER'} the ${targetMs} ms target`);
    if (best > targetMs) process.exitCode = 1;
  }
}

benchV2('CLI', 100_000, 1_000_000, V2_TARGET_MS);
benchV2('one custom-function call', 10_000, 100_000, undefined);
// Contract v2 §9: each lead as of its own day (its Last activity), so events are counted per lead, not summed ahead.
const perLeadModel: Model = { ...v2Model, settings: { ...v2Model.settings, asOfColumn: 'Last activity' } };
benchV2('CLI, each lead as of its own day', 100_000, 1_000_000, V2_TARGET_MS, perLeadModel);
