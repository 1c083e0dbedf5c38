// The v2 starter shows v2 at work on the sample leads and the generated sample activities.
import { describe, expect, it } from 'vitest';
import { compileModel, leadColumns } from '../../src/core/engine';
import { sampleActivities, sampleLeads, sampleLeadsV2 } from '../../src/core/sampleLeads';
import { SAMPLE_ACTIVITY_COLUMNS, SAMPLE_COLUMNS_V2, starterModelV2 } from '../../src/core/starterModel';

const today = 20_634; // 2026-06-30
const leads = sampleLeadsV2({ count: 300, today });
const log = sampleActivities(leads, { today });

function scored() {
  const result = compileModel(starterModelV2(), leads[0]!, {
    asOf: '2026-06-30',
    activities: { headers: log[0]!, rows: log.slice(1) },
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return leads.slice(1).map((row) => result.compiled.score(row));
}

describe('the v2 starter on the sample data', () => {
  it('keeps the v1 sample columns exactly and adds its own at the right', () => {
    const v1 = sampleLeads({ count: 300, today });
    expect(leads[0]).toEqual([...SAMPLE_COLUMNS_V2]);
    expect(leads.map((row) => row.slice(0, v1[0]!.length))).toEqual(v1);
    expect(log[0]).toEqual([...SAMPLE_ACTIVITY_COLUMNS]);
    expect(sampleActivities(leads, { today })).toEqual(log);
  });

  it('every v2 addition counts for some lead: tiers, the condition rule, event rules and the override', () => {
    const reasons = new Set(scored().flatMap((score) => score.reasons.map((reason) => reason.rule)));
    for (const rule of [
      'Company size 1,001+',
      'Company size 50–1,000',
      'Company size 10–49',
      'No reply 3 days after an email',
      'Opened 4 emails, clicked none',
      'Pricing page 3+ times in a week',
      'Email opens (30 days)',
      'Email clicks (30 days)',
      'Manual override',
    ]) {
      expect(reasons, rule).toContain(rule);
    }
    const sizes = scored().map((score) =>
      score.reasons.filter((reason) => reason.rule.startsWith('Company size')),
    );
    expect(sizes.every((tiers) => tiers.length <= 1)).toBe(true);
    expect(sizes.flat().map((tier) => tier.points)).toEqual(
      expect.arrayContaining([9, 15, 6]), // levels 3, 5, 2 × weight 3
    );
  });

  it('spreads the leads over every band', () => {
    const bands = new Set(scored().map((score) => score.band));
    expect([...bands].sort()).toEqual(['Cold', 'Hot', 'Very hot', 'Warm']);
  });
});

describe('leadColumns', () => {
  it('lists every leads-table column the v2 starter reads, each once', () => {
    const columns = leadColumns(starterModelV2());
    expect(columns).toEqual(
      expect.arrayContaining([
        'Company size',
        'Last email sent',
        'Replied',
        'Lead',
        'Manual score',
        'Last activity',
      ]),
    );
    expect(new Set(columns).size).toBe(columns.length);
    expect(columns.every((column) => (SAMPLE_COLUMNS_V2 as readonly string[]).includes(column))).toBe(true);
  });
});
