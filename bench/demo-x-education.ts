// Demo: calibrates docs/examples/x-education-model.json on the public X Education leads, when the data
// set is beside the project (../shared/data); skips cleanly when it is not. Run: npm run demo
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const data = process.env.X_EDUCATION_CSV ?? join(root, '..', 'shared', 'data', 'x-education-leads.csv');
if (!existsSync(data)) {
  console.log(`Skipped: ${data} is absent (set X_EDUCATION_CSV to its path).`);
  process.exit(0);
}
const model = join(root, 'docs', 'examples', 'x-education-model.json');
const cli = join(root, 'dist-cli', 'leadscore.mjs');
const run = spawnSync(
  process.execPath,
  [cli, 'calibrate', '--model', model, '--input', data, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
