// Reasons say when a group cap cut a rule (issue 16 item 10), the same way in LEADREASONS, LEADEXPLAIN,
// Score this sheet and the local page's scored CSV. The built add-on in the emulation, on the simple
// starter's sample leads (its groups are capped at 40, 60 and 20 points).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Workbench } from '../../src/devserver/workbench';
import { addonWithStarter } from '../support/addon';

const NOTE = / \(its group capped to \d+\)/;

describe('group caps in the reasons', () => {
  it('says so in every place that shows reasons, and LEADEXPLAIN gives the group’s total', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads')!;
    const reasons = (sheet.getRange('P2:P201').getValues() as unknown[][]).map((row) => String(row[0]));
    const row = reasons.findIndex((text) => NOTE.test(text)) + 2;
    expect(row).toBeGreaterThan(1); // some sample lead goes over a cap
    const text = reasons[row - 2]!;

    // LEADEXPLAIN on that lead: the capped rules' lines name their group's total and cap.
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 3);
    sheet.getRange('S1').setFormula(`=LEADEXPLAIN(A${row}:M${row}, LeadModel)`);
    emulator.recalculate();
    const lines = sheet.getRange('S2:U22').getValues() as unknown[][];
    const capped = lines.filter((line) =>
      /; its group totals \+\d+(\.\d+)?, capped to \d+$/.test(String(line[2])),
    );
    expect(capped.length).toBeGreaterThan(0);
    for (const [rule, points] of capped) expect(text).toContain(`${rule} +${points} (its group capped to`);

    // Score this sheet writes the same text; the local page's scored CSV too.
    emulator.run('scoreThisSheet', [], 'FULL');
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[];
    const written = sheet.getRange(row, headers.indexOf('Reasons') + 1).getValue();
    expect(written).toBe(text);
    const csv = new Workbench(emulator).scoredCsv('Sample leads');
    if (!csv.ok) throw new Error(csv.error);
    const records = parse(csv.value.csv) as string[][];
    const column = records[0]!.lastIndexOf('Reasons');
    expect(records[row - 1]![column]).toBe(text);
  });
});
