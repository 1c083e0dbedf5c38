// The reader of `leadscore score`, on one thread and in its worker threads: a piece of the file as UTF-8
// bytes in, its scored lines as bytes out. It finds cells with indexOf instead of a character at a time, on a
// Latin-1 view of the bytes — one character per byte, so a position in the text is the same position in the
// bytes — and makes strings only of the cells it needs (the model's, a quoted cell, one to neutralise),
// decoded from UTF-8 when they hold a byte above 127. Every other span of a record is copied from the input
// bytes as it stands, within one buffer (the piece, then its output: copyWithin, no allocation), re-writing
// only a cell whose written form would differ (a quoted cell that needs no quotes, a quote inside an
// unquoted cell, a cell to neutralise); the tails are written as bytes (scoreTail.ts). Anything unusual —
// a lone CR, a CR inside quotes, text after a closing quote, a record with another number of cells than the
// header, a quote left open at the end of the file, a piece that is not UTF-8 — stops the reading at the
// start of its record (of the piece, for bytes that are not UTF-8): the full reader (csvInput.ts) reads on
// from there with every check and message.
import { isAscii, isUtf8 } from 'node:buffer';
import { isBlank } from '../core/cells';
import { csvCell } from './csvFast';
import type { RowScorer } from './scoreRows';
import { TailWriter } from './scoreTail';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ABOVE_ASCII = /[\u0080-\u00ff]/;
/** The Latin-1 view's window: a string this size is made in the young generation. */
const WINDOW_BYTES = 64 * 1024;

/** First characters neutraliseCell may change (= + - @ tab; CR never reaches it here). */
function mayNeedNeutralising(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9;
}

/** Buffer's own methods behind toString and write, without their checks of arguments (hot here). */
interface FastBuffer extends Buffer {
  utf8Slice(start: number, end: number): string;
  utf8Write(text: string, offset: number): number;
}

export interface BytePiece {
  /** The records' output lines: `length` bytes from `start` of this buffer (the piece's, or a larger one). */
  buffer: ArrayBuffer;
  start: number;
  length: number;
  /** Records read (blank rows included). */
  records: number;
  /** Bytes read: where the first record not read starts (the piece's length when every record was read). */
  read: number;
  /** Line breaks before `read` (LF; CRLF is one). */
  lines: number;
  /** The record at `read` is for the full reader; else (if any is left) it needs the bytes after the piece. */
  handOver: boolean;
}

/** The result of readPiece: output from `start` to `end` of `buffer`. */
function stopped(
  buffer: ArrayBufferLike,
  start: number,
  end: number,
  records: number,
  read: number,
  lines: number,
  handOver: boolean,
): BytePiece {
  return { buffer: buffer as ArrayBuffer, start, length: end - start, records, read, lines, handOver };
}

/** A cell's text: the Latin-1 view when the piece is ASCII or the cell is, else decoded from UTF-8. */
function cellText(
  bytes: FastBuffer,
  text: string,
  ascii: boolean,
  base: number,
  from: number,
  to: number,
): string {
  const view = text.slice(from, to);
  return ascii || !ABOVE_ASCII.test(view) ? view : bytes.utf8Slice(base + from, base + to);
}

export class ByteScoreReader {
  private readonly wanted: boolean[];
  private readonly read: string[];
  private readonly tails: TailWriter;
  private readonly sanitize: boolean;

  constructor(
    private readonly scorer: RowScorer,
    /** Cells per record (the header's named columns). */
    private readonly width: number,
    /** Positions of the cells the model reads. */
    readColumns: readonly number[],
    /** The Latin-1 view's window (smaller in tests, so that records cross it). */
    private readonly windowBytes = WINDOW_BYTES,
  ) {
    this.wanted = Array.from({ length: width }, (_, index) => readColumns.includes(index));
    // One row of cells reused for every record (each record sets every cell the model reads: a record with
    // fewer cells is not read here); the engine keeps nothing of it.
    this.read = new Array<string>(width).fill('');
    this.tails = new TailWriter(scorer);
    this.sanitize = scorer.setup.sanitize;
  }

  /** readPiece on a copy of `bytes` with room for its output (tests). */
  readBytes(bytes: Uint8Array, final = true): BytePiece {
    const buffer = new ArrayBuffer(bytes.length * 2 + 64);
    new Uint8Array(buffer).set(bytes);
    return this.readPiece(buffer, bytes.length, final);
  }

