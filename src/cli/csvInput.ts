// Reading a CSV of leads as a stream: one record at a time, with the line it starts on, so memory stays
// flat in the number of rows. Problems a user can fix get plain words and the line: a workbook given as
// CSV, a file that is not UTF-8, a semicolon-separated export, a quote left open.
import { createReadStream, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { CsvParser, CsvSyntaxError } from './csvFast';
import { UsageError } from './errors';

export interface CsvOptions {
  /** ',' ';' '\t' or '|'; default: detected from the header line. */
  delimiter?: string;
  /** A WHATWG label ('utf-8', 'latin1', 'windows-1252', 'utf-16le'); default UTF-8, which is checked. */
  encoding?: string;
  /** Called with each number of bytes read, for a progress line. */
  onBytes?: (bytes: number) => void;
  /** Notes for stderr (the delimiter detected, duplicate headers). */
  onNote?: (note: string) => void;
  /** Give records their text as it stands in the file where the reader can (CsvRecord.raw). */
  withRaw?: boolean;
  /** Also offer the text after the header row as it was read (CsvStream.pieces), for a faster reader. */
  pieces?: boolean;
}

/**
 * The file after its header row, as text: for a reader of its own that hands over to `records` (the full
 * reader, with every check) at the start of any record it does not take itself.
 */
export interface CsvPieces {
  /** The rest of the first read after the header row's line break. */
  text: string;
  /** The following reads. */
  rest: AsyncGenerator<string> | undefined;
  /** The line `text` starts on. */
  line: number;
  /** Cells of the header row, its empty trailing names included. */
  headerLength: number;
  /** Records from `text` (which starts a record, on `line`) and then `rest`. */
  records(text: string, rest: AsyncGenerator<string> | undefined, line: number): AsyncGenerator<CsvRecord>;
  /**
   * For a file read as UTF-8 (no --encoding, no UTF-16 mark): where `text` starts in the file's bytes, and
   * `resume`, the reads from any later record start (its byte offset and line) as `rest` would give them
   * (the same 64 KB reads of the file, the same checks and messages).
   */
  byteOffset?: number;
  resume?(byteOffset: number, line: number, counted: number): AsyncGenerator<string>;
}

export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file the record starts on. */
  line: number;
  /**
   * With `withRaw`: the record's text as it stands in the file, without its line break, when it holds no
   * quote character, has as many cells as the header and lies within one read of the file.
   */
  raw?: string;
}

export interface CsvStream {
  headers: string[];
  /** The records after the header row, in order. */
  records: AsyncGenerator<CsvRecord>;
  /** File size in bytes (for progress). */
  size: number;
  /** The column separator used (given, from a `sep=` line, or detected). */
  delimiter: string;
  /**
   * Cells as numbers are read: with semicolons between columns a comma is the decimal mark (`2,5` is 2.5, as
   * Excel writes it in most of Europe), so such cells are rewritten with a point; otherwise the cells as
   * they are. Apply it to what is scored, not to what is carried through to an output.
   */
  numbers(cells: string[]): string[];
  /** With `pieces`, when the header row lies in the first read and ends with a line feed. */
  pieces?: CsvPieces;
}

const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
const DELIMITER_NAMES: Record<string, string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': '"|"',
};

export function checkDelimiter(delimiter: string | undefined): string | undefined {
  if (delimiter === undefined) return undefined;
  const named = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter;
  if (!DELIMITERS.includes(named))
    throw new UsageError([`--delimiter must be one of , ; tab |, got "${delimiter}"`]);
  return named;
}

export function checkEncoding(encoding: string | undefined): string | undefined {
  if (encoding === undefined) return undefined;
  try {
    new TextDecoder(encoding);
  } catch {
    throw new UsageError([
      `--encoding "${encoding}" is not known (try utf-8, latin1, windows-1252, utf-16le)`,
    ]);
  }
  return encoding;
}

