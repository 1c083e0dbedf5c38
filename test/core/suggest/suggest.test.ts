import { describe, expect, it } from 'vitest';
import { auc, fitPatterns, mulberry32, poolPatterns } from '../../../src/core/calibration';
import { scoreRows } from '../../../src/core/engine';
import type { Model } from '../../../src/core/model';
import { describeColumns, suggestModel } from '../../../src/core/suggest';
import { parseModel } from '../../../src/core/validate';
import { generateLeads } from './generate';

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };

describe('fitPatterns', () => {
  it('recovers known log-odds weights from generated yes/no features', () => {
    const truth = [1.5, -0.8, 0.4, 0];
    const random = mulberry32(3);
    const features: number[][] = [];
    const converted: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const on = truth.flatMap((_, j) => (random() < 0.4 ? [j] : []));
      const logit = -0.5 + on.reduce((sum, j) => sum + truth[j]!, 0);
      features.push(on);
      converted.push(random() < 1 / (1 + Math.exp(-logit)));
    }
    const fit = fitPatterns(poolPatterns(features, converted), truth.length, 0.1)!;
    expect(fit.intercept).toBeCloseTo(-0.5, 0);
    fit.coefficients.forEach((c, j) => {
      expect(Math.abs(c - truth[j]!)).toBeLessThan(0.12);
    });
  });
});

describe('suggestModel on generated leads with known effects', () => {
  const leads = generateLeads(6000);
  const result = suggestModel(leads.headers, leads.rows, { outcome, seed: 1 });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const { model, evaluation } = result;
  const pointsOf = (name: string) => model.rules.find((r) => r.name === name)?.points ?? 0;
  /** The points a "Yes" gets over a "No" in a yes/no column. */
  const effect = (column: string) => pointsOf(`${column} is Yes`) - pointsOf(`${column} is No`);

  it('writes a valid contract model with whole points and at most 25 rules', () => {
    expect(parseModel(model).ok).toBe(true);
    expect(model.rules.length).toBeGreaterThan(3);
    expect(model.rules.length).toBeLessThanOrEqual(25);
    for (const rule of model.rules) expect(Number.isInteger(rule.points) && rule.points !== 0).toBe(true);
    expect(model.outcome).toEqual(outcome);
  });

  it('recovers the signs and the order of the true effects', () => {
    expect(effect('Demo')).toBeGreaterThan(effect('Webinar'));
    expect(effect('Webinar')).toBeGreaterThan(0);
    expect(effect('Student')).toBeLessThan(0);
    // No effect: small next to the real ones (or dropped altogether).
    expect(Math.abs(effect('Newsletter'))).toBeLessThan(effect('Webinar') / 2);
    // A column's rules never both take part: its lowest level is 0 points.
    expect(model.rules.some((r) => r.name === 'Demo is No' && r.points !== 0)).toBe(false);
  });

  it("leaves out identifiers, dates and the add-on's own Score column", () => {
    const why = Object.fromEntries(evaluation.excluded.map((e) => [e.column, e.why]));
    expect(why['Lead ID']).toMatch(/identifier/);
    expect(why.Created).toMatch(/date/);
    expect(why.Score).toMatch(/own output/);
    expect(model.rules.some((r) => ['Lead ID', 'Created', 'Score'].includes(r.column ?? ''))).toBe(false);
  });

  it('reads the placeholder "Select" as not answered (contract v2 blankValues), never as a value', () => {
    expect(model.settings?.blankValues).toEqual(['Select']);
    expect(model.rules.some((r) => JSON.stringify(r.value ?? '').includes('Select'))).toBe(false);
    const candidates = evaluation.rules.map((r) => r.name);
    expect(candidates).not.toContain('Source is Select');
    const notAnswered = evaluation.rules.find((r) => r.name === 'Source not answered')!;
    expect(notAnswered.leads).toBeGreaterThan(900); // a quarter of the 4,200 fitting leads
  });

  it('evaluates on held-out leads: integer model close to the unrounded fit, better than chance', () => {
    expect(evaluation.holdout.leads).toBe(1800);
    expect(evaluation.fitting.leads).toBe(4200);
    expect(evaluation.holdoutAuc!).toBeGreaterThan(0.7);
    expect(Math.abs(evaluation.holdoutAuc! - evaluation.unroundedAuc!)).toBeLessThan(0.01);
    expect(evaluation.baseAuc).toBeNull();
    expect(evaluation.bands.reduce((sum, b) => sum + b.leads, 0)).toBe(1800);
    // Band conversion rises band by band.
    const rates = evaluation.bands.map((b) => b.rate!);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
    for (const rule of evaluation.rules.filter((r) => r.status === 'kept')) {
      expect(rule.conversions).toBeGreaterThanOrEqual(10);
    }
    expect(evaluation.leakage).toEqual([]);
  });

  it('is reproducible from its seed, and a different seed holds out other leads', () => {
    const again = suggestModel(leads.headers, leads.rows, { outcome, seed: 1 });
    expect(again.ok && again.model).toEqual(model);
    const other = suggestModel(leads.headers, leads.rows, { outcome, seed: 2 });
    expect(other.ok && other.evaluation.holdoutAuc).not.toBe(evaluation.holdoutAuc);
  });
});

