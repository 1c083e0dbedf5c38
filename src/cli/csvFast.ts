// A streaming CSV reader and writer for the CLI's hot path. csv-parse and csv-stringify read and write
// about 100,000 rows a second here, so 1,000,000 leads took over 20 s before scoring started; this
// state machine does the same job several times faster (bench/cli.bench.ts). It follows RFC 4180 as
// csv-parse did with the options the CLI used (BOM dropped, empty lines skipped, a quote inside an
// unquoted cell kept as text), and it counts lines itself: CRLF, LF and a lone CR each end one line,
// also inside a quoted cell.

export class CsvSyntaxError extends Error {
  constructor(
    readonly code: 'quote not closed' | 'text after closing quote',
    /** 1-based line where the record (for an open quote: the quoted cell) starts. */
    readonly line: number,
  ) {
    super(code);
  }
}

/** What ended a record: a line break of the file, or its end. */
export type LineEnding = 'LF' | 'CRLF' | 'CR' | 'end';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private readonly delimiter: number;
  private cells: string[] = [];
  /** Text of the current cell carried over from earlier chunks. */
  private pending = '';
  private inQuotes = false;
  private afterClosingQuote = false;
  private cellQuoted = false;
  private recordQuoted = false;
  /** Any quote character in the record (also one inside an unquoted cell, kept as text). */
  private recordHasQuote = false;
  /** Where the current record starts in the text being read; -1 when it began in an earlier read. */
  private recordStart = -1;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private started = false;
  /** A last quote or CR of a chunk, read with the next one (it may be half of "" or of CRLF). */
  private carry = '';

  constructor(
    delimiter: string,
    private readonly onRecord: (cells: string[], line: number, ending: LineEnding, raw?: string) => void,
    /** The line the text starts on (2 when a `sep=;` line was read before it). */
    firstLine = 1,
    /**
     * Also give each record's text as it stands in the file (without its line break) when it holds no
     * quote character and lies within one read: a writer can copy such a record instead of re-writing it.
     */
    private readonly withRaw = false,
    /** Drop a byte-order mark that starts the text (false for a text that starts after the header). */
    skipBom = true,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.line = firstLine;
    this.recordLine = firstLine;
    this.started = !skipBom;
  }

  /** The line reached: the one the next record starts on, unless blank lines come first. */
  get lineReached(): number {
    return this.line;
  }

  write(chunk: string): void {
    let text = this.carry + chunk;
    this.carry = '';
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.parse(text, false);
  }

  end(): void {
    const text = this.carry;
    this.carry = '';
    this.parse(text, true);
    this.recordStart = -1; // the final record's text was in earlier reads
    if (this.inQuotes) throw new CsvSyntaxError('quote not closed', this.quoteLine);
    if (this.pending !== '' || this.cells.length > 0 || this.cellQuoted) {
      this.endCell('');
      this.endRecord('end');
    }
  }

  /**
   * Reads `text`; unless `final`, a quote or CR that ends it and whose meaning depends on the next character
   * (a quote of `""` or a closing one; CR of CRLF or alone) is kept in `carry` for the next chunk.
   */
  private parse(text: string, final: boolean): void {
    const delimiter = this.delimiter;
    const length = text.length;
    let start = 0; // where the unread part of the current cell begins in this text
    let index = 0;
    const fresh =
      this.cells.length === 0 &&
      this.pending === '' &&
      !this.inQuotes &&
      !this.cellQuoted &&
      !this.afterClosingQuote;
    this.recordStart = fresh ? 0 : -1;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (!final && index + 1 === length && (code === QUOTE || code === CR)) {
        // Undecided until the next chunk: keep it (with nothing after it) for the next write.
        this.pending += text.slice(start, index);
        this.carry = text.slice(index);
        return;
      }
      if (this.inQuotes) {
        if (code === QUOTE) {
          if (index + 1 < length && text.charCodeAt(index + 1) === QUOTE) {
            this.pending += text.slice(start, index + 1);
            index += 2;
            start = index;
            continue;
          }
          this.pending += text.slice(start, index);
          this.inQuotes = false;
          this.afterClosingQuote = true;
          index++;
          start = index;
          continue;
        }
        if (code === LF) this.line++;
        else if (code === CR && !(index + 1 < length && text.charCodeAt(index + 1) === LF)) this.line++;
        index++;
        continue;
      }
      if (code === delimiter) {
        this.endCell(text.slice(start, index));
        index++;
        start = index;
        continue;
      }
      if (code === LF || code === CR) {
        this.endCell(text.slice(start, index));
        const crlf = code === CR && index + 1 < length && text.charCodeAt(index + 1) === LF;
        const raw =
          this.withRaw && this.recordStart >= 0 && !this.recordHasQuote
            ? text.slice(this.recordStart, index)
            : undefined;
        this.endRecord(code === LF ? 'LF' : crlf ? 'CRLF' : 'CR', raw);
        if (crlf) index++;
        this.line++;
        index++;
        start = index;
        this.recordStart = index;
        this.recordLine = this.line;
        continue;
      }
      if (this.afterClosingQuote) throw new CsvSyntaxError('text after closing quote', this.recordLine);
      if (code === QUOTE) this.recordHasQuote = true;
      if (code === QUOTE && start === index && this.pending === '' && !this.cellQuoted) {
        this.inQuotes = true;
        this.cellQuoted = true;
        this.recordQuoted = true;
        this.quoteLine = this.line;
        index++;
        start = index;
        continue;
      }
      index++;
    }
    this.pending += text.slice(start, length);
  }

  private endCell(tail: string): void {
    this.cells.push(this.pending === '' ? tail : this.pending + tail);
    this.pending = '';
    this.afterClosingQuote = false;
    this.cellQuoted = false;
  }

  private endRecord(ending: LineEnding, raw?: string): void {
    const cells = this.cells;
    this.cells = [];
    const empty = cells.length === 1 && cells[0] === '' && !this.recordQuoted;
    this.recordQuoted = false;
    this.recordHasQuote = false;
    if (!empty) this.onRecord(cells, this.recordLine, ending, raw);
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One text cell as csvLine writes it: quoted when it holds , " CR or LF. */
export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line (with its LF) as csv-stringify writes it: numbers as JS prints them, cells with , " CR LF quoted. */
export function csvLine(cells: readonly (string | number)[]): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += ',';
    const cell = cells[index]!;
    if (typeof cell === 'number') line += String(cell);
    else if (NEEDS_QUOTES.test(cell)) line += `"${cell.replace(/"/g, '""')}"`;
    else line += cell;
  }
  return `${line}\n`;
}
