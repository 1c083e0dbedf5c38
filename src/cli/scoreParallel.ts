// `leadscore score` on several cores, in bytes: the main thread reads the file into buffers, cuts them into
// pieces of whole records (after a line feed outside quotes, found with Buffer's native indexOf) and hands
// each buffer to a worker thread without copying it (a transfer); the worker checks and decodes its piece,
// scores it and hands back its output as bytes (scoreBytes.ts), which the main thread writes in the file's
// order. So the main thread only reads, cuts and writes, and both cores score. A piece a worker cannot read
// whole (a record for the full reader: a lone CR, a CR in a cell, a wrong number of cells, bytes that are
// not UTF-8 — or a cut that fell inside a quoted cell because a quote stood inside an unquoted cell) stops
// the workers: its records before that one are written, and the main thread reads on from that record, as
// on one thread, so the output and messages are the same.
import { open } from 'node:fs/promises';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { leadColumnIndices } from '../core/engine';
import { ByteScoreReader, lastRecordEnd } from './scoreBytes';
import { RowScorer, type RowScorerSetup } from './scoreRows';

export interface ScoreWorkerData {
  leadscoreScoreWorker: true;
  setup: RowScorerSetup;
}

interface PieceMessage {
  id: number;
  /** The piece's bytes: the first `length` of this buffer (transferred), the rest room for its output. */
  buffer: ArrayBuffer;
  length: number;
}

interface PieceResult {
  id: number;
  /** Its output: `length` bytes from `start` of this buffer (transferred). */
  output: ArrayBuffer;
  start: number;
  length: number;
  records: number;
  /** Bytes of the piece read (fewer than its length: the main thread reads on from there). */
  read: number;
  lines: number;
  leads: number;
  blankRows: number;
  bandCounts: [string, number][];
}

/** The worker's side (scoreWorker.ts): score each piece posted, post its output and tallies back. */
export function serveScorePieces(): void {
  const { setup } = workerData as ScoreWorkerData;
  const created = RowScorer.create(setup);
  if (!created.ok) throw new Error(created.problems.map((p) => p.message).join('\n'));
  const scorer = created.scorer;
  const reader = new ByteScoreReader(
    scorer,
    setup.headers.length,
    leadColumnIndices(setup.model, setup.headers),
  );
  parentPort!.on('message', ({ id, buffer, length }: PieceMessage) => {
    scorer.leads = 0;
    scorer.blankRows = 0;
    for (const band of scorer.bandCounts.keys()) scorer.bandCounts.set(band, 0);
    const read = reader.readPiece(buffer, length);
    const output = read.buffer;
    const result: PieceResult = {
      id,
      output,
      start: read.start,
      length: read.length,
      records: read.records,
      read: read.read,
      lines: read.lines,
      leads: scorer.leads,
      blankRows: scorer.blankRows,
      bandCounts: [...scorer.bandCounts],
    };
    parentPort!.postMessage(result, [output]);
  });
}

/** A piece's buffer holds this many times its bytes: the rest is room for its output (about twice). */
const OUTPUT_ROOM = 4;
/** Pieces sent per worker and not yet written: enough that a worker never waits for the main thread. */
const IN_FLIGHT = 4;

export interface ParallelScoring {
  setup: RowScorerSetup;
  scorer: RowScorer;
  threads: number;
  workerScript: string;
  /** Bytes read per piece (a piece is cut at the last record end in it). */
  pieceBytes: number;
  path: string;
  /** Where the records start in the file (after the header row), and the line they start on. */
  byteOffset: number;
  line: number;
  onBytes(bytes: number): void;
  /** Writes `bytes`; `done` is called once they are written (the buffer may then be used again). */
  write(bytes: Buffer, done: () => void): Promise<void> | undefined;
  addRows(count: number): void;
}

/** Where the main thread reads on: the first byte of a record a worker did not read, and its line. */
export interface TakeOver {
  byteOffset: number;
  line: number;
  /** Bytes of the file read so far (for the progress line). */
  readTo: number;
}

/**
 * Scores on `threads` workers. Resolves with undefined when every piece was read whole, else with where
 * the main thread reads on.
 */