describe('the leakage guard', () => {
  const leads = generateLeads(4000, 11, { leak: true, open: 300 });

  it('flags a column filled in after the outcome and leaves it out', () => {
    const result = suggestModel(leads.headers, leads.rows, { outcome, seed: 1 });
    if (!result.ok) throw new Error('refused');
    const status = result.evaluation.leakage.find((l) => l.column === 'Status');
    expect(status).toBeDefined();
    expect(status!.auc!).toBeGreaterThanOrEqual(0.95);
    expect(status!.kept).toBe(false);
    expect(status!.why).toMatch(/blank for 100% of open leads/);
    expect(result.model.rules.some((r) => r.column === 'Status')).toBe(false);
    expect(result.evaluation.verdicts.join(' ')).toMatch(
      /"Status" was left out: it was probably filled in after the outcome/,
    );
    expect(result.evaluation.open).toBe(300);
    // The honest columns are not flagged.
    expect(result.evaluation.leakage.map((l) => l.column)).toEqual(['Status']);
  });

  it('keeps it when asked, and says the AUC is then too good to be true', () => {
    const result = suggestModel(leads.headers, leads.rows, { outcome, seed: 1, keepLeaky: ['status'] });
    if (!result.ok) throw new Error('refused');
    expect(result.model.rules.some((r) => r.column === 'Status')).toBe(true);
    expect(result.evaluation.holdoutAuc!).toBeGreaterThan(0.95);
    expect(result.evaluation.verdicts.join(' ')).toMatch(/kept because you asked/);
  });
});

describe('suggestModel with the current model and a time split', () => {
  const leads = generateLeads(5000, 5);
  const base: Model = {
    name: 'Current',
    groups: [{ name: 'Fit', kind: 'fit' }],
    rules: [
      {
        name: 'Attended a webinar',
        group: 'Fit',
        column: 'Webinar',
        operator: 'equals',
        value: 'yes',
        points: 10,
      },
      { name: 'Is a student', group: 'Fit', column: 'Student', operator: 'equals', value: 'yes', points: 15 },
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Hot', min: 20 },
    ],
    outcome,
  };

  it("holds out the latest leads, reports the current model's AUC and which current rules it reverses", () => {
    const result = suggestModel(leads.headers, leads.rows, { outcome, base, timeSplit: 'Created', seed: 1 });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const { evaluation, model } = result;
    expect(evaluation.split).toMatchObject({ kind: 'time', column: 'Created', undated: 0 });
    const from = (evaluation.split as { from: string }).from;
    const held = leads.rows.filter((row) => row[1]! >= from);
    expect(evaluation.holdout.leads).toBe(held.length);
    // The reported AUC is the engine's score of the written model on exactly those leads.
    const scored = scoreRows(model, leads.headers, held);
    if (!scored.ok) throw new Error('scoring failed');
    expect(evaluation.holdoutAuc).toBeCloseTo(
      auc(
        scored.scores.map((s) => s.score),
        held.map((row) => row[10] === 'yes'),
      )!,
      12,
    );
    expect(evaluation.baseAuc!).toBeGreaterThan(0.4);
    expect(evaluation.baseAuc!).toBeLessThan(evaluation.holdoutAuc!);
    const student = evaluation.rules.find((r) => r.name === 'Is a student')!;
    expect(student.source).toBe('current');
    expect(student.currentPoints).toBe(15);
    if (student.status !== 'dropped') {
      expect(student.status).toBe('reversed');
      expect(student.points).toBeLessThan(0);
    }
  });

  it('names what is missing', () => {
    const result = suggestModel(leads.headers, leads.rows, {
      outcome: { column: 'Won', positive: ['yes'] },
      exclude: ['Nope'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^outcome: there is no column "Won" \(columns: "Lead ID", "Created"/),
      expect.stringMatching(/^exclude: there is no column "Nope"/),
    ]);
  });

  it('refuses too few conversions instead of inventing points', () => {
    const few = leads.rows.slice(0, 40);
    const result = suggestModel(leads.headers, few, { outcome });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/at least 20 conversions/);
  });
});

describe('describeColumns', () => {
  it('gives each column its type, blanks, top values and range', () => {
    const leads = generateLeads(500);
    const profiles = describeColumns(leads.headers, leads.rows, { top: 3 });
    const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
    expect(byName['Lead ID']).toMatchObject({ type: 'text', identifier: true, distinct: 500 });
    expect(byName.Created).toMatchObject({ type: 'date', from: '2026-01-15', to: '2026-12-15' });
    expect(byName.Visits).toMatchObject({ type: 'number', min: 0, max: 19, identifier: false });
    expect(byName.Source!.placeholders).toBeGreaterThan(50);
    expect(byName.Source!.blanks).toBe(byName.Source!.placeholders);
    expect(byName.Source!.values.map((v) => v.value)).not.toContain('Select');
    expect(byName.Demo!.values).toHaveLength(2);
    expect(byName.Status).toMatchObject({ type: 'empty', blanks: 500 });
  });
});
