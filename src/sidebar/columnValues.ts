// What a column of the preview data holds: its most frequent values with counts, and its numeric range, so
// that rules are written from the data's own values. Cells compare as the engine compares them (cellText:
// trimmed, not case-sensitive).
import { cellNumber, cellText, isBlank } from '../core/cells';
import { nameKey } from '../core/validate';
import { app } from './context';

export interface ColumnValues {
  column: string;
  /** Rows looked at (the preview's leads, or events of the activity log). */
  rows: number;
  blank: number;
  distinct: number;
  /** The most frequent values, most frequent first (ties in first-seen order), as first written. */
  top: { value: string; key: string; count: number }[];
  /** Smallest and largest number, when most filled cells are numbers. */
  range: { min: number; max: number; count: number } | null;
  /** Every value's key (cellText), to say whether a value is in the data. */
  keys: Set<string>;
  /** When cells hold several values ("Pricing page; Price list"): the separator the data uses and the most
   *  frequent parts, counted once per lead, for the operators that look inside a cell (contains…). */
  parts: { separator: string; top: { value: string; key: string; count: number }[] } | null;
}

/** The separators multi-value cells use, most telling first (a comma also sits inside plain text). */
const SEPARATORS = [';', '|', ','] as const;

/** The separator most multi-value cells of a column use, when at least two cells hold one; a comma only
 *  when it is followed by a space or the column is not numbers ("1,200" is one number). */
function separatorOf(texts: readonly string[], numeric: boolean): string | null {
  let best: string | null = null;
  let bestCount = 1;
  for (const separator of SEPARATORS) {
    if (separator === ',' && numeric) continue;
    const count = texts.filter((text) => text.includes(separator)).length;
    if (count > bestCount) {
      best = separator;
      bestCount = count;
    }
  }
  return best;
}

function partsOf(
  entries: readonly { value: string; count: number }[],
  numeric: boolean,
  limit: number,
): ColumnValues['parts'] {
  const separator = separatorOf(
    entries.map((entry) => entry.value),
    numeric,
  );
  if (separator === null) return null;
  const counts = new Map<string, { value: string; key: string; count: number }>();
  for (const entry of entries) {
    const seen = new Set<string>();
    for (const piece of entry.value.split(separator)) {
      const value = piece.trim();
      const key = cellText(value);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const known = counts.get(key);
      if (known) known.count += entry.count;
      else counts.set(key, { value, key, count: entry.count });
    }
  }
  return { separator, top: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit) };
}

/** The add-on's own outputs: never inputs of a rule (a rule on them would feed the score back into itself). */
export const OUTPUT_COLUMNS = ['Score', 'Band', 'Grade', 'Reasons'] as const;

const OUTPUT_KEYS = new Set(OUTPUT_COLUMNS.map((name) => nameKey(name)));

/** Why a column is not offered as a rule's input, or null when it may be. */
export function notAnInput(column: string): string | null {
  if (OUTPUT_KEYS.has(nameKey(column))) return 'the add-on’s output';
  const draft = app.draft;
  if (draft.outcomeOn && nameKey(draft.outcomeColumn) === nameKey(column)) return 'the outcome column';
  return null;
}

/** Which table a column belongs to: the leads, or (v2) the activity log. */
export type ColumnSource = 'leads' | 'activities';

/** The headers of a table, without empty ones. */
export function headersOf(source: ColumnSource = 'leads'): string[] {
  const table = source === 'leads' ? app.state?.data : app.state?.activities;
  return (table?.headers ?? []).map(String).filter((header) => header.trim() !== '');
}

const cache = new Map<string, ColumnValues | null>();
let cachedFor: unknown = null;
let cachedActivities: unknown = null;

export function columnValues(column: string, limit = 8, source: ColumnSource = 'leads'): ColumnValues | null {
  const data = source === 'leads' ? app.state?.data : app.state?.activities;
  if (!data) return null;
  if (cachedFor !== app.state?.data || cachedActivities !== app.state?.activities) {
    cache.clear();
    cachedFor = app.state?.data;
    cachedActivities = app.state?.activities;
  }
  const cacheKey = `${source}|${nameKey(column)}|${limit}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;
  const index = data.headers.findIndex((header) => nameKey(String(header)) === nameKey(column));
  if (index < 0) {
    cache.set(cacheKey, null);
    return null;
  }
  const counts = new Map<string, { value: string; key: string; count: number }>();
  let blank = 0;
  let numbers = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const row of data.rows) {
    const cell = row[index];
    if (isBlank(cell)) {
      blank += 1;
      continue;
    }
    const key = cellText(cell);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { value: String(cell).trim(), key, count: 1 });
    const number = cellNumber(cell);
    if (number !== undefined) {
      numbers += 1;
      if (number < min) min = number;
      if (number > max) max = number;
    }
  }
  const filled = data.rows.length - blank;
  const top = [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  const result: ColumnValues = {
    column: String(data.headers[index]),
    rows: data.rows.length,
    blank,
    distinct: counts.size,
    top,
    range: numbers > 0 && numbers * 2 >= filled ? { min, max, count: numbers } : null,
    keys: new Set(counts.keys()),
    parts: partsOf([...counts.values()], numbers > 0 && numbers * 2 >= filled, limit),
  };
  cache.set(cacheKey, result);
  return result;
}
