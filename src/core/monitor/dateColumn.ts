// Which column places a lead in time when the user has not said: a column whose cells are dates, a name
// such as "Created" first.
import { cellDay, cellText, isBlank, utcDayOfDate } from '../cells';

const LIKELY_NAMES = /created|signed|submitted|received|arrived|registered|lead date|date/i;
const SAMPLE_ROWS = 200;

/** The header of the date column to monitor by, or null when no column holds dates. */
export function guessDateColumn(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): string | null {
  const sample = rows.slice(0, SAMPLE_ROWS);
  const dated: { name: string; index: number; likely: boolean }[] = [];
  headers.forEach((header, index) => {
    const cells = sample.map((row) => row[index]).filter((cell) => !isBlank(cell));
    if (cells.length === 0) return;
    const days = cells.filter((cell) => cellDay(cell, utcDayOfDate) !== undefined);
    if (days.length < 0.9 * cells.length) return;
    const name = typeof header === 'string' ? header.trim() : cellText(header);
    if (name !== '') dated.push({ name, index, likely: LIKELY_NAMES.test(name) });
  });
  const pick = dated.find((d) => /created/i.test(d.name)) ?? dated.find((d) => d.likely) ?? dated[0];
  return pick?.name ?? null;
}
