// Wide data: 300 leads × N columns (numbers and categories), the time Suggest takes as columns grow.
import { mulberry32 } from '../src/core/calibration';
import { suggestModel } from '../src/core/suggest';

export function wideLeads(columns: number, leads = 300, seed = 5) {
  const random = mulberry32(seed);
  const headers = [...Array.from({ length: columns }, (_, c) => `Column ${c + 1}`), 'Converted'];
  const rows = Array.from({ length: leads }, () => {
    const cells = Array.from({ length: columns }, (_, c) =>
      c % 2 === 0 ? String(Math.floor(random() * 100)) : ['A', 'B', 'C', 'D'][Math.floor(random() * 4)]!,
    );
    const signal = Number(cells[0]) / 100 + (cells[1] === 'A' ? 0.5 : 0);
    cells.push(random() < 0.2 + 0.4 * signal ? 'yes' : 'no');
    return cells;
  });
  return { headers, rows };
}

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };
if (import.meta.url === `file://${process.argv[1]}`)
  for (const columns of (process.argv[2] ?? '100,200').split(',').map(Number)) {
    const data = wideLeads(columns);
    const started = performance.now();
    const result = suggestModel(data.headers, data.rows, { outcome });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `300 leads × ${columns} columns: ${seconds.toFixed(2)} s, ${result.ok ? result.evaluation.candidates : 'refused'} candidates`,
    );
  }
