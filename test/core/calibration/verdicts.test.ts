import { describe, expect, it } from 'vitest';
import { aucVerdict, type CalibrationLead, calibrate, isThinBand } from '../../../src/core/calibration';
import { type BandSpec, buildInput, type RuleSpec } from './fixtures';

const verdictsFor = (bands: BandSpec[], rules: RuleSpec[] = [], target?: number) =>
  calibrate(buildInput(bands, rules, target)).verdicts;

describe('verdicts', () => {
  it('says the score separates well when the top band converts over 10 times the bottom, beyond doubt', () => {
    // Hot 124/200 = 62%, Wilson 55.1–68.4%; Cold 40/1000 = 4%, whose interval ends near 5.4%.
    // 62 / 4 = 15.5 times.
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 1000, conversions: 40 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 200, conversions: 124 },
    ]);
    expect(verdicts[0]).toBe('Hot converts at 62% (55–68%) against 4% for Cold: the score separates well.');
    // AUC: wins 40 × 960/2 + 124 × (960 + 76/2) = 142,952 of 164 × 1,036 = 169,904 pairs → 0.84
    expect(verdicts[1]).toBe('AUC 0.84: the score ranks leads strongly (0.5 is chance, 1 is perfect).');
  });

  it('says when the top band separates but falls short of 10 times the bottom', () => {
    // Hot 60/200 = 30% (24–37%) against Cold 50/500 = 10%: 3 times.
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 500, conversions: 50 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 200, conversions: 60 },
    ]);
    expect(verdicts[0]).toBe(
      'Hot converts at 30% (24–37%) against 10% for Cold: the score separates them, but Hot converts only 3 times as often (aim for about 10 times).',
    );
  });

  it('says when the score does not separate at all', () => {
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 100, conversions: 20 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 100, conversions: 10 },
    ]);
    expect(verdicts[0]).toBe(
      'Hot converts at 10% (5.5–17%) against 20% for Cold: the score does not separate converters from the rest.',
    );
    expect(verdicts).toContain(
      'Hot converts no better than Cold (10% against 20%): raise the Hot threshold or revise the rules that lift leads into it.',
    );
  });

  it('names a middle band that converts no better than the one below', () => {
    // Warm 8/200 = 4% against Cold 10/200 = 5%.
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 200, conversions: 10 },
      { name: 'Warm', min: 21, score: 30, leads: 200, conversions: 8 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 100, conversions: 40 },
    ]);
    expect(verdicts).toContain(
      'Warm converts no better than Cold (4% against 5%): raise the Warm threshold or revise the rules that lift leads into it.',
    );
  });

  it('names neighbouring bands that rise but cannot be told apart', () => {
    // Cold 5/100 → 2.2–11%; Warm 5/50 → 4.3–21%.
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
      { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 5 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 20 },
    ]);
    expect(verdicts).toContain(
      'Cold and Warm are not clearly apart (2.2–11% against 4.3–21%): widen the gap between their thresholds, merge them, or wait for more data.',
    );
  });

  it('warns first when there are fewer than 30 conversions overall', () => {
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 30, conversions: 15 },
    ]);
    expect(verdicts[0]).toBe(
      'Only 20 conversions so far: too few to judge the score reliably; treat what follows as a first hint.',
    );
    expect(verdicts[1]).toMatch(/^Hot converts at 50% /);
  });

  it('says a band with fewer than 10 conversions is too few to judge, but not a big band that rarely converts', () => {
    const verdicts = verdictsFor([
      // 0 of 1,000: the interval 0–0.4% is narrow, so Cold is well measured.
      { name: 'Cold', min: null, score: 10, leads: 1000, conversions: 0 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 300, conversions: 100 },
      // 4 of 12: 14–61%.
      { name: 'Very hot', min: 81, salesReady: true, score: 90, leads: 12, conversions: 4 },
    ]);
    expect(verdicts).toContain('Only 4 conversions in Very hot (out of 12 leads): too few to judge.');
    expect(verdicts.join('\n')).not.toMatch(/conversions in Cold/);
  });

  it('calls a sales-ready band generous when its whole interval is below the target precision', () => {
    // Hot 63/300 = 21% (17–26%) with a target of 30%.
    const verdicts = verdictsFor(
      [
        { name: 'Cold', min: null, score: 10, leads: 700, conversions: 14 },
        { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 300, conversions: 63 },
      ],
      [],
      0.3,
    );
    expect(verdicts).toContain('Hot is generous: only 21% of Hot leads converted (aim: 30%).');
    expect(verdicts).toContain(
      'No cut-off flagging at least 10 leads reaches 30% precision; the best is 21% at 60 or more.',
    );
  });

  it('does not call a band generous when the target lies inside its interval', () => {
    // Same Hot band (17–26%) with a target of 25%.
    const verdicts = verdictsFor(
      [
        { name: 'Cold', min: null, score: 10, leads: 700, conversions: 14 },
        { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 300, conversions: 63 },
      ],
      [],
      0.25,
    );
    expect(verdicts.join('\n')).not.toMatch(/generous/);
  });

  it('proposes a different cut-off with what it gains and loses', () => {
    // Target 25%: scores ≥ 30 give 25/100 = 25% precision and 25/30 = 83% recall, against
    // Hot alone 40% and 67%.
    const verdicts = verdictsFor(
      [
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
        { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 5 },
        { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 20 },
      ],
      [],
      0.25,
    );
    expect(verdicts).toContain(
      'To reach 25% precision, hand sales the leads scoring 30 or more: 25% of them converted (now 40%) and they hold 83% of conversions (now 67%); 5 conversions gained, 100 leads flagged instead of 50.',
    );
  });

  it('names rules the data contradicts and rules that barely matter', () => {
    const verdicts = verdictsFor(
      [
        { name: 'Cold', min: null, score: 10, leads: 1000, conversions: 40 },
        { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 200, conversions: 124 },
      ],
      [
        { name: 'Careers page', points: 10, matches: (band) => band === 'Cold' },
        { name: 'Student email', points: -20, matches: (band) => band === 'Hot' },
        { name: 'Newsletter', points: 5, matches: () => true },
        { name: 'Retired', points: 5, enabled: false, matches: () => true },
      ],
    );
    // Overall 164/1,200 = 13.7% → "14%".
    expect(verdicts).toContain(
      '"Careers page" gives +10 points, but its leads convert at 4%, below the 14% overall: the data contradicts it; revise or remove it.',
    );
    expect(verdicts).toContain(
      '"Student email" takes 20 points off, but its leads convert at 62%, above the 14% overall: the data contradicts it; revise or remove it.',
    );
    expect(verdicts).toContain(
      '1 rule barely changes the odds of converting (lift between 0.67 and 1.5): "Newsletter".',
    );
  });

  it('reports sales-ready coverage against the common aim only when outside it', () => {
    const within = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 150, conversions: 10 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 20 },
    ]);
    // Hot holds 50/200 = 25% of leads and 20/30 = 67% of conversions.
    expect(within).toContain('Sales-ready bands (Hot) flag 25% of leads and catch 67% of conversions.');
    const tooMany = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 100, conversions: 20 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 100, conversions: 10 },
    ]);
    expect(tooMany).toContain(
      'Sales-ready bands (Hot) flag 50% of leads and catch 33% of conversions (a common aim is 15–35% of leads and at least 60% of conversions).',
    );
  });

  it('ends with the gains line', () => {
    // 100 leads scored 100 down to 1: the top 20 (scores 81–100) all converted, plus every score
    // divisible by 4 from 80 down (20 more) → the top 20% hold 20 of 40 conversions.
    const leads: CalibrationLead[] = Array.from({ length: 100 }, (_, index) => {
      const score = 100 - index;
      return { score, band: score >= 51 ? 1 : 0, converted: score > 80 || score % 4 === 0, matches: [] };
    });
    const report = calibrate({
      bands: [
        { name: 'Cold', min: null, salesReady: false },
        { name: 'Hot', min: 51, salesReady: true },
      ],
      rules: [],
      leads,
    });
    expect(report.verdicts.at(-1)).toBe('The top 20% of leads by score hold 50% of conversions.');
  });

  it('says so when the bands put every lead in one band, or a band is empty', () => {
    const verdicts = verdictsFor([
      { name: 'Cold', min: null, score: 10, leads: 100, conversions: 50 },
      { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 0, conversions: 0 },
    ]);
    expect(verdicts[0]).toBe('All leads fall in Cold: the bands separate nothing; adjust their thresholds.');
    expect(verdicts).toContain('No lead falls in Hot.');
  });

  it('stops at a single sentence when outcomes cannot be judged', () => {
    const bands = (conversions: number, leads: number): BandSpec[] => [
      { name: 'Cold', min: null, score: 10, leads, conversions },
    ];
    expect(verdictsFor(bands(0, 0))).toEqual(['No leads with a known outcome yet: nothing to calibrate.']);
    expect(verdictsFor(bands(0, 1500))).toEqual([
      'None of the 1,500 leads has converted yet: the score cannot be checked against outcomes.',
    ]);
    expect(verdictsFor(bands(40, 40))).toEqual([
      'All 40 leads converted: there is nothing for the score to separate.',
    ]);
  });
});

describe('aucVerdict', () => {
  it('grades ranking quality at 0.8, 0.7 and 0.6', () => {
    expect(aucVerdict(0.8)).toMatch(/^AUC 0.80: the score ranks leads strongly/);
    expect(aucVerdict(0.79)).toMatch(/^AUC 0.79: the score ranks leads usefully/);
    expect(aucVerdict(0.7)).toMatch(/usefully/);
    expect(aucVerdict(0.65)).toMatch(/^AUC 0.65: the score ranks leads only weakly/);
    expect(aucVerdict(0.6)).toMatch(/only weakly/);
    expect(aucVerdict(0.59)).toMatch(/barely better than chance/);
  });
});

describe('isThinBand', () => {
  const band = (leads: number, conversions: number) =>
    calibrate(buildInput([{ name: 'B', min: null, score: 1, leads, conversions }])).bands[0]!;

  it('needs fewer than 10 conversions and an interval wider than 5 points', () => {
    expect(isThinBand(band(12, 4))).toBe(true);
    expect(isThinBand(band(30, 10))).toBe(false);
    expect(isThinBand(band(1000, 0))).toBe(false);
    expect(isThinBand(band(0, 0))).toBe(false);
  });
});