/** Opens a CSV and reads its header row. */
export async function openCsv(path: string, options: CsvOptions = {}): Promise<CsvStream> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError([`${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`]);
  }
  const seen: FirstBytes = {};
  const chunks = readChunks(path, options, undefined, seen);
  const first = await chunks.next();
  const start = startOfCsv(path, first.done ? '' : first.value, options);
  if (options.pieces && !first.done) {
    const opened = openPieces(path, start, chunks, size, options);
    if (opened) {
      if (seen.utf8 && opened.pieces) {
        // The decoder drops a UTF-8 byte-order mark: count its 3 bytes back.
        const before = first.value.slice(0, first.value.length - opened.pieces.text.length);
        opened.pieces.byteOffset = (seen.bom ? 3 : 0) + Buffer.byteLength(before, 'utf8');
        opened.pieces.resume = (byteOffset, line, counted) =>
          readChunks(path, options, { byteOffset, line, counted });
      }
      return opened;
    }
  }
  const records = parseRecords(
    path,
    start.text,
    first.done ? undefined : chunks,
    start.delimiter,
    start.line,
    options.withRaw === true,
  );
  const header = await records.next();
  return afterHeader(
    path,
    header.done ? undefined : header.value.cells,
    records,
    size,
    start.delimiter,
    options,
  );
}

/** openCsv with `pieces`, when the header row can be cut from the first read; else undefined. */
function openPieces(
  path: string,
  start: { text: string; delimiter: string; line: number },
  rest: AsyncGenerator<string>,
  size: number,
  options: CsvOptions,
): CsvStream | undefined {
  const body = start.text.charCodeAt(0) === 0xfeff ? start.text.slice(1) : start.text;
  const cut = headerEnd(body);
  if (cut === undefined) return undefined;
  const found: string[][] = [];
  try {
    const parser = new CsvParser(start.delimiter, (cells) => found.push(cells), start.line, false, false);
    parser.write(body.slice(0, cut));
    parser.end();
  } catch {
    return undefined; // the full reader says what is wrong
  }
  if (found.length !== 1) return undefined;
  const headerCells = found[0]!;
  const line = start.line + countLineBreaks(body.slice(0, cut));
  const stream = afterHeader(path, headerCells, undefined, size, start.delimiter, options);
  const named = stream.headers.length;
  const headerLength = headerCells.length;
  const records = (text: string, more: AsyncGenerator<string> | undefined, from: number) =>
    parseRecords(path, text, more, start.delimiter, from, options.withRaw === true, { headerLength, named });
  const pieces: CsvPieces = { text: body.slice(cut), rest, line, headerLength, records };
  return { ...stream, records: records(pieces.text, rest, line), pieces };
}

/** Where the header row's line feed ends it (quotes respected); undefined without one or at a lone CR. */
function headerEnd(text: string): number | undefined {
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34) quoted = !quoted;
    else if (!quoted && code === 10) return index + 1;
    else if (!quoted && code === 13) return text.charCodeAt(index + 1) === 10 ? index + 2 : undefined;
  }
  return undefined;
}

/** The same for a text already in memory (small files, read whole). */
export function parseCsvText(
  path: string,
  text: string,
  options: CsvOptions = {},
): { headers: string[]; records: CsvRecord[]; delimiter: string; numbers(cells: string[]): string[] } {
  const start = startOfCsv(path, text, options);
  const records: CsvRecord[] = [];
  const parser = recordParser(path, start.delimiter, start.line, (record) => records.push(record));
  try {
    parser.write(start.text);
    parser.end();
  } catch (error) {
    throw plainCsvError(path, error);
  }
  const [header, ...rest] = records;
  const stream = afterHeader(path, header?.cells, undefined, text.length, start.delimiter, options);
  return { headers: stream.headers, records: rest, delimiter: stream.delimiter, numbers: stream.numbers };
}

