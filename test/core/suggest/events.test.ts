import { describe, expect, it } from 'vitest';
import { auc } from '../../../src/core/calibration';
import { parseIsoDay, utcDayOfDate } from '../../../src/core/cells';
import { compileModel } from '../../../src/core/engine';
import {
  detectActivityMapping,
  placeholderSet,
  profileEvents,
  suggestModel,
} from '../../../src/core/suggest';
import { parseModel } from '../../../src/core/validate';
import { EVENTS_AS_OF, generateEventLeads } from './generateEvents';

const outcome = { column: 'Converted', positive: ['Yes'], negative: ['No'] };

describe('Suggest with the activity log', () => {
  const train = generateEventLeads(4000, 11);
  const test = generateEventLeads(3000, 12);
  const withLog = suggestModel(train.headers, train.rows, {
    outcome,
    activities: train.activities,
    asOf: EVENTS_AS_OF,
    seed: 1,
  });
  const withoutLog = suggestModel(train.headers, train.rows, { outcome, asOf: EVENTS_AS_OF, seed: 1 });
  if (!withLog.ok) throw new Error(withLog.problems.map((p) => p.message).join('\n'));
  if (!withoutLog.ok) throw new Error(withoutLog.problems.map((p) => p.message).join('\n'));

  /** AUC on fresh leads the fit never saw, scored by the engine as the add-on scores them. */
  const freshAuc = (model: typeof withLog.model) => {
    const compiled = compileModel(model, test.headers, { asOf: EVENTS_AS_OF, activities: test.activities });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
    return auc(
      test.rows.map((row) => compiled.compiled.scoreValue(row)),
      test.rows.map((row) => row[3] === 'Yes'),
    )!;
  };
  const truthAuc = auc(
    test.logits,
    test.rows.map((row) => row[3] === 'Yes'),
  )!;
  const logAuc = freshAuc(withLog.model);
  const columnsAuc = freshAuc(withoutLog.model);

  it('finds event rules and comes within 0.03 AUC of the generating model, clearly above the fit without the log', () => {
    console.log(
      `held-out AUC: generating model ${truthAuc.toFixed(3)}, suggested with the log ${logAuc.toFixed(3)}, ` +
        `without the log ${columnsAuc.toFixed(3)}; rules: ${withLog.model.rules.map((r) => `${r.name} ${r.points}`).join('; ')}`,
    );
    expect(withLog.model.rules.some((r) => r.event !== undefined)).toBe(true);
    expect(truthAuc - logAuc).toBeLessThan(0.03);
    expect(logAuc - columnsAuc).toBeGreaterThan(0.1);
    expect(withLog.model.rules.length).toBeLessThanOrEqual(25);
  });

  it('writes a valid v2 model whose activities mapping was detected from the headers', () => {
    expect(parseModel(withLog.model).ok).toBe(true);
    expect(withLog.model.activities).toEqual({
      leadKey: 'Lead',
      activityKey: 'Lead',
      typeColumn: 'Activity',
      dateColumn: 'Date',
    });
    // The pricing visits are found through a `where` on the log's Page column.
    const pricing = withLog.model.rules.filter((r) => r.where !== undefined);
    expect(pricing.length).toBeGreaterThan(0);
    expect(JSON.stringify(pricing[0]!.where)).toContain('/pricing');
    // Event rules are engagement.
    const group = withLog.model.groups.find((g) => g.name === pricing[0]!.group);
    expect(group?.kind).toBe('engagement');
  });

  it('flags an event type that almost only converted leads have, and keeps it when asked', () => {
    const leaky = generateEventLeads(3000, 13, { invoiceLeak: true });
    const result = suggestModel(leaky.headers, leaky.rows, {
      outcome,
      activities: leaky.activities,
      asOf: EVENTS_AS_OF,
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const finding = result.evaluation.leakage.find((f) => f.column === 'Invoice sent');
    expect(finding?.kept).toBe(false);
    expect(result.model.rules.some((r) => r.event === 'Invoice sent')).toBe(false);
    const kept = suggestModel(leaky.headers, leaky.rows, {
      outcome,
      activities: leaky.activities,
      asOf: EVENTS_AS_OF,
      keepLeaky: ['Invoice sent'],
    });
    if (!kept.ok) throw new Error('kept');
    expect(kept.model.rules.some((r) => r.event === 'Invoice sent')).toBe(true);
  });

  it('says which part of the mapping it cannot find', () => {
    const detected = detectActivityMapping(['Email', 'Size'], ['Who', 'What happened', 'When']);
    expect(detected.ok).toBe(false);
    if (!detected.ok) {
      expect(detected.message).toContain('type column');
      expect(detected.message).toContain('"What happened"');
    }
    const found = detectActivityMapping(['Email', 'Size'], ['email', 'Event type', 'Timestamp']);
    expect(found).toEqual({
      ok: true,
      activities: {
        leadKey: 'email',
        activityKey: 'email',
        typeColumn: 'Event type',
        dateColumn: 'Timestamp',
      },
    });
  });

  it('counts each lead as of its own day: events after it do not count', () => {
    const read = profileEvents({
      activities: { leadKey: 'Lead', activityKey: 'Lead', typeColumn: 'Activity', dateColumn: 'Date' },
      table: {
        headers: ['Lead', 'Activity', 'Date'],
        rows: [
          ['a', 'Demo', '2026-01-10'],
          ['a', ' demo ', '2026-03-01'],
          ['b', 'Demo', '2026-01-10'],
        ],
      },
      leadHeaders: ['Lead', 'Decided on'],
      leads: [
        ['a', '2026-02-01'],
        ['b', ''],
      ],
      asOfDayOf: (lead) => parseIsoDay(String(lead[1])) ?? parseIsoDay('2026-06-30')!,
      dayOfDate: utcDayOfDate,
      placeholders: placeholderSet(),
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.profile.types.map((t) => t.name)).toEqual(['Demo']);
    expect(read.profile.ages[0]![0]!.map((e) => e.age)).toEqual([22]);
    expect(read.profile.ages[0]![1]!.map((e) => e.age)).toEqual([171]);
  });
});
