import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalibrationInput,
  type CalibrationLead,
  type CalibrationReport,
  calibrate,
  effectiveSalesReady,
  ruleFlag,
} from '../../../src/core/calibration';
import { allNumbersFinite, type BandSpec, buildInput, type RuleSpec } from './fixtures';

// The worked example used throughout: 200 leads, 30 conversions, overall rate 0.15.
//   Cold  score 10: 100 leads,  5 conversions → 0.05
//   Warm  score 30:  50 leads,  5 conversions → 0.10
//   Hot   score 60:  50 leads, 20 conversions → 0.40 (sales-ready, min 51)
const threeBands: BandSpec[] = [
  { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
  { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 5 },
  { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 20 },
];

describe('calibrate: overall and bands', () => {
  const report = calibrate(buildInput(threeBands));

  it('counts leads, conversions and the overall rate', () => {
    expect(report.leads).toBe(200);
    expect(report.conversions).toBe(30);
    expect(report.rate).toBe(0.15);
  });

  it('gives each band its rate, shares and lift', () => {
    const [cold, warm, hot] = report.bands;
    expect(cold).toMatchObject({ name: 'Cold', leads: 100, conversions: 5, rate: 0.05, shareOfLeads: 0.5 });
    expect(warm).toMatchObject({ leads: 50, rate: 0.1, shareOfLeads: 0.25, shareOfConversions: 5 / 30 });
    expect(hot).toMatchObject({ leads: 50, rate: 0.4, shareOfConversions: 20 / 30, salesReady: true });
    // lift = band rate / 0.15
    expect(cold!.lift).toBeCloseTo(1 / 3, 12);
    expect(warm!.lift).toBeCloseTo(2 / 3, 12);
    expect(hot!.lift).toBeCloseTo(8 / 3, 12);
  });

  it('puts a Wilson interval around each band rate', () => {
    // 20 of 50: centre = (0.4 + 0.0384146)/1.0768292 = 0.4071348,
    // half = (1.959964/1.0768292) × √(0.0048 + 0.0003841) = 1.8201253 × 0.0720010 = 0.1310509
    const hot = report.bands[2]!;
    expect(hot.low).toBeCloseTo(0.2760839, 6);
    expect(hot.high).toBeCloseTo(0.5381856, 6);
  });

  it('finds the rates rising but Cold and Warm overlapping', () => {
    // Cold 5/100 → 2.2–11.2%; Warm 5/50 → 4.3–21.4% (overlap); Hot 27.6–53.8% (clear of Warm).
    expect(report.monotonic).toBe(true);
    expect(report.indistinct).toEqual([{ lower: 'Cold', upper: 'Warm' }]);
  });

  it('ranks with AUC, Gini and KS computed by hand', () => {
    // Not converted: 95 at 10, 45 at 30, 30 at 60. Converted: 5 at 10, 5 at 30, 20 at 60.
    // Wins: 5 × (0 + 95/2) + 5 × (95 + 45/2) + 20 × (140 + 30/2) = 237.5 + 587.5 + 3100 = 3925
    // AUC = 3925 / (30 × 170) = 0.7696078; Gini = 2 × AUC − 1 = 0.5392157
    expect(report.auc).toBeCloseTo(3925 / 5100, 12);
    expect(report.gini).toBeCloseTo(2 * (3925 / 5100) - 1, 12);
    // After score 30: converted 10/30, not converted 140/170 → gap 14/17 − 1/3 = 25/51.
    expect(report.ks).toBeCloseTo(25 / 51, 12);
  });

  it('gains: the top half (Hot and Warm) holds 25 of 30 conversions', () => {
    const topHalf = report.gains.find((point) => point.topShare === 0.5)!;
    expect(topHalf).toEqual({ topShare: 0.5, leads: 100, conversionsShare: 25 / 30, scoreAtLeast: 30 });
    expect(report.gains.at(-1)!.conversionsShare).toBe(1);
  });

  it('measures precision and recall at the sales-ready bands', () => {
    // Hot: 20 of its 50 leads converted (precision 0.4), 20 of all 30 conversions (recall 2/3).
    expect(report.salesReady).toEqual({
      bands: ['Hot'],
      threshold: 51,
      leads: 50,
      conversions: 20,
      shareOfLeads: 0.25,
      precision: 0.4,
      recall: 20 / 30,
    });
  });

  it('marks falling rates as not monotonic, ignoring empty bands', () => {
    const falling = calibrate(
      buildInput([
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 10 },
        { name: 'Empty', min: 20, score: 25, leads: 0, conversions: 0 },
        { name: 'Warm', min: 30, score: 40, leads: 100, conversions: 8 },
      ]),
    );
    expect(falling.monotonic).toBe(false);
    expect(falling.bands[1]).toMatchObject({ leads: 0, rate: null, low: null, high: null, lift: null });

    const risingAroundEmpty = calibrate(
      buildInput([
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 2 },
        { name: 'Empty', min: 20, score: 25, leads: 0, conversions: 0 },
        { name: 'Hot', min: 30, score: 40, leads: 100, conversions: 50 },
      ]),
    );
    expect(risingAroundEmpty.monotonic).toBe(true);
    expect(risingAroundEmpty.indistinct).toEqual([]);
  });

  it('counts equal rates as not rising', () => {
    const flat = calibrate(
      buildInput([
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 10 },
        { name: 'Warm', min: 30, score: 40, leads: 50, conversions: 5 },
      ]),
    );
    expect(flat.monotonic).toBe(false);
  });
});

