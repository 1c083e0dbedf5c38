// Google Sheets holds at most 50,000 characters in one cell; a write over it throws "Your input contains more
// than the maximum of 50000 characters in a single cell." (docs/emulation.md). Writers check sizes before
// they clear or write anything, and store long text (the history's model JSON) in chunks across cells.
import type { Model, Problem } from '../core/model';
import { modelToGrid } from '../core/modelSheet';

type WrittenCell = string | number | boolean;

export const MAX_CELL_CHARACTERS = 50000;
/** Chunk size for long text: well under the limit, leaving room for the apostrophe a writer may add. */
export const TEXT_CHUNK = 40000;

/** The characters Sheets receives for a cell (asWritten may add one apostrophe). */
export function writtenLength(cell: WrittenCell): number {
  if (typeof cell !== 'string') return String(cell).length;
  return cell.length + (cell.startsWith('=') || cell.startsWith("'") ? 1 : 0);
}

/** `text` in pieces of at most `size` characters, never splitting a surrogate pair. */
export function chunkText(text: string, size = TEXT_CHUNK): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks.length > 0 ? chunks : [''];
}

/** A1 column letters (1 → A). */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Throws before anything is written when a cell of `values` (to be written at row, column of `sheetName`)
 * would be over the limit, naming the cell.
 */
export function assertCellsFit(
  sheetName: string,
  row: number,
  column: number,
  values: readonly (readonly WrittenCell[])[],
): void {
  values.forEach((line, r) => {
    line.forEach((cell, c) => {
      const length = writtenLength(cell);
      if (length > MAX_CELL_CHARACTERS) {
        throw new Error(
          `"${sheetName}" cell ${columnLetters(column + c)}${row + r}: ${length.toLocaleString('en-US')} characters, ` +
            `more than the ${MAX_CELL_CHARACTERS.toLocaleString('en-US')} a Sheets cell holds. Nothing was written.`,
        );
      }
    });
  });
}

/**
 * Every model-sheet cell of `model` that would be over the limit, as a problem naming the rule (or group,
 * band…) and the column: the save is refused with these before anything is written.
 */
export function modelSheetSizeProblems(model: Model): Problem[] {
  const { values, layout } = modelToGrid(model);
  const problems: Problem[] = [];
  values.forEach((line, r) => {
    line.forEach((cell, c) => {
      const length = writtenLength(cell);
      if (length <= MAX_CELL_CHARACTERS) return;
      const [section, place] =
        Object.entries(layout.sections).find(([, s]) => s && r >= s.firstRow && r < s.endRow) ?? [];
      const header = place ? String(values[place.headerRow]?.[c] ?? '') : '';
      const name = String(line[0] ?? '');
      const subject =
        section === 'Rules' || section === 'Conditions'
          ? `rule "${name}"`
          : section
            ? `${section.toLowerCase()} "${name}"`
            : 'model';
      problems.push({
        subject,
        ...(header ? { field: header } : {}),
        message:
          `its ${header ? `${header} ` : ''}cell would hold ${length.toLocaleString('en-US')} characters, more than ` +
          `the ${MAX_CELL_CHARACTERS.toLocaleString('en-US')} a Sheets cell holds: shorten it (e.g. split a long list ` +
          'over two rules). Nothing was saved.',
      });
    });
  });
  return problems;
}
