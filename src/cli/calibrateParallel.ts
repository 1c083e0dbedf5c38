// `leadscore calibrate` on several cores (pieceWorkers.ts): each worker reads its piece with the full reader
// (csvFast.ts) and turns each row into the facts calibration needs (core/calibration/leadFacts.ts: score,
// matched rules, outcome, value ids of the rule columns) in typed arrays, which the main thread adds to the
// stream's tallies in the file's order. A piece with anything the reader on one thread would refuse or word
// (a row with another number of cells, a quote left open, bytes that are not UTF-8) is not read whole: the
// main thread reads on from its start, with the same messages and lines.
import { isAscii, isUtf8 } from 'node:buffer';
import { threadId, workerData } from 'node:worker_threads';
import type { CalibrationStream, StreamCalibrationOptions } from '../core/calibration';
import { type LeadFacts, startLeadEvaluator } from '../core/calibration/leadFacts';
import type { Model } from '../core/model';
import { CsvParser } from './csvFast';
import {
  type PieceFile,
  type PieceReply,
  readPiecesInParallel,
  servePieces,
  type TakeOver,
} from './pieceWorkers';

/** How each worker reads records, as the main thread would. */
export interface CalibrationReading {
  model: Model;
  /** The columns kept of each record (the model's), and their headers. */
  keep: number[];
  headers: string[];
  /** Cells of a record: named columns, and of the header row (trailing unnamed columns included). */
  named: number;
  headerLength: number;
  /** Not ';' (whose decimal commas the main thread rewrites, with a note). */
  delimiter: string;
  options: StreamCalibrationOptions;
}

interface CalibrateWorkerData {
  leadscoreCalibrateWorker: true;
  reading: CalibrationReading;
}

interface CalibrationReply extends PieceReply {
  /** The worker's thread: its value and pattern ids are its own. */
  source: number;
  facts: LeadFacts | undefined;
  /** The piece's buffer, given back for later pieces. */
  input: ArrayBuffer;
}

/** The text given to the reader at a time. */
const WINDOW_BYTES = 64 * 1024;

/** A record the main thread would read otherwise (refuse it, or cut it): the piece is not read whole. */
class NotWhole extends Error {}

/** The worker's side (calibrateWorker.ts): each piece's rows as facts. */
export function serveCalibrationPieces(): void {
  const { reading } = workerData as CalibrateWorkerData;
  const { keep, named, headerLength } = reading;
  const started = startLeadEvaluator(reading.model, reading.headers, reading.options);
  if (!started.ok) throw new Error(started.problems.map((p) => p.message).join('\n'));
  const evaluator = started.evaluator;
  const row = new Array<string>(keep.length);
  servePieces<CalibrationReply>((buffer, length) => {
    const bytes = Buffer.from(buffer, 0, length);
    const notWhole = {
      reply: { read: 0, lines: 0, source: threadId, facts: undefined, input: buffer },
      transfer: [buffer],
    };
    const ascii = isAscii(bytes);
    if (!ascii && !isUtf8(bytes)) return notWhole;
    // Lines counted from 0: the main thread adds the line the piece starts on.
    const parser = new CsvParser(
      reading.delimiter,
      (cells, line) => {
        if (cells.length !== named) {
          // As the full reader: cells under trailing unnamed columns may be there, blank.
          const unnamedBlank =
            cells.length > named &&
            cells.length <= headerLength &&
            cells.slice(named).every((cell) => cell.trim() === '');
          if (!unnamedBlank) throw new NotWhole();
        }
        for (let k = 0; k < keep.length; k++) row[k] = cells[keep[k]!] ?? '';
        evaluator.evaluate(row, line);
      },
      0,
      false,
      false,
    );
    try {
      // A window of the piece at a time: a string of at most 64 KB is made in the young generation, where
      // one of the whole piece took a block of the old one each time (and the worker's memory grew).
      // ASCII is its own Latin-1: a one-byte string, made at the speed of a copy.
      for (let start = 0; start < length; ) {
        let end = Math.min(length, start + WINDOW_BYTES);
        // Not inside a character: UTF-8 continuation bytes are 10xxxxxx.
        while (!ascii && end < length && (bytes[end]! & 0xc0) === 0x80) end--;
        parser.write(bytes.toString(ascii ? 'latin1' : 'utf8', start, end));
        start = end;
      }
      parser.end();
    } catch {
      evaluator.take(true); // rows of a piece the main thread reads again
      return notWhole;
    }
    const facts = evaluator.take();
    const transfer = [
      buffer,
      ...[facts.kind, facts.score, facts.modelScore, facts.pattern, facts.cell, facts.tag, facts.values].map(
        (array) => array.buffer as ArrayBuffer,
      ),
    ];
    return {
      reply: { read: length, lines: parser.lineReached, source: threadId, facts, input: buffer },
      transfer,
    };
  });
}

export interface ParallelCalibration extends PieceFile {
  reading: CalibrationReading;
  stream: CalibrationStream;
}

/**
 * Calibrates on `threads` workers, into `stream`. Resolves with undefined when every piece was read whole,
 * else with where the main thread reads on.
 */
export function calibrateInParallel(job: ParallelCalibration): Promise<TakeOver | undefined> {
  return readPiecesInParallel<CalibrationReply>({
    threads: job.threads,
    workerScript: job.workerScript,
    workerData: { leadscoreCalibrateWorker: true, reading: job.reading } satisfies CalibrateWorkerData,
    pieceBytes: job.pieceBytes,
    room: 1,
    path: job.path,
    byteOffset: job.byteOffset,
    line: job.line,
    onBytes: () => {},
    take: (reply, line, release) => {
      job.stream.addFacts(reply.facts!, reply.source, line);
      release(reply.input);
      return undefined;
    },
  });
}