/** The delimiter (given, from Excel's `sep=;` first line, or detected) and where the CSV itself starts. */
function startOfCsv(
  path: string,
  firstText: string,
  options: CsvOptions,
): { text: string; delimiter: string; line: number } {
  const text = firstText.replace(/^\ufeff/, '');
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text);
  if (sep) {
    const named = sep[1]!;
    if (!DELIMITERS.includes(named))
      throw new UsageError([`${path} line 1: "sep=${named}" names a separator other than , ; tab or |`]);
    const delimiter = options.delimiter ?? named;
    options.onNote?.(
      `${path}: line 1 "sep=${named}" (as Excel writes it) says columns are separated by ${DELIMITER_NAMES[named]}; the header is line 2`,
    );
    return { text: text.slice(sep[0].length), delimiter, line: 2 };
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  if (options.delimiter === undefined && delimiter !== ',')
    options.onNote?.(
      `${path}: columns are separated by ${DELIMITER_NAMES[delimiter]} (detected; --delimiter sets it)`,
    );
  return { text, delimiter, line: 1 };
}

function afterHeader(
  path: string,
  headerCells: string[] | undefined,
  records: AsyncGenerator<CsvRecord> | undefined,
  size: number,
  delimiter: string,
  options: CsvOptions,
): CsvStream {
  if (headerCells === undefined)
    throw new UsageError([`${path}: the file is empty; it needs a header row and one lead per row`]);
  if (headerCells.every((cell) => cell.trim() === ''))
    throw noColumnNames(path, headerCells.length, delimiter);
  const headers = namedHeaders(headerCells);
  noteDuplicates(path, headers, options.onNote);
  let noted = false;
  const numbers =
    delimiter === ';'
      ? (cells: string[]) => {
          let out = cells;
          for (let index = 0; index < cells.length; index++) {
            const cell = cells[index]!;
            if (cell.indexOf(',') < 0 || !DECIMAL_COMMA.test(cell)) continue;
            if (out === cells) out = cells.slice();
            out[index] = cell.replace(/\./g, '').replace(',', '.');
            if (!noted) {
              noted = true;
              options.onNote?.(
                `${path}: numbers with a decimal comma (such as "${cell.trim()}") are read as ${out[index]!.trim()}: with semicolons between columns, the comma is the decimal mark`,
              );
            }
          }
          return out;
        }
      : (cells: string[]) => cells;
  return { headers, records: records ?? emptyRecords(), size, delimiter, numbers };
}

function noColumnNames(path: string, cells: number, delimiter: string): UsageError {
  return new UsageError([
    `${path}: the header row has no column names, only ${cells} empty cells between ${DELIMITER_NAMES[delimiter]}: its first row must name the columns`,
  ]);
}

/** `2,5`, `-1.234,56`: a number written with a decimal comma (and perhaps points between thousands). */
const DECIMAL_COMMA = /^\s*[+-]?(\d{1,3}(\.\d{3})+|\d+)?,\d+\s*$/;

async function* emptyRecords(): AsyncGenerator<CsvRecord> {}

