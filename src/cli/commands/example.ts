// `leadscore example`: the starter model and the sample leads the add-on inserts, as files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { utcDayOfDate } from '../../core/cells';
import { sampleLeads } from '../../core/sampleLeads';
import { starterModel } from '../../core/starterModel';

export function writeExample(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const modelPath = join(dir, 'starter-model.json');
  const leadsPath = join(dir, 'sample-leads.csv');
  writeFileSync(modelPath, `${JSON.stringify(starterModel(), null, 2)}\n`);
  writeFileSync(leadsPath, stringify(sampleLeads({ today: utcDayOfDate(new Date()) })));
  return `Wrote ${modelPath} and ${leadsPath} (200 leads, dates relative to today).\n`;
}
