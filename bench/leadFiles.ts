// Large lead files for the CLI benchmarks: the v2 sample leads (16 columns) plus a free-text Notes column
// (17), repeated in blocks of 10,000 with distinct lead names, and an activity log keyed by those names.
import { createWriteStream } from 'node:fs';
import { utcDayOfDate } from '../src/core/cells';
import { type SampleCell, sampleActivities, sampleLeadsV2 } from '../src/core/sampleLeads';

const TODAY = utcDayOfDate(new Date('2026-06-30'));
const NOTES = [
  '',
  'Called twice, no answer',
  'Asked for "enterprise" pricing',
  'Met at the fair, wants a demo',
  '',
  'Prefers email',
];

function csvCell(cell: SampleCell): string {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeRows(path: string, header: string, rowsFor: (written: number) => string[]) {
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(header);
  for (let written = 0; ; ) {
    const lines = rowsFor(written);
    if (lines.length === 0) break;
    written += lines.length;
    await write(lines.join(''));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

const block = sampleLeadsV2({ count: 10_000, today: TODAY });
const blockHeader = block[0]!;
const LEAD = blockHeader.indexOf('Lead');

/** `count` leads of 17 columns; the lead names are unique ("Ann Smith 123"). */
export async function writeLeads(path: string, count: number): Promise<void> {
  const rows = block.slice(1);
  await writeRows(path, `${[...blockHeader, 'Notes'].map(csvCell).join(',')}\n`, (written) => {
    const take = Math.min(rows.length, count - written);
    const lines: string[] = [];
    for (let i = 0; i < take; i++) {
      const row = rows[i]!.slice();
      row[LEAD] = `${row[LEAD]} ${written + i}`;
      row.push(NOTES[(written + i) % NOTES.length]!);
      lines.push(`${row.map(csvCell).join(',')}\n`);
    }
    return lines;
  });
}

/**
 * An activity log of about `events` rows for the leads `writeLeads(count)` writes: the sample log of each
 * block of 10,000 leads (about 6 events a lead), its lead names numbered as the leads', repeated (with the
 * same days) until `events` rows are written.
 */
export async function writeActivities(path: string, leads: number, events: number): Promise<void> {
  const log = sampleActivities(block, { today: TODAY }).slice(1);
  const leadNames = new Map(block.slice(1).map((row, index) => [String(row[LEAD]), index]));
  const perLead = log.map((row) => ({ base: leadNames.get(String(row[0]))!, rest: row.slice(1) }));
  const blocks = Math.ceil(leads / 10_000);
  let eventIndex = 0;
  await writeRows(path, 'Lead,Activity,Date,Page\n', (written) => {
    if (written >= events) return [];
    const lines: string[] = [];
    const take = Math.min(100_000, events - written);
    for (let i = 0; i < take; i++, eventIndex++) {
      const event = perLead[eventIndex % perLead.length]!;
      const lead = (Math.floor(eventIndex / perLead.length) % blocks) * 10_000 + event.base;
      if (lead >= leads) continue;
      lines.push(
        `${csvCell(`${block[event.base + 1]![LEAD]} ${lead}`)},${event.rest.map(csvCell).join(',')}\n`,
      );
    }
    if (lines.length === 0) lines.push('');
    return lines;
  });
}
