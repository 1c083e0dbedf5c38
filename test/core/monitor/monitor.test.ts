import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/core/cells';
import { compileModel } from '../../../src/core/engine';
import {
  aucFromCounts,
  monitorModel,
  nextPeriodStart,
  periodLabel,
  periodStart,
  populationStability,
  type ScoreCount,
} from '../../../src/core/monitor';
import { type GeneratedLead, handScore, MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from './generate';

/** Pairwise AUC, ties half: the definition, with no sorting or placements. */
function bruteAuc(leads: readonly GeneratedLead[]): number | null {
  const pos = leads.filter((l) => l.outcome === 'converted').map((l) => l.score);
  const neg = leads.filter((l) => l.outcome === 'not converted').map((l) => l.score);
  if (pos.length === 0 || neg.length === 0) return null;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const twelveMonths = [
  ...monitorLeads({ months: 12, leadsPerMonth: 700, breakMonth: 8, openShareLastMonth: 0.3, seed: 11 }),
];

function run(leads: readonly GeneratedLead[], options: Partial<Parameters<typeof monitorModel>[3]> = {}) {
  const result = monitorModel(
    MONITOR_MODEL,
    MONITOR_HEADERS,
    leads.map((l) => l.row),
    { dateColumn: 'Created', every: 'month', timeZone: 'UTC', ...options },
  );
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.report;
}

describe('monitorModel on 12 months whose outcomes stop following the score in month 8', () => {
  const report = run(twelveMonths);

  it('scores the generated leads as the hand computation does', () => {
    const compiled = compileModel(MONITOR_MODEL, MONITOR_HEADERS, { timeZone: 'UTC' });
    if (!compiled.ok) throw new Error('model');
    for (const lead of twelveMonths.slice(0, 500))
      expect(compiled.compiled.scoreValue(lead.row)).toBe(lead.score);
  });

  it('gives per-month counts and AUC equal to an independent computation', () => {
    expect(report.periods.map((p) => p.start)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
    );
    report.periods.forEach((period, i) => {
      const month = twelveMonths.filter((l) => l.month === i + 1);
      const known = month.filter((l) => l.outcome !== 'open');
      expect(period.leads).toBe(month.length);
      expect(period.known).toBe(known.length);
      expect(period.open).toBe(month.length - known.length);
      expect(period.conversions).toBe(month.filter((l) => l.outcome === 'converted').length);
      expect(period.auc).toBeCloseTo(bruteAuc(month)!, 12);
      expect(period.aucLow!).toBeLessThan(period.auc!);
      expect(period.aucHigh!).toBeGreaterThan(period.auc!);
      const bandOf = (score: number) =>
        score >= 75 ? 'Very hot' : score >= 50 ? 'Hot' : score >= 30 ? 'Warm' : 'Cold';
      for (const band of period.bands) {
        const inBand = month.filter((l) => bandOf(l.score) === band.band);
        expect(band.leads).toBe(inBand.length);
        expect(band.known).toBe(inBand.filter((l) => l.outcome !== 'open').length);
        expect(band.conversions).toBe(inBand.filter((l) => l.outcome === 'converted').length);
      }
      const ready = month.filter((l) => l.score >= 50);
      expect(period.salesReady.leads).toBe(ready.length);
      expect(period.salesReady.conversions).toBe(ready.filter((l) => l.outcome === 'converted').length);
    });
  });

  it('marks month 8 or 9 as the first that ranks worse, and none before', () => {
    const firstWorse = report.periods.findIndex((p) => p.status === 'worse') + 1;
    expect([8, 9]).toContain(firstWorse);
    expect(report.periods.slice(0, 7).map((p) => p.status)).toEqual(Array(7).fill('ok'));
    expect(report.periods.slice(8).every((p) => p.status === 'worse')).toBe(true);
  });

  it('takes the first three months as the baseline and says so in plain words, newest first', () => {
    expect(report.baseline).toMatchObject({
      start: '2026-01-01',
      end: '2026-03-31',
      label: 'January–March 2026',
    });
    expect(report.periods.filter((p) => p.inBaseline).map((p) => p.label)).toEqual([
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    const worseSince = report.periods.find((p) => p.status === 'worse')!.label;
    // The months that rank worse are one run up to the newest month: one verdict, on their counts together.
    expect(report.verdicts[0]).toMatch(
      new RegExp(
        `that came in since ${worseSince} convert \\d+% against \\d+% in January–March 2026, and the score ranks them worse \\(AUC 0\\.\\d\\d against 0\\.\\d\\d\\): refit with Suggest on the leads since ${worseSince}\\.`,
      ),
    );
    const broken = twelveMonths.filter(
      (l) => l.month >= Number(report.periods.find((p) => p.status === 'worse')!.start.slice(5, 7)),
    );
    expect(report.verdicts[0]).toContain(`(AUC ${bruteAuc(broken)!.toFixed(2)} against`);
    const said = report.verdicts.join('\n');
    expect(said.match(/ranks them worse|ranks the leads .* worse/g)).toHaveLength(1);
    expect(said).not.toMatch(/came in (September|October|November|December) 2026/);
    expect(said).not.toMatch(/July 2026/);
  });

  it('folds a run of worse months that ended into one verdict "from … to …", newest first', () => {
    const leads = [
      ...monitorLeads({ months: 12, leadsPerMonth: 700, breakMonth: 5, recoverMonth: 9, seed: 11 }),
    ];
    const report = run(leads);
    const worse = report.periods.flatMap((p, i) => (p.status === 'worse' ? [i + 1] : []));
    expect(worse[0]).toBeGreaterThanOrEqual(5);
    expect(worse.at(-1)).toBeLessThanOrEqual(8);
    const first = report.periods[worse[0]! - 1]!.label.replace(' 2026', '');
    const last = report.periods[worse.at(-1)! - 1]!.label;
    expect(report.verdicts.filter((v) => /worse/.test(v))).toEqual([
      expect.stringMatching(
        new RegExp(
          `that came in from ${first} to ${last} .*: refit with Suggest on the leads since ${first} 2026\\.$`,
        ),
      ),
    ]);
  });

  it('sees no shift in leads that look alike', () => {
    for (const p of report.periods) expect(p.psi!).toBeLessThan(0.1);
  });
});

describe('monitorModel statuses', () => {
  it('says "shifted" when the leads change, and names the rule that moved', () => {
    const leads = [
      ...monitorLeads({ months: 6, leadsPerMonth: 600, breakMonth: Infinity, studentsFromMonth: 6, seed: 3 }),
    ];
    const report = run(leads);
    const last = report.periods[5]!;
    expect(last.status).toBe('shifted');
    expect(last.psi!).toBeGreaterThanOrEqual(0.25);
    expect(last.movedRules[0]!.rule).toBe('Student');
    expect(report.periods.slice(0, 5).every((p) => p.status === 'ok')).toBe(true);
    expect(report.verdicts[0]).toMatch(
      /leads that came in June 2026 are not like those of January–March 2026 .*"Student" matches/,
    );
  });

  it('says "too young" when most outcomes are open and "too few" when there are not enough', () => {
    const leads = [
      ...monitorLeads({
        months: 5,
        leadsPerMonth: 400,
        breakMonth: Infinity,
        openShareLastMonth: 0.8,
        seed: 5,
      }),
    ];
    const few = [
      ...monitorLeads({ months: 1, leadsPerMonth: 20, breakMonth: Infinity, firstMonth: 6, seed: 9 }),
    ];
    const report = run([...leads, ...few]);
    expect(report.periods.map((p) => p.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'too young', 'too few']);
    expect(report.verdicts[0]).toMatch(/^June 2026: \d+ known outcomes .* too few to judge/);
    expect(report.verdicts[1]).toMatch(/^May 2026: [78]\d% of its 400 leads are still open/);
  });

  it('uses the baseline dates given, and lists empty months between leads', () => {
    const leads = [...monitorLeads({ months: 3, leadsPerMonth: 300, breakMonth: Infinity, seed: 2 })];
    const later = [
      ...monitorLeads({ months: 1, leadsPerMonth: 300, breakMonth: Infinity, firstMonth: 6, seed: 4 }),
    ];
    const report = run([...leads, ...later], { baseline: { from: '2026-02-01', to: '2026-03-31' } });
    expect(report.baseline).toMatchObject({ start: '2026-02-01', end: '2026-03-31', chosen: 'dates given' });
    expect(report.periods.map((p) => [p.label, p.leads])).toEqual([
      ['January 2026', 300],
      ['February 2026', 300],
      ['March 2026', 300],
      ['April 2026', 0],
      ['May 2026', 0],
      ['June 2026', 300],
    ]);
    for (const p of report.periods)
      expect(p.bands.map((b) => b.band)).toEqual(['Cold', 'Warm', 'Hot', 'Very hot']);
  });

  it('counts leads without a date apart and refuses a missing date column', () => {
    const leads = [...monitorLeads({ months: 1, leadsPerMonth: 50, breakMonth: Infinity })];
    leads[0]!.row[1] = 'soon';
    leads[1]!.row[1] = '';
    const report = run(leads);
    expect(report.undated).toBe(2);
    expect(report.periods[0]!.leads).toBe(48);
    expect(report.verdicts.at(-1)).toBe('2 leads have no date in "Created" and are left out.');
    const missing = monitorModel(MONITOR_MODEL, MONITOR_HEADERS, [], { dateColumn: 'Signed up' });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.problems[0]!.message).toMatch(/no date column "Signed up" \(columns: Lead, Created/);
  });
});

describe('sales feedback', () => {
  const leads = [
    ...monitorLeads({ months: 6, leadsPerMonth: 600, breakMonth: 5, salesVerdicts: true, seed: 8 }),
  ];

  it('reports acceptance per band and period and calls the score too generous when it falls', () => {
    const report = run(leads, { salesVerdict: { column: 'Sales verdict' } });
    const may = report.periods[4]!;
    const ready = leads.filter((l) => l.month === 5 && l.score >= 50);
    expect(may.salesReady.verdicts).toBe(ready.length);
    expect(may.salesReady.accepted).toBe(ready.filter((l) => l.row[7] === 'Accepted').length);
    const hot = may.bands.find((b) => b.band === 'Hot')!;
    expect(hot.verdicts).toBe(ready.filter((l) => l.score < 75).length);
    expect(may.bands[0]!.verdicts).toBe(0);
    expect(report.periods.map((p) => p.tooGenerous)).toEqual([false, false, false, false, true, true]);
    expect(report.verdicts.join('\n')).toMatch(
      /The score was too generous with the leads that came in since May 2026: of those handed to sales \(Hot and Very hot\), sales accepted \d+% of them against \d+% in January–March 2026/,
    );
  });

  it('reads values the user maps, and names the row of a value it cannot read', () => {
    const mapped = leads.map((l) => ({
      ...l,
      row: l.row.map((c, i) => (i === 7 ? ({ Accepted: 'Good fit', Rejected: 'Not now' }[c] ?? c) : c)),
    }));
    const report = run(mapped, {
      salesVerdict: { column: 'Sales verdict', accepted: ['good fit'], rejected: ['Not now'] },
    });
    expect(report.periods[0]!.salesReady.accepted).toBe(
      run(leads, { salesVerdict: { column: 'Sales verdict' } }).periods[0]!.salesReady.accepted,
    );
    const bad = monitorModel(
      MONITOR_MODEL,
      MONITOR_HEADERS,
      mapped.map((l) => l.row),
      {
        dateColumn: 'Created',
        salesVerdict: { column: 'Sales verdict' },
      },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems[0]!.message).toMatch(
        /^row \d+: "Sales verdict" says "(Good fit|Not now)", which is neither accepted/,
      );
  });
});

describe('monitor statistics', () => {
  it('computes AUC and DeLong variance from counts per score as from single leads', () => {
    // 3 converted at 10, 20, 20; 3 not at 0, 10, 20: wins 0.5+1 +(1+1+0.5)×2 = 6.5 of 9.
    const counts = new Map<number, ScoreCount>([
      [0, { leads: 1, converted: 0, notConverted: 1 }],
      [10, { leads: 2, converted: 1, notConverted: 1 }],
      [20, { leads: 3, converted: 2, notConverted: 1 }],
    ]);
    const estimate = aucFromCounts(counts)!;
    expect(estimate.auc).toBeCloseTo(6.5 / 9, 12);
    // Placements of the converted: 10 → (1 + ½)/3 = 0.5, 20 → (2 + ½)/3 ≈ 0.8333 (twice); of the
    // non-converted: 0 → 1, 10 → (2 + ½)/3 ≈ 0.8333, 20 → (½ × 2)/3 ≈ 0.3333.
    const auc = 6.5 / 9;
    const s10 = ((0.5 - auc) ** 2 + 2 * (2.5 / 3 - auc) ** 2) / 2;
    const s01 = ((1 - auc) ** 2 + (2.5 / 3 - auc) ** 2 + (1 / 3 - auc) ** 2) / 2;
    expect(estimate.variance).toBeCloseTo(s10 / 3 + s01 / 3, 12);
  });

  it('gives a stability index of 0 for the same distribution and a large one for a moved one', () => {
    const base = new Map<number, ScoreCount>();
    const moved = new Map<number, ScoreCount>();
    for (let s = 0; s < 100; s += 10) {
      base.set(s, { leads: 100, converted: 0, notConverted: 0 });
      moved.set(s, { leads: s < 50 ? 180 : 20, converted: 0, notConverted: 0 });
    }
    expect(populationStability(base, base)).toBe(0);
    expect(populationStability(moved, base)!).toBeGreaterThan(0.25);
  });

  it('cuts weeks on Mondays, quarters on their first month', () => {
    const day = parseIsoDay('2026-08-06')!; // a Thursday
    expect(periodLabel(periodStart(day, 'week'), 'week')).toBe('week of 2026-08-03');
    expect(periodLabel(periodStart(day, 'quarter'), 'quarter')).toBe('Q3 2026');
    expect(nextPeriodStart(periodStart(day, 'quarter'), 'quarter')).toBe(parseIsoDay('2026-10-01'));
    expect(nextPeriodStart(parseIsoDay('2026-12-01')!, 'month')).toBe(parseIsoDay('2027-01-01'));
    expect(handScore('VP', 300, 4, true)).toBe(100);
  });
});