  /**
   * Scores the records of the piece `buffer[0, length)`, which starts a record and holds whole UTF-8
   * characters (it ends after a line feed, or at the end of the file), writing the output after it in the
   * same buffer (or in a larger one when it does not fit). Unless `final` (the file ends with the piece), a
   * record the piece may not hold whole is left for the next piece. Stops at a record for the full reader
   * (see the top of the file). The output starts at `outputAt` (after bytes the caller keeps).
   */
  readPiece(buffer: ArrayBuffer, length: number, final = true, outputAt = length): BytePiece {
    const bytes = Buffer.from(buffer, 0, length) as FastBuffer;
    const ascii = isAscii(bytes);
    if (!ascii && !isUtf8(bytes)) return stopped(buffer, outputAt, outputAt, 0, 0, 0, true);
    // The Latin-1 view, a window of the piece at a time: a string of at most 64 KB is made in the young
    // generation at the speed of a copy, where one of the whole piece took a fresh block of memory each time.
    let base = 0; // where the window starts in the piece
    let windowBytes = this.windowBytes;
    const scorer = this.scorer;
    const safe = scorer.safe;
    const sanitize = this.sanitize;
    const tails = this.tails;
    const wanted = this.wanted;
    const width = this.width;
    const read = this.read;
    // The piece, then its output from `length` on; a larger buffer when the output outgrows it.
    let out = new Uint8Array(buffer);
    let outText = Buffer.from(buffer) as FastBuffer;
    let at = outputAt; // write position in out
    const room = (bytesNeeded: number) => {
      if (at + bytesNeeded <= out.length) return;
      const grown = new Uint8Array(Math.max(out.length * 2, at + bytesNeeded));
      grown.set(out.subarray(0, at));
      out = grown;
      outText = Buffer.from(grown.buffer) as FastBuffer;
    };
    const copy = (from: number, to: number) => {
      if (to <= from) return;
      room(to - from);
      out.copyWithin(at, from, to);
      at += to - from;
    };
    const writeText = (value: string) => {
      room(value.length * 3);
      at += outText.utf8Write(value, at);
    };

    let lines = 0;
    let records = 0;
    for (;;) {
      const windowEnd = Math.min(length, base + windowBytes);
      const text = bytes.toString('latin1', base, windowEnd);
      const textLength = text.length;
      const last = final && windowEnd === length; // the window reaches the end of the file
      let pos = 0; // in the window
      // Next comma, line feed, quote and CR at or after the cell being read (-1: none left in the window).
      let nextComma = -2;
      let nextLf = -2;
      let nextQuote = -2;
      let nextCr = -2;
      window: while (pos < textLength) {
        const first = text.charCodeAt(pos);
        if (first === LF) {
          pos++;
          lines++;
          continue; // an empty line: skipped
        }
        if (first === CR) {
          if (pos + 1 >= textLength && !last) break; // CRLF or a lone CR: the next window says
          if (text.charCodeAt(pos + 1) !== LF)
            return stopped(out.buffer, outputAt, at, records, base + pos, lines, true);
          pos += 2;
          lines++;
          continue;
        }
        const recordOut = at; // where the record's output starts (a record read again rewrites it)
        let blank = true;
        let copyFrom = pos;
        let cell = 0;
        let cellStart = pos;
        let recordLines = 0;
        let contentEnd: number; // end of the record's last cell
        let next: number; // start of the next record
        for (;;) {
          if (cell >= width)
            return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
          let value: string | undefined;
          let rewrite: string | undefined;
          let valueEnd: number;
          let cellEnd: number; // where the cell's terminator (or the end of the window) is
          if (text.charCodeAt(cellStart) === QUOTE) {
            let from = cellStart + 1;
            let escaped = false;
            let close = -1;
            for (;;) {
              const quote = text.indexOf('"', from);
              if (quote < 0 || (quote + 1 >= textLength && !last)) break; // open, or undecided, here
              if (text.charCodeAt(quote + 1) === QUOTE) {
                escaped = true;
                from = quote + 2;
                continue;
              }
              close = quote;
              break;
            }
            if (close < 0) {
              // A quote left open: for the full reader at the end of the file, else for the next window.
              if (last) return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
              at = recordOut;
              break window;
            }
            const content = text.slice(cellStart + 1, close);
            if (content.indexOf('\r') >= 0)
              return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
            let lineFeed = content.indexOf('\n');
            const multiLine = lineFeed >= 0;
            while (lineFeed >= 0) {
              recordLines++;
              lineFeed = content.indexOf('\n', lineFeed + 1);
            }
            const decoded =
              ascii || !ABOVE_ASCII.test(content)
                ? content
                : bytes.utf8Slice(base + cellStart + 1, base + close);
            value = escaped ? decoded.replaceAll('""', '"') : decoded;
            const shown = sanitize && mayNeedNeutralising(value.charCodeAt(0)) ? safe(value) : value;
            // Written quoted again exactly when it holds a quote, a comma or a line break, and is unchanged.
            if (!(escaped || multiLine || content.indexOf(',') >= 0) || shown !== value)
              rewrite = csvCell(shown);
            valueEnd = close + 1;
            cellEnd = close + 1;
          } else {
            if (nextComma !== -1 && nextComma < cellStart) nextComma = text.indexOf(',', cellStart);
            if (nextLf !== -1 && nextLf < cellStart) nextLf = text.indexOf('\n', cellStart);
            if (nextComma < 0 && nextLf < 0 && !last) {
              at = recordOut;
              break window;
            }
            cellEnd =
              nextComma >= 0 && (nextLf < 0 || nextComma < nextLf)
                ? nextComma
                : nextLf >= 0
                  ? nextLf
                  : textLength;
            valueEnd =
              cellEnd === nextLf && cellEnd > cellStart && text.charCodeAt(cellEnd - 1) === CR
                ? cellEnd - 1
                : cellEnd;
            if (nextCr !== -1 && nextCr < cellStart) nextCr = text.indexOf('\r', cellStart);
            if (nextCr >= 0 && nextCr < valueEnd)
              return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true); // a lone CR
            if (nextQuote !== -1 && nextQuote < cellStart) nextQuote = text.indexOf('"', cellStart);
            const quoted = nextQuote >= 0 && nextQuote < valueEnd;
            const neutralise = sanitize && mayNeedNeutralising(text.charCodeAt(cellStart));
            if (quoted || neutralise || wanted[cell])
              value = cellText(bytes, text, ascii, base, cellStart, valueEnd);
            if (quoted || neutralise) {
              const shown = neutralise ? safe(value!) : value!;
              if (quoted || shown !== value) rewrite = csvCell(shown);
            }
          }
          if (blank) {
            const code = text.charCodeAt(cellStart);
            // Most cells start with a letter or digit: not blank, without making a string of them.
            if (cellStart === valueEnd || code <= 32 || code === QUOTE || code > 127) {
              if (!isBlank(value ?? cellText(bytes, text, ascii, base, cellStart, valueEnd))) blank = false;
            } else blank = false;
          }
          if (wanted[cell]) read[cell] = value!;
          if (rewrite !== undefined) {
            copy(base + copyFrom, base + cellStart);
            writeText(rewrite);
            copyFrom = valueEnd;
          }
          cell++;
          const terminator = cellEnd < textLength ? text.charCodeAt(cellEnd) : -1;
          if (terminator === COMMA) {
            cellStart = cellEnd + 1;
            continue;
          }
          if (!last && (terminator === -1 || (terminator === CR && cellEnd + 1 >= textLength))) {
            at = recordOut;
            break window;
          }
          contentEnd = valueEnd;
          if (terminator === LF) next = cellEnd + 1;
          else if (terminator === CR) {
            if (text.charCodeAt(cellEnd + 1) !== LF)
              return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
            next = cellEnd + 2;
          } else if (terminator === -1) next = textLength;
          // Text after a closing quote.
          else return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
          break;
        }
        if (cell !== width) return stopped(out.buffer, outputAt, recordOut, records, base + pos, lines, true);
        copy(base + copyFrom, base + contentEnd);
        const result = scorer.result(read, blank);
        room(tails.bound(result));
        at = tails.write(result, out, at);
        records++;
        lines += recordLines + (next > contentEnd ? 1 : 0);
        pos = next;
      }
      // At the piece's end: every record read, or the rest needs the bytes after the piece.
      if (windowEnd === length) return stopped(out.buffer, outputAt, at, records, base + pos, lines, false);
      // The rest starts a record the window does not hold whole: the next window starts there (twice as
      // large when that record filled this one).
      if (pos === 0) windowBytes *= 2;
      base += pos;
    }
  }
}
