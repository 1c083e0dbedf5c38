// "Download scored CSV" in the local page: the active sheet's columns plus Score, Band, Grade and Reasons,
// scored by the core engine, and safe to open in a spreadsheet — checked on the bytes the page downloads.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { utcDayOfDate } from '../../src/core/cells';
import { startsLikeFormula } from '../../src/core/export/csvSafety';
import type { Model } from '../../src/core/model';
import { sampleLeads } from '../../src/core/sampleLeads';
import { type DevServer, startDevServer } from '../../src/devserver/server';
import { Workbench } from '../../src/devserver/workbench';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, loadBuiltAddon } from '../support/addon';
import { DIST_DIR } from '../support/paths';

const HOSTILE_RULE = '=HYPERLINK("http://x","y")';
let server: DevServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function withHostileModel(emulator: Emulator): void {
  const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
  const model = structuredClone(state.model) as Model;
  const rule = model.rules.find((r) => r.name === 'Visited pricing page');
  if (!rule) throw new Error('starter rule missing');
  rule.name = HOSTILE_RULE;
  const saved = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
  if (!saved.ok) throw new Error(saved.message);
}

/** A sheet of leads with formula-like text, negatives and plain numbers, typed as a user would (text cells as text). */
function hostileLeads(emulator: Emulator): void {
  const sheet = emulator.spreadsheet.insertSheet('Hostile leads');
  const sample = sampleLeads({ count: 3, seed: 5, today: utcDayOfDate(new Date()) });
  const hostile: [string, string, number][] = [
    ['@SUM(1)', 'CEO', -5],
    ['+1+2', '-cmd|calc', -12.5],
    ['=1+1', 'Student', 3],
  ];
  const rows = sample.map((row, r) => {
    const out = row.map(String);
    if (r === 0) return [...out, 'Balance'];
    const [lead, position, balance] = hostile[r - 1]!;
    out[0] = lead;
    out[2] = position;
    if (r === 1) out[sample[0]!.indexOf('Activities')] = 'pricing page';
    return [...out, balance];
  });
  const width = rows[0]?.length ?? 0;
  sheet.getRange(1, 1, rows.length, width).setNumberFormat('@');
  // The numbers' cells Automatic again (a set `0.###############` would show -5 as "-5.", as Sheets does).
  sheet.getRange(2, width, 3, 1).clearFormat();
  sheet
    .getRange(1, 1, rows.length, width)
    .setValues(
      rows.map((row) =>
        row.map((cell) => (typeof cell === 'string' && /^[=']/.test(cell) ? `'${cell}` : cell)),
      ),
    );
  emulator.spreadsheet.activateSheet('Hostile leads');
}

describe('Download scored CSV', () => {
  it('adds Score, Band, Grade and Reasons as the engine scores them, every text cell neutralised, negatives kept as numbers', async () => {
    server = await startDevServer({
      distDir: DIST_DIR,
      seed: (emulator) => emulator.run('insertSimpleStarterModel', [], 'FULL'),
    });
    withHostileModel(server.emulator);
    hostileLeads(server.emulator);
    const response = await fetch(`${server.url}/export-scored?sheet=${encodeURIComponent('Hostile leads')}`);
    if (response.status !== 200) throw new Error(await response.text());
    expect(response.headers.get('content-disposition')).toContain('Hostile%20leads%20scored.csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte-order mark first, so that Excel reads "−" and accents as UTF-8 (once, not per line).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]), 3)).toBe(-1);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(0, 3)).toEqual(['Lead', 'Company size', 'Position']);
    expect(header.slice(-5)).toEqual(['Balance', 'Score', 'Band', 'Grade', 'Reasons']);
    const at = (name: string) => header.indexOf(name);
    // No cell of the file starts like a formula: a spreadsheet opening it runs nothing.
    for (const row of rows) for (const cell of row) expect(startsLikeFormula(cell), cell).toBe(false);
    expect(rows[1]?.[0]).toBe("'@SUM(1)");
    expect(rows[2]?.[0]).toBe("'+1+2");
    expect(rows[2]?.[2]).toBe("'-cmd|calc");
    expect(rows[3]?.[0]).toBe("'=1+1");
    // Negatives stay numbers.
    expect(rows[1]?.[at('Balance')]).toBe('-5');
    expect(rows[2]?.[at('Balance')]).toBe('-12.5');
    // Scores are the engine's numbers; Reasons are text (neutralised where a cell would start like a formula).
    const scores = rows.slice(1).map((row) => row[at('Score')] ?? '');
    for (const score of scores) expect(score).toMatch(/^-?\d+(\.\d+)?$/);
    for (const row of rows.slice(1)) expect(['Cold', 'Warm', 'Hot', 'Very hot']).toContain(row[at('Band')]);
    expect(rows[1]?.[at('Reasons')]).toContain(HOSTILE_RULE);
  });

  it('refuses a sheet without leads, and says why', () => {
    const workbench = new Workbench(addonWithStarter());
    workbench.emulator.spreadsheet.insertSheet('Empty');
    expect(workbench.scoredCsv('Empty')).toEqual({ ok: false, error: '"Empty" has no leads to score' });
    expect(workbench.scoredCsv('Nope')).toEqual({ ok: false, error: 'no sheet "Nope"' });
  });

  it("leaves out last run's Score/Band/Grade/Reasons columns instead of repeating them", () => {
    const emulator = addonWithStarter();
    const workbench = new Workbench(emulator);
    const reply = workbench.scoredCsv('Sample leads');
    if (!reply.ok) throw new Error(reply.error);
    const rows = parse(reply.value.csv) as string[][];
    const header = rows[0] ?? [];
    expect(header.filter((name) => name === 'Score')).toHaveLength(1);
    expect(header.slice(-4)).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    expect(rows).toHaveLength(201);
  });

  it('has no Grade column when the model gives no grades', () => {
    const emulator = addonWithStarter();
    const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
    const model = structuredClone(state.model) as Model;
    delete model.grades;
    const saved = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
    if (!saved.ok) throw new Error(saved.message);
    const reply = new Workbench(emulator).scoredCsv('Sample leads');
    if (!reply.ok) throw new Error(reply.error);
    const rows = parse(reply.value.csv) as string[][];
    expect(rows[0]?.slice(-3)).toEqual(['Score', 'Band', 'Reasons']);
    expect(rows[0]).not.toContain('Grade');
    expect(rows[1]?.at(-3)).toMatch(/^-?\d+(\.\d+)?$/);
    expect(rows.every((row) => row.length === rows[0]?.length)).toBe(true);
  });

  it('scores a model that counts events with the activity log, as the LEAD formulas do', () => {
    const emulator = loadBuiltAddon();
    emulator.run('insertStarterModel', [], 'FULL');
    emulator.recalculate();
    const reply = new Workbench(emulator).scoredCsv('Sample leads');
    if (!reply.ok) throw new Error(reply.error);
    const rows = parse(reply.value.csv) as string[][];
    const header = rows[0] ?? [];
    const leads = emulator.spreadsheet.getSheetByName('Sample leads');
    const formulaScores = leads
      ?.getRange(2, header.indexOf('Score') + 1, 200, 1)
      .getValues()
      .flat();
    expect(rows.slice(1).map((row) => Number(row[header.indexOf('Score')]))).toEqual(formulaScores);
    expect(rows.some((row) => /visits|opens|event/i.test(row[header.indexOf('Reasons')] ?? ''))).toBe(true);
  });
});