describe('calibrate: sales-ready default', () => {
  it('hands sales the upper half of the bands (at least one) when none is marked', () => {
    const bands = (count: number) => Array.from({ length: count }, () => ({ salesReady: false }));
    expect(effectiveSalesReady(bands(4))).toEqual([false, false, true, true]);
    expect(effectiveSalesReady(bands(3))).toEqual([false, false, true]);
    expect(effectiveSalesReady(bands(5))).toEqual([false, false, false, true, true]);
    expect(effectiveSalesReady(bands(1))).toEqual([true]);
    expect(effectiveSalesReady([{ salesReady: false }, { salesReady: true }, { salesReady: false }])).toEqual(
      [false, true, false],
    );
  });

  it('uses that default in the report', () => {
    const unmarked = threeBands.map((band) => ({ ...band, salesReady: false }));
    const report = calibrate(buildInput(unmarked));
    expect(report.salesReady.bands).toEqual(['Hot']);
    expect(report.bands.map((band) => band.salesReady)).toEqual([false, false, true]);
  });
});

describe('calibrate: rules', () => {
  const rules: RuleSpec[] = [
    // Hot only: 50 matched, 20 converted → lift 20×200 / (50×30) = 2.667
    { name: 'Demo', points: 20, matches: (band) => band === 'Hot' },
    // Cold only: 5 of 100 → lift 1/3, yet it adds points
    { name: 'Careers page', points: 10, matches: (band) => band === 'Cold' },
    // Hot only, yet it takes points off
    { name: 'Student email', points: -10, matches: (band) => band === 'Hot' },
    // Everyone: lift exactly 1 (not below 1, so not contradicting) → weak
    { name: 'Newsletter', points: 5, matches: () => true },
    // 10 converted Hot leads: a big lift, but fewer than 30 matches → weak
    { name: 'Rare', points: 5, matches: (band, position) => band === 'Hot' && position < 10 },
    { name: 'Retired', points: 5, enabled: false, matches: (band) => band === 'Hot' },
    { name: 'Neutral', points: 0, matches: (band) => band === 'Hot' },
    // 9 converted Hot + 31 unconverted Cold = 40 matched → lift 9×200 / (40×30) = 1.5 exactly → weak
    {
      name: 'Exactly 1.5',
      points: 5,
      matches: (band, position) => (band === 'Hot' && position < 9) || (band === 'Cold' && position >= 69),
    },
    // 10 converted Hot + 30 unconverted Cold → lift 10×200 / (40×30) = 1.667 → ok
    {
      name: 'Above 1.5',
      points: 5,
      matches: (band, position) => (band === 'Hot' && position < 10) || (band === 'Cold' && position >= 70),
    },
  ];
  const report = calibrate(buildInput(threeBands, rules));
  const byName = (name: string) => report.rules.find((rule) => rule.name === name)!;

  it('computes match rates and lift', () => {
    expect(byName('Demo')).toMatchObject({
      matched: 50,
      conversionsMatched: 20,
      rateMatched: 0.4,
      flag: 'ok',
    });
    // Not matching Demo: 150 leads holding the other 10 conversions.
    expect(byName('Demo').rateUnmatched).toBeCloseTo(10 / 150, 12);
    expect(byName('Demo').lift).toBeCloseTo(8 / 3, 12);
    expect(byName('Newsletter')).toMatchObject({ matched: 200, lift: 1, rateUnmatched: null, flag: 'weak' });
  });

  it('flags rules the data contradicts, in either direction', () => {
    expect(byName('Careers page').flag).toBe('contradicts data');
    expect(byName('Student email').flag).toBe('contradicts data');
  });

  it('flags weak, disabled and ok rules', () => {
    expect(byName('Rare')).toMatchObject({ matched: 10, flag: 'weak' });
    expect(byName('Retired')).toMatchObject({ matched: 50, enabled: false, flag: 'disabled' });
    expect(byName('Neutral').flag).toBe('ok');
    expect(byName('Exactly 1.5')).toMatchObject({ matched: 40, lift: 1.5, flag: 'weak' });
    expect(byName('Above 1.5').flag).toBe('ok');
  });

  it('applies the flag boundaries', () => {
    expect(ruleFlag(true, 10, 30, 1.5)).toBe('weak');
    expect(ruleFlag(true, 10, 30, 1.51)).toBe('ok');
    expect(ruleFlag(true, 10, 29, 3)).toBe('weak');
    expect(ruleFlag(true, 10, 30, 0.99)).toBe('contradicts data');
    expect(ruleFlag(true, 10, 29, 0.2)).toBe('weak');
    expect(ruleFlag(true, -10, 30, 0.67)).toBe('weak');
    expect(ruleFlag(true, -10, 30, 0.66)).toBe('ok');
    expect(ruleFlag(true, -10, 30, 1.01)).toBe('contradicts data');
    expect(ruleFlag(true, 0, 30, 0.5)).toBe('ok');
    expect(ruleFlag(true, 10, 100, null)).toBe('weak');
    expect(ruleFlag(false, 10, 100, 0.2)).toBe('disabled');
  });
});

