// Interactions: a pair rule (`when: {all: [a, b]}`) is kept only when the two conditions together say more
// than each alone (cross-validated AUC on the fitting leads), and its name says both parts.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/calibration';
import { suggestModel } from '../../../src/core/suggest';
import { parseModel } from '../../../src/core/validate';
import { generateLeads } from './generate';

/** Enterprise leads that asked for a demo convert far more; either alone does nothing, so without the pair
 *  rule a lead with only one of them ranks above a Partner lead, which converts more. */
function leadsWithInteraction(count: number, seed: number) {
  const random = mulberry32(seed);
  const headers = ['Segment', 'Demo', 'Channel', 'Converted'];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const enterprise = random() < 0.35;
    const demo = random() < 0.35;
    const channel = ['Ads', 'Web', 'Partner'][Math.floor(random() * 3)]!;
    const logit = -2 + 1 * Number(channel === 'Partner') + 2.5 * Number(enterprise && demo);
    const converted = random() < 1 / (1 + Math.exp(-logit));
    rows.push([enterprise ? 'Enterprise' : 'SMB', demo ? 'Yes' : 'No', channel, converted ? 'yes' : 'no']);
  }
  return { headers, rows };
}

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };

describe('interactions', () => {
  it('keeps a pair rule that raises the AUC, named for both parts, within 25 rules', () => {
    const data = leadsWithInteraction(6000, 3);
    const result = suggestModel(data.headers, data.rows, { outcome });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const pair = result.model.rules.find((r) => r.when !== undefined);
    expect(pair?.name).toMatch(/Segment is Enterprise and Demo is Yes|Demo is Yes and Segment is Enterprise/);
    expect(JSON.stringify(pair?.when)).toContain('Enterprise');
    expect(pair!.points).toBeGreaterThan(10);
    expect(result.model.rules.length).toBeLessThanOrEqual(25);
    expect(parseModel(result.model).ok).toBe(true);
  });

  it('keeps no pair where the effects simply add up', () => {
    const data = generateLeads(6000);
    const result = suggestModel(data.headers, data.rows, { outcome, seed: 1 });
    if (!result.ok) throw new Error('refused');
    expect(result.model.rules.filter((r) => r.when !== undefined)).toEqual([]);
    const dropped = result.evaluation.rules.filter((r) => r.name.includes(' and ') && r.status === 'dropped');
    expect(dropped.length).toBeGreaterThan(0);
  });
});