export async function scoreInParallel(job: ParallelScoring): Promise<TakeOver | undefined> {
  const workers = Array.from(
    { length: job.threads },
    () =>
      new Worker(job.workerScript, {
        workerData: { leadscoreScoreWorker: true, setup: job.setup } satisfies ScoreWorkerData,
        // A small young generation: each worker's garbage is short-lived, and peak memory stays low.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      }),
  );
  const pending = workers.map(() => 0);
  const waiting = new Map<number, (result: PieceResult) => void>();
  let failure: Error | undefined;
  workers.forEach((worker, index) => {
    worker.on('message', (result: PieceResult) => {
      pending[index]!--;
      waiting.get(result.id)?.(result);
    });
    worker.on('error', (error) => {
      failure ??= error;
      for (const resolve of waiting.values()) resolve({ id: -1 } as PieceResult);
    });
  });
  // Pieces sent and not yet written, in order; at most IN_FLIGHT per worker (memory stays flat).
  const inFlight: { start: number; length: number; result: Promise<PieceResult> }[] = [];
  let nextId = 0;
  let line = job.line;
  const send = (bytes: Buffer, length: number, start: number) => {
    const id = nextId++;
    const result = new Promise<PieceResult>((resolve) => waiting.set(id, resolve));
    // The least busy worker: pieces differ in work (long reasons, rewritten cells).
    let chosen = 0;
    for (let index = 1; index < workers.length; index++)
      if (pending[index]! < pending[chosen]!) chosen = index;
    pending[chosen]!++;
    const message: PieceMessage = { id, buffer: bytes.buffer as ArrayBuffer, length };
    workers[chosen]!.postMessage(message, [message.buffer]);
    inFlight.push({ start, length, result });
  };
  /** Writes the oldest piece's output; false when it was not read whole (the main thread takes over). */
  const writeOldest = async (): Promise<boolean> => {
    const piece = inFlight.shift()!;
    const result = await piece.result;
    if (failure) throw failure;
    waiting.delete(result.id);
    const scorer = job.scorer;
    scorer.leads += result.leads;
    scorer.blankRows += result.blankRows;
    for (const [band, count] of result.bandCounts)
      scorer.bandCounts.set(band, (scorer.bandCounts.get(band) ?? 0) + count);
    line += result.lines;
    job.addRows(result.records);
    const output = result.output;
    if (result.length > 0) {
      const wait = job.write(Buffer.from(output, result.start, result.length), () => release(output));
      if (wait) await wait;
    } else release(output);
    if (result.read === piece.length) return true;
    stoppedAt = piece.start + result.read;
    return false;
  };

  // Buffers back from the workers, written, for the next pieces: dead buffers would otherwise pile up
  // (tens of MB) until the main thread, which allocates little else, collects garbage.
  const pool: ArrayBuffer[] = [];
  const release = (buffer: ArrayBuffer) => {
    if (pool.length < IN_FLIGHT * workers.length + 2) pool.push(buffer);
  };
  const allocate = (bytes: number): Buffer => {
    const found = pool.findIndex((buffer) => buffer.byteLength >= bytes);
    return found < 0 ? Buffer.allocUnsafeSlow(bytes) : Buffer.from(pool.splice(found, 1)[0]!);
  };
  const file = await open(job.path, 'r');
  let position = job.byteOffset; // next byte of the file to read
  let stoppedAt: number | undefined; // the first byte of the record a worker did not read
  const takeOver = (): TakeOver => ({ byteOffset: stoppedAt ?? position, line, readTo: position });
  try {
    // A buffer of its own per piece (so that it can be transferred), starting with the bytes after the
    // previous piece's cut, with room after the piece for its output (the worker writes it there).
    let limit = job.pieceBytes; // bytes read into the buffer before it is cut
    let buffer = allocate(OUTPUT_ROOM * limit);
    let filled = 0;
    let start = position; // file offset of buffer[0]
    for (;;) {
      const { bytesRead } = await file.read(
        buffer,
        filled,
        Math.min(limit, buffer.length) - filled,
        position,
      );
      position += bytesRead;
      filled += bytesRead;
      job.onBytes(bytesRead);
      if (bytesRead > 0 && filled < limit) continue;
      if (bytesRead === 0) {
        if (filled > 0) send(buffer, filled, start);
        break;
      }
      const cut = lastRecordEnd(buffer, filled);
      if (cut === 0) {
        // No line feed outside quotes in the whole buffer: one huge cell; the main thread reads it.
        if (filled > 64 * job.pieceBytes) {
          while (inFlight.length > 0) if (!(await writeOldest())) return takeOver();
          return { byteOffset: start, line, readTo: position };
        }
        limit = filled + job.pieceBytes;
        const larger = allocate(OUTPUT_ROOM * limit);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
        continue;
      }
      limit = Math.max(job.pieceBytes, 2 * (filled - cut));
      const next = allocate(OUTPUT_ROOM * limit);
      buffer.copy(next, 0, cut, filled);
      send(buffer, cut, start);
      start += cut;
      buffer = next;
      filled -= cut;
      while (inFlight.length >= IN_FLIGHT * workers.length) if (!(await writeOldest())) return takeOver();
    }
    while (inFlight.length > 0) if (!(await writeOldest())) return takeOver();
    return undefined;
  } finally {
    await file.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
