// The workers write each lead's Score, Band, Grade (Cell) and Reasons as bytes (scoreTail.ts): the same
// bytes as the text RowScorer writes, for rule and band names that must be quoted, neutralised or are not
// ASCII, reasons cut by a group's cap, a manual override, a Cell column, and with --no-sanitize.
import { describe, expect, it } from 'vitest';
import { RowScorer } from '../../src/cli/scoreRows';
import { TailWriter } from '../../src/cli/scoreTail';
import { utcDayOfDate } from '../../src/core/cells';
import type { Model } from '../../src/core/model';
import { sampleLeadsV2 } from '../../src/core/sampleLeads';
import { starterModel } from '../../src/core/starterModel';

const ODD_NAMES = ['=Danger', 'Quote "x"', 'Comma, rule', '-minus', '@at', 'Zoë 日本 🚀', '+1', 'Tab\tname'];

function oddModel(): Model {
  const model = starterModel();
  model.settings = { ...model.settings, asOf: '2026-06-30', overrideColumn: 'Manual score' };
  model.rules = model.rules.map((rule, index) => ({
    ...rule,
    name: `${ODD_NAMES[index % ODD_NAMES.length]} ${index}`,
  }));
  model.rules[0] = { ...model.rules[0]!, name: '=SUM(A1)', points: 40 };
  model.bands = model.bands.map((band, index) => ({
    ...band,
    name: ['=Cold', 'Warm, ok', 'Hot "!"', 'Très'][index]!,
  }));
  model.engagementLevels = [
    { name: 'Low', min: null },
    { name: '-High', min: 20 },
  ];
  return model;
}

describe.each([
  ['sanitised', true],
  ['not sanitised', false],
])('the tail bytes, %s', (_, sanitize) => {
  const model = oddModel();
  const rows = sampleLeadsV2({ count: 400, today: utcDayOfDate(new Date('2026-06-30')) });
  const headers = rows[0]!.map(String);
  const create = () => {
    const created = RowScorer.create({ model, headers, delimiter: ',', sanitize });
    if (!created.ok) throw new Error(created.problems.map((p) => p.message).join('\n'));
    return created.scorer;
  };

  it('are the UTF-8 of the text tail, lead by lead', () => {
    const text = create();
    const bytes = create();
    const writer = new TailWriter(bytes);
    const out = new Uint8Array(1 << 16);
    const seen = { capped: 0, override: 0, neutralised: 0, quoted: 0, doubled: 0 };
    for (const [index, row] of rows.slice(1).entries()) {
      const cells = row.map((cell) => String(cell));
      if (index % 50 === 7) cells[headers.indexOf('Manual score')] = '75';
      const blank = index % 97 === 5;
      const expected = text.tail(cells, blank);
      const result = bytes.result(cells, blank);
      expect(writer.bound(result)).toBeGreaterThanOrEqual(Buffer.byteLength(expected));
      const end = writer.write(result, out, 0);
      expect(Buffer.from(out.subarray(0, end)).toString()).toBe(expected);
      if (result?.reasons.some((reason) => reason.groupCap !== undefined)) seen.capped++;
      if (result?.modelScore !== undefined) seen.override++;
      if (expected.includes(`,"'=SUM`) || expected.includes(",'=SUM")) seen.neutralised++;
      if (expected.endsWith('"\n')) seen.quoted++;
      if (expected.includes('Quote ""x""')) seen.doubled++;
    }
    expect(seen.capped).toBeGreaterThan(0);
    expect(seen.override).toBeGreaterThan(0);
    expect(seen.quoted).toBeGreaterThan(0);
    expect(seen.doubled).toBeGreaterThan(0);
    if (sanitize) expect(seen.neutralised).toBeGreaterThan(0);
  });
});
