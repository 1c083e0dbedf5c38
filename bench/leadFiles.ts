// Large lead files for the CLI benchmarks: the v2 sample leads (16 columns) plus a free-text Notes column
// (17), repeated in blocks of 10,000 with distinct lead names, and an activity log keyed by those names.
import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { utcDayOfDate } from '../src/core/cells';
import { type SampleCell, sampleActivities, sampleLeads, sampleLeadsV2 } from '../src/core/sampleLeads';

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
 * same days) until `events` rows are written. Each sample event's text is made once (the name's start and the
 * rest of its line, quoted as needed), so a line is three strings joined: 10,000,000 events in seconds.
 */
export async function writeActivities(path: string, leads: number, events: number): Promise<void> {
  const log = sampleActivities(block, { today: TODAY }).slice(1);
  const leadNames = new Map(block.slice(1).map((row, index) => [String(row[LEAD]), index]));
  const perLead = log.map((row) => {
    const base = leadNames.get(String(row[0]))!;
    const name = String(block[base + 1]![LEAD]);
    // csvCell(`${name} ${lead}`): the number adds no character that needs quotes.
    const quoted = /[",\r\n]/.test(name);
    return {
      base,
      open: quoted ? `"${name.replace(/"/g, '""')} ` : `${name} `,
      rest: `${quoted ? '"' : ''},${row.slice(1).map(csvCell).join(',')}\n`,
    };
  });
  const blocks = Math.ceil(leads / 10_000);
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write('Lead,Activity,Date,Page\n');
  for (let written = 0, eventIndex = 0; written < events; ) {
    let text = '';
    const take = Math.min(100_000, events - written);
    for (let i = 0; i < take; i++, eventIndex++) {
      const event = perLead[eventIndex % perLead.length]!;
      const lead = (Math.floor(eventIndex / perLead.length) % blocks) * 10_000 + event.base;
      if (lead >= leads) continue;
      text += event.open + lead + event.rest;
      written++;
    }
    if (text === '') written++; // as before: a pass that skipped every event counts one, so the loop ends
    await write(text);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/**
 * The v1 sample leads (`sampleLeads`), repeated in blocks of 10,000 with distinct names: realistic cells,
 * cheap to write. With `openEvery`, one outcome in that many is left blank (an open lead).
 */
export async function writeSampleLeads(path: string, count: number, openEvery?: number): Promise<void> {
  const block = sampleLeads({ count: 10_000, today: TODAY }).map((row) =>
    row.map((cell) =>
      (cell as unknown) instanceof Date ? (cell as unknown as Date).toISOString().slice(0, 10) : cell,
    ),
  );
  const [header = [], ...rows] = block;
  const converted = header.indexOf('Converted');
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(stringify([header]));
  for (let written = 0; written < count; written += rows.length) {
    const take = rows.slice(0, Math.min(rows.length, count - written));
    await write(
      stringify(
        take.map((row, i) => {
          const copy = [`${row[0]} ${written + i}`, ...row.slice(1)];
          if (openEvery !== undefined && (written + i) % openEvery === 3) copy[converted] = '';
          return copy;
        }),
      ),
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
