// What the local page asks of the spreadsheet, without a browser: a refused import loses nothing and says where
// the file breaks; a download is safe to open in a spreadsheet.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Workbench } from '../../src/devserver/workbench';
import { addonWithStarter } from '../support/addon';

describe('the local page’s workbench', () => {
  it('refuses a broken CSV naming the file and line, and adds no sheet', () => {
    const workbench = new Workbench(addonWithStarter());
    const sheets = workbench.state().sheets.map((s) => s.name);
    const reply = workbench.importCsv('leads.csv', 'Lead,Notes\nAna,"unfinished\nBo,ok\n');
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/^leads\.csv: .*line/);
    expect(workbench.state().sheets.map((s) => s.name)).toEqual(sheets);
  });

  it('imports text exactly (formula-like cells, apostrophes) and downloads it neutralised', () => {
    const emulator = addonWithStarter();
    const workbench = new Workbench(emulator);
    const texts = ['=1+1', "'Tis", '@SUM(A1)', '-5', 'plain'];
    const csv = ['Lead,Notes', ...texts.map((t, i) => `L${i},"${t}"`)].join('\n');
    const reply = workbench.importCsv('notes.csv', csv);
    expect(reply.ok && reply.value).toEqual({ sheet: 'notes', leads: 5, columns: 2 });
    const sheet = emulator.spreadsheet.getSheetByName('notes')!;
    expect(sheet.getRange(2, 2, 5, 1).getValues().flat()).toEqual(['=1+1', "'Tis", '@SUM(A1)', -5, 'plain']);
    expect(sheet.getRange(2, 2, 5, 1).getFormulas().flat()).toEqual(['', '', '', '', '']);

    const exported = workbench.exportCsv('notes');
    const rows = parse(exported.ok ? exported.value.csv : '') as string[][];
    expect(rows.slice(1).map((row) => row[1])).toEqual(["'=1+1", "'Tis", "'@SUM(A1)", '-5', 'plain']);
  });
});

describe('the local page’s drawing of text', () => {
  it('marks a cell whose wrap is set, and only that one', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads')!;
    sheet.getRange('B2').setWrap(true);
    const drawn = new Workbench(emulator).window('Sample leads', 1);
    if (!drawn.ok) throw new Error(drawn.error);
    const row2 = drawn.value.grid.find((r) => r.row === 2)!;
    expect(row2.cells[1]?.wrap).toBe(true);
    expect(row2.cells.filter((c) => c.wrap).length).toBe(1);
  });
});