/** The header without the empty names that end it (a trailing separator names no column). */
function namedHeaders(cells: string[]): string[] {
  let end = cells.length;
  while (end > 1 && cells[end - 1]!.trim() === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

/** What the first read of a file showed: read as checked UTF-8, and starting with its byte-order mark. */
interface FirstBytes {
  utf8?: boolean;
  bom?: boolean;
}

/**
 * Decoded text, chunk by chunk; refuses workbooks and text that is not in the expected encoding. `from`
 * starts at a record start of a file read as checked UTF-8 (its byte offset and line; `counted`: bytes
 * already given to onBytes), with the reads aligned as from the file's start, so that a problem is found
 * and worded as it would be there.
 */
async function* readChunks(
  path: string,
  options: CsvOptions,
  from?: { byteOffset: number; line: number; counted: number },
  seen?: FirstBytes,
): AsyncGenerator<string> {
  const skip = from === undefined ? 0 : from.byteOffset % SNIFF_BYTES;
  const stream = createReadStream(path, {
    highWaterMark: SNIFF_BYTES,
    start: from === undefined ? 0 : from.byteOffset - skip,
  });
  let decoder = from === undefined ? undefined : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = from?.line ?? 1;
  let position = from === undefined ? 0 : from.byteOffset - skip;
  // A CR that ended the previous read: an LF starting this one is the same line break.
  let endedWithCr = false;
  try {
    for await (const whole of stream as AsyncIterable<Buffer>) {
      const chunk = position < (from?.byteOffset ?? 0) ? whole.subarray(skip) : whole;
      const end = position + whole.length;
      options.onBytes?.(
        from === undefined ? chunk.length : Math.max(0, end - Math.max(position, from.counted)),
      );
      position = end;
      if (decoder === undefined) {
        refuseWorkbook(path, chunk);
        const label = options.encoding ?? utf16Label(chunk) ?? 'utf-8';
        if (seen && options.encoding === undefined && label === 'utf-8') {
          seen.utf8 = true;
          seen.bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        }
        decoder = new TextDecoder(label, { fatal: options.encoding === undefined });
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const sameBreak = endedWithCr && chunk[0] === 10 ? 1 : 0;
        throw notUtf8(path, line + countLinesOfValidPrefix(chunk) - sameBreak);
      }
      line += countLineBreaks(text) - (endedWithCr && text.charCodeAt(0) === 10 ? 1 : 0);
      if (text.length > 0) endedWithCr = text.charCodeAt(text.length - 1) === 13;
      yield text;
    }
    if (decoder !== undefined) {
      try {
        const rest = decoder.decode();
        if (rest) yield rest;
      } catch {
        throw notUtf8(path, line);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError([
      `${path}: ${code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`,
    ]);
  } finally {
    stream.destroy();
  }
}

function utf16Label(chunk: Buffer): string | undefined {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return undefined;
}

function refuseWorkbook(path: string, chunk: Buffer): void {
  const zip = chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04;
  const ole = chunk[0] === 0xd0 && chunk[1] === 0xcf && chunk[2] === 0x11 && chunk[3] === 0xe0;
  if (zip || ole) {
    throw new UsageError([
      `${path}: this is an Excel workbook (${zip ? '.xlsx' : '.xls'}), not a CSV file. Open it in Excel or Google Sheets and save or download it as "CSV UTF-8", then use that file.`,
    ]);
  }
}

function notUtf8(path: string, line: number): UsageError {
  return new UsageError([
    `${path} line ${line}: the file is not UTF-8 text; it looks like Latin-1 or Windows-1252 (as older Excel versions save CSV), so letters such as é or ü would come out garbled. Save it as "CSV UTF-8", or pass --encoding latin1 (or windows-1252).`,
  ]);
}

function countLinesOfValidPrefix(chunk: Buffer): number {
  // The line of the first invalid byte: count the line breaks of the chunk's valid start.
  const decoder = new TextDecoder('utf-8');
  const text = decoder.decode(chunk);
  const bad = text.indexOf('\ufffd');
  return countLineBreaks(bad < 0 ? text : text.slice(0, bad));
}

/** CRLF, LF and lone CR each end one line. */
function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}

/** The delimiter that splits the header line into the most cells (quotes respected). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.replace(/^\ufeff/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function noteDuplicates(path: string, headers: readonly string[], onNote?: (note: string) => void): void {
  const seen = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const key = header.trim().toLowerCase();
    if (key === '') return;
    seen.set(key, [...(seen.get(key) ?? []), index]);
  });
  for (const positions of seen.values()) {
    if (positions.length < 2) continue;
    const name = headers[positions[0]!]!.trim();
    const where = positions.map((p) => columnLetter(p)).join(', ');
    onNote?.(
      `${path}: the header "${name}" appears ${positions.length} times (columns ${where}); the model reads column ${columnLetter(positions[0]!)}, the first`,
    );
  }
}

/** A, B, … Z, AA: as a spreadsheet names the column. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The parser with the checks every record needs: as many cells as the header row (cells under a trailing
 * empty header name may be missing or blank), and a mismatch explained by its likely cause.
 */
function recordParser(
  path: string,
  delimiter: string,
  firstLine: number,
  onRecord: (record: CsvRecord) => void,
  withRaw = false,
  /** Reading on after a header row that ended with a line feed (the text starts a record). */
  afterHeaderRow?: { headerLength: number; named: number },
): CsvParser {
  let headerLength: number | undefined = afterHeaderRow?.headerLength;
  let named = afterHeaderRow?.named ?? 0;
  /** Some line of the file ends with LF or CRLF (so a lone CR is not its line break). */
  let lineFeeds = afterHeaderRow !== undefined;
  /** The line of the previous record when a lone CR ended it. */
  let previousCr: number | undefined;
  return new CsvParser(
    delimiter,
    (cells, line, ending, raw) => {
      if (ending === 'LF' || ending === 'CRLF') lineFeeds = true;
      if (headerLength === undefined) {
        if (cells.every((cell) => cell.trim() === '')) throw noColumnNames(path, cells.length, delimiter);
        headerLength = cells.length;
        named = namedHeaders(cells).length;
        onRecord({ cells: cells.slice(0, named), line });
      } else {
        if (cells.length !== named) {
          const unnamedBlank =
            cells.length > named &&
            cells.length <= headerLength &&
            cells.slice(named).every((cell) => cell.trim() === '');
          if (!unnamedBlank) {
            const crLine = !lineFeeds ? undefined : ending === 'CR' ? line : previousCr;
            throw wrongCellCount(path, line, cells.length, headerLength, named, crLine);
          }
          cells.length = named;
          raw = undefined; // it holds the cells cut off
        }
        onRecord(raw === undefined ? { cells, line } : { cells, line, raw });
      }
      previousCr = ending === 'CR' ? line : undefined;
    },
    firstLine,
    withRaw,
    afterHeaderRow === undefined,
  );
}

function wrongCellCount(
  path: string,
  line: number,
  cells: number,
  headerLength: number,
  named: number,
  loneCrLine: number | undefined,
): UsageError {
  const header =
    named === headerLength
      ? `the header row has ${headerLength}`
      : `the header row names ${named} (and ends with ${headerLength - named} empty)`;
  const cause =
    loneCrLine !== undefined
      ? ` A lone carriage return (CR) ends line ${loneCrLine} and so ends the row there: it is probably a line break typed inside a cell. Put that cell in quotes, or remove the CR.`
      : ' A cell holding the separator must be quoted.';
  return new UsageError([`${path} line ${line}: this row has ${cells} cells but ${header}.${cause}`]);
}

async function* parseRecords(
  path: string,
  firstText: string,
  rest: AsyncGenerator<string> | undefined,
  delimiter: string,
  firstLine: number,
  withRaw: boolean,
  afterHeaderRow?: { headerLength: number; named: number },
): AsyncGenerator<CsvRecord> {
  let batch: CsvRecord[] = [];
  const parser = recordParser(
    path,
    delimiter,
    firstLine,
    (record) => batch.push(record),
    withRaw,
    afterHeaderRow,
  );
  const take = function* () {
    const records = batch;
    batch = [];
    yield* records;
  };
  try {
    parser.write(firstText);
    yield* take();
    if (rest) {
      for await (const text of rest) {
        parser.write(text);
        yield* take();
      }
    }
    parser.end();
    yield* take();
  } catch (error) {
    throw plainCsvError(path, error);
  }
}

function plainCsvError(path: string, error: unknown): unknown {
  if (!(error instanceof CsvSyntaxError)) return error;
  return new UsageError([`${path} line ${error.line}: ${plainCsvMessage(error)}`]);
}

/** The reader's problems in words a spreadsheet user knows. */
function plainCsvMessage(error: CsvSyntaxError): string {
  return error.code === 'quote not closed'
    ? 'a cell that starts with a quote (") here is never closed: the file ends inside it. Add the closing quote.'
    : 'text follows the closing quote of a cell. Inside a quoted cell, write a quote as two quotes ("").';
}
