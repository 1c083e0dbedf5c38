// Formula-injection safety for files a user may open in a spreadsheet (OWASP "CSV Injection"): a text cell that
// starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel, Sheets or
// LibreOffice, so it gets a leading apostrophe. Numbers, including negatives, stay numbers.

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A number as a spreadsheet reads it back, and nothing else: `-5`, `3.25`, `-1e3`, with well-formed thousands
 * separators (`-1,200`) or a percent sign (`-45%`). Such a cell is a constant, never a formula.
 */
const PLAIN_NUMBER = /^[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/** The cell as it should be written: unchanged when it is safe or a real number, else prefixed with `'`. */
export function neutraliseCell(value: string): string {
  // Most cells start with a letter or digit: one character code decides (this runs for every cell).
  const first = value.charCodeAt(0);
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13)
    return value;
  if (PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Whether a spreadsheet would treat the text as a formula (what neutraliseCell guards against). */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
}
