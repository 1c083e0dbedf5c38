// A CSV file read on several cores, in bytes (for `score` and `calibrate`): the main thread reads the file
// into buffers, cuts them into pieces of whole records (after a line feed outside quotes, found with Buffer's
// native indexOf) and hands each buffer to a worker thread without copying it (a transfer); the worker reads
// its piece and posts back what it found, which the main thread takes in the file's order. A worker that
// cannot read its piece on (whatever the full reader would refuse or word differently — or a cut that fell
// inside a quoted cell because a quote stood inside an unquoted cell) says how far it read: the main thread
// takes that part and reads on from there with the readers of one thread, so output and messages are the same.
import { open } from 'node:fs/promises';
import { parentPort, Worker } from 'node:worker_threads';

export interface PieceMessage {
  id: number;
  /** The piece's bytes: the first `length` of this buffer (transferred), the rest room for the worker. */
  buffer: ArrayBuffer;
  length: number;
}

export interface PieceReply {
  id: number;
  /** Bytes of the piece read, from its start (fewer than its length: the main thread reads on from there). */
  read: number;
  /** Line breaks in the bytes read (LF; CRLF is one). */
  lines: number;
}

/** The worker's side: `read` each piece posted, post its reply (with the buffers it names transferred). */
export function servePieces<Reply extends PieceReply>(
  read: (buffer: ArrayBuffer, length: number) => { reply: Omit<Reply, 'id'>; transfer: ArrayBuffer[] },
): void {
  parentPort!.on('message', ({ id, buffer, length }: PieceMessage) => {
    const { reply, transfer } = read(buffer, length);
    parentPort!.postMessage({ ...reply, id }, transfer);
  });
}

const QUOTE = 34;
const LF = 10;
/** Pieces sent per worker and not yet taken: enough that a worker never waits for the main thread. */
const IN_FLIGHT = 4;

/**
 * Where the last record of `bytes[0, end)` (which starts a record) ends: after its last line feed outside
 * quotes; 0 when none is.
 */
export function lastRecordEnd(bytes: Uint8Array, end = bytes.length): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  let recordEnd = 0;
  let at = 0;
  for (;;) {
    const quote = buffer.indexOf(QUOTE, at);
    const lineFeed = buffer.lastIndexOf(LF, (quote < 0 ? end : quote) - 1);
    if (lineFeed >= at) recordEnd = lineFeed + 1;
    if (quote < 0) return recordEnd;
    const close = buffer.indexOf(QUOTE, quote + 1);
    if (close < 0) return recordEnd;
    at = close + 1;
  }
}

/** The file and the workers, as a command gives them. */
export interface PieceFile {
  threads: number;
  workerScript: string;
  /** Bytes read per piece (a piece is cut at the last record end in it). */
  pieceBytes: number;
  path: string;
  /** Where the records start in the file (after the header row), and the line they start on. */
  byteOffset: number;
  line: number;
}

export interface PieceJob<Reply extends PieceReply> extends PieceFile {
  workerData: unknown;
  /** A piece's buffer holds this many times its bytes: the rest is room for what the worker writes there. */
  room: number;
  onBytes(bytes: number): void;
  /**
   * The reply for a piece (of which some bytes were read), in the file's order, with the line its piece starts on; `release`
   * gives a buffer back (once used) for later pieces.
   */
  take(reply: Reply, line: number, release: (buffer: ArrayBuffer) => void): Promise<void> | undefined;
}

/** Where the main thread reads on: the first byte a worker did not read, and its line. */
export interface TakeOver {
  byteOffset: number;
  line: number;
  /** Bytes of the file read so far (for the progress line). */
  readTo: number;
}

/**
 * Reads the file on `threads` workers. Resolves with undefined when every piece was read whole, else with
 * where the main thread reads on.
 */
export async function readPiecesInParallel<Reply extends PieceReply>(
  job: PieceJob<Reply>,
): Promise<TakeOver | undefined> {
  const workers = Array.from(
    { length: job.threads },
    () =>
      new Worker(job.workerScript, {
        workerData: job.workerData,
        // A small young generation: each worker's garbage is short-lived, and peak memory stays low.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      }),
  );
  const pending = workers.map(() => 0);
  const waiting = new Map<number, (reply: Reply) => void>();
  let failure: Error | undefined;
  workers.forEach((worker, index) => {
    worker.on('message', (reply: Reply) => {
      pending[index]!--;
      waiting.get(reply.id)?.(reply);
    });
    worker.on('error', (error) => {
      failure ??= error;
      for (const resolve of waiting.values()) resolve({ id: -1 } as Reply);
    });
  });
  // Pieces sent and not yet taken, in order; at most IN_FLIGHT per worker (memory stays flat).
  const inFlight: { start: number; length: number; reply: Promise<Reply> }[] = [];
  let nextId = 0;
  let line = job.line;
  const send = (bytes: Buffer, length: number, start: number) => {
    const id = nextId++;
    const reply = new Promise<Reply>((resolve) => waiting.set(id, resolve));
    // The least busy worker: pieces differ in work (long reasons, rewritten cells).
    let chosen = 0;
    for (let index = 1; index < workers.length; index++)
      if (pending[index]! < pending[chosen]!) chosen = index;
    pending[chosen]!++;
    const message: PieceMessage = { id, buffer: bytes.buffer as ArrayBuffer, length };
    workers[chosen]!.postMessage(message, [message.buffer]);
    inFlight.push({ start, length, reply });
  };
  /** Takes the oldest piece; false when it was not read whole (the main thread takes over where it stopped). */
  const takeOldest = async (): Promise<boolean> => {
    const piece = inFlight.shift()!;
    const reply = await piece.reply;
    if (failure) throw failure;
    waiting.delete(reply.id);
    if (reply.read > 0) {
      const wait = job.take(reply, line, release);
      line += reply.lines;
      if (wait) await wait;
    }
    if (reply.read === piece.length) return true;
    stoppedAt = piece.start + reply.read;
    return false;
  };

  // Buffers back from the workers, used, for the next pieces: dead buffers would otherwise pile up
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
  let stoppedAt: number | undefined; // the first byte a worker did not read
  const takeOver = (): TakeOver => ({ byteOffset: stoppedAt ?? position, line, readTo: position });
  try {
    // A buffer of its own per piece (so that it can be transferred), starting with the bytes after the
    // previous piece's cut, with room after the piece for the worker.
    let limit = job.pieceBytes; // bytes read into the buffer before it is cut
    let buffer = allocate(job.room * limit);
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
          while (inFlight.length > 0) if (!(await takeOldest())) return takeOver();
          return { byteOffset: start, line, readTo: position };
        }
        limit = filled + job.pieceBytes;
        const larger = allocate(job.room * limit);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
        continue;
      }
      limit = Math.max(job.pieceBytes, 2 * (filled - cut));
      const next = allocate(job.room * limit);
      buffer.copy(next, 0, cut, filled);
      send(buffer, cut, start);
      start += cut;
      buffer = next;
      filled -= cut;
      while (inFlight.length >= IN_FLIGHT * workers.length) if (!(await takeOldest())) return takeOver();
    }
    while (inFlight.length > 0) if (!(await takeOldest())) return takeOver();
    return undefined;
  } finally {
    await file.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
