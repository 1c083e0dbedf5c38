// Runs the built CLI's `score` on one case of scoreSameBytes.cases.ts; the output's SHA-256 and length.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utcDayOfDate } from '../../src/core/cells';
import { sampleActivities, sampleLeadsV2 } from '../../src/core/sampleLeads';
import { starterModel, starterModelV2 } from '../../src/core/starterModel';
import { messyLeadsCsv } from '../support/messyLeads';
import { CLI_PATH } from '../support/paths';
import type { SameBytesCase } from './scoreSameBytes.cases';

export function scoreMessy(testCase: SameBytesCase, env: Record<string, string>, cli = CLI_PATH) {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-same-'));
  try {
    const model = testCase.activities ? starterModelV2() : starterModel();
    model.settings = { ...model.settings, asOf: '2026-06-30' };
    if (testCase.activities === 'as of each lead') model.settings.asOfColumn = 'Last email sent';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    const text = messyLeadsCsv(testCase.input);
    writeFileSync(
      join(dir, 'leads.csv'),
      testCase.utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text,
    );
    const output = join(dir, 'scored.csv');
    const args = ['score', '--model', join(dir, 'model.json'), '--input', join(dir, 'leads.csv')];
    if (testCase.activities) {
      const today = utcDayOfDate(new Date('2026-06-30'));
      const leads = sampleLeadsV2({ count: testCase.input.rows, today });
      const log = sampleActivities(leads, { today });
      // A few odd keys: padded, upper case, blank, a key no lead has.
      const rows = log.map((row, index) =>
        index === 0
          ? row
          : index % 97 === 0
            ? [` ${String(row[0]).toUpperCase()} `, ...row.slice(1)]
            : index % 89 === 0
              ? ['', ...row.slice(1)]
              : index % 83 === 0
                ? ['Nobody', ...row.slice(1)]
                : row,
      );
      writeFileSync(
        join(dir, 'activities.csv'),
        rows.map((row) => row.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(',')).join('\n'),
      );
      args.push('--activities', join(dir, 'activities.csv'));
    }
    if (testCase.toFile) args.push('--output', output);
    const run = spawnSync(process.execPath, [cli, ...args, ...testCase.flags], {
      env: { ...process.env, ...env },
      maxBuffer: 1e9,
    });
    if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
    const bytes = testCase.toFile ? readFileSync(output) : run.stdout;
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      stderr: run.stderr.toString().split(dir).join('<dir>'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
