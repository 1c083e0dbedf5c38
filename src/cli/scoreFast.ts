// The fast reader of `leadscore score` for comma-separated files: it finds cells with indexOf instead of
// a character at a time, makes strings only of the cells the model reads, and copies every other span of a
// record to the output as it stands, re-writing only a cell whose written form would differ (a quoted cell
// that needs no quotes, a quote inside an unquoted cell, a cell to neutralise). Anything unusual — a lone
// CR, a CR inside quotes, text after a closing quote, a record with another number of cells than the
// header, an open quote at the end of the file — is handed over, from the start of its record, to the full
// reader (csvInput.ts), which reads the rest of the file with every check and message.
import { isBlank } from '../core/cells';
import { csvCell } from './csvFast';
import type { RowScorer } from './scoreRows';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** First characters neutraliseCell may change (= + - @ tab; CR never reaches it here). */
function mayNeedNeutralising(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9;
}

export interface FastRead {
  /** Output lines of the records read. */
  output: string;
  /** Records read (blank rows included). */
  records: number;
  /** Where reading stopped: the start of the first record not read. */
  stop: number;
  /** Line breaks before `stop`. */
  lines: number;
  /** The record at `stop` is for the full reader (with the rest of the file). */
  handOver: boolean;
}

export class FastScoreReader {
  private readonly wanted: boolean[];
  private readonly blankRow: string[];

  constructor(
    private readonly scorer: RowScorer,
    /** Cells per record (the header's named columns). */
    private readonly width: number,
    /** Positions of the cells the model reads. */
    readColumns: readonly number[],
  ) {
    this.wanted = Array.from({ length: width }, (_, index) => readColumns.includes(index));
    this.blankRow = new Array<string>(width).fill('');
  }

  /**
   * Reads the complete records of `text` (which starts a record). Unless `final`, a record that `text` may
   * not hold whole is left for the next call (with more text after it).
   */
  read(text: string, final: boolean): FastRead {
    const scorer = this.scorer;
    const safe = scorer.safe;
    const wanted = this.wanted;
    const width = this.width;
    const length = text.length;
    const output: string[] = [];
    let lines = 0;
    let records = 0;
    let pos = 0;
    // Next comma, line feed, quote and CR at or after the cell being read (-1: none left in the text).
    let nextComma = -2;
    let nextLf = -2;
    let nextQuote = -2;
    let nextCr = -2;
    const stopped = (handOver: boolean): FastRead => ({
      output: output.join(''),
      records,
      stop: pos,
      lines,
      handOver,
    });

    while (pos < length) {
      const first = text.charCodeAt(pos);
      if (first === LF) {
        pos++;
        lines++;
        continue; // an empty line: skipped
      }
      if (first === CR) {
        if (pos + 1 >= length && !final) return stopped(false);
        if (text.charCodeAt(pos + 1) !== LF) return stopped(true);
        pos += 2;
        lines++;
        continue;
      }
      const read = this.blankRow.slice();
      let blank = true;
      let rewritten = ''; // output of the record so far, up to copyFrom
      let copyFrom = pos;
      let cell = 0;
      let at = pos;
      let recordLines = 0;
      let contentEnd: number; // end of the record's last cell
      let next: number; // start of the next record
      for (;;) {
        if (cell >= width) return stopped(true);
        let value: string | undefined;
        let rewrite: string | undefined;
        let valueEnd: number;
        let cellEnd: number; // where the cell's terminator (or the end of the text) is
        if (text.charCodeAt(at) === QUOTE) {
          let from = at + 1;
          let escaped = false;
          let close: number;
          for (;;) {
            const quote = text.indexOf('"', from);
            if (quote < 0) return stopped(final);
            if (quote + 1 >= length && !final) return stopped(false);
            if (text.charCodeAt(quote + 1) === QUOTE) {
              escaped = true;
              from = quote + 2;
              continue;
            }
            close = quote;
            break;
          }
          const content = text.slice(at + 1, close);
          if (content.indexOf('\r') >= 0) return stopped(true);
          let lineFeed = content.indexOf('\n');
          const multiLine = lineFeed >= 0;
          while (lineFeed >= 0) {
            recordLines++;
            lineFeed = content.indexOf('\n', lineFeed + 1);
          }
          value = escaped ? content.replaceAll('""', '"') : content;
          const shown = safe(value);
          // Written quoted again exactly when it holds a quote, a comma or a line break, and is unchanged.
          if (!(escaped || multiLine || content.indexOf(',') >= 0) || shown !== value)
            rewrite = csvCell(shown);
          valueEnd = close + 1;
          cellEnd = close + 1;
        } else {
          if (nextComma !== -1 && nextComma < at) nextComma = text.indexOf(',', at);
          if (nextLf !== -1 && nextLf < at) nextLf = text.indexOf('\n', at);
          if (nextComma < 0 && nextLf < 0 && !final) return stopped(false);
          cellEnd =
            nextComma >= 0 && (nextLf < 0 || nextComma < nextLf) ? nextComma : nextLf >= 0 ? nextLf : length;
          valueEnd =
            cellEnd === nextLf && cellEnd > at && text.charCodeAt(cellEnd - 1) === CR ? cellEnd - 1 : cellEnd;
          if (nextCr !== -1 && nextCr < at) nextCr = text.indexOf('\r', at);
          if (nextCr >= 0 && nextCr < valueEnd) return stopped(true); // a lone CR
          if (nextQuote !== -1 && nextQuote < at) nextQuote = text.indexOf('"', at);
          const quoted = nextQuote >= 0 && nextQuote < valueEnd;
          if (quoted || wanted[cell] || mayNeedNeutralising(text.charCodeAt(at)))
            value = text.slice(at, valueEnd);
          if (value !== undefined) {
            const shown = safe(value);
            if (quoted || shown !== value) rewrite = csvCell(shown);
          }
        }
        if (blank) {
          const code = text.charCodeAt(at);
          // Most cells start with a letter or digit: not blank, without making a string of them.
          if (at === valueEnd || code <= 32 || code === QUOTE || code > 127) {
            if (!isBlank(value ?? text.slice(at, valueEnd))) blank = false;
          } else blank = false;
        }
        if (wanted[cell]) read[cell] = value!;
        if (rewrite !== undefined) {
          rewritten += text.slice(copyFrom, at) + rewrite;
          copyFrom = valueEnd;
        }
        cell++;
        const terminator = cellEnd < length ? text.charCodeAt(cellEnd) : -1;
        if (terminator === COMMA) {
          at = cellEnd + 1;
          continue;
        }
        contentEnd = valueEnd;
        if (terminator === LF) next = cellEnd + 1;
        else if (terminator === CR) {
          if (cellEnd + 1 >= length && !final) return stopped(false);
          if (text.charCodeAt(cellEnd + 1) !== LF) return stopped(true);
          next = cellEnd + 2;
        } else if (terminator === -1) {
          if (!final) return stopped(false);
          next = length;
        } else return stopped(true); // text after a closing quote
        break;
      }
      if (cell !== width) return stopped(true);
      const line = rewritten + text.slice(copyFrom, contentEnd);
      output.push(line + scorer.tail(read, blank));
      records++;
      lines += recordLines + (next > contentEnd ? 1 : 0);
      pos = next;
    }
    return stopped(false);
  }
}