describe('calibrate: suggested threshold', () => {
  it('keeps the current cut-off when it already reaches twice the overall rate', () => {
    // Target 2 × 0.15 = 0.3. Score ≥ 60: 20/50 = 0.4 ✓; ≥ 30: 25/100 = 0.25 ✗; ≥ 10: 0.15 ✗.
    const report = calibrate(buildInput(threeBands));
    expect(report.targetPrecision).toBeCloseTo(0.3, 12);
    expect(report.suggestedThreshold).toMatchObject({
      score: 60,
      suggested: { leads: 50, precision: 0.4 },
      conversionsGained: 0,
      conversionsLost: 0,
      leadsAdded: 0,
      leadsRemoved: 0,
    });
    expect(report.noSuggestionReason).toBeNull();
  });

  it('lowers the cut-off when a lower one still reaches the target, and says what changes', () => {
    // Target 0.25: score ≥ 30 gives 25/100 = 0.25 ✓, so Warm joins: 5 conversions and 50 leads gained.
    const report = calibrate(buildInput(threeBands, [], 0.25));
    expect(report.suggestedThreshold).toEqual({
      score: 30,
      suggested: { leads: 100, precision: 0.25, recall: 25 / 30 },
      current: { leads: 50, precision: 0.4, recall: 20 / 30 },
      conversionsGained: 5,
      conversionsLost: 0,
      leadsAdded: 50,
      leadsRemoved: 0,
    });
  });

  it('raises the cut-off when the sales-ready bands fall short, counting conversions lost', () => {
    // Warm and Hot both sales-ready: 25/100 = 0.25 < 0.3; only score ≥ 60 reaches it.
    const bands = threeBands.map((band) => ({ ...band, salesReady: band.name !== 'Cold' }));
    const report = calibrate(buildInput(bands));
    expect(report.suggestedThreshold).toMatchObject({
      score: 60,
      conversionsGained: 0,
      conversionsLost: 5,
      leadsAdded: 0,
      leadsRemoved: 50,
    });
  });

  it("counts what a new cut-off adds and removes by each lead's own band, even when bands share a score", () => {
    // The caller's bands need not follow the scores: here Warm and Hot leads both score 30. Target 0.25:
    // score ≥ 30 gives 25/100 ✓. Hot is flagged already; the 50 Warm leads (5 conversions) join.
    const report = calibrate(
      buildInput(
        [
          { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
          { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 5 },
          { name: 'Hot', min: 51, salesReady: true, score: 30, leads: 50, conversions: 20 },
        ],
        [],
        0.25,
      ),
    );
    expect(report.suggestedThreshold).toEqual({
      score: 30,
      suggested: { leads: 100, precision: 0.25, recall: 25 / 30 },
      current: { leads: 50, precision: 0.4, recall: 20 / 30 },
      conversionsGained: 5,
      conversionsLost: 0,
      leadsAdded: 50,
      leadsRemoved: 0,
    });
  });

  it('judges all leads of one score together, even when they sit in several bands', () => {
    // Score 30 holds Warm (10 leads, all converted) and Hot (50, none): ≥ 30 gives 10/60 = 17%, short of
    // twice the overall 15/160; Warm's 10 alone would reach it, but a cut-off cannot split a score.
    const report = calibrate(
      buildInput([
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
        { name: 'Warm', min: 21, score: 30, leads: 10, conversions: 10 },
        { name: 'Hot', min: 51, salesReady: true, score: 30, leads: 50, conversions: 0 },
      ]),
    );
    expect(report.suggestedThreshold).toBeNull();
    expect(report.noSuggestionReason).toBe(
      'No cut-off flagging at least 10 leads reaches 19% precision; the best is 17% at 30 or more.',
    );
  });

  it('explains when no cut-off reaches the target', () => {
    const report = calibrate(buildInput(threeBands, [], 0.5));
    expect(report.suggestedThreshold).toBeNull();
    expect(report.noSuggestionReason).toBe(
      'No cut-off flagging at least 10 leads reaches 50% precision; the best is 40% at 60 or more.',
    );
  });

  it('needs at least 10 leads above the cut-off', () => {
    // 9 leads at 90, all converted (precision 1) but too few to count; at ≥ 50, 9 of 11 = 0.82 and
    // at ≥ 10, 9 of 41 = 0.22: neither reaches 0.85.
    const report = calibrate(
      buildInput(
        [
          { name: 'Cold', min: null, score: 10, leads: 30, conversions: 0 },
          { name: 'Warm', min: 21, score: 50, leads: 2, conversions: 0 },
          { name: 'Hot', min: 51, salesReady: true, score: 90, leads: 9, conversions: 9 },
        ],
        [],
        0.85,
      ),
    );
    expect(report.suggestedThreshold).toBeNull();
    expect(report.noSuggestionReason).toBe(
      'No cut-off flagging at least 10 leads reaches 85% precision; the best is 82% at 50 or more.',
    );
  });

  it('has no suggestion without conversions or with too few leads', () => {
    const noConversions = calibrate(buildInput(threeBands.map((band) => ({ ...band, conversions: 0 }))));
    expect(noConversions.targetPrecision).toBeNull();
    expect(noConversions.noSuggestionReason).toBe('No lead has converted yet, so no cut-off can be judged.');
    const tiny = calibrate(buildInput([{ name: 'Only', min: null, score: 5, leads: 4, conversions: 2 }]));
    expect(tiny.noSuggestionReason).toBe('Only 4 leads: a cut-off needs at least 10 to judge.');
  });
});

describe('calibrate: edge cases and input errors', () => {
  it('reports an empty data set without NaN', () => {
    const report = calibrate(buildInput(threeBands.map((band) => ({ ...band, leads: 0, conversions: 0 }))));
    expect(report).toMatchObject({
      leads: 0,
      conversions: 0,
      rate: null,
      auc: null,
      gini: null,
      ks: null,
      gains: [],
    });
    expect(report.salesReady.precision).toBeNull();
    expect(allNumbersFinite(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('refuses leads that do not fit the model', () => {
    const input = buildInput(threeBands.slice(0, 1), [{ name: 'R', points: 1, matches: () => true }]);
    const withLead = (lead: Partial<CalibrationLead>): CalibrationInput => ({
      ...input,
      leads: [{ score: 1, band: 0, converted: false, matches: [true], ...lead }],
    });
    expect(() => calibrate(withLead({ band: 3 }))).toThrow(/band 3/);
    expect(() => calibrate(withLead({ matches: [] }))).toThrow(/0 rule matches for 1 rules/);
    expect(() => calibrate(withLead({ score: Number.NaN }))).toThrow(/finite/);
    expect(() => calibrate({ ...input, targetPrecision: 1.5 })).toThrow(/targetPrecision/);
    expect(() => calibrate({ ...input, bands: [] })).toThrow(/no bands/);
  });
});

// Random models and leads: the report must stay self-consistent and JSON-safe, and the suggested
// threshold must be the lowest qualifying cut-off, checked by brute force.
const randomInput = fc
  .record({
    salesReady: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    rules: fc.array(fc.record({ points: fc.integer({ min: -20, max: 20 }), enabled: fc.boolean() }), {
      maxLength: 4,
    }),
    leads: fc.array(
      fc.record({
        score: fc.integer({ min: 0, max: 20 }).map((step) => step * 5),
        converted: fc.boolean(),
        matchSeed: fc.nat(),
      }),
      { maxLength: 150 },
    ),
    target: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(({ salesReady, rules, leads, target }): CalibrationInput => {
    const mins = [null, 21, 51, 81];
    const input: CalibrationInput = {
      bands: mins.map((min, index) => ({ name: `Band ${index}`, min, salesReady: salesReady[index]! })),
      rules: rules.map((rule, index) => ({ name: `Rule ${index}`, ...rule })),
      leads: leads.map((lead) => ({
        score: lead.score,
        band: lead.score >= 81 ? 3 : lead.score >= 51 ? 2 : lead.score >= 21 ? 1 : 0,
        converted: lead.converted,
        matches: rules.map((_, index) => ((lead.matchSeed >> index) & 1) === 1),
      })),
    };
    if (target !== undefined) input.targetPrecision = target;
    return input;
  });

/** Brute force: the lowest lead score whose cut-off flags at least 10 leads at the report's target precision. */
function lowestQualifyingCutOff(input: CalibrationInput, report: CalibrationReport): number | null {
  const target = report.targetPrecision;
  const qualifying = [...new Set(input.leads.map((lead) => lead.score))].filter((cutOff) => {
    const flagged = input.leads.filter((lead) => lead.score >= cutOff);
    const converted = flagged.filter((lead) => lead.converted).length;
    return (
      target !== null &&
      report.conversions > 0 &&
      flagged.length >= 10 &&
      converted / flagged.length >= target
    );
  });
  return qualifying.length === 0 ? null : Math.min(...qualifying);
}

describe('calibrate on random data', () => {
  it('stays consistent and free of NaN', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        const report = calibrate(input);
        expect(allNumbersFinite(report)).toBe(true);
        expect(report.bands.reduce((sum, band) => sum + band.leads, 0)).toBe(report.leads);
        expect(report.bands.reduce((sum, band) => sum + band.conversions, 0)).toBe(report.conversions);
        for (const band of report.bands) {
          if (band.rate === null) continue;
          expect(band.low!).toBeLessThanOrEqual(band.rate + 1e-12);
          expect(band.high!).toBeGreaterThanOrEqual(band.rate - 1e-12);
        }
        expect(report.verdicts.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('suggests the lowest score whose cut-off reaches the target with at least 10 leads', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        const report = calibrate(input);
        expect(report.suggestedThreshold?.score ?? null).toBe(lowestQualifyingCutOff(input, report));
        expect(report.suggestedThreshold === null).toBe(report.noSuggestionReason !== null);
      }),
      { numRuns: 200 },
    );
  });

  it('suggests the same cut-off whatever the bands, and counts what it adds and removes lead by lead', () => {
    // Bands drawn apart from scores: a caller's lead may sit in any band, so one score can span several.
    const anyBands = fc
      .tuple(randomInput, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 150, maxLength: 150 }))
      .map(([input, bands]) => ({
        ...input,
        leads: input.leads.map((lead, index) => ({ ...lead, band: bands[index]! })),
      }));
    fc.assert(
      fc.property(anyBands, (input) => {
        const report = calibrate(input);
        const suggested = report.suggestedThreshold;
        expect(suggested?.score ?? null).toBe(lowestQualifyingCutOff(input, report));
        if (suggested === null) return;
        const flags = effectiveSalesReady(input.bands);
        const tally = { leadsAdded: 0, conversionsGained: 0, leadsRemoved: 0, conversionsLost: 0 };
        for (const lead of input.leads) {
          const now = flags[lead.band]!;
          const then = lead.score >= suggested.score;
          if (then && !now) {
            tally.leadsAdded++;
            if (lead.converted) tally.conversionsGained++;
          } else if (now && !then) {
            tally.leadsRemoved++;
            if (lead.converted) tally.conversionsLost++;
          }
        }
        expect(suggested).toMatchObject(tally);
      }),
      { numRuns: 300 },
    );
  });
});
