// Reading a CSV of leads as a stream: one record at a time, with the line it starts on, so memory stays
// flat in the number of rows. Problems a user can fix get plain words and the line: a workbook given as
// CSV, a file that is not UTF-8, a semicolon-separated export, a quote left open.
import { createReadStream, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { CsvParser, CsvSyntaxError } from './csvFast';
import { UsageError } from './io';

export interface CsvOptions {
  /** ',' ';' '\t' or '|'; default: detected from the header line. */
  delimiter?: string;
  /** A WHATWG label ('utf-8', 'latin1', 'windows-1252', 'utf-16le'); default UTF-8, which is checked. */
  encoding?: string;
  /** Called with each number of bytes read, for a progress line. */
  onBytes?: (bytes: number) => void;
  /** Notes for stderr (the delimiter detected, duplicate headers). */
  onNote?: (note: string) => void;
}

export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file the record starts on. */
  line: number;
}

export interface CsvStream {
  headers: string[];
  /** The records after the header row, in order. */
  records: AsyncGenerator<CsvRecord>;
  /** File size in bytes (for progress). */
  size: number;
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
  const chunks = readChunks(path, options);
  const first = await chunks.next();
  const firstText = first.done ? '' : first.value;
  const delimiter = options.delimiter ?? sniffDelimiter(firstText);
  if (options.delimiter === undefined && delimiter !== ',')
    options.onNote?.(
      `${path}: columns are separated by ${DELIMITER_NAMES[delimiter]} (detected; --delimiter sets it)`,
    );
  const records = parseRecords(path, firstText, first.done ? undefined : chunks, delimiter);
  const header = await records.next();
  if (header.done || header.value.cells.every((cell) => cell.trim() === ''))
    throw new UsageError([`${path}: the file is empty; it needs a header row and one lead per row`]);
  const headers = header.value.cells;
  noteDuplicates(path, headers, options.onNote);
  return { headers, records, size };
}

/** Decoded text, chunk by chunk; refuses workbooks and text that is not in the expected encoding. */
async function* readChunks(path: string, options: CsvOptions): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: SNIFF_BYTES });
  let decoder: TextDecoder | undefined;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.onBytes?.(chunk.length);
      if (decoder === undefined) {
        refuseWorkbook(path, chunk);
        decoder = new TextDecoder(options.encoding ?? utf16Label(chunk) ?? 'utf-8', {
          fatal: options.encoding === undefined,
        });
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(path, line + countLinesOfValidPrefix(chunk));
      }
      line += countLineBreaks(text);
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
function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

async function* parseRecords(
  path: string,
  firstText: string,
  rest: AsyncGenerator<string> | undefined,
  delimiter: string,
): AsyncGenerator<CsvRecord> {
  let batch: CsvRecord[] = [];
  let headerLength: number | undefined;
  const parser = new CsvParser(delimiter, (cells, line) => {
    if (headerLength === undefined) headerLength = cells.length;
    else if (cells.length !== headerLength) {
      throw new UsageError([
        `${path} line ${line}: this row has ${cells.length} cells but the header row has ${headerLength}. A cell holding the separator must be quoted.`,
      ]);
    }
    batch.push({ cells, line });
  });
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
    if (error instanceof CsvSyntaxError) {
      throw new UsageError([`${path} line ${error.line}: ${plainCsvMessage(error)}`]);
    }
    throw error;
  }
}

/** The reader's problems in words a spreadsheet user knows. */
function plainCsvMessage(error: CsvSyntaxError): string {
  return error.code === 'quote not closed'
    ? 'a cell that starts with a quote (") here is never closed: the file ends inside it. Add the closing quote.'
    : 'text follows the closing quote of a cell. Inside a quoted cell, write a quote as two quotes ("").';
}
