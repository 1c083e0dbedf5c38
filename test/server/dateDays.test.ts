// Date cells become the calendar day Sheets shows in the spreadsheet's time zone. Each Apps Script service
// call is costly, so the add-on asks Utilities.formatDate for the zone's offset per distinct day rather than
// per date-time: the same days, whatever the times and however many rows, cost the same calls.
import { afterEach, describe, expect, it } from 'vitest';
import { formatSimpleDate } from '../../src/emulation/date-format';
import { dateFormatter } from '../../src/server/spreadsheet';
import { addonWithStarter } from '../support/addon';

const scope = globalThis as { Utilities?: unknown };
let calls = 0;

function useUtilities(): void {
  calls = 0;
  scope.Utilities = {
    formatDate(date: Date, timeZone: string, pattern: string) {
      calls += 1;
      return formatSimpleDate(date, timeZone, pattern);
    },
  };
}

afterEach(() => {
  delete scope.Utilities;
});

const ZONES = [
  'Etc/UTC',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
];

describe('the calendar day of a Date cell', () => {
  it('is the day Utilities.formatDate gives, every 67 minutes (and a few seconds) across two years of DST changes', () => {
    useUtilities();
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    for (const zone of ZONES) {
      const toIso = dateFormatter(zone);
      for (let ms = start; ms < end; ms += 67 * 60_000 + 13_000) {
        const date = new Date(ms);
        const expected = formatSimpleDate(date, zone, 'yyyy-MM-dd');
        if (toIso(date) !== expected)
          throw new Error(`${zone} ${date.toISOString()}: ${toIso(date)} ≠ ${expected}`);
      }
    }
  });

  it('costs calls per distinct day, not per date-time', () => {
    useUtilities();
    const toIso = dateFormatter('America/Los_Angeles');
    const days = 30;
    for (let i = 0; i < 10_000; i += 1) {
      const day = Date.UTC(2026, 5, 1) + (i % days) * 86_400_000;
      toIso(new Date(day + ((i * 7919) % 86_400) * 1000));
    }
    expect(calls).toBeLessThanOrEqual(days + 2);
  });
});

describe('a LEADSCORE call', () => {
  /** Utilities.formatDate calls of one =LEADSCORE over `rows` sample leads whose dates carry a time of day. */
  function formatDateCalls(rows: number): number {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.getSheetByName('Sample leads');
    if (!leads) throw new Error('no sample leads');
    const header = leads.getRange(1, 1, 1, leads.getLastColumn()).getValues()[0] ?? [];
    const dateColumn = header.indexOf('Last activity') + 1;
    const width = header.indexOf('') === -1 ? header.length : header.indexOf('');
    const data = leads.getRange(2, 1, 200, width).getValues();
    const grid = Array.from({ length: rows }, (_, i) => {
      const row = [...(data[i % data.length] ?? [])];
      const day = Date.UTC(2026, 10, 1) + (i % 20) * 86_400_000;
      row[dateColumn - 1] = new Date(day + ((i * 7919) % 86_400) * 1000);
      return row;
    });
    const sheet = emulator.spreadsheet.insertSheet('Timed');
    sheet.insertRowsAfter(sheet.getMaxRows(), rows);
    sheet.getRange(1, 1, 1, width).setValues([header.slice(0, width)]);
    sheet.getRange(2, 1, rows, width).setValues(grid);
    sheet
      .getRange(1, width + 2)
      .setFormula(`=LEADSCORE(A1:${String.fromCharCode(64 + width)}${rows + 1}, LeadModel)`);
    emulator.resetCalls();
    emulator.recalculate();
    expect(typeof sheet.getRange(3, width + 2).getValue()).toBe('number');
    return emulator.calls.filter((c) => c === 'Utilities.formatDate').length;
  }

  it('asks for the time zone a number of times that does not grow with the rows', () => {
    const few = formatDateCalls(200);
    expect(few).toBeLessThanOrEqual(25);
    expect(formatDateCalls(1000)).toBe(few);
  });
});
