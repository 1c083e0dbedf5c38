// `leadscore example`: the starter model and the sample leads the add-on inserts, as files.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { utcDayOfDate } from '../../core/cells';
import { sampleLeads } from '../../core/sampleLeads';
import { starterModel } from '../../core/starterModel';
import { UsageError } from '../errors';
import { describeWriteError, writeFileSafely } from '../outputFile';

export function writeExample(dir: string): string {
  makeFolder(dir);
  const modelPath = join(dir, 'starter-model.json');
  const leadsPath = join(dir, 'sample-leads.csv');
  writeFileSafely(modelPath, `${JSON.stringify(starterModel(), null, 2)}\n`);
  writeFileSafely(leadsPath, stringify(sampleLeads({ today: utcDayOfDate(new Date()) })));
  return `Wrote ${modelPath} and ${leadsPath} (200 leads, dates relative to today).\n`;
}

/**
 * The folder and any missing parents, one level at a time: Node's recursive mkdir loops for ever where a
 * level cannot be made but does not say so (e.g. under /proc).
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new UsageError([`--dir ${dir}: ${at} is a file, not a folder`]);
      break;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new UsageError([`--dir ${dir}: cannot use ${at} (${describeWriteError(error)})`]);
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // ENOENT although the parent exists: a file system that takes no new folders (/proc, /sys).
      const why = code === 'ENOENT' ? `${dirname(folder)} takes no new folders` : describeWriteError(error);
      throw new UsageError([`--dir ${dir}: cannot create the folder ${folder} (${why})`]);
    }
  }
}
