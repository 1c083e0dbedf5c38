// Suggest's per-event rules: when conversion grows with the number of events (a dose-response), the fit
// picks "per event … counted up to C" (contract v2 `per` with maxPoints) and ranks held-out leads better
// than the same fit with only threshold candidates ("none / 1–2 / 3+ in the last D days").
import { describe, expect, it } from 'vitest';
import { auc, fitPatterns, mulberry32, poolPatterns } from '../../../src/core/calibration';
import { formatIsoDay, parseIsoDay } from '../../../src/core/cells';
import { compileModel } from '../../../src/core/engine';
import { suggestModel } from '../../../src/core/suggest';
import { parseModel } from '../../../src/core/validate';

const AS_OF = '2026-06-30';
const outcome = { column: 'Converted', positive: ['Yes'], negative: ['No'] };

/**
 * Each lead is judged as of its own "Decided on" day (§9). Logit: −2.6 + 0.4 × min(opens, 10), opens = the
 * emails opened in the 30 days before that day (0 to about 14 of them, spread evenly by intent). Older opens,
 * opens after the lead's day, and page views carry nothing.
 */
function doseLeads(count: number, seed: number) {
  const random = mulberry32(seed);
  const asOf = parseIsoDay(AS_OF)!;
  const headers = ['Lead', 'Size', 'Decided on', 'Converted'];
  const rows: string[][] = [];
  const events: string[][] = [];
  const poisson = (mean: number) => {
    let n = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = random();
    while (u > s && n < 60) {
      n++;
      p *= mean / n;
      s += p;
    }
    return n;
  };
  for (let i = 0; i < count; i++) {
    const lead = `lead${i}@example.com`;
    const day = asOf - Math.floor(random() * 300);
    const event = (type: string, daysBefore: number) =>
      events.push([lead, type, formatIsoDay(day - daysBefore)]);
    const opens = poisson(12 * random());
    for (let k = 0; k < opens; k++) event('Email opened', Math.floor(random() * 31));
    for (let k = 0, n = poisson(2); k < n; k++) event('Email opened', 31 + Math.floor(random() * 200));
    for (let k = 0, n = poisson(3); k < n; k++) event('Email opened', -1 - Math.floor(random() * 60));
    for (let k = 0, n = poisson(2); k < n; k++) event('Page view', Math.floor(random() * 60));
    const logit = -2.6 + 0.4 * Math.min(opens, 10);
    const converted = random() < 1 / (1 + Math.exp(-logit));
    rows.push([lead, random() < 0.5 ? 'Large' : 'Small', formatIsoDay(day), converted ? 'Yes' : 'No']);
  }
  return { headers, rows, activities: { headers: ['Lead', 'Activity', 'Date'], rows: events } };
}

describe('Suggest: per-event rules with a cap', () => {
  const train = doseLeads(4000, 21);
  const test = doseLeads(3000, 22);
  const options = { outcome, activities: train.activities, asOf: AS_OF, asOfColumn: 'Decided on', seed: 1 };
  const withPer = suggestModel(train.headers, train.rows, options);
  const thresholdsOnly = suggestModel(train.headers, train.rows, { ...options, perEventRules: false });
  if (!withPer.ok) throw new Error(withPer.problems.map((p) => p.message).join('\n'));
  if (!thresholdsOnly.ok) throw new Error(thresholdsOnly.problems.map((p) => p.message).join('\n'));

  /** AUC on fresh leads, scored by the engine as the add-on scores them (each as of its own day). */
  const freshAuc = (model: typeof withPer.model) => {
    const compiled = compileModel(model, test.headers, { asOf: AS_OF, activities: test.activities });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
    return auc(
      test.rows.map((row) => compiled.compiled.scoreValue(row)),
      test.rows.map((row) => row[3] === 'Yes'),
    )!;
  };

  it('keeps a per-event rule with a round cap, in a valid v2 model counted as of each lead’s day', () => {
    const per = withPer.model.rules.find((r) => r.operator === 'per');
    console.log(
      `rules: ${withPer.model.rules.map((r) => `${r.name} ${r.points} (max ${r.maxPoints})`).join('; ')}`,
    );
    expect(per).toBeDefined();
    expect(per!.event).toBe('Email opened');
    expect(per!.name).toMatch(/^Email opened: per event in the last \d+ days \(counted up to \d+\)$/);
    const cap = Number(/up to (\d+)/.exec(per!.name)![1]);
    expect([6, 8, 10, 12, 15]).toContain(cap);
    expect(per!.points).toBeGreaterThan(0);
    expect(per!.maxPoints).toBe(per!.points * cap);
    expect(withPer.model.settings?.asOfColumn).toBe('Decided on');
    expect(parseModel(withPer.model).ok).toBe(true);
    expect(thresholdsOnly.model.rules.some((r) => r.operator === 'per')).toBe(false);
  });

  it('ranks held-out leads better than the same fit with only threshold candidates', () => {
    const perAuc = freshAuc(withPer.model);
    const thresholdAuc = freshAuc(thresholdsOnly.model);
    console.log(
      `held-out AUC: with per-event rules ${perAuc.toFixed(4)}, thresholds only ${thresholdAuc.toFixed(4)}`,
    );
    expect(perAuc).toBeGreaterThan(thresholdAuc + 0.003);
    // The evaluation reports the engine's AUC on the held-out part of the training leads, too.
    expect(withPer.evaluation.holdoutAuc!).toBeGreaterThan(thresholdsOnly.evaluation.holdoutAuc!);
  });
});

describe('fitPatterns with counts', () => {
  it('reads a feature listed k times as the value k and recovers its log-odds per unit', () => {
    const random = mulberry32(5);
    const features: number[][] = [];
    const converted: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const count = Math.floor(random() * 9);
      const flag = random() < 0.4;
      const on = [...(flag ? [0] : []), ...new Array<number>(count).fill(1)];
      features.push(on);
      converted.push(random() < 1 / (1 + Math.exp(-(-2 + 0.8 * Number(flag) + 0.35 * count))));
    }
    const fit = fitPatterns(poolPatterns(features, converted), 2, 0.01)!;
    expect(fit.intercept).toBeCloseTo(-2, 0);
    expect(Math.abs(fit.coefficients[0]! - 0.8)).toBeLessThan(0.1);
    expect(Math.abs(fit.coefficients[1]! - 0.35)).toBeLessThan(0.03);
  });
});
