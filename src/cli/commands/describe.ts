// `leadscore describe`: what each column of a CSV holds (type, blanks, values with counts, range): what a
// user needs to write rules by hand.
import type { Command } from 'commander';
import { countText, percent } from '../../core/calibration/format';
import { describeColumns } from '../../core/suggest';
import { checkDelimiter, checkEncoding } from '../csvInput';
import { readCsvFile } from '../csvTable';
import { UsageError } from '../errors';
import { textTable } from '../textTable';
import { delimiterOption, encodingOption } from './suggest';

export function registerDescribe(
  program: Command,
  write: (text: string) => void,
  note: (text: string) => void,
): void {
  program
    .command('describe')
    .description(
      'Lists each column of a CSV: its type, blanks, most frequent values with counts, numeric range.',
    )
    .requiredOption('--input <file>', 'the leads, as CSV with a header row')
    .option('--top <n>', 'how many values to list per column', '10')
    .option('--placeholders <values>', 'texts counted as blank (default: Select, n/a, -, …)')
    .option('--json', 'print the description as JSON')
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action((options: DescribeOptions) => {
      write(describeTable({ ...options, onNote: note }));
    });
}

interface DescribeOptions {
  input: string;
  top: string;
  placeholders?: string;
  json?: boolean;
  delimiter?: string;
  encoding?: string;
  onNote?: (note: string) => void;
}

export function describeTable(options: DescribeOptions): string {
  const top = Number(options.top);
  if (!(Number.isInteger(top) && top >= 0)) {
    throw new UsageError([`--top must be a whole number, got "${options.top}"`]);
  }
  const table = readCsvFile(options.input, {
    delimiter: checkDelimiter(options.delimiter),
    encoding: checkEncoding(options.encoding),
    onNote: options.onNote,
  });
  const placeholders = options.placeholders
    ?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const profiles = describeColumns(table.headers, table.rows, { top, placeholders });
  if (options.json) return `${JSON.stringify({ rows: table.rows.length, columns: profiles }, null, 2)}\n`;
  const lines = [`${options.input}: ${countText(table.rows.length)} rows, ${profiles.length} columns`, ''];
  lines.push(
    textTable(
      ['Column', 'Type', 'Blank', 'Distinct', 'Range', 'Note'],
      profiles.map((p) => [
        p.name,
        p.type,
        p.rows === 0 ? '0' : `${countText(p.blanks)} (${percent(p.blanks / p.rows)})`,
        countText(p.distinct),
        p.type === 'number' ? `${p.min} to ${p.max}` : p.type === 'date' ? `${p.from} to ${p.to}` : '',
        [
          p.identifier ? 'identifier' : '',
          p.placeholders > 0 ? `${countText(p.placeholders)} placeholders` : '',
        ]
          .filter(Boolean)
          .join(', '),
      ]),
    ),
  );
  if (top > 0) {
    for (const p of profiles) {
      if (p.values.length === 0 || p.identifier) continue;
      const more = p.distinct > p.values.length;
      lines.push(
        '',
        `${p.name} (${p.type})${more ? `: top ${p.values.length} of ${countText(p.distinct)} values` : ''}`,
      );
      lines.push(
        textTable(
          ['Value', 'Leads'],
          p.values.map((v) => [v.value, countText(v.count)]),
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
