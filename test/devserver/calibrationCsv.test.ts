// "Download this sheet as CSV" on the Calibration sheet, checked on the bytes the page serves: a negative
// rate (the Compare section's "Change", e.g. -11.0%) is a number, not a formula, so it is written as the
// spreadsheet shows it, with no apostrophe in front; text that starts like a formula (a rule named
// "-cmd|calc") still gets one, so the file stays safe to open in a spreadsheet.
import { parse } from 'csv-parse/sync';
import { afterEach, expect, it } from 'vitest';
import { startsLikeFormula } from '../../src/core/export/csvSafety';
import type { Model } from '../../src/core/model';
import { type DevServer, startDevServer } from '../../src/devserver/server';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { DIST_DIR } from '../support/paths';

let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('exports the Calibration sheet with negative percentages as numbers and formula-like names neutralised', async () => {
  server = await startDevServer({
    distDir: DIST_DIR,
    seed: (emulator) => emulator.run('insertStarterModel', [], 'FULL'),
  });
  const emulator = server.emulator;
  const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
  const model = structuredClone(state.model) as Model;
  // A second version that flags more leads: its precision falls, so Compare shows negative changes.
  const firstRule = model.rules[0]!;
  firstRule.name = '-cmd|calc';
  firstRule.points = 40;
  const salesBand = model.bands[2]!;
  salesBand.min = (salesBand.min ?? 0) - 10;
  const saved = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
  if (!saved.ok) throw new Error(saved.message);
  emulator.run('buildCalibrationSheet', [{}], 'FULL');

  const response = await fetch(`${server.url}/export?sheet=Calibration`);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes.toString('utf8'), { bom: true, relax_column_count: true }) as string[][];
  const cells = rows.flat();
  const negativePercents = cells.filter((cell) => /^-\d+(\.\d+)?%$/.test(cell));
  expect(negativePercents.length).toBeGreaterThan(0);
  expect(cells.filter((cell) => /^'-?\d/.test(cell))).toEqual([]);
  const precision = rows.find((row) => row[0] === 'Precision at the sales-ready cut-off');
  expect(precision?.[3]).toMatch(/^-\d+\.\d%$/);
  expect(cells).toContain("'-cmd|calc");
  for (const cell of cells) expect(startsLikeFormula(cell), cell).toBe(false);
});
