// leadColumnIndices: the cells a model reads. A row cut down to them (every other cell blank) scores as
// the whole row does, so the CLI may read only those cells of a large file.
import { describe, expect, it } from 'vitest';
import { utcDayOfDate } from '../../src/core/cells';
import { compileModel, leadColumnIndices } from '../../src/core/engine';
import { sampleActivities, sampleLeadsV2 } from '../../src/core/sampleLeads';
import { starterModel, starterModelV2 } from '../../src/core/starterModel';

const today = utcDayOfDate(new Date('2026-06-30'));

describe('leadColumnIndices', () => {
  it.each([
    ['the starter', starterModel()],
    [
      'the v2 starter, each lead as of its day',
      { ...starterModelV2(), settings: { ...starterModelV2().settings, asOfColumn: 'Last email sent' } },
    ],
  ])('%s scores a row cut down to them as the whole row', (_, model) => {
    const [headers = [], ...rows] = sampleLeadsV2({ count: 500, today });
    // A second header of a read name: the first is the one read.
    const wideHeaders = [...headers, 'Notes', String(headers[1])];
    const activities = sampleActivities(sampleLeadsV2({ count: 500, today }), { today });
    const compiled = compileModel(model, wideHeaders, {
      asOf: '2026-06-30',
      timeZone: 'UTC',
      activities: { headers: activities[0]!, rows: activities.slice(1) },
    });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
    const read = leadColumnIndices(model, wideHeaders);
    expect(read.length).toBeLessThan(headers.length);
    expect(read).not.toContain(wideHeaders.length - 1);
    for (const row of rows) {
      const wide = [...row, 'note', '999999'];
      const cut = wide.map((cell, index) => (read.includes(index) ? cell : ''));
      expect(compiled.compiled.score(cut)).toEqual(compiled.compiled.score(wide));
    }
  });
});
