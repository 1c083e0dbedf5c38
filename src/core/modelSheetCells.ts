// How the model sheet writes and reads single cells: lists, ranges, numbers typed as text, addresses. Shared by
// the model sheet's writer and reader and by the sidebar's value fields.
import { parseNumberText } from './cells';
import type { RuleValue } from './model';

/** `1` → A, `27` → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function isBlankCell(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export function textOf(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  return String(cell).trim();
}

export function describeCell(cell: unknown): string {
  return typeof cell === 'string' ? `"${cell}"` : String(cell);
}

/** Thousands separated by single spaces, as many locales write them: `10 000`. */
const SPACE_GROUPED = /^[+-]?\d{1,3}( \d{3})+(\.\d+)?$/;

/**
 * A number typed as text into a model-sheet cell, by the contract's rule for numbers in text (thousands
 * separators only where they belong, `1,500`; a currency sign, `$10,000`; `1e3`), and `10 000`; but not a
 * percent, which means something different in each column (modelSheetRead). `1,5` is not a number: read as
 * 15 it would be a decimal comma silently misread.
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace('\u2212', '-');
  if (trimmed.endsWith('%')) return undefined;
  return parseNumberText(SPACE_GROUPED.test(trimmed) ? trimmed.replaceAll(' ', '') : trimmed);
}

/** `40%` or `40 %` → 40 (the number before the sign); undefined for any other text. */
export function parsePercent(text: string): number | undefined {
  const match = /^(.*?)\s*%$/.exec(text.trim());
  return match?.[1] === undefined ? undefined : parseNumber(match[1]);
}

/** `10-50`, `-5-5`, `$1,000-$5,000`: two numbers joined by a hyphen (no spaces needed). */
const HYPHEN_RANGE = /^([+-]?[$€£]?[\d.,]+)\s*-\s*([+-]?[$€£]?[\d.,]+)$/;

/** `10 to 50`, `1,000 to 20,000`, `10 – 50`, `10-50` or `10, 50` → [min, max]. Thousands separators are
 *  allowed when the two numbers are joined by "to" or a dash. One number (`1,500`) is not a range, though
 *  its comma could join two. */
export function parseRange(text: string): [number, number] | undefined {
  const joined = text.split(/\s+to\s+|\s+[-–]\s+|\s*–\s*/i);
  const hyphen = HYPHEN_RANGE.exec(text.trim());
  if (joined.length !== 2 && !hyphen && parseNumber(text) !== undefined) return undefined;
  const parts =
    joined.length === 2 ? joined : hyphen ? [hyphen[1] ?? '', hyphen[2] ?? ''] : text.split(/\s*[,;]\s*/);
  if (parts.length !== 2) return undefined;
  const [low, high] = parts.map((p) => parseNumber(p.trim()));
  return low === undefined || high === undefined ? undefined : [low, high];
}

/** A list item read as a number: what String(number) writes, `12`, `-0.5`, `1e+21`, `1e-7`. */
const NUMBER_ITEM = /^-?\d+(\.\d+)?(e[+-]\d+)?$/i;

/** A comma-separated list; items with a comma or quote are written in double quotes (`"Acme, Inc", Other`).
 *  Items that are plain numbers become numbers, so `1, 2` round-trips as [1, 2]. */
export function parseList(text: string, options: { textOnly?: boolean } = {}): (string | number)[] {
  const items: (string | number)[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    let item = '';
    const quoted = text[i] === '"';
    if (quoted) {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          item += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else item += text[i++];
      }
      while (i < text.length && text[i] !== ',') i++;
    } else {
      while (i < text.length && text[i] !== ',') item += text[i++];
      item = item.trim();
    }
    if (quoted) items.push(item);
    else if (item !== '') items.push(!options.textOnly && NUMBER_ITEM.test(item) ? Number(item) : item);
    i++; // past the comma
  }
  return items;
}

/** `textOnly`: the list is read back as text anyway (outcome values), so numbers need no quotes.
 *  `quoteAll`: every text item in quotes (an event cell, where `x in 7 days` would otherwise be misread). */
export function formatList(
  items: readonly (string | number)[],
  options: { textOnly?: boolean; quoteAll?: boolean } = {},
): string {
  return items
    .map((item) =>
      typeof item === 'string' &&
      (options.quoteAll ||
        item === '' ||
        /[,"]/.test(item) ||
        item !== item.trim() ||
        (!options.textOnly && NUMBER_ITEM.test(item)))
        ? `"${item.replaceAll('"', '""')}"`
        : String(item),
    )
    .join(', ');
}

export function formatRuleValue(value: RuleValue | undefined, operator?: string): string | number | boolean {
  if (value === undefined) return '';
  // "50 to 1000" rather than "50, 1000": a range stays readable when typed with thousands separators.
  if (operator === 'between' && Array.isArray(value)) return `${value[0]} to ${value[1]}`;
  if (Array.isArray(value)) return formatList(value);
  return value;
}
